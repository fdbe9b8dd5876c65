import { checkLevel, normalP, tCrit, tP, zCrit } from './distributions';
import { DEFAULT_LEVEL, type MaybeInterval, type MeanSummary, type ShareCount } from './types';

/** The four group summaries of a before/after × project/comparison design. */
export interface DidGroups<T> {
	projectBefore: T;
	projectAfter: T;
	comparisonBefore: T;
	comparisonAfter: T;
}

export interface DidResult extends MaybeInterval {
	/** Two-sided p-value for a difference-in-differences of 0; null without an interval. */
	p: number | null;
}

const order = ['projectAfter', 'projectBefore', 'comparisonAfter', 'comparisonBefore'] as const;
const sign = [1, -1, -1, 1];

/**
 * (project after − project before) − (comparison after − comparison before) for shares.
 * Normal approximation with the four variances summed, i.e. the groups are treated as independent:
 * for the same persons measured twice with positively correlated outcomes that overstates the
 * variance, so the interval errs wide. The variance and interval use the Price–Bonett (2004)
 * adjustment for a contrast of four proportions, (x + ½)/(n + 1) in each group, which keeps the
 * interval usable at 0 % and 100 %; the p-value comes from the same statistic, so p < 1 − level
 * exactly when the interval excludes 0. The estimate is the unadjusted one. Null if a group is empty.
 */
export function didShares(g: DidGroups<ShareCount>, level = DEFAULT_LEVEL): DidResult | null {
	checkLevel(level);
	const groups = order.map((k) => g[k]);
	for (const s of groups) if (s.events < 0 || s.events > s.n) throw new RangeError('events must be in 0..n');
	if (groups.some((s) => s.n === 0)) return null;
	let estimate = 0;
	let adjusted = 0;
	let variance = 0;
	groups.forEach((s, i) => {
		const p = (s.events + 0.5) / (s.n + 1);
		estimate += sign[i] * (s.events / s.n);
		adjusted += sign[i] * p;
		variance += (p * (1 - p)) / (s.n + 1);
	});
	const se = Math.sqrt(variance);
	const half = zCrit(level) * se;
	return { estimate, lower: adjusted - half, upper: adjusted + half, level, p: normalP(adjusted / se) };
}

export interface DidMeansResult extends DidResult {
	df: number | null;
}

/**
 * Difference-in-differences of means, with the four variances sd²/n summed (groups treated as
 * independent, as for shares). Small cohorts make a normal quantile too optimistic, so the interval
 * and p-value use Student's t with Welch–Satterthwaite degrees of freedom for the sum of four
 * variances. Null if a group is empty; null bounds if a group has one person or there is no spread.
 */
export function didMeans(g: DidGroups<MeanSummary>, level = DEFAULT_LEVEL): DidMeansResult | null {
	checkLevel(level);
	const groups = order.map((k) => g[k]);
	if (groups.some((s) => s.n === 0)) return null;
	const estimate = groups.reduce((sum, s, i) => sum + sign[i] * s.mean, 0);
	const v = groups.map((s) => (s.sd * s.sd) / s.n);
	const variance = v.reduce((a, b) => a + b, 0);
	if (groups.some((s) => s.n < 2) || !(variance > 0))
		return { estimate, lower: null, upper: null, level, p: null, df: null };
	const df = (variance * variance) / v.reduce((a, vi, i) => a + (vi * vi) / (groups[i].n - 1), 0);
	const se = Math.sqrt(variance);
	const half = tCrit(level, df) * se;
	return { estimate, lower: estimate - half, upper: estimate + half, level, p: tP(estimate / se, df), df };
}

/** Events and the persons (or person-years) they occurred among, for a rate. */
export interface RateCount {
	events: number;
	exposure: number;
}

/**
 * Difference-in-differences of rates per `per` (default 1,000), with Poisson variances summed over
 * the four groups (treated as independent, as for shares) and a normal interval. Each group's
 * variance uses events + ½, so a group with no events still counts as uncertain instead of exact;
 * the estimate is the unadjusted one. Null if a group has no exposure.
 */
export function didRates(g: DidGroups<RateCount>, level = DEFAULT_LEVEL, per = 1000): DidResult | null {
	checkLevel(level);
	const groups = order.map((k) => g[k]);
	for (const s of groups) if (s.events < 0) throw new RangeError('events must be ≥ 0');
	if (groups.some((s) => !(s.exposure > 0))) return null;
	let estimate = 0;
	let variance = 0;
	groups.forEach((s, i) => {
		estimate += (sign[i] * s.events * per) / s.exposure;
		variance += ((s.events + 0.5) * per * per) / (s.exposure * s.exposure);
	});
	const se = Math.sqrt(variance);
	const half = zCrit(level) * se;
	return { estimate, lower: estimate - half, upper: estimate + half, level, p: normalP(estimate / se) };
}
