/**
 * View-model of the comparison page ("Did it work?"): every person-level built-in indicator with data,
 * the project cohort against its baselines (the time before the project, a concurrent comparison
 * group, national reference values), with intervals, verdicts and disclosure control applied.
 *
 * Two steps: `loadCompareData` queries the engine (once per dataset and follow-up choice);
 * `compareModel` is pure and cheap, so changing the level or the period does not re-query.
 */
import type { Engine } from '../core/engine';
import {
	BUILT_IN_INDICATORS,
	computeIndicators,
	validateDefinition,
	type IndicatorCache,
	type IndicatorDefinition,
	type IndicatorError,
	type IndicatorRow
} from '../core/indicators';
import {
	compareIndicator,
	poolPeriods,
	type CohortInfo,
	type Comparison,
	type ComparisonMethod,
	type GroupResult,
	type ReferenceValue
} from '../core/compare/compare';
import { primarySuppression, resolveK, suppressLine, type SuppressionReason } from '../core/disclosure';
import { meanInterval, medianInterval, poissonRate, summarise, wilson } from '../core/stats';
import type { BaselineKind, VerdictCode } from '../core/stats/verdict';
import type { FollowUp } from '../state/url';
import {
	personValues,
	surveyValues,
	type PersonValue,
	type SurveyValue
} from '../core/indicators/person-values';
import { didKind, didPeriods, estimateDid, type DidMethod } from '../core/compare/did';
import { standardisableKind, standardiseAgainst, type StrataDim } from '../core/compare/strata';
import { daysDistribution, type DaysDistributionModel } from '../core/compare/days';
import { compareSurveyWaves, type SurveyQuestionComparison } from '../core/compare/surveys';

const SHARE_KINDS = ['share', 'share_within_target'];
/** Kinds whose interval needs each person's value (loaded with the rows). */
const VALUE_KINDS = ['mean', 'median', 'days_between'];
/** Shown beside the other figures, not as an outcome of its own. */
export const ATTRITION_ID = 'attrition';
export const ALL = 'all';
export const NATIONAL_AREA = 'riket';

export interface CompareData {
	/** Person-level indicators with at least one cohort result (attrition excluded), library order. */
	definitions: IndicatorDefinition[];
	/** Their rows, whole cohorts only (no breakdowns). */
	rows: IndicatorRow[];
	/** The attrition indicator's rows (always intention to treat: everyone who entered). */
	attrition: IndicatorRow[];
	cohorts: CohortInfo[];
	references: (ReferenceValue & { source: string | null })[];
	errors: IndicatorError[];
	followUp: FollowUp;
	/** Per-person values by indicator id: means, medians and days always; shares and rates when standardising. */
	values: Record<string, PersonValue[]>;
	/** Whether share and rate values were loaded (the standardisation toggle). */
	standardise: boolean;
	/** Survey answers respondent by respondent (survey_score's filters applied). */
	surveys: SurveyValue[];
}

