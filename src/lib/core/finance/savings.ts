/**
 * Fiscal savings of a project's measured outcomes, in the HM Treasury / New Economy manner:
 * effect × persons × unit cost, adjusted for deadweight, attribution, optimism bias and drop-off,
 * discounted to the grant year and set against the costs.
 *
 * Conventions: the grant year is year 0 and its flows are not discounted; a flow in year t is
 * divided by (1 + r)^t. Money is rounded to the öre at each traced step: the restated unit cost,
 * the gross change, each outcome's yearly saving and each present value. The break-even effect is
 * solved on the unrounded model, which is linear in the effect.
 */
import {
	withDefaults,
	type AssumptionOverrides,
	type Assumptions,
	type EvidenceGrade,
	type GradeTable
} from './assumptions';
import { roundOre, sumOre, type Ore } from './money';
import { COMPUTED, input, trace, type Trace } from './trace';

export type Direction = 'lower_is_better' | 'higher_is_better';

export interface UnitCost {
	item: string;
	costOre: Ore;
	priceYear: number;
	source: string;
	/** Optional range for the tornado, in the same price year. */
	lowOre?: Ore;
	highOre?: Ore;
}

export interface OutcomeInput {
	id: string;
	/** Who saves: social_services, school, … */
	budgetHolder: string;
	direction: Direction;
	/** Per person per year, in the indicator's units (baseline cohort and project cohort). */
	baseline: number;
	project: number;
	/** Interval of the difference project − baseline, in the indicator's units. */
	differenceInterval?: { low: number; high: number };
	persons: number;
	unitCost: UnitCost;
	evidenceGrade: EvidenceGrade;
	/** First and last year the saving counts, as years after the grant year; default 1 and the horizon. */
	firstYear?: number;
	lastYear?: number;
	/** Where baseline and project values come from. */
	source: string;
}

export interface CostFlow {
	/** Calendar year. */
	year: number;
	amountOre: Ore;
	source: string;
}

export interface SavingsInput {
	/** Calendar year of the grant: year 0. */
	grantYear: number;
	costs: CostFlow[];
	outcomes: OutcomeInput[];
	assumptions?: AssumptionOverrides;
}

export type EffectLevel = 'low' | 'central' | 'high';

export interface Effect {
	value: number;
	trace: Trace;
}

/** One point of the assumption space: what the model is evaluated at. */
export interface ModelSetting {
	deadweight: number;
	attribution: number;
	dropOff: number;
	discountRate: number;
	horizon: number;
	optimismBias: GradeTable;
	effects: Record<string, Effect>;
	/** Unit cost per outcome id in its own price year, before restatement. */
	unitCostsOre: Record<string, Ore>;
}

export interface ModelIssue {
	code: 'price_index_missing' | 'no_costs' | 'no_outcomes';
	outcomeId?: string;
	year?: number;
}

export interface OutcomeYear {
	offset: number;
	year: number;
	savingOre: Ore;
	trace: Trace;
}

export interface OutcomeResult {
	id: string;
	budgetHolder: string;
	effect: number;
	unitCostOre: Ore;
	/** Gross change per year: effect × persons × unit cost, before adjustments. */
	grossOre: Ore;
	years: OutcomeYear[];
	traces: { effect: Trace; unitCost: Trace; gross: Trace };
}

export interface YearResult {
	offset: number;
	year: number;
	benefitsOre: Ore;
	costsOre: Ore;
	byHolder: Record<string, Ore>;
	pvBenefitsOre: Ore;
	pvCostsOre: Ore;
	cumulativeNetOre: Ore;
	cumulativePvNetOre: Ore;
	traces: { benefits: Trace; costs: Trace; pvBenefits: Trace; pvCosts: Trace };
}

export interface Payback {
	offset: number;
	year: number;
}

export interface Evaluation {
	outcomes: OutcomeResult[];
	years: YearResult[];
	/** Undiscounted savings over the horizon per budget holder. */
	byHolder: Record<string, Ore>;
	benefitsOre: Ore;
	pvBenefitsOre: Ore;
	pvCostsOre: Ore;
	npvOre: Ore;
	bcr: number | null;
	roi: number | null;
	payback: Payback | null;
	discountedPayback: Payback | null;
	traces: {
		pvBenefits: Trace;
		pvCosts: Trace;
		npv: Trace;
		bcr: Trace;
		roi: Trace;
		payback: Trace;
		discountedPayback: Trace;
	};
}

export interface BreakEven {
	outcomeId: string;
	/** Effect (in the indicator's units, improvement positive) at which NPV = 0; null if it cannot move NPV. */
	effect: number | null;
	/** The project cohort's value that effect corresponds to. */
	projectValue: number | null;
	trace: Trace;
}

