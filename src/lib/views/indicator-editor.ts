/**
 * The indicator editor's logic without Svelte: form state ↔ definition JSON, where each
 * validation issue's field lives in the form, share links (`?def=` base64url), the JSON
 * export/import format, and the preview table with disclosure control.
 */
import {
	AGGREGATES,
	CATEGORIES,
	DIRECTIONS,
	FILTER_OPS,
	FOLLOW_UP,
	GRADE_RULES,
	KINDS,
	MEASURE_TABLES,
	TARGET_OPS,
	type DefinitionIssue,
	type IndicatorDefinition,
	type IndicatorDefinitionInput
} from '../core/indicators/definition';
import { validateDefinition } from '../core/indicators/validate';
import type { IndicatorRow } from '../core/indicators/run';
import { primarySuppression } from '../core/disclosure';
import { COHORT_ROLES, LEVELS, SEX, tableByName, type TableName } from '../core/schema/tables';

export type Category = (typeof CATEGORIES)[number];
export type Kind = (typeof KINDS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type FollowUp = (typeof FOLLOW_UP)[number];
export type MeasureTable = (typeof MEASURE_TABLES)[number];
export type FilterOp = (typeof FILTER_OPS)[number];
export type TargetOp = (typeof TARGET_OPS)[number];
export type Aggregate = (typeof AGGREGATES)[number];
export type PeriodKind =
	'school_year' | 'calendar_year' | 'cohort_window' | 'relative_to_entry' | 'survey_wave' | 'all';

export const PERIOD_TYPES: readonly PeriodKind[] = [
	'calendar_year',
	'school_year',
	'cohort_window',
	'relative_to_entry',
	'survey_wave',
	'all'
];
/** Units the app has words for (`indicators.unit.*`); a definition may name another. */
export const KNOWN_UNITS = ['share', 'per_1000', 'days', 'points', 'talks', 'contacts', 'score'] as const;
export const SCHOOL_OUTCOME_COLUMNS = ['eligible_vocational', 'eligible_higher', 'merit_value'] as const;
/** Breakdown columns each table supports (as the validator). */
export const GROUPABLE: Partial<Record<MeasureTable, readonly string[]>> = {
	surveys: ['respondent_group'],
	contacts: ['age_band', 'place', 'area'],
	persons: ['exit_reason']
};
/** Tables without persons: the population fields do not apply. */
export const AGGREGATED_TABLES: readonly MeasureTable[] = ['surveys', 'contacts'];
export const ROLES = COHORT_ROLES;
export {
	LEVELS,
	SEX,
	CATEGORIES,
	KINDS,
	DIRECTIONS,
	FOLLOW_UP,
	MEASURE_TABLES,
	GRADE_RULES,
	AGGREGATES,
	FILTER_OPS,
	TARGET_OPS
};

export interface FilterForm {
	column: string;
	op: FilterOp;
	/** As typed; a list (in, not in) is comma-separated. */
	value: string;
}

/** Everything the form holds, as the controls hold it (numbers as typed text). */
export interface FormState {
	id: string;
	labelSv: string;
	labelEn: string;
	descriptionSv: string;
	descriptionEn: string;
	category: Category;
	kind: Kind;
	roles: string[];
	levels: string[];
	sex: string[];
	areas: string[];
	ageMin: string;
	ageMax: string;
	/** 'period_start', 'period_end' or an ISO date. */
	ageAt: string;
	followUp: FollowUp;
	table: MeasureTable;
	column: string;
	derive: string;
	eventType: string;
	toEventType: string;
	aggregate: '' | Aggregate;
	base: '' | 'population' | 'with_data';
	thresholdOp: TargetOp;
	thresholdValue: string;
	filters: FilterForm[];
	groupBy: string[];
	advanced: boolean;
	sql: string;
	periodType: PeriodKind;
	periodFrom: string;
	periodTo: string;
	unit: string;
	direction: Direction;
	targetOp: '' | TargetOp;
	targetValue: string;
	unitCost: string;
}

export function emptyForm(): FormState {
	return {
		id: '',
		labelSv: '',
		labelEn: '',
		descriptionSv: '',
		descriptionEn: '',
		category: 'effect',
		kind: 'share',
		roles: [],
		levels: [],
		sex: [],
		areas: [],
		ageMin: '',
		ageMax: '',
		ageAt: 'period_end',
		followUp: 'intention_to_treat',
		table: 'events',
		column: '',
		derive: '',
		eventType: '',
		toEventType: '',
		aggregate: '',
		base: '',
		thresholdOp: '<=',
		thresholdValue: '',
		filters: [],
		groupBy: [],
		advanced: false,
		sql: '',
		periodType: 'calendar_year',
		periodFrom: '0',
		periodTo: '1',
		unit: 'share',
		direction: 'higher_better',
		targetOp: '',
		targetValue: '',
		unitCost: ''
	};
}

/** Which measure controls apply to a table and kind (the rest are hidden and left out of the definition). */
export function visibleMeasureFields(form: Pick<FormState, 'table' | 'kind' | 'advanced'>) {
	const t = form.table;
	const events = t === 'events';
	const between = events && (form.kind === 'days_between' || form.kind === 'share_within_target');
	return {
		derive: t === 'grades' || t === 'persons',
		schoolColumn: t === 'school_outcomes',
		advanced: events,
		eventType: events && !form.advanced,
		sql: events && form.advanced,
		toEventType: events && !form.advanced && between,
		aggregate: events,
		valueColumn: events,
		base: events,
		threshold: form.kind === 'share_within_target',
		filters: t === 'events' || t === 'care' || t === 'surveys' || t === 'contacts',
		groupBy: (GROUPABLE[t] ?? []).length > 0,
		population: !AGGREGATED_TABLES.includes(t)
	};
}

const trimmed = (s: string) => s.trim();
/** '' → undefined; a number when the text is one; otherwise the text, so validation names the field. */
function numberOrText(s: string): number | string | undefined {
	const t = s.trim().replace(',', '.');
	if (t === '') return undefined;
	const n = Number(t);
	return Number.isFinite(n) ? n : s.trim();
}

/** The type of a filter's column, to send numbers as numbers. */
function columnIsNumeric(table: MeasureTable, column: string, advanced: boolean): boolean {
	if (table === 'events' && advanced) return column === 'value';
	const c = tableByName(table as TableName).columns.find((x) => x.name === column);
	return c?.type === 'integer' || c?.type === 'decimal';
}

function filterValue(f: FilterForm, numeric: boolean): unknown {
	const one = (s: string) => {
		const t = s.trim();
		if (!numeric) return t;
		const n = numberOrText(t);
		return n === undefined ? t : n;
	};
	if (f.op === 'in' || f.op === 'not_in')
		return f.value
			.split(',')
			.map((s) => s.trim())
			.filter((s) => s !== '')
			.map(one);
	return one(f.value);
}

/**
 * The definition the form describes. Not validated: `validateDefinition` then names each
 * problem by its path, which `fieldIdForPath` turns into the control at fault.
 */
export function definitionFromForm(form: FormState): IndicatorDefinitionInput {
	const vis = visibleMeasureFields(form);
	const measure: Record<string, unknown> = { table: form.table };
	if (vis.derive && form.derive) measure.derive = form.derive;
	if (vis.schoolColumn && form.column) measure.column = form.column;
	if (form.table === 'surveys') measure.column = 'score';
	if (form.table === 'contacts') measure.column = 'count';
	if (vis.eventType) measure.eventType = form.eventType || undefined;
	if (vis.sql) measure.sql = form.sql;
	if (vis.toEventType && form.toEventType) measure.toEventType = form.toEventType;
	const between = vis.toEventType && !!form.toEventType;
	if (vis.aggregate && !between && form.aggregate) measure.aggregate = form.aggregate;
	if (vis.valueColumn && !between && form.column === 'value') measure.column = 'value';
	if (vis.base && !between && form.base) measure.base = form.base;
	if (vis.threshold) measure.threshold = { op: form.thresholdOp, value: numberOrText(form.thresholdValue) };
	if (vis.filters && form.filters.length)
		measure.filter = form.filters.map((f) => ({
			column: f.column,
			op: f.op,
			value: filterValue(f, columnIsNumeric(form.table, f.column, form.advanced))
		}));
	if (vis.groupBy && form.groupBy.length) measure.groupBy = [...form.groupBy];
	for (const k of Object.keys(measure)) if (measure[k] === undefined) delete measure[k];

	const population: Record<string, unknown> = {};
	if (vis.population) {
		if (form.roles.length) population.roles = [...form.roles];
		if (form.levels.length) population.levels = [...form.levels];
		if (form.sex.length) population.sex = [...form.sex];
		if (form.areas.length) population.areas = [...form.areas];
		const min = numberOrText(form.ageMin);
		const max = numberOrText(form.ageMax);
		if (min !== undefined || max !== undefined)
			population.age = {
				...(min !== undefined ? { min } : {}),
				...(max !== undefined ? { max } : {}),
				at: form.ageAt
			};
		if (form.followUp !== 'intention_to_treat') population.followUp = form.followUp;
	}

	const period =
		form.periodType === 'relative_to_entry'
			? { type: form.periodType, from: numberOrText(form.periodFrom), to: numberOrText(form.periodTo) }
			: { type: form.periodType };

	const def: Record<string, unknown> = {
		id: trimmed(form.id),
		label: { sv: trimmed(form.labelSv), en: trimmed(form.labelEn) },
		description: { sv: trimmed(form.descriptionSv), en: trimmed(form.descriptionEn) },
		category: form.category,
		kind: form.kind,
		...(Object.keys(population).length ? { population } : {}),
		measure,
		period,
		unit: trimmed(form.unit),
		direction: form.direction
	};
	if (form.targetOp) def.target = { op: form.targetOp, value: numberOrText(form.targetValue) };
	if (form.unitCost) def.unitCost = form.unitCost;
	return def as unknown as IndicatorDefinitionInput;
}

const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));
const pick = <T extends string>(x: unknown, allowed: readonly T[], fallback: T): T =>
	allowed.includes(x as T) ? (x as T) : fallback;

