/**
 * View-model of the fund administrator's page: the fund ledger held as editable rows, the
 * portfolio at an "as of" date, plan-versus-actual series, and the savings model's input built from
 * a small form. Plain TypeScript over the finance core; no Svelte.
 */
import Papa from 'papaparse';
import {
	COMPUTED,
	hasErrors,
	input,
	ledgerToCsv,
	parseLedger,
	positionAt,
	repaymentSeries,
	sumOre,
	toOre,
	yearOf,
	isIsoDate,
	type AssumptionOverrides,
	type CostFlow,
	type EvidenceGrade,
	type LedgerIssue,
	type LedgerPosition,
	type Ore,
	type ParsedLedger,
	type ProjectLedger,
	type RepaymentPlan,
	type SavingsInput,
	type Trace,
	type TraceUnit
} from '../core/finance';
import { formatDate, formatNumber, formatSek, formatShare } from '../format';
import type { Language } from '../i18n';

// ---------------------------------------------------------------------------------------------
// The ledger as rows

/** Where a row came from: a line of a bundled file, or this session's editing (null). */
export interface RowOrigin {
	file: string;
	line: number;
}

/** One fund_ledger row as text fields, the way the CSV and the edit form hold it. */
export interface DraftRow {
	uid: string;
	origin: RowOrigin | null;
	project_id: string;
	date: string;
	entry: string;
	amount_sek: string;
	note: string;
	plan_version: string;
}

export type DraftFields = Omit<DraftRow, 'uid' | 'origin'>;

let uidCounter = 0;
export const newUid = (): string => `r${++uidCounter}`;

const cell = (v: unknown): string => (v == null ? '' : String(v).trim());

/** A fund_ledger.csv file's text → rows, each remembering its line in that file (header = line 1). */
export function parseLedgerCsv(text: string, file: string): DraftRow[] {
	const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
	return parsed.data.map((r, i) => ({
		uid: newUid(),
		origin: { file, line: i + 2 },
		project_id: cell(r.project_id),
		date: cell(r.date),
		entry: cell(r.entry),
		amount_sek: cell(r.amount_sek),
		note: cell(r.note),
		plan_version: cell(r.plan_version)
	}));
}

/** Rows in the fund_ledger shape, for parseLedger and ledgerToCsv. Amounts typed with spaces are accepted. */
export const ledgerRows = (rows: readonly DraftRow[]): Record<string, unknown>[] =>
	rows.map((r) => ({
		project_id: r.project_id,
		date: r.date,
		entry: r.entry,
		amount_sek: normaliseAmount(r.amount_sek),
		note: r.note,
		plan_version: r.plan_version
	}));

/** "250 000,50" → "250000,50": digit-group spaces (also no-break) are dropped. */
export const normaliseAmount = (text: string): string => text.replace(/[\s\u00a0\u202f]/g, '');

export const ledgerCsv = (rows: readonly DraftRow[]): string => ledgerToCsv(ledgerRows(rows));

export const parseDrafts = (rows: readonly DraftRow[]): ParsedLedger => parseLedger(ledgerRows(rows));

export interface Validation {
	parsed: ParsedLedger;
	errors: LedgerIssue[];
	warnings: LedgerIssue[];
	ok: boolean;
}

/** Validate a whole ledger; `ok` when it has no errors (warnings are allowed). */
export function validate(rows: readonly DraftRow[]): Validation {
	const parsed = parseDrafts(rows);
	return {
		parsed,
		errors: parsed.issues.filter((i) => i.severity === 'error'),
		warnings: parsed.issues.filter((i) => i.severity === 'warning'),
		ok: !hasErrors(parsed.issues)
	};
}

/** Line of a row in the ledger as a CSV (what the trace sources `fund_ledger.csv:N` point at). */
export const lineOf = (index: number): number => index + 2;

/** The row a `fund_ledger.csv:N` source or an issue's line points at. */
export const rowAtLine = (rows: readonly DraftRow[], line: number): DraftRow | undefined => rows[line - 2];