export interface SavingsResult {
	assumptions: Assumptions;
	central: Evaluation;
	/** Every outcome's effect at the low / high end of its interval. */
	low: Evaluation;
	high: Evaluation;
	breakEven: BreakEven[];
	issues: ModelIssue[];
}

const sign = (o: OutcomeInput) => (o.direction === 'lower_is_better' ? -1 : 1);

/** Improvement per person: baseline − project when lower is better, project − baseline otherwise. */
export function effectOf(o: OutcomeInput, level: EffectLevel): Effect {
	const s = sign(o);
	if (level === 'central' || !o.differenceInterval) {
		const value = s * (o.project - o.baseline);
		return {
			value,
			trace: trace(`effect_${o.direction}`, value, 'indicator', [
				input('baseline', o.baseline, 'indicator', o.source),
				input('project', o.project, 'indicator', o.source)
			])
		};
	}
	const bounds = [s * o.differenceInterval.low, s * o.differenceInterval.high];
	const value = level === 'low' ? Math.min(...bounds) : Math.max(...bounds);
	const bound = s * value;
	return {
		value,
		trace: trace(`effect_interval_${o.direction}`, value, 'indicator', [
			input('difference_bound', bound, 'indicator', o.source)
		])
	};
}

export function settingAt(input: SavingsInput, assumptions: Assumptions, level: EffectLevel): ModelSetting {
	return {
		deadweight: assumptions.deadweight.value,
		attribution: assumptions.attribution.value,
		dropOff: assumptions.dropOff.value,
		discountRate: assumptions.discountRate.value,
		horizon: assumptions.horizon.value,
		optimismBias: assumptions.optimismBias.byGrade,
		effects: Object.fromEntries(input.outcomes.map((o) => [o.id, effectOf(o, level)])),
		unitCostsOre: Object.fromEntries(input.outcomes.map((o) => [o.id, o.unitCost.costOre]))
	};
}

function restatedUnitCost(
	o: OutcomeInput,
	costOre: Ore,
	a: Assumptions,
	issues: ModelIssue[]
): { ore: Ore; trace: Trace } {
	const { table, targetYear, source } = a.priceIndex;
	const from = table[o.unitCost.priceYear];
	const to = targetYear === null ? undefined : table[targetYear];
	const restate = targetYear !== null && targetYear !== o.unitCost.priceYear;
	if (restate && (from === undefined || to === undefined)) {
		const year = from === undefined ? o.unitCost.priceYear : targetYear;
		if (!issues.some((i) => i.code === 'price_index_missing' && i.outcomeId === o.id))
			issues.push({ code: 'price_index_missing', outcomeId: o.id, year });
	}
	const factor = restate && from !== undefined && to !== undefined ? to / from : 1;
	const ore = roundOre(costOre * factor);
	return {
		ore,
		trace: trace('unit_cost_restated', ore, 'ore_per_unit', [
			input('unit_cost', costOre, 'ore_per_unit', o.unitCost.source),
			input('price_year', o.unitCost.priceYear, 'year', o.unitCost.source),
			input('target_year', restate ? targetYear : o.unitCost.priceYear, 'year', source),
			input('index_target', restate ? (to ?? null) : 1, 'index', source),
			input('index_price_year', restate ? (from ?? null) : 1, 'index', source)
		])
	};
}

const adjustmentInputs = (s: ModelSetting, a: Assumptions, grade: EvidenceGrade) => [
	input('deadweight', s.deadweight, 'share', a.deadweight.source),
	input('attribution', s.attribution, 'share', a.attribution.source),
	input('optimism_bias', s.optimismBias[grade], 'share', a.optimismBias.source),
	input('evidence_grade', grade, 'count', a.optimismBias.source),
	input('drop_off', s.dropOff, 'rate', a.dropOff.source)
];

/** Benefit years of an outcome under a setting: offsets from its first year to min(last, horizon). */
function benefitYears(o: OutcomeInput, horizon: number): number[] {
	const first = o.firstYear ?? 1;
	const last = Math.min(o.lastYear ?? horizon, Math.floor(horizon));
	const years: number[] = [];
	for (let t = first; t <= last; t++) years.push(t);
	return years;
}

const adjustment = (s: ModelSetting, grade: EvidenceGrade, faded: number) =>
	(1 - s.deadweight) * s.attribution * (1 - s.optimismBias[grade]) * (1 - s.dropOff) ** faded;

const discount = (flow: number, rate: number, t: number) => flow / (1 + rate) ** t;