/** The form showing a definition (a built-in, a saved one, or one from a link or file). */
export function formFromDefinition(input: IndicatorDefinitionInput | IndicatorDefinition): FormState {
	const f = emptyForm();
	const d = input as Partial<IndicatorDefinition> & Record<string, unknown>;
	const m = (d.measure ?? {}) as Partial<IndicatorDefinition['measure']>;
	const p = (d.population ?? {}) as Partial<IndicatorDefinition['population']>;
	f.id = str(d.id);
	f.labelSv = str(d.label?.sv);
	f.labelEn = str(d.label?.en);
	f.descriptionSv = str(d.description?.sv);
	f.descriptionEn = str(d.description?.en);
	f.category = pick(d.category, CATEGORIES, f.category);
	f.kind = pick(d.kind, KINDS, f.kind);
	f.roles = [...(p.roles ?? [])];
	f.levels = [...(p.levels ?? [])];
	f.sex = [...(p.sex ?? [])];
	f.areas = [...(p.areas ?? [])];
	f.ageMin = str(p.age?.min);
	f.ageMax = str(p.age?.max);
	f.ageAt = p.age?.at ?? 'period_end';
	f.followUp = pick(p.followUp, FOLLOW_UP, f.followUp);
	f.table = pick(m.table, MEASURE_TABLES, f.table);
	f.column = f.table === 'surveys' || f.table === 'contacts' ? '' : str(m.column);
	f.derive = str(m.derive);
	f.eventType = str(m.eventType);
	f.toEventType = str(m.toEventType);
	f.aggregate = pick(m.aggregate, ['', ...AGGREGATES] as const, '');
	f.base = pick(m.base, ['', 'population', 'with_data'] as const, '');
	if (m.threshold) {
		f.thresholdOp = pick(m.threshold.op, TARGET_OPS, '<=');
		f.thresholdValue = str(m.threshold.value);
	}
	f.filters = (m.filter ?? []).map((x) => ({
		column: str(x.column),
		op: pick(x.op, FILTER_OPS, '='),
		value: Array.isArray(x.value) ? x.value.map(str).join(', ') : str(x.value)
	}));
	f.groupBy = [...(m.groupBy ?? [])];
	f.advanced = m.sql !== undefined;
	f.sql = str(m.sql);
	const period = (d.period ?? { type: 'calendar_year' }) as { type: string; from?: number; to?: number };
	f.periodType = pick(period.type, PERIOD_TYPES, 'calendar_year');
	if (period.type === 'relative_to_entry') {
		f.periodFrom = str(period.from);
		f.periodTo = str(period.to);
	}
	f.unit = str(d.unit);
	f.direction = pick(d.direction, DIRECTIONS, f.direction);
	f.targetOp = d.target ? pick(d.target.op, TARGET_OPS, '<=') : '';
	f.targetValue = d.target ? str(d.target.value) : '';
	f.unitCost = str(d.unitCost);
	return f;
}