/** Everything the page needs from the engine. */
export async function loadCompareData(
	engine: Engine,
	options: {
		followUp?: FollowUp;
		asOf?: string;
		standardise?: boolean;
		/** Results of earlier calls on the same data: a changed option recomputes only what it changes. */
		cache?: IndicatorCache;
	} = {}
): Promise<CompareData> {
	const followUp = options.followUp ?? 'intention_to_treat';
	const standardise = options.standardise ?? false;
	const { rows, errors } = await computeIndicators(engine, BUILT_IN_INDICATORS, {
		asOf: options.asOf,
		population: { followUp },
		cache: options.cache
	});
	const definitions = BUILT_IN_INDICATORS.flatMap((input) => {
		const v = validateDefinition(input);
		return v.ok ? [v.definition] : [];
	});
	const personal = rows.filter((r) => r.cohort_id !== null);
	const withData = new Set(personal.filter((r) => r.n !== null && r.n > 0).map((r) => r.indicator_id));
	const values: Record<string, PersonValue[]> = {};
	for (const d of definitions) {
		if (d.id === ATTRITION_ID || !withData.has(d.id)) continue;
		if (!VALUE_KINDS.includes(d.kind) && !(standardise && standardisableKind(d.kind))) continue;
		const input = BUILT_IN_INDICATORS.find((x) => x.id === d.id);
		const r = await personValues(engine, input, { asOf: options.asOf, population: { followUp } });
		if (r.ok) values[d.id] = r.values;
		else errors.push(...r.issues.map((i) => ({ ...i, indicator_id: d.id })));
	}
	const surveyDef = definitions.find((d) => d.id === 'survey_score');
	const hasSurveys = rows.some((r) => r.indicator_id === 'survey_score');
	const surveys = surveyDef && hasSurveys ? await surveyValues(engine, surveyDef) : [];
	const cohorts = await engine.query<CohortInfo & Record<string, unknown>>(
		'SELECT cohort_id, project_id, role, label, baseline_for FROM cohorts ORDER BY cohort_id'
	);
	const references = await engine.query<ReferenceValue & { source: string | null } & Record<string, unknown>>(
		'SELECT indicator_id, area, period, value, n, source FROM reference_values ORDER BY indicator_id, period'
	);
	return {
		definitions: definitions.filter((d) => d.id !== ATTRITION_ID && withData.has(d.id)),
		rows: personal.filter((r) => r.indicator_id !== ATTRITION_ID && !r.breakdown),
		attrition: personal.filter((r) => r.indicator_id === ATTRITION_ID),
		cohorts: cohorts.map((c) => ({
			cohort_id: String(c.cohort_id),
			project_id: c.project_id == null ? null : String(c.project_id),
			role: String(c.role),
			label: c.label == null ? String(c.cohort_id) : String(c.label),
			baseline_for: c.baseline_for == null || c.baseline_for === '' ? null : String(c.baseline_for)
		})),
		references: references.map((r) => ({
			indicator_id: String(r.indicator_id),
			area: String(r.area),
			period: String(r.period),
			value: Number(r.value),
			n: r.n == null ? null : Number(r.n),
			source: r.source == null ? null : String(r.source)
		})),
		errors,
		followUp,
		values,
		standardise,
		surveys
	};
}

export type GroupRole = 'project' | 'historical' | 'comparison' | 'national';
/** How a group's interval was found, or why it has none. */
export type IntervalKind = 'wilson' | 'poisson' | 't' | 'median' | 'reference' | 'none_kind' | 'none';

/** One group's figure, after disclosure control: a suppressed figure carries no n, value or interval. */
export interface GroupFigure {
	id: string;
	label: string;
	role: GroupRole;
	/** Periods the figure covers (several when pooled). */
	periods: string[];
	n: number | null;
	numerator: number | null;
	value: number | null;
	low: number | null;
	high: number | null;
	interval: IntervalKind;
	suppressed: SuppressionReason | null;
	/** No data at all for this group in this period. */
	empty: boolean;
}

export type CompareVerdict = VerdictCode | 'suppressed';

export interface DifferenceFigure {
	baseline: GroupFigure;
	baselineKind: BaselineKind;
	/** The project figure the difference uses (for national values: the years that have one). */
	project: GroupFigure;
	difference: number | null;
	low: number | null;
	high: number | null;
	p: number | null;
	method: ComparisonMethod;
	verdict: CompareVerdict;
	chance: boolean;
	/** With standardisation on, for a cohort baseline of a share or rate: what weighting did. */
	standardisation: StandardisationFigure | null;
}

/** The baseline weighted to the project's composition (direct standardisation). */
export interface StandardisationFigure {
	/** What the strata were made of; empty when no stratification fits (the crude figures stand). */
	dims: StrataDim[];
	/** The verdict differs between crude and standardised (like with like: same normal approximation). */
	changed: boolean;
	crudeVerdict: VerdictCode;
	standardisedVerdict: VerdictCode;
	/** The baseline's standardised value (null when hidden or not computed). */
	baselineValue: number | null;
}

/** Difference-in-differences: how much more the project changed than the comparison group did. */
export interface DidFigure {
	comparison: { id: string; label: string };
	before: string;
	after: string;
	/** The four groups; the project's "before" is the project cohort itself or its historical cohort. */
	projectBefore: GroupFigure;
	projectAfter: GroupFigure;
	comparisonBefore: GroupFigure;
	comparisonAfter: GroupFigure;
	estimate: number | null;
	low: number | null;
	high: number | null;
	p: number | null;
	method: DidMethod;
	verdict: CompareVerdict;
	chance: boolean;
}

export type FindingCode =
	'clear_better' | 'clear_worse' | 'unclear' | 'too_few' | 'suppressed' | 'no_data' | 'no_baseline';

