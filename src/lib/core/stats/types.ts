/** A point estimate with a two-sided interval at `level` (e.g. 0.95). */
export interface Interval {
	estimate: number;
	lower: number;
	upper: number;
	level: number;
}

/** As Interval, but the bounds are null when the data cannot give an interval (e.g. one person). */
export interface MaybeInterval {
	estimate: number;
	lower: number | null;
	upper: number | null;
	level: number;
}

/** Summary of a numeric outcome in one group. */
export interface MeanSummary {
	mean: number;
	/** Sample standard deviation (denominator n − 1). */
	sd: number;
	n: number;
}

/** Events among n persons. */
export interface ShareCount {
	events: number;
	n: number;
}

export const DEFAULT_LEVEL = 0.95;