/** A valid identifier from a label: lower case, a–z, digits and _. */
export function idFromLabel(label: string): string {
	const s = label
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	if (!s) return '';
	return (/^[a-z]/.test(s) ? s : `i_${s}`).slice(0, 64).replace(/_+$/, '');
}

/** A copy of a definition under a new id, so editing it never changes the original. */
export function copyOf(def: IndicatorDefinitionInput, taken: readonly string[]): IndicatorDefinitionInput {
	const base = `${def.id}_copy`.slice(0, 58);
	let id = base;
	for (let i = 2; taken.includes(id); i++) id = `${base}_${i}`;
	return { ...structuredClone(def), id };
}

// ————— Issues → form controls —————

/** The id of the control a definition path belongs to; the element carrying aria-invalid. */
export function fieldIdForPath(path: string, form?: Pick<FormState, 'advanced'>): string {
	const p = path.split('.');
	const [a, b, c, d] = p;
	switch (a) {
		case 'id':
			return 'ind-id';
		case 'label':
		case 'description':
			return `ind-${a}-${b === 'en' ? 'en' : 'sv'}`;
		case 'category':
		case 'kind':
		case 'unit':
		case 'direction':
			return `ind-${a}`;
		case 'unitCost':
			return 'ind-unitCost';
		case 'target':
			return b === 'op' ? 'ind-target-op' : 'ind-target-value';
		case 'period':
			return b === 'from' ? 'ind-period-from' : b === 'to' ? 'ind-period-to' : 'ind-period';
		case 'population':
			switch (b) {
				case 'age':
					return c === 'max' ? 'ind-age-max' : c === 'at' ? 'ind-age-at' : 'ind-age-min';
				case 'roles':
				case 'levels':
				case 'sex':
				case 'areas':
				case 'followUp':
					return `ind-${b}`;
				default:
					return 'ind-roles';
			}
		case 'measure':
			switch (b) {
				case 'filter':
					if (c === undefined) return 'ind-filters';
					return `ind-filter-${c}-${d === 'op' ? 'op' : d === 'value' ? 'value' : 'column'}`;
				case 'threshold':
					return c === 'op' ? 'ind-threshold-op' : 'ind-threshold-value';
				case 'groupBy':
					return 'ind-groupBy';
				case 'column':
					return 'ind-column';
				case 'eventType':
					return form?.advanced ? 'ind-sql' : 'ind-eventType';
				case 'toEventType':
				case 'derive':
				case 'aggregate':
				case 'base':
				case 'sql':
				case 'table':
					return `ind-${b}`;
				default:
					return 'ind-table';
			}
		default:
			return 'ind-id';
	}
}