/** The plain-language title of an indicator: what the leading comparison says. */
export interface Finding {
	code: FindingCode;
	/** Direction of the point estimate (project minus baseline). */
	sign: 'higher' | 'lower' | 'same';
	baseline: BaselineKind;
}

export interface IndicatorResult {
	definition: IndicatorDefinition;
	/** The project cohort (one result per project cohort and indicator). */
	cohort_id: string;
	period: string;
	/** False when the kind cannot be pooled over years (medians, counts): choose a year instead. */
	available: boolean;
	project: GroupFigure;
	baselines: GroupFigure[];
	differences: DifferenceFigure[];
	/** The comparison the title speaks of: before the project, else a comparison group, else national. */
	lead: DifferenceFigure | null;
	finding: Finding;
	/** Difference-in-differences against each concurrent comparison group that allows one. */
	did: DidFigure[];
	/** Days indicators with a target: the distribution in bins, under disclosure control. */
	days: DaysDistributionModel | null;
}

export interface AttritionCell {
	numerator: number | null;
	value: number | null;
	low: number | null;
	high: number | null;
	suppressed: boolean;
}

export interface AttritionFigure {
	cohort_id: string;
	label: string;
	role: string;
	/** Persons who entered; null when fewer than k. */
	n: number | null;
	total: AttritionCell;
	reasons: ({ reason: string } & AttritionCell)[];
}

export interface CompareModel {
	k: number;
	level: number;
	period: string;
	results: IndicatorResult[];
	attrition: AttritionFigure[];
	/** Survey questions: baseline wave against each follow-up wave. */
	surveys: SurveyQuestionComparison[];
	/** Standardisation was asked for and the data for it is loaded. */
	standardised: boolean;
}

