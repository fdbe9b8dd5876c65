import { checkLevel, tCrit, tP } from './distributions';
import { DEFAULT_LEVEL, type MaybeInterval, type MeanSummary } from './types';

/** Mean and sample standard deviation of raw values; null for no values (sd is 0 for one value). */
export function summarise(values: readonly number[]): MeanSummary | null {
	const n = values.length;
	if (n === 0) return null;
	const mean = values.reduce((s, v) => s + v, 0) / n;
	const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
	return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n };
}

export interface MeanInterval extends MaybeInterval {
	df: number | null;
}

/** One-sample t interval for a group mean. Null for an empty group; null bounds for n = 1. */
export function meanInterval(s: MeanSummary, level = DEFAULT_LEVEL): MeanInterval | null {
	checkLevel(level);
	if (s.n === 0) return null;
	if (s.n < 2) return { estimate: s.mean, lower: null, upper: null, level, df: null };
	const half = tCrit(level, s.n - 1) * (s.sd / Math.sqrt(s.n));
	return { estimate: s.mean, lower: s.mean - half, upper: s.mean + half, level, df: s.n - 1 };
}

export interface WelchResult extends MaybeInterval {
	/** Welch–Satterthwaite degrees of freedom. */
	df: number | null;
	t: number | null;
	/** Two-sided p-value. */
	p: number | null;
}

/**
 * Difference of means a − b by Welch's t (unequal variances). Null when a group is empty;
 * null bounds and p when a group has one person or both groups have no spread (no variance to use).
 */
export function welch(a: MeanSummary, b: MeanSummary, level = DEFAULT_LEVEL): WelchResult | null {
	checkLevel(level);
	if (a.n === 0 || b.n === 0) return null;
	const estimate = a.mean - b.mean;
	const va = (a.sd * a.sd) / a.n;
	const vb = (b.sd * b.sd) / b.n;
	const v = va + vb;
	if (a.n < 2 || b.n < 2 || !(v > 0))
		return { estimate, lower: null, upper: null, level, df: null, t: null, p: null };
	const df = (v * v) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
	const se = Math.sqrt(v);
	const half = tCrit(level, df) * se;
	const t = estimate / se;
	return { estimate, lower: estimate - half, upper: estimate + half, level, df, t, p: tP(t, df) };
}