function paybackFrom(
	years: YearResult[],
	pick: (y: YearResult) => Ore,
	hasCosts: boolean,
	formula: 'payback' | 'discounted_payback'
): { payback: Payback | null; trace: Trace } {
	let at: YearResult | null = null;
	if (hasCosts) for (let i = years.length - 1; i >= 0 && pick(years[i]) >= 0; i--) at = years[i];
	const previous = at ? years[years.indexOf(at) - 1] : undefined;
	const payback = at ? { offset: at.offset, year: at.year } : null;
	return {
		payback,
		trace: trace(formula, payback?.year ?? null, 'year', [
			input('cumulative_before', previous ? pick(previous) : null, 'ore', COMPUTED),
			input('cumulative_at', at ? pick(at) : null, 'ore', COMPUTED),
			input('years_after_grant', payback?.offset ?? null, 'years', COMPUTED)
		])
	};
}

/** The model at one point of the assumption space. */
export function evaluate(
	model: SavingsInput,
	a: Assumptions,
	s: ModelSetting,
	issues: ModelIssue[] = []
): Evaluation {
	const r = s.discountRate;
	const outcomes: OutcomeResult[] = model.outcomes.map((o) => {
		const effect = s.effects[o.id];
		const unitCost = restatedUnitCost(o, s.unitCostsOre[o.id], a, issues);
		const grossOre = roundOre(effect.value * o.persons * unitCost.ore);
		const gross = trace('gross', grossOre, 'ore', [
			input('effect', effect.value, 'indicator', o.source, effect.trace),
			input('persons', o.persons, 'persons', o.source),
			input('unit_cost', unitCost.ore, 'ore_per_unit', o.unitCost.source, unitCost.trace)
		]);
		const first = o.firstYear ?? 1;
		const years = benefitYears(o, s.horizon).map((t) => {
			const savingOre = roundOre(grossOre * adjustment(s, o.evidenceGrade, t - first));
			return {
				offset: t,
				year: model.grantYear + t,
				savingOre,
				trace: trace('net_saving', savingOre, 'ore', [
					input('gross', grossOre, 'ore', COMPUTED, gross),
					...adjustmentInputs(s, a, o.evidenceGrade),
					input('years_faded', t - first, 'years', COMPUTED)
				])
			};
		});
		return {
			id: o.id,
			budgetHolder: o.budgetHolder,
			effect: effect.value,
			unitCostOre: unitCost.ore,
			grossOre,
			years,
			traces: { effect: effect.trace, unitCost: unitCost.trace, gross }
		};
	});

	const costOffsets = model.costs.map((c) => c.year - model.grantYear);
	const lastOffset = Math.max(
		Math.floor(s.horizon),
		...costOffsets,
		...outcomes.flatMap((o) => o.years.map((y) => y.offset))
	);
	const firstOffset = Math.min(0, ...costOffsets);
	const years: YearResult[] = [];
	let cumulative = 0;
	let cumulativePv = 0;
	for (let t = firstOffset; t <= lastOffset; t++) {
		const savings = outcomes.flatMap((o) => o.years.filter((y) => y.offset === t).map((y) => ({ o, y })));
		const costs = model.costs.filter((c) => c.year - model.grantYear === t);
		const benefitsOre = sumOre(savings.map(({ y }) => y.savingOre));
		const costsOre = sumOre(costs.map((c) => c.amountOre));
		const byHolder: Record<string, Ore> = {};
		for (const { o, y } of savings) byHolder[o.budgetHolder] = (byHolder[o.budgetHolder] ?? 0) + y.savingOre;
		const benefits = trace(
			'sum_outcomes',
			benefitsOre,
			'ore',
			savings.map(({ o, y }) => input(o.id, y.savingOre, 'ore', COMPUTED, y.trace))
		);
		const costTrace = trace(
			'sum_costs',
			costsOre,
			'ore',
			costs.map((c) => input(String(c.year), c.amountOre, 'ore', c.source))
		);
		const pv = (flow: Trace) => {
			const value = roundOre(discount(flow.result ?? 0, r, t));
			return trace('present_value', value, 'ore', [
				input('flow', flow.result, 'ore', COMPUTED, flow),
				input('discount_rate', r, 'rate', a.discountRate.source),
				input('year', t, 'years', COMPUTED)
			]);
		};
		const pvBenefits = pv(benefits);
		const pvCosts = pv(costTrace);
		cumulative += benefitsOre - costsOre;
		cumulativePv += pvBenefits.result! - pvCosts.result!;
		years.push({
			offset: t,
			year: model.grantYear + t,
			benefitsOre,
			costsOre,
			byHolder,
			pvBenefitsOre: pvBenefits.result!,
			pvCostsOre: pvCosts.result!,
			cumulativeNetOre: cumulative,
			cumulativePvNetOre: cumulativePv,
			traces: { benefits, costs: costTrace, pvBenefits, pvCosts }
		});
	}

	const sumPv = (key: 'pvBenefits' | 'pvCosts') => {
		const value = sumOre(years.map((y) => y.traces[key].result!));
		return trace(
			`sum_${key === 'pvBenefits' ? 'pv_benefits' : 'pv_costs'}`,
			value,
			'ore',
			years.map((y) => input(String(y.year), y.traces[key].result, 'ore', COMPUTED, y.traces[key]))
		);
	};
	const pvBenefits = sumPv('pvBenefits');
	const pvCosts = sumPv('pvCosts');
	const pvB = pvBenefits.result!;
	const pvC = pvCosts.result!;
	const both = [
		input('pv_benefits', pvB, 'ore', COMPUTED, pvBenefits),
		input('pv_costs', pvC, 'ore', COMPUTED, pvCosts)
	];
	const bcr = pvC === 0 ? null : pvB / pvC;
	const roi = pvC === 0 ? null : (pvB - pvC) / pvC;
	const hasCosts = years.some((y) => y.costsOre > 0);
	const undiscounted = paybackFrom(years, (y) => y.cumulativeNetOre, hasCosts, 'payback');
	const discounted = paybackFrom(years, (y) => y.cumulativePvNetOre, hasCosts, 'discounted_payback');
	const byHolder: Record<string, Ore> = {};
	for (const y of years)
		for (const [h, v] of Object.entries(y.byHolder)) byHolder[h] = (byHolder[h] ?? 0) + v;

	return {
		outcomes,
		years,
		byHolder,
		benefitsOre: sumOre(years.map((y) => y.benefitsOre)),
		pvBenefitsOre: pvB,
		pvCostsOre: pvC,
		npvOre: pvB - pvC,
		bcr,
		roi,
		payback: undiscounted.payback,
		discountedPayback: discounted.payback,
		traces: {
			pvBenefits,
			pvCosts,
			npv: trace('npv', pvB - pvC, 'ore', both),
			bcr: trace('bcr', bcr, 'ratio', both),
			roi: trace('roi', roi, 'ratio', both),
			payback: undiscounted.trace,
			discountedPayback: discounted.trace
		}
	};
}

