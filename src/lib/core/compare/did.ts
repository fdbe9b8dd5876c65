import { didMeans, didRates, didShares, summarise, type DidGroups } from '../stats';
import { verdict, type Direction, type VerdictCode } from '../stats/verdict';
import type { GroupResult } from './compare';

export type DidMethod = 'did_shares' | 'did_means' | 'did_rates';

export interface DidEstimate {
	estimate: number;
	low: number | null;
	high: number | null;
	p: number | null;
	method: DidMethod;
	verdict: VerdictCode;
	chance: boolean;
}

const SHARE_KINDS = ['share', 'share_within_target'];
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Kinds a difference-in-differences can be estimated for (means only with per-person values). */
export const didKind = (kind: string): boolean =>
	SHARE_KINDS.includes(kind) || kind === 'mean' || kind === 'rate_per_1000';

/**
 * Difference-in-differences of four groups: (project after − project before) − (comparison after −
 * comparison before), by `didShares` for shares, `didRates` for rates per 1,000 (events among the
 * persons of each group) and `didMeans` (per-person values) for means, with a
 * verdict that never says more than the interval: groups under `minN` give too_few.
 * Null when the kind has no DiD or a group lacks what the estimate needs.
 */
export function estimateDid(
	kind: string,
	direction: Direction,
	g: DidGroups<GroupResult>,
	level = 0.95,
	minN = 10
): DidEstimate | null {
	const groups = [g.projectBefore, g.projectAfter, g.comparisonBefore, g.comparisonAfter];
	if (groups.some((x) => !isNum(x.n) || x.n === 0)) return null;
	let r: { estimate: number; lower: number | null; upper: number | null; p: number | null } | null = null;
	let method: DidMethod;
	if (SHARE_KINDS.includes(kind)) {
		if (groups.some((x) => !isNum(x.numerator))) return null;
		const c = (x: GroupResult) => ({ events: x.numerator!, n: x.n! });
		r = didShares(
			{
				projectBefore: c(g.projectBefore),
				projectAfter: c(g.projectAfter),
				comparisonBefore: c(g.comparisonBefore),
				comparisonAfter: c(g.comparisonAfter)
			},
			level
		);
		method = 'did_shares';
	} else if (kind === 'rate_per_1000') {
		if (groups.some((x) => !isNum(x.numerator))) return null;
		const c = (x: GroupResult) => ({ events: x.numerator!, exposure: x.n! });
		r = didRates(
			{
				projectBefore: c(g.projectBefore),
				projectAfter: c(g.projectAfter),
				comparisonBefore: c(g.comparisonBefore),
				comparisonAfter: c(g.comparisonAfter)
			},
			level
		);
		method = 'did_rates';
	} else if (kind === 'mean') {
		const s = groups.map((x) => (x.values ? summarise(x.values) : null));
		if (s.some((x) => x === null)) return null;
		r = didMeans(
			{ projectBefore: s[0]!, projectAfter: s[1]!, comparisonBefore: s[2]!, comparisonAfter: s[3]! },
			level
		);
		method = 'did_means';
	} else return null;
	if (!r) return null;
	const v = verdict({
		difference: { estimate: r.estimate, lower: r.lower, upper: r.upper, level },
		direction,
		n: groups.map((x) => x.n!),
		minN,
		baseline: 'comparison'
	});
	const hidden = v.code === 'too_few' || v.code === 'no_data';
	return {
		estimate: r.estimate,
		low: hidden ? null : r.lower,
		high: hidden ? null : r.upper,
		p: hidden ? null : r.p,
		method,
		verdict: v.code,
		chance: v.chance
	};
}

/**
 * The two periods a DiD compares: after = `period` (or, for all years, the last period both have),
 * before = the first earlier period in which the comparison cohort and the project side (the project
 * cohort itself or its historical cohort) have persons. Null when there is no such pair.
 */
export function didPeriods(
	projectPeriods: readonly string[],
	comparisonPeriods: readonly string[],
	period: string | 'all'
): { before: string; after: string } | null {
	const common = projectPeriods.filter((p) => comparisonPeriods.includes(p)).sort();
	if (common.length < 2) return null;
	const after = period === 'all' ? common[common.length - 1] : common.includes(period) ? period : null;
	if (!after) return null;
	const before = common.find((p) => p < after);
	return before ? { before, after } : null;
}
