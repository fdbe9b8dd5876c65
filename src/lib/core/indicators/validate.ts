import { tableByName, type ColumnSpec } from '../schema/tables';
import {
	GRADE_RULES,
	parseDefinitionShape,
	type DefinitionIssue,
	type IndicatorDefinition,
	type Kind,
	type PeriodType
} from './definition';
import { checkSqlText } from './sandbox';

/** Columns a measure's advanced `sql` must return. */
export const SQL_SOURCE_COLUMNS: readonly ColumnSpec[] = [
	{ name: 'person_id', type: 'text', required: true, synonyms: [], description: '' },
	{ name: 'date', type: 'date', required: true, synonyms: [], description: '' },
	{ name: 'value', type: 'decimal', required: false, synonyms: [], description: '' }
];

const SCHOOL_OUTCOME_COLUMNS = ['eligible_vocational', 'eligible_higher', 'merit_value'];
const GROUP_BY: Partial<Record<string, readonly string[]>> = {
	surveys: ['respondent_group'],
	contacts: ['age_band', 'place', 'area'],
	persons: ['exit_reason']
};
const DATED_PERIODS: readonly PeriodType[] = [
	'school_year',
	'calendar_year',
	'cohort_window',
	'relative_to_entry',
	'all'
];
const PERIODS: Record<string, readonly PeriodType[]> = {
	grades: ['school_year'],
	school_outcomes: ['school_year'],
	events: DATED_PERIODS,
	care: DATED_PERIODS,
	surveys: ['survey_wave', 'calendar_year', 'school_year', 'all'],
	contacts: ['calendar_year', 'school_year', 'all'],
	persons: ['all', 'cohort_window']
};
const KINDS_BY_TABLE: Record<string, readonly Kind[]> = {
	school_outcomes: ['share', 'mean', 'median', 'share_within_target'],
	events: ['share', 'mean', 'median', 'count', 'rate_per_1000', 'days_between', 'share_within_target'],
	care: ['share', 'mean', 'median', 'count', 'rate_per_1000', 'share_within_target'],
	surveys: ['mean', 'median', 'share_within_target'],
	contacts: ['count'],
	persons: ['share']
};

/**
 * Check a definition: its shape (valibot), then against the data model — tables, columns,
 * enum values, which kinds and periods a table supports, and the advanced SQL's lexical sandbox.
 * Every issue names the field at fault.
 */
