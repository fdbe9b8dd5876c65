import { fisherExact, newcombeDiff, welch, wilson, summarise, bootstrapMedianDiff } from '../stats';
import { binomPmf, normalP, pointProbabilityP, zCrit } from '../stats/distributions';
import { verdict, type BaselineKind, type Direction, type VerdictCode } from '../stats/verdict';

/** The parts of an indicator definition a comparison needs. */
export interface ComparedIndicator {
	id: string;
	kind: string;
	direction: Direction;
}

export interface GroupResult {
	cohort_id: string;
	period: string;
	n: number | null;
	numerator: number | null;
	value: number | null;
	/** Per-person values, for means and medians (a Welch or bootstrap interval needs them). */
	values?: readonly number[];
}

export interface CohortInfo {
	cohort_id: string;
	project_id: string | null;
	role: string;
	/** The project cohort this cohort is a baseline for; empty = every project cohort of its project. */
	baseline_for?: string | null;
	label?: string;
}

/**
 * The cohorts a project cohort is compared with. A baseline that names its project cohort is compared
 * with that cohort only: a 13–18 comparison group says nothing about an 18–25 project group.
 */
export function baselineCohortsFor(project: CohortInfo, cohorts: readonly CohortInfo[]): CohortInfo[] {
	return cohorts.filter(
		(c) =>
			c.role !== 'project' &&
			(c.baseline_for
				? c.baseline_for === project.cohort_id
				: !c.project_id || !project.project_id || c.project_id === project.project_id)
	);
}

export interface ReferenceValue {
	indicator_id: string;
	area: string;
	period: string;
	value: number;
	n: number | null;
}

export interface Comparison {
	indicator_id: string;
	cohort_id: string;
	baseline_id: string;
	baseline_kind: BaselineKind;
	period: string;
	project: { n: number | null; value: number | null };
	baseline: { n: number | null; value: number | null };
	difference: number | null;
	ci_low: number | null;
	ci_high: number | null;
	p_value: number | null;
	method: ComparisonMethod;
	verdict: VerdictCode;
	chance: boolean;
}

export type ComparisonMethod =
	'newcombe_fisher' | 'welch' | 'bootstrap_median' | 'poisson_normal' | 'wilson_vs_reference' | 'none';

const SHARE_KINDS = ['share', 'share_within_target'];
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Exact two-sided binomial test of x of n against a known share p0 (points no more likely than observed). */
function binomialTest(x: number, n: number, p0: number): number {
	const probs = Array.from({ length: n + 1 }, (_, k) => binomPmf(k, n, p0));
	return pointProbabilityP(probs[x], probs);
}

interface Estimate {
	difference: number | null;
	low: number | null;
	high: number | null;
	p: number | null;
	method: ComparisonMethod;
}

const NONE: Estimate = { difference: null, low: null, high: null, p: null, method: 'none' };

/** Project minus baseline, with the interval and test that suit the indicator's kind. */
export function estimateDifference(kind: string, a: GroupResult, b: GroupResult, level = 0.95): Estimate {
	if (!isNum(a.value) || !isNum(b.value) || !isNum(a.n) || !isNum(b.n) || a.n === 0 || b.n === 0) return NONE;
	if (SHARE_KINDS.includes(kind) && isNum(a.numerator) && isNum(b.numerator)) {
		const d = newcombeDiff(a.numerator, a.n, b.numerator, b.n, level);
		const f = fisherExact(a.numerator, a.n - a.numerator, b.numerator, b.n - b.numerator);
		return d
			? { difference: d.estimate, low: d.lower, high: d.upper, p: f?.p ?? null, method: 'newcombe_fisher' }
			: NONE;
	}
	if (kind === 'mean' && a.values && b.values) {
		const sa = summarise(a.values);
		const sb = summarise(b.values);
		const w = sa && sb ? welch(sa, sb, level) : null;
		return w ? { difference: w.estimate, low: w.lower, high: w.upper, p: w.p, method: 'welch' } : NONE;
	}
	if ((kind === 'median' || kind === 'days_between') && a.values && b.values) {
		const m = bootstrapMedianDiff(a.values, b.values, { level });
		return m
			? { difference: m.estimate, low: m.lower, high: m.upper, p: null, method: 'bootstrap_median' }
			: NONE;
	}
	if (kind === 'rate_per_1000' && isNum(a.numerator) && isNum(b.numerator)) {
		// Normal approximation to the difference of two Poisson rates per 1,000 persons.
		const se = 1000 * Math.sqrt(a.numerator / (a.n * a.n) + b.numerator / (b.n * b.n));
		const d = a.value - b.value;
		const z = zCrit(level);
		const p = se > 0 ? normalP(d / se) : null;
		return { difference: d, low: d - z * se, high: d + z * se, p, method: 'poisson_normal' };
	}
	return { ...NONE, difference: a.value - b.value };
}