export interface CompareModelOptions {
	/** Confidence level 0–1 (default 0.95). */
	level?: number;
	/** 'all' (default) pools the years; otherwise one period. */
	period?: string;
	/** Disclosure threshold (default 10). */
	k?: number;
	/** Only this baseline ('all' = every one): a cohort id or the reference area. */
	baseline?: string;
	/** Weight cohort baselines to the project's age, sex and level (needs data loaded with standardise). */
	standardise?: boolean;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const ROLE_ORDER: Record<string, number> = { project: 0, historical: 1, comparison: 2, national: 3 };
const roleOf = (role: string): GroupRole =>
	role === 'project' || role === 'historical' ? role : 'comparison';

/** Periods an indicator has results for, sorted. */
export function periodsOf(data: CompareData, indicatorId: string): string[] {
	return [...new Set(data.rows.filter((r) => r.indicator_id === indicatorId).map((r) => r.period))].sort();
}

/** Per-person values of a cohort in the periods given (non-null only). */
function valuesOf(
	values: readonly PersonValue[] | undefined,
	cohortId: string,
	periods: readonly string[] | null
) {
	return (values ?? [])
		.filter(
			(v) => v.cohort_id === cohortId && v.x !== null && (periods === null || periods.includes(v.period))
		)
		.map((v) => v.x as number);
}

/**
 * Yearly rows of one indicator turned into one row per cohort for `period` (pooled for 'all'). With
 * per-person values, means and medians carry them (pooled over years: person-years), so they get intervals.
 */
function groupRows(
	kind: string,
	rows: readonly IndicatorRow[],
	period: string,
	values?: readonly PersonValue[]
): GroupResult[] | null {
	const results = rows.map((r) => ({ ...r, cohort_id: r.cohort_id! }));
	if (values && VALUE_KINDS.includes(kind)) {
		const cohorts = [
			...new Set(results.filter((r) => period === ALL || r.period === period).map((r) => r.cohort_id))
		];
		return cohorts.map((cohort_id) => {
			const xs = valuesOf(values, cohort_id, period === ALL ? null : [period]);
			const s = summarise(xs);
			const value = kind === 'mean' ? (s?.mean ?? null) : (medianInterval(xs)?.estimate ?? null);
			return { cohort_id, period, n: xs.length, numerator: null, value, values: xs };
		});
	}
	if (period !== ALL) return results.filter((r) => r.period === period);
	if (SHARE_KINDS.includes(kind)) return poolPeriods(results);
	if (kind === 'rate_per_1000') return poolPeriods(results, 1000);
	if (kind === 'mean') {
		// Person-years weighted: Σ n·mean / Σ n (no interval: the per-person values are not at hand).
		const pooled = new Map<string, { n: number; sum: number }>();
		for (const r of results) {
			if (!isNum(r.n) || !isNum(r.value) || r.n === 0) continue;
			const p = pooled.get(r.cohort_id) ?? { n: 0, sum: 0 };
			p.n += r.n;
			p.sum += r.n * r.value;
			pooled.set(r.cohort_id, p);
		}
		return [...pooled].map(([cohort_id, p]) => ({
			cohort_id,
			period: ALL,
			n: p.n,
			numerator: null,
			value: p.n ? p.sum / p.n : null
		}));
	}
	return null;
}

/** A group's figure with its interval and disclosure control. */
function figure(
	kind: string,
	r: GroupResult | undefined,
	info: { id: string; label: string; role: GroupRole; periods: string[] },
	level: number,
	k: number
): GroupFigure {
	const empty: GroupFigure = {
		...info,
		n: null,
		numerator: null,
		value: null,
		low: null,
		high: null,
		interval: 'none',
		suppressed: null,
		empty: true
	};
	if (!r || !isNum(r.n) || r.n === 0 || !isNum(r.value)) return empty;
	const share = SHARE_KINDS.includes(kind);
	const suppressed = primarySuppression(
		{ n: r.n, events: share && isNum(r.numerator) ? r.numerator : undefined },
		{ k, sensitive: share }
	);
	if (suppressed) return { ...empty, suppressed, empty: false };
	let low: number | null = null;
	let high: number | null = null;
	let interval: IntervalKind = 'none_kind';
	if (share && isNum(r.numerator)) {
		const w = wilson(r.numerator, r.n, level);
		if (w) [low, high, interval] = [w.lower, w.upper, 'wilson'];
	} else if (kind === 'rate_per_1000' && isNum(r.numerator)) {
		const p = poissonRate(r.numerator, r.n, 1000, level);
		if (p) [low, high, interval] = [p.lower, p.upper, 'poisson'];
	} else if (kind === 'mean' && r.values) {
		const m = meanInterval(summarise(r.values)!, level);
		if (m && m.lower !== null && m.upper !== null) [low, high, interval] = [m.lower, m.upper, 't'];
	} else if ((kind === 'median' || kind === 'days_between') && r.values) {
		const m = medianInterval(r.values, level);
		if (m && m.lower !== null && m.upper !== null) [low, high, interval] = [m.lower, m.upper, 'median'];
	}
	return {
		...info,
		n: r.n,
		numerator: isNum(r.numerator) ? r.numerator : null,
		value: r.value,
		low,
		high,
		interval,
		suppressed: null,
		empty: false
	};
}

function difference(c: Comparison, project: GroupFigure, baseline: GroupFigure): DifferenceFigure {
	const hidden = project.suppressed !== null || baseline.suppressed !== null;
	// too_few and no_data already carry no numbers; a suppressed group hides the difference too,
	// since the difference and the other group's value would give the hidden value back.
	const verdict: CompareVerdict =
		c.verdict === 'too_few' || c.verdict === 'no_data' ? c.verdict : hidden ? 'suppressed' : c.verdict;
	const shown = verdict !== 'suppressed' && verdict !== 'too_few' && verdict !== 'no_data';
	return {
		baseline,
		baselineKind: c.baseline_kind,
		project,
		difference: shown ? c.difference : null,
		low: shown ? c.ci_low : null,
		high: shown ? c.ci_high : null,
		p: shown ? c.p_value : null,
		method: c.method,
		verdict,
		chance: verdict === 'suppressed' ? true : c.chance,
		standardisation: null
	};
}

function findingOf(lead: DifferenceFigure | null, available: boolean): Finding {
	if (!lead) return { code: available ? 'no_baseline' : 'no_data', sign: 'same', baseline: 'before' };
	const d = lead.difference;
	const sign = !isNum(d) || Math.abs(d) < 1e-12 ? 'same' : d > 0 ? 'higher' : 'lower';
	const code: FindingCode =
		lead.verdict === 'better_clear'
			? 'clear_better'
			: lead.verdict === 'worse_clear'
				? 'clear_worse'
				: lead.verdict === 'no_clear_difference'
					? 'unclear'
					: lead.verdict;
	return { code, sign, baseline: lead.baselineKind };
}

const LEAD_ORDER: BaselineKind[] = ['before', 'comparison', 'national', 'baseline_measurement'];

/** Results for every indicator and project cohort, and attrition, at one level and period. */
export function compareModel(data: CompareData, options: CompareModelOptions = {}): CompareModel {
	const level = options.level ?? 0.95;
	const period = options.period ?? ALL;
	const k = resolveK(options.k);
	const only = options.baseline && options.baseline !== ALL ? options.baseline : null;
	const standardise = (options.standardise ?? false) && data.standardise;
	const cohortById = new Map(data.cohorts.map((c) => [c.cohort_id, c]));
	const projects = data.cohorts.filter((c) => c.role === 'project');
	const results: IndicatorResult[] = [];

	for (const def of data.definitions) {
		const rows = data.rows.filter((r) => r.indicator_id === def.id);
		const values = data.values[def.id];
		const grouped = groupRows(def.kind, rows, period, values);
		const periodsOfCohort = (id: string) =>
			period === ALL
				? [
						...new Set(rows.filter((r) => r.cohort_id === id && isNum(r.n) && r.n > 0).map((r) => r.period))
					].sort()
				: [period];
		const info = (id: string) => {
			const c = cohortById.get(id);
			return { id, label: c?.label ?? id, role: roleOf(c?.role ?? ''), periods: periodsOfCohort(id) };
		};
		const byCohort = new Map((grouped ?? []).map((g) => [g.cohort_id, g]));

		// Per period, compareIndicator finds national values itself; pooled, the national value is the
		// project-weighted mean over the years that have one, against the project in those years only.
		const refs = data.references.filter((r) => r.indicator_id === def.id && r.area === NATIONAL_AREA);
		const comparisons = grouped
			? compareIndicator(def, grouped, data.cohorts, period === ALL ? [] : refs, { level, minN: k })
			: [];

		for (const project of projects) {
			if (period !== ALL && !rows.some((r) => r.cohort_id === project.cohort_id && r.period === period))
				continue;
			if (!rows.some((r) => r.cohort_id === project.cohort_id)) continue;
			const own = figure(def.kind, byCohort.get(project.cohort_id), info(project.cohort_id), level, k);
			const baselines: GroupFigure[] = [];
			const differences: DifferenceFigure[] = [];
			for (const c of comparisons.filter((x) => x.cohort_id === project.cohort_id)) {
				if (only && c.baseline_id !== only) continue;
				if (c.baseline_kind === 'national') {
					const ref = refs.find((r) => r.period === period)!;
					const national = nationalFigure(def.id, ref.value, [period]);
					baselines.push(national);
					differences.push(difference(c, own, national));
					continue;
				}
				const base = figure(def.kind, byCohort.get(c.baseline_id), info(c.baseline_id), level, k);
				baselines.push(base);
				const diff = difference(c, own, base);
				if (standardise && values && standardisableKind(def.kind))
					standardiseDifference(diff, def, values, level, k);
				differences.push(diff);
			}
			if (period === ALL && grouped && (!only || only === NATIONAL_AREA)) {
				const pooled = pooledNational(def, rows, project.cohort_id, refs, level, k, data.cohorts, values);
				if (pooled) {
					baselines.push(pooled.national);
					differences.push(pooled.diff);
				}
			}
			baselines.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.label.localeCompare(b.label));
			const lead =
				LEAD_ORDER.flatMap((kind) => differences.filter((d) => d.baselineKind === kind))[0] ?? null;
			results.push({
				definition: def,
				cohort_id: project.cohort_id,
				period,
				available: grouped !== null,
				project: own,
				baselines,
				differences,
				lead,
				finding: findingOf(lead, grouped !== null),
				did: didFigures(def, rows, values, project, data.cohorts, period, level, k, only),
				days:
					def.kind === 'days_between' && def.target && values
						? daysDistribution(
								valuesOf(values, project.cohort_id, period === ALL ? null : [period]),
								def.target.value,
								{
									k,
									level
								}
							)
						: null
			});
		}
	}
	const surveys = compareSurveyWaves(data.surveys, {
		k,
		level,
		direction: data.definitions.find((d) => d.id === 'survey_score')?.direction
	});
	return {
		k,
		level,
		period,
		results,
		attrition: attritionFigures(data, level, k),
		surveys,
		standardised: standardise
	};
}