export type SourceRef =
	| { kind: 'line'; line: number; origin: RowOrigin | null; known: boolean }
	| { kind: 'key'; key: string }
	| { kind: 'text'; text: string };

/** Classify a trace input's source: a ledger line, an i18n key, or free text. */
export function sourceRef(source: string, rows: readonly DraftRow[]): SourceRef {
	const m = /^fund_ledger\.csv:(\d+)$/.exec(source);
	if (m) {
		const line = Number(m[1]);
		const row = rowAtLine(rows, line);
		return { kind: 'line', line, origin: row?.origin ?? null, known: row !== undefined };
	}
	if (/^(finance|fund)\.[\w.]+$/.test(source)) return { kind: 'key', key: source };
	return { kind: 'text', text: source };
}

/** Latest valid date of any row (plans included). */
export function lastLedgerDate(rows: readonly DraftRow[]): string | null {
	let last: string | null = null;
	for (const r of rows) if (isIsoDate(r.date) && (last === null || r.date > last)) last = r.date;
	return last;
}

/** Today when the ledger reaches it (e.g. plans running on), else the ledger's last date. */
export function defaultAsOf(rows: readonly DraftRow[], today: string): string {
	const last = lastLedgerDate(rows);
	return last === null || last >= today ? today : last;
}

export const todayIso = (now = new Date()): string => now.toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Portfolio

export const PORTFOLIO_SUMS = [
	'granted',
	'disbursed',
	'repaid',
	'planned',
	'variance',
	'outstanding'
] as const;
export type PortfolioSum = (typeof PORTFOLIO_SUMS)[number];

export interface Portfolio {
	asOf: string;
	positions: LedgerPosition[];
	totals: Record<PortfolioSum, { ore: Ore; trace: Trace }>;
}

const POSITION_FIELD: Record<PortfolioSum, keyof LedgerPosition> = {
	granted: 'grantedOre',
	disbursed: 'disbursedOre',
	repaid: 'repaidOre',
	planned: 'plannedOre',
	variance: 'varianceOre',
	outstanding: 'outstandingOre'
};

/** Every project's position at `asOf`, by project id, and fund totals traced back to each project. */
export function portfolioAt(parsed: ParsedLedger, asOf: string): Portfolio {
	const positions = [...parsed.projects]
		.sort((a, b) => a.projectId.localeCompare(b.projectId))
		.map((p) => positionAt(p, asOf));
	const totals = {} as Portfolio['totals'];
	for (const key of PORTFOLIO_SUMS) {
		const values = positions.map((p) => p[POSITION_FIELD[key]] as Ore);
		const ore = sumOre(values);
		totals[key] = {
			ore,
			trace: {
				formula: 'fund.formula.portfolio_sum',
				unit: 'ore',
				result: ore,
				inputs: positions.map((p, i) => input(p.projectId, values[i], 'ore', COMPUTED, p.traces[key]))
			}
		};
	}
	return { asOf, positions, totals };
}

// ---------------------------------------------------------------------------------------------
// Plan versus actual

export interface StepPoint {
	date: string;
	ore: Ore;
}

export interface PlanVsActual {
	plans: { version: number; decidedOn: string; points: StepPoint[] }[];
	/** Actual repayments up to and including the as-of date, carried flat to it. */
	actual: StepPoint[];
	grantOre: Ore;
	grantDate: string | null;
	asOf: string;
}

export function planVsActual(project: ProjectLedger, asOf: string): PlanVsActual {
	const s = repaymentSeries(project);
	const actual = s.actual.filter((p) => p.date <= asOf).map((p) => ({ date: p.date, ore: p.cumulativeOre }));
	const last = actual.at(-1);
	if (last && last.date < asOf) actual.push({ date: asOf, ore: last.ore });
	return {
		plans: s.plans.map((p) => ({
			version: p.version,
			decidedOn: p.decidedOn,
			points: p.points.map((q) => ({ date: q.date, ore: q.cumulativeOre }))
		})),
		actual,
		grantOre: sumOre(project.grants.map((g) => g.amountOre)),
		grantDate: project.grantDate,
		asOf
	};
}