const baselineKindOf = (role: string): BaselineKind => (role === 'historical' ? 'before' : 'comparison');

export interface CompareOptions {
	level?: number;
	/** Groups smaller than this get "too few" and no difference (the disclosure k). */
	minN?: number;
	referenceArea?: string;
}

/**
 * Every project cohort against every baseline it has, period by period: its historical and concurrent
 * comparison cohorts (same project), and external reference values.
 */
export function compareIndicator(
	indicator: ComparedIndicator,
	results: readonly GroupResult[],
	cohorts: readonly CohortInfo[],
	references: readonly ReferenceValue[],
	options: CompareOptions = {}
): Comparison[] {
	const level = options.level ?? 0.95;
	const minN = options.minN ?? 10;
	const byCohort = new Map<string, Map<string, GroupResult>>();
	for (const r of results) {
		if (!byCohort.has(r.cohort_id)) byCohort.set(r.cohort_id, new Map());
		byCohort.get(r.cohort_id)!.set(r.period, r);
	}
	const out: Comparison[] = [];
	const push = (
		a: GroupResult,
		b: { n: number | null; value: number | null },
		baselineId: string,
		kind: BaselineKind,
		e: Estimate
	) => {
		const v = verdict({
			difference:
				e.difference === null ? null : { estimate: e.difference, lower: e.low, upper: e.high, level },
			direction: indicator.direction,
			n: [a.n ?? 0, ...(b.n === null && kind === 'national' ? [] : [b.n ?? 0])],
			minN,
			baseline: kind
		});
		const hidden = v.code === 'too_few' || v.code === 'no_data';
		out.push({
			indicator_id: indicator.id,
			cohort_id: a.cohort_id,
			baseline_id: baselineId,
			baseline_kind: kind,
			period: a.period,
			project: { n: a.n, value: a.value },
			baseline: b,
			difference: hidden ? null : e.difference,
			ci_low: hidden ? null : e.low,
			ci_high: hidden ? null : e.high,
			p_value: hidden ? null : e.p,
			method: e.method,
			verdict: v.code,
			chance: v.chance
		});
	};
	for (const project of cohorts.filter((c) => c.role === 'project')) {
		const own = byCohort.get(project.cohort_id);
		if (!own) continue;
		const baselines = baselineCohortsFor(project, cohorts);
		for (const [period, a] of own) {
			for (const base of baselines) {
				const b = byCohort.get(base.cohort_id)?.get(period);
				if (!b) continue;
				push(
					a,
					{ n: b.n, value: b.value },
					base.cohort_id,
					baselineKindOf(base.role),
					estimateDifference(indicator.kind, a, b, level)
				);
			}
			const ref = references.find(
				(r) =>
					r.indicator_id === indicator.id &&
					r.period === period &&
					r.area === (options.referenceArea ?? 'riket')
			);
			if (ref && isNum(a.value)) {
				let e: Estimate = { ...NONE, difference: a.value - ref.value };
				if (SHARE_KINDS.includes(indicator.kind) && isNum(a.numerator) && isNum(a.n)) {
					// A national figure has (practically) no sampling error: the cohort's own interval carries it all.
					const w = wilson(a.numerator, a.n, level);
					if (w)
						e = {
							difference: w.estimate - ref.value,
							low: w.lower - ref.value,
							high: w.upper - ref.value,
							p: binomialTest(a.numerator, a.n, ref.value),
							method: 'wilson_vs_reference'
						};
				}
				push(a, { n: ref.n, value: ref.value }, `${ref.area}`, 'national', e);
			}
		}
	}
	return out;
}

/**
 * Pool a share or rate indicator's periods into one 'all' row per cohort (sums of numerators and n);
 * `per` is 1 for shares and 1,000 for rates per 1,000.
 */
export function poolPeriods(results: readonly GroupResult[], per = 1): GroupResult[] {
	const pooled = new Map<string, GroupResult>();
	for (const r of results) {
		if (!isNum(r.n) || !isNum(r.numerator)) continue;
		const p = pooled.get(r.cohort_id) ?? {
			cohort_id: r.cohort_id,
			period: 'all',
			n: 0,
			numerator: 0,
			value: null
		};
		p.n! += r.n;
		p.numerator! += r.numerator;
		pooled.set(r.cohort_id, p);
	}
	for (const p of pooled.values()) p.value = p.n ? (p.numerator! / p.n) * per : null;
	return [...pooled.values()];
}