/**
 * NPV is a + k·e in one outcome's effect e with everything else fixed, so NPV = 0 at
 * e = (PV costs − PV of the other outcomes' savings) ÷ k, k being the PV of one unit of effect.
 */
export function breakEvenEffects(model: SavingsInput, a: Assumptions, s: ModelSetting): BreakEven[] {
	const pvPerUnit = (o: OutcomeInput) => {
		const unit = restatedUnitCost(o, s.unitCostsOre[o.id], a, []).ore;
		const first = o.firstYear ?? 1;
		let k = 0;
		for (const t of benefitYears(o, s.horizon))
			k += discount(o.persons * unit * adjustment(s, o.evidenceGrade, t - first), s.discountRate, t);
		return k;
	};
	const pvCosts = model.costs.reduce(
		(sum, c) => sum + discount(c.amountOre, s.discountRate, c.year - model.grantYear),
		0
	);
	const perUnit = new Map(model.outcomes.map((o) => [o.id, pvPerUnit(o)]));
	return model.outcomes.map((o) => {
		const k = perUnit.get(o.id)!;
		const others = model.outcomes
			.filter((x) => x.id !== o.id)
			.reduce((sum, x) => sum + perUnit.get(x.id)! * s.effects[x.id].value, 0);
		const effect = k === 0 ? null : (pvCosts - others) / k;
		return {
			outcomeId: o.id,
			effect,
			projectValue: effect === null ? null : o.baseline + sign(o) * effect,
			trace: trace('break_even_effect', effect, 'indicator', [
				input('pv_costs', pvCosts, 'ore', COMPUTED),
				input('pv_other_benefits', others, 'ore', COMPUTED),
				input('pv_per_unit_effect', k, 'ore', COMPUTED),
				input('baseline', o.baseline, 'indicator', o.source)
			])
		};
	});
}

export function savingsModel(model: SavingsInput): SavingsResult {
	const a = withDefaults(model.assumptions);
	const issues: ModelIssue[] = [];
	if (model.costs.length === 0) issues.push({ code: 'no_costs' });
	if (model.outcomes.length === 0) issues.push({ code: 'no_outcomes' });
	const central = settingAt(model, a, 'central');
	return {
		assumptions: a,
		central: evaluate(model, a, central, issues),
		low: evaluate(model, a, settingAt(model, a, 'low')),
		high: evaluate(model, a, settingAt(model, a, 'high')),
		breakEven: breakEvenEffects(model, a, central),
		issues
	};
}