/** Step value of a cumulative series on a date: the last point on or before it; null before the first. */
export function stepAt(points: readonly StepPoint[], date: string): Ore | null {
	let value: Ore | null = null;
	for (const p of points) if (p.date <= date) value = p.ore;
	return value;
}

export interface PlanVsActualRow {
	date: string;
	/** Cumulative planned per plan version, null before the plan's series starts. */
	plans: (Ore | null)[];
	/** Cumulative repaid; null after the as-of date. */
	actual: Ore | null;
}

/** The chart's numbers as table rows: every date on which any series steps. */
export function planVsActualRows(data: PlanVsActual): PlanVsActualRow[] {
	const dates = new Set<string>();
	for (const p of data.plans) for (const q of p.points) dates.add(q.date);
	for (const q of data.actual) dates.add(q.date);
	return [...dates].sort().map((date) => ({
		date,
		plans: data.plans.map((p) => stepAt(p.points, date)),
		actual: date <= data.asOf ? stepAt(data.actual, date) : null
	}));
}

// ---------------------------------------------------------------------------------------------
// Savings model input

export interface UnitCostRow {
	item: string;
	unit: string;
	cost_sek: number | string;
	price_year: number;
	source: string;
}

export interface OutcomeForm {
	/** Effect per person per year in the unit cost's units (e.g. care days avoided). */
	effectLow: number;
	effectCentral: number;
	effectHigh: number;
	persons: number;
	item: string;
	/** Optional range of the unit cost in SEK, for the tornado. */
	unitCostLow: number | null;
	unitCostHigh: number | null;
	evidenceGrade: EvidenceGrade;
	/** First year the saving counts, as years after the grant year. */
	firstYear: number;
}

export interface AssumptionValue {
	value: number;
	low: number;
	high: number;
}

export type AssumptionForm = Record<
	'deadweight' | 'attribution' | 'dropOff' | 'discountRate' | 'horizon',
	AssumptionValue
>;

export const ENTERED_SOURCE = 'fund.source.entered';

/** The grant's money leaving the fund: each disbursement a cost in its calendar year (the grants when none). */
export function costsOf(project: ProjectLedger): CostFlow[] {
	const list = project.disbursements.length > 0 ? project.disbursements : project.grants;
	return list.map((e) => ({
		year: yearOf(e.date),
		amountOre: e.amountOre,
		source: `fund_ledger.csv:${e.line}`
	}));
}