/**
 * Replace a cohort difference by the baseline standardised to the project's composition (the project's
 * own figure is its crude one), keeping the crude verdict beside it. The difference and its interval
 * then use the same normal approximation as the check, so the note compares like with like.
 */
function standardiseDifference(
	d: DifferenceFigure,
	def: IndicatorDefinition,
	values: readonly PersonValue[],
	level: number,
	k: number
): void {
	if (d.verdict === 'suppressed' || d.verdict === 'too_few' || d.verdict === 'no_data') return;
	const pick = (g: GroupFigure) => values.filter((v) => v.cohort_id === g.id && g.periods.includes(v.period));
	const check = standardiseAgainst(
		def.kind,
		pick(d.project),
		pick(d.baseline),
		{
			direction: def.direction,
			minN: k,
			baseline: d.baselineKind
		},
		level
	);
	if (!check) {
		d.standardisation = {
			dims: [],
			changed: false,
			crudeVerdict: d.verdict as VerdictCode,
			standardisedVerdict: d.verdict as VerdictCode,
			baselineValue: null
		};
		return;
	}
	const sd = check.standardised.difference;
	const std = check.standardised.verdict.code;
	d.standardisation = {
		dims: check.dims,
		changed: check.changed,
		crudeVerdict: check.crude.verdict.code,
		standardisedVerdict: std,
		baselineValue: sd && isNum(d.project.value) ? d.project.value - sd.estimate : null
	};
	if (!sd) return;
	d.difference = sd.estimate;
	d.low = sd.lower;
	d.high = sd.upper;
	d.p = null;
	d.verdict = std;
	d.chance = check.standardised.verdict.chance;
}

