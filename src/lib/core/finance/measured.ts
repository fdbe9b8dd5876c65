/**
 * The savings model's effects from the measured comparison: for each indicator with a unit cost,
 * the project cohort against its own baseline cohort (before the project, else a concurrent
 * comparison group), pooled over the years, with the interval of the difference.
 *
 * Units: an indicator's value per person and period (care days per person-year, a share of pupils
 * per school year, reports of concern per 1,000 person-years). The model wants an effect per person
 * and year and a number of persons a year, so
 *   effect per person  = difference × scale        (scale 1, or 1/1000 for a rate per 1,000)
 *   persons per year   = project n ÷ years covered (person-years ÷ years, pupils ÷ school years)
 * and effect × persons × unit cost is "care days avoided × cost per day", "reports avoided ×
 * handling cost", "extra eligible pupils × value per eligible pupil", each year.
 */
import type { AssumptionOverrides, EvidenceGrade } from './assumptions';
import { yearOf } from './dates';
import type { ProjectLedger } from './ledger';
import { toOre } from './money';
import type { CostFlow, OutcomeInput, SavingsInput } from './savings';

/** A difference as the comparison core gives it, in the indicator's own units. */
export interface MeasuredDifference {
	indicatorId: string;
	kind: string;
	direction: 'higher_better' | 'lower_better';
	/** The unit_costs item the indicator is priced with. */
	item: string;
	projectCohort: string;
	baselineCohort: string;
	baselineKind: 'before' | 'comparison';
	/** Periods the project figure covers (calendar or school years). */
	periods: string[];
	projectN: number;
	baselineN: number;
	projectValue: number;
	baselineValue: number;
	/** Project − baseline; null when a group is below k. */
	difference: number | null;
	low: number | null;
	high: number | null;
	/** Interval method of the comparison core (newcombe_fisher, welch, poisson_normal, …). */
	method: string;
	verdict: string;
	level: number;
}

/**
 * Indicators priced in the savings model beyond those whose definition names a unit cost: an extra
 * eligible pupil has no cost in the example datasets' unit_costs table, so the user enters one.
 */
export const EXTRA_PRICED: Readonly<Record<string, string>> = {
	eligible_vocational: 'eligible_pupil'
};

/** Who saves, by indicator: care and reports of concern in social services, eligibility in school. */
export const budgetHolderOf = (indicatorId: string): string =>
	indicatorId.startsWith('eligible') ? 'school' : 'social_services';

/** Rates per 1,000 are per 1,000 persons; everything else is per person already. */
export const perPersonScale = (kind: string): number => (kind === 'rate_per_1000' ? 1 / 1000 : 1);

/**
 * Default evidence grade for the optimism-bias haircut: a concurrent comparison group is better
 * evidence than the same population before the project (trends and other changes intervene).
 */
export const defaultGrade = (m: Pick<MeasuredDifference, 'baselineKind'>): EvidenceGrade =>
	m.baselineKind === 'comparison' ? 'B' : 'C';

export const outcomeId = (m: Pick<MeasuredDifference, 'indicatorId' | 'projectCohort'>): string =>
	`${m.indicatorId}@${m.projectCohort}`;

export interface UnitCostLike {
	item: string;
	unit?: string;
	cost_sek: number | string;
	price_year: number | string;
	source: string;
}

/** What the user may lay over a measured outcome; each replaced value is labelled an assumption. */
export interface OutcomeOverride {
	/** Effect per person and year in the indicator's units (improvement direction as the indicator's). */
	difference?: { central: number; low: number; high: number };
	persons?: number;
	evidenceGrade?: EvidenceGrade;
	/** Unit cost in SEK, with its price year, when the table has none or the user disagrees. */
	unitCostSek?: number;
	priceYear?: number;
	/** Excluded from the model. */
	excluded?: boolean;
}

export type MeasuredStatus = 'ok' | 'too_few' | 'no_unit_cost' | 'excluded';

export interface MeasuredOutcome {
	measured: MeasuredDifference;
	status: MeasuredStatus;
	/** Built outcome, when status is ok. */
	outcome: OutcomeInput | null;
	personsPerYear: number;
	/** Which values come from the user rather than from the data. */
	overridden: { effect: boolean; persons: boolean; unitCost: boolean; grade: boolean };
}

const MEASURED = 'finance.source.measured';
/** Source marker of a value the user typed over the measured or listed one. */
export const USER_ASSUMPTION = 'finance.source.user_assumption';