/** A savings model for one project and one outcome; null without a grant or a unit cost. */
export function savingsInput(
	project: ProjectLedger,
	outcome: OutcomeForm,
	assumptions: AssumptionForm,
	unitCosts: readonly UnitCostRow[]
): SavingsInput | null {
	const unit = unitCosts.find((u) => u.item === outcome.item);
	const cost = unit ? toOre(unit.cost_sek) : null;
	if (!project.grantDate || !unit || !cost) return null;
	const range = (x: number | null) => (x === null || !Number.isFinite(x) ? undefined : toOre(x)?.ore);
	const lowOre = range(outcome.unitCostLow);
	const highOre = range(outcome.unitCostHigh);
	const overrides: AssumptionOverrides = {};
	for (const key of ['deadweight', 'attribution', 'dropOff', 'discountRate', 'horizon'] as const)
		overrides[key] = { ...assumptions[key] };
	return {
		grantYear: yearOf(project.grantDate),
		costs: costsOf(project),
		outcomes: [
			{
				id: unit.item,
				budgetHolder: 'municipality',
				direction: 'higher_is_better',
				baseline: 0,
				project: outcome.effectCentral,
				differenceInterval: { low: outcome.effectLow, high: outcome.effectHigh },
				persons: outcome.persons,
				unitCost: {
					item: unit.item,
					costOre: cost.ore,
					priceYear: Number(unit.price_year),
					source: unit.source,
					...(lowOre !== undefined && highOre !== undefined ? { lowOre, highOre } : {})
				},
				evidenceGrade: outcome.evidenceGrade,
				firstYear: outcome.firstYear,
				source: ENTERED_SOURCE
			}
		],
		assumptions: overrides
	};
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** Öre as money: whole kronor as formatSek does, öre shown only when there are any. */
export function formatMoney(lang: Language, ore: Ore): string {
	if (ore % 100 === 0) return formatSek(lang, ore / 100);
	const n = formatNumber(lang, ore / 100, 2);
	return lang === 'sv' ? `${n}\u00a0kr` : `SEK\u00a0${n}`;
}

/** A signed amount: "+75 000 kr" / "−150 000 kr". */
export function formatSignedMoney(lang: Language, ore: Ore): string {
	if (ore === 0) return formatMoney(lang, 0);
	return (ore > 0 ? '+' : '−') + formatMoney(lang, Math.abs(ore));
}

/** A trace value by its unit; null as an en dash. */
export function formatTraceValue(lang: Language, value: number | string | null, unit: TraceUnit): string {
	if (value === null) return '–';
	if (typeof value === 'string') return unit === 'date' && isIsoDate(value) ? formatDate(lang, value) : value;
	switch (unit) {
		case 'ore':
		case 'ore_per_unit':
			return formatMoney(lang, Math.round(value));
		case 'share':
		case 'rate':
			return formatShare(lang, value, 1);
		case 'ratio':
		case 'index':
			return formatNumber(lang, value, 2);
		case 'indicator':
			return formatNumber(lang, value, Number.isInteger(value) ? 0 : 2);
		case 'persons':
		case 'years':
		case 'count':
			return formatNumber(lang, value);
		case 'year':
		case 'version':
			return String(value);
		case 'date':
			return String(value);
	}
}

// ---------------------------------------------------------------------------------------------
// Traces the finance core has no formula for: sums the page shows beyond the position's own

/** A plan version's total: the sum of its rows. */
export function planTotalTrace(plan: RepaymentPlan): Trace {
	return {
		formula: 'fund.formula.plan_total',
		unit: 'ore',
		result: plan.totalOre,
		inputs: [
			input(
				'plan_version',
				plan.version,
				'version',
				plan.revisionLine ? `fund_ledger.csv:${plan.revisionLine}` : COMPUTED
			),
			...plan.rows.map((r) => input(r.due, r.amountOre, 'ore', `fund_ledger.csv:${r.line}`))
		]
	};
}

/** Cumulative planned (one plan version) or repaid (version null) on a date: the sum of the rows up to it. */
export function cumulativeTrace(project: ProjectLedger, version: number | null, date: string): Trace {
	const items =
		version === null
			? project.repayments.map((e) => ({ date: e.date, ore: e.amountOre, line: e.line }))
			: (project.plans.find((p) => p.version === version)?.rows ?? []).map((r) => ({
					date: r.due,
					ore: r.amountOre,
					line: r.line
				}));
	const upTo = items.filter((i) => i.date <= date);
	return {
		formula: version === null ? 'fund.formula.cumulative_repaid' : 'fund.formula.cumulative_planned',
		unit: 'ore',
		result: sumOre(upTo.map((i) => i.ore)),
		inputs: [
			input('as_of', date, 'date', COMPUTED),
			...(version === null ? [] : [input('plan_version', version, 'version', COMPUTED)]),
			...upTo.map((i) => input(i.date, i.ore, 'ore', `fund_ledger.csv:${i.line}`))
		]
	};
}

/** A ledger amount typed as text → öre, or null when it is not a valid amount. */
export const amountOre = (text: string): Ore | null => toOre(normaliseAmount(text))?.ore ?? null;