/**
 * Difference-in-differences for a project cohort against each concurrent comparison group (its own or
 * its project's): the project side "before" is the project cohort in an earlier period, or its historical
 * cohort when that has the period; see didPeriods. Every group is under disclosure control.
 */
function didFigures(
	def: IndicatorDefinition,
	rows: readonly IndicatorRow[],
	values: readonly PersonValue[] | undefined,
	project: CohortInfo,
	cohorts: readonly CohortInfo[],
	period: string,
	level: number,
	k: number,
	only: string | null
): DidFigure[] {
	if (!didKind(def.kind) || (def.kind === 'mean' && !values)) return [];
	const periodsOf = (id: string, minN = 1) =>
		[
			...new Set(rows.filter((r) => r.cohort_id === id && isNum(r.n) && r.n >= minN).map((r) => r.period))
		].sort();
	const mine = (c: CohortInfo) =>
		c.baseline_for
			? c.baseline_for === project.cohort_id
			: !c.project_id || c.project_id === project.project_id;
	const comparisons = cohorts.filter(
		(c) => c.role === 'comparison' && mine(c) && (!only || only === c.cohort_id)
	);
	const historical = cohorts.filter((c) => c.role === 'historical' && mine(c));
	const out: DidFigure[] = [];
	for (const comp of comparisons) {
		const side = (minN: number) =>
			[
				...new Set(
					[project.cohort_id, ...historical.map((h) => h.cohort_id)].flatMap((id) => periodsOf(id, minN))
				)
			].sort();
		// Prefer periods in which every group has at least k persons (chosen by size, never by outcome).
		const pair =
			didPeriods(side(k), periodsOf(comp.cohort_id, k), period) ??
			didPeriods(side(1), periodsOf(comp.cohort_id), period);
		if (!pair) continue;
		const at = (id: string, p: string): GroupResult | undefined => {
			const g = groupRows(
				def.kind,
				rows.filter((r) => r.cohort_id === id),
				p,
				values
			);
			return g?.find((x) => x.cohort_id === id);
		};
		const beforeId =
			[project.cohort_id, ...historical.map((h) => h.cohort_id)].find((id) => at(id, pair.before)?.n) ??
			project.cohort_id;
		const g = {
			projectBefore: at(beforeId, pair.before),
			projectAfter: at(project.cohort_id, pair.after),
			comparisonBefore: at(comp.cohort_id, pair.before),
			comparisonAfter: at(comp.cohort_id, pair.after)
		};
		if (!g.projectBefore || !g.projectAfter || !g.comparisonBefore || !g.comparisonAfter) continue;
		const groups = {
			projectBefore: g.projectBefore,
			projectAfter: g.projectAfter,
			comparisonBefore: g.comparisonBefore,
			comparisonAfter: g.comparisonAfter
		};
		const label = (id: string) => cohorts.find((c) => c.cohort_id === id)?.label ?? id;
		const fig = (id: string, p: string, r: GroupResult, role: GroupRole) =>
			figure(def.kind, r, { id, label: label(id), role, periods: [p] }, level, k);
		const projectBefore = fig(
			beforeId,
			pair.before,
			groups.projectBefore,
			beforeId === project.cohort_id ? 'project' : 'historical'
		);
		const projectAfter = fig(project.cohort_id, pair.after, g.projectAfter, 'project');
		const comparisonBefore = fig(comp.cohort_id, pair.before, g.comparisonBefore, 'comparison');
		const comparisonAfter = fig(comp.cohort_id, pair.after, g.comparisonAfter, 'comparison');
		const figures = [projectBefore, projectAfter, comparisonBefore, comparisonAfter];
		const e = estimateDid(def.kind, def.direction, groups, level, k);
		const hidden = figures.some((f) => f.suppressed !== null);
		const verdict: CompareVerdict = !e
			? 'no_data'
			: e.verdict === 'too_few' || e.verdict === 'no_data'
				? e.verdict
				: hidden
					? 'suppressed'
					: e.verdict;
		const shown = e !== null && verdict === e.verdict && verdict !== 'too_few' && verdict !== 'no_data';
		out.push({
			comparison: { id: comp.cohort_id, label: comp.label ?? comp.cohort_id },
			...pair,
			projectBefore,
			projectAfter,
			comparisonBefore,
			comparisonAfter,
			estimate: shown ? e.estimate : null,
			low: shown ? e.low : null,
			high: shown ? e.high : null,
			p: shown ? e.p : null,
			method:
				e?.method ??
				(def.kind === 'mean' ? 'did_means' : def.kind === 'rate_per_1000' ? 'did_rates' : 'did_shares'),
			verdict,
			chance: shown ? e.chance : true
		});
	}
	return out;
}

