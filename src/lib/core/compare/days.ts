import { suppressLine, type CellStatus } from '../disclosure';
import { primarySuppression, type SuppressionReason } from '../disclosure';
import { wilson } from '../stats';

/** Coarse bins of days, [from, to] inclusive; `to` null = and more. */
export const DAY_BINS: readonly { from: number; to: number | null }[] = [
	{ from: 0, to: 7 },
	{ from: 8, to: 14 },
	{ from: 15, to: 21 },
	{ from: 22, to: 28 },
	{ from: 29, to: 56 },
	{ from: 57, to: null }
];

export interface DayBin {
	from: number;
	to: number | null;
	/** Persons in the bin; null when hidden. */
	count: number | null;
	status: CellStatus;
	/** The whole bin lies within the target (days ≤ target). */
	withinTarget: boolean;
}

export interface DaysDistributionModel {
	/** Persons with a value; null when fewer than k. */
	n: number | null;
	target: number;
	bins: DayBin[];
	/** Share with at most `target` days, its Wilson interval; null when hidden. */
	within: { count: number; share: number; low: number; high: number } | null;
	/** Why the whole distribution is hidden (fewer than k persons), else null. */
	suppressed: SuppressionReason | null;
	/** Bins hidden because they are small (primary) or because they would give a small one away (secondary). */
	hiddenBins: { primary: number; secondary: number };
}

/**
 * Days per person binned, under disclosure control. Bins are counts of persons: a bin under k is hidden
 * (primary), and further bins are hidden until no hidden bin follows from the total (suppressLine). The
 * share within target is also published, which tells the sum of the bins within target and of those
 * over it: each of those two lines is checked the same way. With fewer than k persons nothing is shown.
 * The bins must split at the target (a bin ending at `target`), else the share is not shown with them.
 */
export function daysDistribution(
	values: readonly number[],
	target: number,
	options: { k: number; level?: number; bins?: readonly { from: number; to: number | null }[] }
): DaysDistributionModel {
	const k = options.k;
	const defs = options.bins ?? DAY_BINS;
	const n = values.length;
	const counts = defs.map((b) => values.filter((x) => x >= b.from && (b.to === null || x <= b.to)).length);
	const within = defs.map((b) => b.to !== null && b.to <= target);
	const small = primarySuppression({ n }, { k });
	if (small)
		return {
			n: null,
			target,
			bins: defs.map((b, i) => ({ ...b, count: null, status: 'primary', withinTarget: within[i] })),
			within: null,
			suppressed: small,
			hiddenBins: { primary: defs.length, secondary: 0 }
		};
	const status = suppressLine(counts, { k }).parts;
	const splits = defs.some((b) => b.to === target);
	if (splits) {
		// The share publishes the within-target and over-target sums: protect each as a line of its own.
		for (const side of [true, false]) {
			const idx = defs.map((_, i) => i).filter((i) => within[i] === side);
			const line = suppressLine(
				idx.map((i) => counts[i]),
				{ k, primary: idx.map((i) => status[i] !== 'shown') }
			);
			idx.forEach((i, j) => {
				if (status[i] === 'shown' && line.parts[j] !== 'shown') status[i] = 'secondary';
			});
		}
	}
	const inside = values.filter((x) => x <= target).length;
	const w = wilson(inside, n, options.level ?? 0.95);
	return {
		n,
		target,
		bins: defs.map((b, i) => ({
			...b,
			count: status[i] === 'shown' ? counts[i] : null,
			status: status[i],
			withinTarget: within[i]
		})),
		within: splits && w ? { count: inside, share: inside / n, low: w.lower, high: w.upper } : null,
		suppressed: null,
		hiddenBins: {
			primary: status.filter((s) => s === 'primary').length,
			secondary: status.filter((s) => s === 'secondary').length
		}
	};
}