/** Issues grouped by the control at fault, in the order the controls appear. */
export function issuesByField(
	issues: readonly DefinitionIssue[],
	form?: Pick<FormState, 'advanced'>
): Map<string, DefinitionIssue[]> {
	const out = new Map<string, DefinitionIssue[]>();
	for (const i of issues) {
		const id = fieldIdForPath(i.path, form);
		const list = out.get(id) ?? [];
		if (!list.some((x) => x.code === i.code && x.path === i.path)) list.push(i);
		out.set(id, list);
	}
	return out;
}

/** Codes worded in `indicators.sandbox.*` (the SQL sandbox's refusals). */
export const SANDBOX_CODES = [
	'empty',
	'multiple_statements',
	'not_a_select',
	'forbidden_keyword',
	'forbidden_function',
	'file_path',
	'table_function',
	'unknown_table',
	'missing_columns',
	'duckdb_error',
	'unterminated_string',
	'unterminated_identifier',
	'unterminated_comment',
	'nested_comment',
	'non_ascii',
	'control_character',
	'escape_string',
	'dollar_quote',
	'backslash'
] as const;

/** The token as the user typed it (the sandbox reports keywords in lower case). */
export function originalToken(sql: string | undefined, token: string, pos?: number): string {
	if (!sql || !token) return token;
	if (pos !== undefined && sql.slice(pos, pos + token.length).toLowerCase() === token.toLowerCase())
		return sql.slice(pos, pos + token.length);
	const at = sql.toLowerCase().indexOf(token.toLowerCase());
	return at >= 0 ? sql.slice(at, at + token.length) : token;
}