function nationalFigure(indicatorId: string, value: number, periods: string[]): GroupFigure {
	return {
		id: NATIONAL_AREA,
		label: NATIONAL_AREA,
		role: 'national',
		periods,
		n: null,
		numerator: null,
		value,
		low: null,
		high: null,
		interval: 'reference',
		suppressed: null,
		empty: false
	};
}

function pooledNational(
	def: IndicatorDefinition,
	rows: readonly IndicatorRow[],
	cohortId: string,
	refs: readonly ReferenceValue[],
	level: number,
	k: number,
	cohorts: readonly CohortInfo[],
	values?: readonly PersonValue[]
): { national: GroupFigure; diff: DifferenceFigure } | null {
	const refByPeriod = new Map(refs.map((r) => [r.period, r.value]));
	const covered = rows.filter(
		(r) => r.cohort_id === cohortId && refByPeriod.has(r.period) && isNum(r.n) && r.n > 0
	);
	if (!covered.length) return null;
	const periods0 = new Set(covered.map((r) => r.period));
	const pooled = groupRows(
		def.kind,
		covered,
		ALL,
		values?.filter((v) => periods0.has(v.period))
	);
	if (!pooled?.length) return null;
	const total = covered.reduce((s, r) => s + r.n!, 0);
	const value = covered.reduce((s, r) => s + r.n! * refByPeriod.get(r.period)!, 0) / total;
	const periods = covered.map((r) => r.period).sort();
	const [c] = compareIndicator(
		def,
		pooled,
		cohorts.filter((x) => x.cohort_id === cohortId),
		[{ indicator_id: def.id, area: NATIONAL_AREA, period: ALL, value, n: null }],
		{ level, minN: k }
	);
	if (!c) return null;
	const label = cohorts.find((x) => x.cohort_id === cohortId)?.label ?? cohortId;
	const project = figure(def.kind, pooled[0], { id: cohortId, label, role: 'project', periods }, level, k);
	const national = nationalFigure(def.id, value, periods);
	return { national, diff: difference(c, project, national) };
}

