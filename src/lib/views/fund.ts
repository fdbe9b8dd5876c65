/**
 * View-model of the fund administrator's page: the fund ledger held as editable rows, the
 * portfolio at an "as of" date, plan-versus-actual series, the savings model fed from the measured
 * comparison (with the user's assumptions and overrides), and the edits kept in the browser. Plain
 * TypeScript over the finance core; no Svelte.
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
	type TraceUnit,
	measuredOutcome,
	projectModel,
	type MeasuredDifference,
	type MeasuredOutcome,
	type OutcomeInput,
	type OutcomeOverride,
	type PriceIndex
} from '../core/finance';
import { costsOf as coreCostsOf } from '../core/finance/measured';
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
// Edits kept in this browser (and in the workspace file, which takes every utfall.ledger* key)

/** localStorage key of the edited ledger. */
export const LEDGER_STORAGE_KEY = 'utfall.ledger.v1';

export interface StoredLedger {
	version: 1;
	/** Signature of the files the edits were made on: edits to other files are not applied. */
	base: string;
	savedAt: string;
	rows: (DraftFields & { origin: RowOrigin | null })[];
}

/** FNV-1a over the source files' names and texts: a short signature of what was loaded. */
export function ledgerSignature(files: readonly { name: string; text: string }[]): string {
	let h = 0x811c9dc5;
	for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name)))
		for (const ch of `${f.name}\u0000${f.text}\u0000`) {
			h ^= ch.codePointAt(0)!;
			h = Math.imul(h, 0x01000193) >>> 0;
		}
	return h.toString(16).padStart(8, '0');
}

/** The ledger as stored: every row's fields and origin (uids are per session). */
export function storeLedger(rows: readonly DraftRow[], base: string, now = new Date()): StoredLedger {
	return {
		version: 1,
		base,
		savedAt: now.toISOString(),
		rows: rows.map(({ uid: _uid, ...rest }) => rest)
	};
}

const FIELDS = ['project_id', 'date', 'entry', 'amount_sek', 'note', 'plan_version'] as const;

/** Stored edits back to rows, when they were made on the same files and read cleanly; else null. */
export function restoreLedger(value: unknown, base: string): DraftRow[] | null {
	if (!value || typeof value !== 'object') return null;
	const v = value as Partial<StoredLedger>;
	if (v.version !== 1 || v.base !== base || !Array.isArray(v.rows)) return null;
	const out: DraftRow[] = [];
	for (const r of v.rows as unknown[]) {
		if (!r || typeof r !== 'object') return null;
		const o = r as Record<string, unknown>;
		if (!FIELDS.every((f) => typeof o[f] === 'string')) return null;
		const origin = o.origin as RowOrigin | null | undefined;
		const okOrigin =
			origin === null ||
			origin === undefined ||
			(typeof origin === 'object' && typeof origin.file === 'string' && typeof origin.line === 'number');
		if (!okOrigin) return null;
		out.push({
			uid: newUid(),
			origin: origin ?? null,
			...(Object.fromEntries(FIELDS.map((f) => [f, o[f] as string])) as DraftFields)
		});
	}
	return out;
}

/** Whether the rows differ from the files as loaded (fields or order). */
export function isEdited(rows: readonly DraftRow[], original: readonly DraftRow[]): boolean {
	if (rows.length !== original.length) return true;
	return rows.some((r, i) => FIELDS.some((f) => r[f] !== original[i][f]) || r.origin === null);
}

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
export const costsOf = (project: ProjectLedger): CostFlow[] => coreCostsOf(project);

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
// Savings model fed from the measured comparison

export const ASSUMPTION_KEYS = ['deadweight', 'attribution', 'dropOff', 'discountRate', 'horizon'] as const;

/** Everything the user can set on the savings model; saved with the page, not with the data. */
export interface SavingsSettings {
	/** Shares as 0–1, the horizon in years. */
	assumptions: AssumptionForm;
	/** By outcome id (`indicator@cohort`). */
	overrides: Record<string, OutcomeOverride>;
	/** Index by year (any base) and the price year everything is restated in. */
	priceIndex: { table: Record<number, number>; targetYear: number | null };
}

/** Price years the index table needs: every unit cost's, plus the target year. */
export function indexYears(unitCosts: readonly UnitCostRow[], targetYear: number | null): number[] {
	const years = new Set(unitCosts.map((u) => Number(u.price_year)).filter(Number.isInteger));
	if (targetYear !== null) years.add(targetYear);
	return [...years].sort((a, b) => a - b);
}