/** The message key and values for an issue: SQL refusals in the sandbox's words, the rest generic. */
export function issueMessage(
	issue: DefinitionIssue & { pos?: number; message?: string },
	fieldLabel: string,
	sql?: string
): { key: string; values: Record<string, string | number> } {
	if (issue.code === 'duplicate_id')
		return {
			key: 'indicatorEditor.errors.duplicate_id',
			values: { path: fieldLabel, received: issue.received ?? '' }
		};
	if (
		issue.path === 'measure.sql' &&
		(SANDBOX_CODES as readonly string[]).includes(issue.code) &&
		issue.code !== 'empty'
	)
		return {
			key: `indicators.sandbox.${issue.code}`,
			values: { token: originalToken(sql, issue.received ?? '', issue.pos), pos: issue.pos ?? '?' }
		};
	return {
		key: `indicators.errors.${issue.code}`,
		values: {
			path: fieldLabel,
			received: issue.received ?? '',
			expected: issue.expected ?? '',
			message: issue.message ?? ''
		}
	};
}

// ————— Share links —————

const toBase64Url = (bytes: Uint8Array): string => {
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};
const fromBase64Url = (s: string): Uint8Array => {
	const b64 = s.replaceAll('-', '+').replaceAll('_', '/');
	const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
	return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

/** base64url of the definition's JSON (UTF-8), for `?def=`. */
export const encodeDefinition = (def: unknown): string =>
	toBase64Url(new TextEncoder().encode(JSON.stringify(def)));

/** The JSON value in a `?def=` parameter, or null when it is not base64url JSON. */
export function decodeDefinition(param: string | null): unknown {
	if (!param || !/^[A-Za-z0-9_-]+$/.test(param) || param.length > 60_000) return null;
	try {
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(param)));
	} catch {
		return null;
	}
}

/** `base` (the page's URL) with `?def=` set, other parameters (e.g. lang) kept. */
export function shareUrl(base: string | URL, def: unknown): string {
	const u = new URL(base);
	u.hash = '';
	u.searchParams.set('def', encodeDefinition(def));
	return u.toString();
}

// ————— JSON export and import —————

export const EXPORT_FORMAT = 'utfall.indicators';
export const EXPORT_VERSION = 1;

export const exportDocument = (defs: readonly IndicatorDefinitionInput[]): string =>
	JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, indicators: defs }, null, 2) + '\n';

export type ImportError =
	| { code: 'not_json'; detail: string }
	| { code: 'wrong_shape' }
	| { code: 'empty' }
	| { code: 'duplicate_id'; id: string }
	| { code: 'invalid_definition'; index: number; id: string; issues: DefinitionIssue[] };

/**
 * Definitions in an export file (also a bare array, or one definition). All or nothing:
 * one invalid definition rejects the file.
 */