/** Attrition per cohort: the share who left early and each reason, hidden so no cell can be worked out. */
function attritionFigures(data: CompareData, level: number, k: number): AttritionFigure[] {
	const out: AttritionFigure[] = [];
	const cohortIds = [...new Set(data.attrition.map((r) => r.cohort_id!))];
	for (const id of cohortIds) {
		const c = data.cohorts.find((x) => x.cohort_id === id);
		const rows = data.attrition.filter((r) => r.cohort_id === id && isNum(r.n));
		const totalRow = rows.find((r) => (r.breakdown?.exit_reason ?? ALL) === ALL);
		if (!totalRow || !isNum(totalRow.n)) continue;
		const n = totalRow.n;
		const reasons = rows
			.filter((r) => r.breakdown && r.breakdown.exit_reason !== ALL)
			.sort((a, b) => String(a.breakdown!.exit_reason).localeCompare(String(b.breakdown!.exit_reason)));
		const counts = reasons.map((r) => r.numerator ?? 0);
		const primary = reasons.map(
			(r) => primarySuppression({ n, events: r.numerator ?? 0 }, { k, sensitive: true }) !== null
		);
		const line = suppressLine(counts, { k, primary });
		const small = n < k;
		const totalHidden =
			small ||
			line.total !== 'shown' ||
			primarySuppression({ n, events: totalRow.numerator ?? 0 }, { k, sensitive: true }) !== null;
		const cell = (x: number, hidden: boolean): AttritionCell => {
			if (hidden) return { numerator: null, value: null, low: null, high: null, suppressed: true };
			const w = wilson(x, n, level);
			return { numerator: x, value: x / n, low: w?.lower ?? null, high: w?.upper ?? null, suppressed: false };
		};
		out.push({
			cohort_id: id,
			label: c?.label ?? id,
			role: c?.role ?? '',
			n: small ? null : n,
			total: cell(totalRow.numerator ?? 0, totalHidden),
			reasons: reasons.map((r, i) => ({
				reason: String(r.breakdown!.exit_reason),
				...cell(r.numerator ?? 0, small || totalHidden || line.parts[i] !== 'shown')
			}))
		});
	}
	return out.sort(
		(a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || a.label.localeCompare(b.label)
	);
}

/** The suppression marker, as Kolada and Skolverket print it. */
export const SUPPRESSED = '..';

/**
 * The comparison as CSV for download: one line per group and per difference, suppressed cells as
 * `..` (never a number). Values are plain numbers (shares 0–1), so the file reads into any tool.
 */
export function compareCsv(model: CompareModel, results: readonly IndicatorResult[] = model.results): string {
	const header = [
		'indicator_id',
		'project_cohort',
		'period',
		'periods',
		'row',
		'group',
		'n',
		'value',
		'ci_low',
		'ci_high',
		'difference',
		'diff_ci_low',
		'diff_ci_high',
		'p_value',
		'verdict',
		'level'
	];
	const num = (x: number | null, hidden: boolean) => (hidden ? SUPPRESSED : x === null ? '' : String(x));
	const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
	const lines = [header.join(',')];
	for (const r of results) {
		for (const g of [r.project, ...r.baselines]) {
			const h = g.suppressed !== null;
			lines.push(
				[
					r.definition.id,
					r.cohort_id,
					r.period,
					g.periods.join(' '),
					'group',
					g.id,
					num(g.n, h),
					num(g.value, h),
					num(g.low, h),
					num(g.high, h),
					'',
					'',
					'',
					'',
					'',
					String(model.level)
				]
					.map(esc)
					.join(',')
			);
		}
		for (const d of r.differences) {
			const h = d.verdict === 'suppressed' || d.verdict === 'too_few';
			lines.push(
				[
					r.definition.id,
					r.cohort_id,
					r.period,
					d.project.periods.join(' '),
					'difference',
					d.baseline.id,
					num(d.project.n, d.project.suppressed !== null),
					'',
					'',
					'',
					num(d.difference, h),
					num(d.low, h),
					num(d.high, h),
					num(d.p, h),
					d.verdict,
					String(model.level)
				]
					.map(esc)
					.join(',')
			);
		}
	}
	for (const a of model.attrition)
		for (const [reason, cell] of [['all', a.total] as const, ...a.reasons.map((x) => [x.reason, x] as const)])
			lines.push(
				[
					ATTRITION_ID,
					a.cohort_id,
					ALL,
					'',
					`attrition:${reason}`,
					a.cohort_id,
					num(a.n, a.n === null),
					num(cell.value, cell.suppressed),
					num(cell.low, cell.suppressed),
					num(cell.high, cell.suppressed),
					'',
					'',
					'',
					'',
					'',
					String(model.level)
				]
					.map(esc)
					.join(',')
			);
	return lines.join('\n') + '\n';
}

/** The indicator shown in detail: the one asked for if it has results, else eligibility, else the first. */
export function pickIndicator(data: CompareData, wanted: string | null): string | null {
	const ids = data.definitions.map((d) => d.id);
	if (wanted && ids.includes(wanted)) return wanted;
	return ids.includes('eligible_vocational') ? 'eligible_vocational' : (ids[0] ?? null);
}