export function validateDefinition(
	input: unknown
): { ok: true; definition: IndicatorDefinition } | { ok: false; issues: DefinitionIssue[] } {
	const shape = parseDefinitionShape(input);
	if (!shape.ok) return shape;
	const d = shape.definition;
	const m = d.measure;
	const issues: DefinitionIssue[] = [];
	const add = (path: string, code: string, received?: unknown, expected?: string) =>
		issues.push({ path, code, received: received === undefined ? undefined : String(received), expected });
	const notApplicable = (keys: (keyof typeof m)[]) => {
		for (const k of keys) if (m[k] !== undefined) add(`measure.${k}`, 'not_applicable', k);
	};

	const kindOk =
		m.table === 'grades'
			? m.derive === 'merit_value'
				? ['mean', 'median', 'share_within_target'].includes(d.kind)
				: d.kind === 'share'
			: KINDS_BY_TABLE[m.table].includes(d.kind);
	if (!kindOk) add('kind', 'kind_not_supported', d.kind, m.table);
	if (!PERIODS[m.table].includes(d.period.type))
		add('period.type', 'period_not_supported', d.period.type, PERIODS[m.table].join(', '));

	switch (m.table) {
		case 'grades':
			if (!m.derive) add('measure.derive', 'required');
			else if (!(GRADE_RULES as readonly string[]).includes(m.derive))
				add('measure.derive', 'invalid_option', m.derive, GRADE_RULES.join(', '));
			notApplicable(['column', 'eventType', 'toEventType', 'aggregate', 'base', 'filter', 'groupBy', 'sql']);
			break;
		case 'school_outcomes':
			if (!m.column) add('measure.column', 'required');
			else if (!SCHOOL_OUTCOME_COLUMNS.includes(m.column))
				add('measure.column', 'unknown_column', m.column, SCHOOL_OUTCOME_COLUMNS.join(', '));
			notApplicable(['derive', 'eventType', 'toEventType', 'aggregate', 'base', 'filter', 'groupBy', 'sql']);
			break;
		case 'events':
			if (m.sql === undefined && !m.eventType) add('measure.eventType', 'required');
			if (m.sql !== undefined && m.eventType !== undefined) add('measure.eventType', 'not_applicable');
			if (d.kind === 'days_between' && !m.toEventType) add('measure.toEventType', 'required');
			if (m.toEventType && d.kind !== 'days_between' && d.kind !== 'share_within_target')
				add('measure.toEventType', 'not_applicable', m.toEventType);
			if (m.toEventType && (m.aggregate || m.base || m.column))
				notApplicable(['aggregate', 'base', 'column']);
			if (m.column !== undefined && m.column !== 'value')
				add('measure.column', 'unknown_column', m.column, 'value');
			if (m.sql !== undefined) {
				const r = checkSqlText(m.sql);
				if (!r.ok) add('measure.sql', r.error.code, r.error.token);
			}
			notApplicable(['derive', 'groupBy']);
			break;
		case 'care':
			notApplicable(['column', 'derive', 'eventType', 'toEventType', 'aggregate', 'base', 'groupBy', 'sql']);
			break;
		case 'surveys':
			if (m.column !== undefined && m.column !== 'score')
				add('measure.column', 'unknown_column', m.column, 'score');
			notApplicable(['derive', 'eventType', 'toEventType', 'aggregate', 'base', 'sql']);
			break;
		case 'contacts':
			if (m.column !== undefined && m.column !== 'count')
				add('measure.column', 'unknown_column', m.column, 'count');
			notApplicable(['derive', 'eventType', 'toEventType', 'aggregate', 'base', 'sql']);
			break;
		case 'persons':
			if (m.derive !== 'left_early')
				add('measure.derive', m.derive ? 'invalid_option' : 'required', m.derive, 'left_early');
			if (d.population.followUp === 'completers')
				add('population.followUp', 'not_applicable', d.population.followUp);
			notApplicable(['column', 'eventType', 'toEventType', 'aggregate', 'base', 'filter', 'sql']);
			break;
	}

	if (m.table === 'surveys' || m.table === 'contacts') {
		const p = d.population;
		for (const k of ['roles', 'age', 'levels', 'areas', 'sex'] as const)
			if (p[k] !== undefined) add(`population.${k}`, 'not_applicable', k);
		if (p.followUp !== 'intention_to_treat') add('population.followUp', 'not_applicable', p.followUp);
	}

	const valueAggregates = ['sum', 'last', 'first', 'mean'];
	if (m.table === 'events' && m.aggregate && valueAggregates.includes(m.aggregate) && m.column === undefined)
		add('measure.column', 'required', undefined, 'value');

	if (d.kind === 'share_within_target' && !m.threshold) add('measure.threshold', 'required');
	if (m.threshold && d.kind !== 'share_within_target') add('measure.threshold', 'not_applicable');

	const groupable = GROUP_BY[m.table] ?? [];
	m.groupBy?.forEach((g, i) => {
		if (!groupable.includes(g)) add(`measure.groupBy.${i}`, 'unknown_column', g, groupable.join(', '));
	});

	const columns =
		m.table === 'events' && m.sql !== undefined ? SQL_SOURCE_COLUMNS : tableByName(m.table).columns;
	m.filter?.forEach((f, i) => {
		const c = columns.find((x) => x.name === f.column);
		if (!c) {
			add(`measure.filter.${i}.column`, 'unknown_column', f.column, columns.map((x) => x.name).join(', '));
			return;
		}
		const list = f.op === 'in' || f.op === 'not_in';
		if (list !== Array.isArray(f.value)) {
			add(`measure.filter.${i}.value`, list ? 'expected_list' : 'expected_single', f.value);
			return;
		}
		const values = Array.isArray(f.value) ? f.value : [f.value];
		const numeric = c.type === 'integer' || c.type === 'decimal';
		for (const x of values) {
			if (numeric && typeof x !== 'number') add(`measure.filter.${i}.value`, 'expected_number', x);
			else if (!numeric && typeof x !== 'string') add(`measure.filter.${i}.value`, 'expected_text', x);
			else if (c.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(x)))
				add(`measure.filter.${i}.value`, 'invalid_format', x, 'YYYY-MM-DD');
			else if (c.values && !c.values.includes(String(x)))
				add(`measure.filter.${i}.value`, 'invalid_option', x, c.values.join(', '));
			else continue;
			break;
		}
	});

	const age = d.population.age;
	if (age?.min !== undefined && age.max !== undefined && age.min > age.max)
		add('population.age.max', 'invalid_range', age.max);
	if (d.period.type === 'relative_to_entry' && d.period.from >= d.period.to)
		add('period.to', 'invalid_range', d.period.to);

	return issues.length ? { ok: false, issues } : { ok: true, definition: d };
}