export function parseDefinitionsJson(
	text: string
): { ok: true; definitions: IndicatorDefinitionInput[] } | { ok: false; error: ImportError } {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		return { ok: false, error: { code: 'not_json', detail: e instanceof Error ? e.message : String(e) } };
	}
	let list: unknown[];
	if (Array.isArray(data)) list = data;
	else if (data && typeof data === 'object' && Array.isArray((data as { indicators?: unknown }).indicators))
		list = (data as { indicators: unknown[] }).indicators;
	else if (data && typeof data === 'object' && 'measure' in data) list = [data];
	else return { ok: false, error: { code: 'wrong_shape' } };
	if (list.length === 0) return { ok: false, error: { code: 'empty' } };
	const seen = new Set<string>();
	for (const [index, item] of list.entries()) {
		const v = validateDefinition(item);
		const id = item && typeof item === 'object' && 'id' in item ? String((item as { id: unknown }).id) : '';
		if (!v.ok) return { ok: false, error: { code: 'invalid_definition', index, id, issues: v.issues } };
		if (seen.has(id)) return { ok: false, error: { code: 'duplicate_id', id } };
		seen.add(id);
	}
	return { ok: true, definitions: list as IndicatorDefinitionInput[] };
}

// ————— Preview —————

export const PREVIEW_K = 10;
export const SUPPRESSED = '..';

export interface PreviewCell {
	cohortId: string | null;
	period: string;
	breakdown: Record<string, string | null> | null;
	n: number | null;
	value: number | null;
	/** Hidden: fewer than k persons. */
	suppressed: boolean;
}

/** The preview's rows: below k persons the value (and n) are hidden. */
export function previewCells(rows: readonly IndicatorRow[], k = PREVIEW_K): PreviewCell[] {
	return rows.map((r) => {
		const suppressed = r.n !== null && primarySuppression({ n: r.n }, { k }) !== null;
		return {
			cohortId: r.cohort_id,
			period: r.period,
			breakdown: r.breakdown,
			n: suppressed ? null : r.n,
			value: suppressed ? null : r.value,
			suppressed
		};
	});
}

/** Shares are shown as percentages; everything else as a number in the definition's unit. */
export const isShareKind = (kind: Kind): boolean => kind === 'share' || kind === 'share_within_target';

// ————— What the loaded data offers —————

export interface EditorOptions {
	/** Rows per measure table (0 = none loaded). */
	tableRows: Record<MeasureTable, number>;
	eventTypes: { type: string; n: number }[];
	areas: string[];
	cohorts: { id: string; label: string; role: string }[];
	unitCosts: { item: string; unit: string; cost: number; year: number }[];
	/** school_outcomes columns with at least one value. */
	schoolColumns: string[];
}

export const EMPTY_OPTIONS: EditorOptions = {
	tableRows: Object.fromEntries(MEASURE_TABLES.map((t) => [t, 0])) as Record<MeasureTable, number>,
	eventTypes: [],
	areas: [],
	cohorts: [],
	unitCosts: [],
	schoolColumns: []
};

