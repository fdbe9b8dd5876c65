/** Skolverket's rule: no result based on fewer than 10 persons. */
export const DEFAULT_K = 10;
/** Below 3 a published count identifies too directly; a smaller configured k is raised to this. */
export const MIN_K = 3;

/**
 * The threshold actually used. A configured k below MIN_K is clamped up to MIN_K rather than rejected,
 * so a mistyped setting makes a report stricter instead of breaking it; a fractional k is rounded up and
 * a missing or non-finite one falls back to DEFAULT_K.
 */
export function resolveK(k?: number): number {
	if (k === undefined || !Number.isFinite(k)) return DEFAULT_K;
	return Math.max(MIN_K, Math.ceil(k));
}