/** Persons a year: the project's n over the number of periods it covers. */
export const personsPerYear = (m: Pick<MeasuredDifference, 'projectN' | 'periods'>): number =>
	m.periods.length > 0 ? m.projectN / m.periods.length : m.projectN;

/** A readable source line for the measured figures: cohorts, baseline, periods, n. */
export function measuredSource(m: MeasuredDifference): string {
	const span = m.periods.length > 1 ? `${m.periods[0]}–${m.periods.at(-1)}` : (m.periods[0] ?? '');
	return `${m.indicatorId}: ${m.projectCohort} (n ${m.projectN}) − ${m.baselineCohort} (n ${m.baselineN}), ${span}, ${m.method}`;
}

/** One measured difference + unit costs + overrides → the savings model's outcome (or why not). */
export function measuredOutcome(
	m: MeasuredDifference,
	unitCosts: readonly UnitCostLike[],
	over: OutcomeOverride = {}
): MeasuredOutcome {
	const overridden = {
		effect: over.difference !== undefined,
		persons: over.persons !== undefined,
		unitCost: over.unitCostSek !== undefined,
		grade: over.evidenceGrade !== undefined
	};
	const persons = over.persons ?? personsPerYear(m);
	const base = { measured: m, outcome: null, personsPerYear: personsPerYear(m), overridden };
	if (over.excluded) return { ...base, status: 'excluded' };
	const listed = unitCosts.find((u) => u.item === m.item);
	const costSek = over.unitCostSek ?? (listed ? Number(listed.cost_sek) : null);
	const priceYear = over.priceYear ?? (listed ? Number(listed.price_year) : null);
	const cost = costSek === null ? null : toOre(costSek);
	if (!cost || priceYear === null || !Number.isFinite(priceYear)) return { ...base, status: 'no_unit_cost' };
	const scale = perPersonScale(m.kind);
	const d = over.difference;
	if (!d && m.difference === null) return { ...base, status: 'too_few' };
	const central = d ? d.central : m.difference!;
	const low = d ? d.low : (m.low ?? central);
	const high = d ? d.high : (m.high ?? central);
	const source = d ? USER_ASSUMPTION : measuredSource(m);
	// baseline and project in per-person units; an override keeps the measured baseline.
	const baseline = m.baselineValue * scale;
	return {
		...base,
		status: 'ok',
		outcome: {
			id: outcomeId(m),
			budgetHolder: budgetHolderOf(m.indicatorId),
			direction: m.direction === 'lower_better' ? 'lower_is_better' : 'higher_is_better',
			baseline,
			project: baseline + central * scale,
			// Without an interval (a kind the comparison gives none for, or no spread at all) the low and
			// high ends equal the central value, and the tornado has no bar for this effect.
			...(low !== central || high !== central
				? { differenceInterval: { low: low * scale, high: high * scale } }
				: {}),
			persons,
			unitCost: {
				item: m.item,
				costOre: cost.ore,
				priceYear,
				source: over.unitCostSek !== undefined ? USER_ASSUMPTION : (listed?.source ?? MEASURED)
			},
			evidenceGrade: over.evidenceGrade ?? defaultGrade(m),
			source
		}
	};
}

/** The measured differences of one project (its cohorts), in a stable order. */
export const measuredOfProject = (
	all: readonly MeasuredDifference[],
	projectCohorts: readonly string[]
): MeasuredDifference[] =>
	all
		.filter((m) => projectCohorts.includes(m.projectCohort))
		.sort(
			(a, b) => a.projectCohort.localeCompare(b.projectCohort) || a.indicatorId.localeCompare(b.indicatorId)
		);

/** The grant's money leaving the fund: each disbursement a cost in its calendar year (the grants when none). */
export function costsOf(project: ProjectLedger): CostFlow[] {
	const list = project.disbursements.length > 0 ? project.disbursements : project.grants;
	return list.map((e) => ({
		year: yearOf(e.date),
		amountOre: e.amountOre,
		source: `fund_ledger.csv:${e.line}`
	}));
}

/** A project's savings model from its outcomes; null without a grant or without any outcome. */
export function projectModel(
	project: ProjectLedger,
	outcomes: readonly OutcomeInput[],
	assumptions: AssumptionOverrides = {}
): SavingsInput | null {
	if (!project.grantDate || outcomes.length === 0) return null;
	return {
		grantYear: yearOf(project.grantDate),
		costs: costsOf(project),
		outcomes: [...outcomes],
		assumptions
	};
}
