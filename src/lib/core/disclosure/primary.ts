import { resolveK } from './threshold';

export type SuppressionReason = 'small_n' | 'extreme_share';

/** A published figure: a count or share over n persons (events given for a share). */
export interface DisclosureCell {
	n: number;
	events?: number;
}

export interface PrimaryOptions {
	k?: number;
	/** The outcome is sensitive (e.g. care placement, report of concern). */
	sensitive?: boolean;
	/**
	 * The smallest group in which a sensitive 0 % or 100 % share may be shown; default 2k.
	 * Such a share tells the outcome of every member of the group, so it needs a larger group than k.
	 */
	extremeMinN?: number;
}

/**
 * Why a cell must be hidden, or null when it may be shown:
 * - small_n: fewer than k persons (k default 10, clamped to at least 3);
 * - extreme_share: a sensitive outcome at 0 % or 100 % in a group of fewer than extremeMinN (2k).
 *   Group members' sensitive status is otherwise revealed by knowing only that they belong to it.
 */
export function primarySuppression(
	cell: DisclosureCell,
	options: PrimaryOptions = {}
): SuppressionReason | null {
	const k = resolveK(options.k);
	if (!(cell.n >= k)) return 'small_n';
	if (options.sensitive && cell.events !== undefined && (cell.events === 0 || cell.events === cell.n)) {
		const extremeMinN = Math.max(k, options.extremeMinN ?? 2 * k);
		if (cell.n < extremeMinN) return 'extreme_share';
	}
	return null;
}