/** Event types, areas, cohorts, unit costs and table sizes present in the loaded data. */
export async function loadEditorOptions(engine: {
	query: <T extends Record<string, unknown>>(sql: string) => Promise<T[]>;
}): Promise<EditorOptions> {
	const counts = await engine.query<{ t: string; n: number }>(
		MEASURE_TABLES.map((t) => `SELECT '${t}' AS t, count(*)::INTEGER AS n FROM ${t}`).join(' UNION ALL ')
	);
	const [eventTypes, areas, cohorts, unitCosts, school] = await Promise.all([
		engine.query<{ type: string; n: number }>(
			'SELECT DISTINCT type, count(*)::INTEGER AS n FROM events WHERE type IS NOT NULL GROUP BY type ORDER BY type'
		),
		engine.query<{ area: string }>('SELECT DISTINCT area FROM persons WHERE area IS NOT NULL ORDER BY area'),
		engine.query<{ cohort_id: string; label: string; role: string }>(
			'SELECT cohort_id, label, role FROM cohorts ORDER BY role, cohort_id'
		),
		engine.query<{ item: string; unit: string; cost_sek: number; price_year: number }>(
			'SELECT item, unit, cost_sek, price_year FROM unit_costs ORDER BY item'
		),
		engine.query<Record<string, number>>(
			`SELECT ${SCHOOL_OUTCOME_COLUMNS.map((c) => `count(${c})::INTEGER AS ${c}`).join(', ')} FROM school_outcomes`
		)
	]);
	return {
		tableRows: Object.fromEntries(counts.map((r) => [r.t, Number(r.n)])) as Record<MeasureTable, number>,
		eventTypes: eventTypes.map((r) => ({ type: String(r.type), n: Number(r.n) })),
		areas: areas.map((r) => String(r.area)),
		cohorts: cohorts.map((r) => ({ id: String(r.cohort_id), label: String(r.label), role: String(r.role) })),
		unitCosts: unitCosts
			.filter((r) => /^[a-z][a-z0-9_]{0,63}$/.test(String(r.item)))
			.map((r) => ({
				item: String(r.item),
				unit: String(r.unit),
				cost: Number(r.cost_sek),
				year: Number(r.price_year)
			})),
		schoolColumns: SCHOOL_OUTCOME_COLUMNS.filter((c) => Number(school[0]?.[c] ?? 0) > 0)
	};
}

/** Columns a filter may name: the table's, or what advanced SQL returns. */
export function filterColumns(
	table: MeasureTable,
	advanced: boolean
): { name: string; values?: readonly string[] }[] {
	if (table === 'events' && advanced) return [{ name: 'person_id' }, { name: 'date' }, { name: 'value' }];
	return tableByName(table as TableName).columns.map((c) => ({ name: c.name, values: c.values }));
}

/** Defaults that make a table usable at once when the user picks it. */
export function onTableChange(form: FormState, table: MeasureTable, options: EditorOptions): FormState {
	const f = { ...form, table, filters: [], groupBy: [], column: '', derive: '', advanced: false };
	switch (table) {
		case 'grades':
			return { ...f, derive: 'eligible_vocational', kind: 'share', periodType: 'school_year', unit: 'share' };
		case 'school_outcomes':
			return {
				...f,
				column: options.schoolColumns[0] ?? 'eligible_vocational',
				kind: 'share',
				periodType: 'school_year',
				unit: 'share'
			};
		case 'persons':
			return { ...f, derive: 'left_early', kind: 'share', periodType: 'all', unit: 'share' };
		case 'surveys':
			return { ...f, kind: 'mean', periodType: 'survey_wave', unit: 'score' };
		case 'contacts':
			return { ...f, kind: 'count', periodType: 'calendar_year', unit: 'contacts' };
		case 'care':
			return { ...f, kind: 'mean', periodType: 'calendar_year', unit: 'days' };
		case 'events':
			return { ...f, periodType: f.periodType === 'survey_wave' ? 'calendar_year' : f.periodType };
	}
}

/** The unit that usually goes with a kind. */
export function unitForKind(kind: Kind, current: string): string {
	if (isShareKind(kind)) return 'share';
	if (kind === 'rate_per_1000') return 'per_1000';
	if (kind === 'days_between') return 'days';
	return current === 'share' || current === 'per_1000' ? 'days' : current;
}

/**
 * The definition the preview runs: names, descriptions and id do not change the result, so
 * empty ones are filled in and the preview appears as soon as the measure is complete.
 */
export function previewDefinition(def: IndicatorDefinitionInput): IndicatorDefinitionInput {
	const fill = (s: string | undefined) => (s && s.trim() ? s : '–');
	return {
		...def,
		id: /^[a-z][a-z0-9_]{0,63}$/.test(def.id) ? def.id : 'preview',
		label: { sv: fill(def.label?.sv), en: fill(def.label?.en) },
		description: { sv: fill(def.description?.sv), en: fill(def.description?.en) }
	};
}