/**
 * Default settings: the finance core's default assumptions, no overrides, and an index of 1.0 for
 * every price year with the latest one as target: no restatement until the user enters an index
 * (e.g. SCB's KPI or the municipality's own cost index), which the page says plainly.
 */
export function defaultSettings(
	defaults: Record<(typeof ASSUMPTION_KEYS)[number], AssumptionValue>,
	unitCosts: readonly UnitCostRow[] = []
): SavingsSettings {
	const years = indexYears(unitCosts, null);
	return {
		assumptions: Object.fromEntries(
			ASSUMPTION_KEYS.map((k) => [
				k,
				{ value: defaults[k].value, low: defaults[k].low, high: defaults[k].high }
			])
		) as AssumptionForm,
		overrides: {},
		priceIndex: {
			table: Object.fromEntries(years.map((y) => [y, 1])),
			targetYear: years.at(-1) ?? null
		}
	};
}

/** Saved settings laid over fresh defaults, taking only well-formed parts (an old or damaged entry is ignored). */
export function restoreSettings(value: unknown, fresh: SavingsSettings): SavingsSettings {
	if (!value || typeof value !== 'object') return fresh;
	const v = value as Partial<SavingsSettings>;
	const out: SavingsSettings = { ...fresh, assumptions: { ...fresh.assumptions } };
	const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
	for (const k of ASSUMPTION_KEYS) {
		const a = v.assumptions?.[k];
		if (a && finite(a.value) && finite(a.low) && finite(a.high))
			out.assumptions[k] = { value: a.value, low: a.low, high: a.high };
	}
	if (v.overrides && typeof v.overrides === 'object') out.overrides = v.overrides;
	const p = v.priceIndex;
	if (p && typeof p.table === 'object' && p.table && (p.targetYear === null || finite(p.targetYear)))
		out.priceIndex = {
			table: Object.fromEntries(Object.entries(p.table).filter(([, x]) => finite(x) && x > 0)),
			targetYear: p.targetYear
		};
	return out;
}

export interface MeasuredModel {
	outcomes: MeasuredOutcome[];
	/** null without a grant or without any outcome that can be priced. */
	model: SavingsInput | null;
}

/** The project's measured outcomes priced with unit costs, overrides and assumptions laid over them. */
export function measuredModel(
	project: ProjectLedger,
	measured: readonly MeasuredDifference[],
	unitCosts: readonly UnitCostRow[],
	settings: SavingsSettings
): MeasuredModel {
	const outcomes = measured.map((m) =>
		measuredOutcome(m, unitCosts, settings.overrides[`${m.indicatorId}@${m.projectCohort}`])
	);
	const inputs = outcomes.map((o) => o.outcome).filter((o): o is OutcomeInput => o !== null);
	const assumptions: AssumptionOverrides = {};
	for (const key of ASSUMPTION_KEYS) assumptions[key] = { ...settings.assumptions[key] };
	const priceIndex: Partial<PriceIndex> = {
		table: settings.priceIndex.table,
		targetYear: settings.priceIndex.targetYear
	};
	assumptions.priceIndex = priceIndex;
	return { outcomes, model: projectModel(project, inputs, assumptions) };
}

/** Millions with a true minus sign: sv "−3,1", en "−3.1" (no sign when it rounds to zero). */
const millionsNumber = (lang: Language, ore: Ore, digits: number): string => {
	const n = formatNumber(lang, Math.abs(ore) / 1e8, digits);
	return ore < 0 && /[1-9]/.test(n) ? `−${n}` : n;
};

/** Money in millions: sv "3,1 mnkr", en "SEK 3.1m"; negative "−3,1 mnkr", "−SEK 3.1m". */
export function formatMillions(lang: Language, ore: Ore, digits = 1): string {
	const n = millionsNumber(lang, Math.abs(ore), digits);
	const sign = ore < 0 && /[1-9]/.test(n) ? '−' : '';
	return lang === 'sv' ? `${sign}${n}\u00a0mnkr` : `${sign}SEK\u00a0${n}m`;
}

/** A central value with its low–high range: "3,1 mnkr (0,4–5,8)". */
export function formatMoneyRange(lang: Language, central: Ore, low: Ore, high: Ore): string {
	const [a, b] = low <= high ? [low, high] : [high, low];
	return `${formatMillions(lang, central)} (${millionsNumber(lang, a, 1)}–${millionsNumber(lang, b, 1)})`;
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
