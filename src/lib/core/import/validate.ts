import { sqlIdent, type Engine } from '../engine';
import { tableByName, type TableName } from '../schema/tables';
import { error, warning, type Issue, type IssueCode } from './issues';
import { lineOf, type StagedTable } from './load';

interface Range {
	table: TableName;
	column: string;
	min?: number;
	max?: number;
	code: IssueCode;
}

const RANGES = (thisYear: number): Range[] => [
	{ table: 'persons', column: 'birth_year', min: 1900, max: thisYear, code: 'birth_year_implausible' },
	{ table: 'surveys', column: 'score', min: 1, max: 5, code: 'score_out_of_range' },
	{ table: 'fund_ledger', column: 'amount_sek', min: 0, code: 'amount_negative' },
	{ table: 'unit_costs', column: 'cost_sek', min: 0, code: 'amount_negative' },
	{ table: 'unit_costs', column: 'price_year', min: 1900, max: 2100, code: 'value_out_of_range' },
	{ table: 'contacts', column: 'count', min: 0, code: 'value_out_of_range' },
	{ table: 'school_outcomes', column: 'merit_value', min: 0, max: 340, code: 'value_out_of_range' },
	{ table: 'school_outcomes', column: 'eligible_vocational', min: 0, max: 1, code: 'value_out_of_range' },
	{ table: 'school_outcomes', column: 'eligible_higher', min: 0, max: 1, code: 'value_out_of_range' },
	{ table: 'fund_ledger', column: 'plan_version', min: 1, code: 'value_out_of_range' },
	{ table: 'reference_values', column: 'n', min: 0, code: 'value_out_of_range' }
];

/** Start and end of the same span: the end must not come first. */
const DATE_PAIRS: { table: TableName; start: string; end: string }[] = [
	{ table: 'cohorts', start: 'start_date', end: 'end_date' },
	{ table: 'persons', start: 'entry_date', end: 'exit_date' },
	{ table: 'care', start: 'start_date', end: 'end_date' }
];

const DATE_MIN_YEAR = 1900;
const DATE_MAX_YEAR = 2100;

export interface ValidateOptions {
	maxIssuesPerCheck?: number;
	/** Calendar year for the birth-year check (default: now). */
	thisYear?: number;
}

type Found = { line: number; value: string | null; other: string | null; other_line: number | null };

/**
 * Whole-dataset checks as SQL over the typed staging tables: required values, unique keys, references,
 * date order and range, score and amount ranges. Cells that failed conversion are NULL here and were
 * reported by the loader, so callers drop `value_missing` findings for those cells.
 */
export async function validateStaged(
	engine: Engine,
	staged: readonly StagedTable[],
	opts: ValidateOptions = {}
): Promise<Issue[]> {
	const max = opts.maxIssuesPerCheck ?? 1000;
	const byTable = new Map(staged.map((s) => [s.table, s]));
	const issues: Issue[] = [];
	const col = (s: StagedTable, c: string): string => s.columns[c] ?? c;
	const t = (s: StagedTable): string => sqlIdent(s.staging);
	const v = (c: string): string => `CAST(${sqlIdent(c)} AS VARCHAR)`;

	// Each check reads one staged table's rows (`__row`); their lines are looked up only for what is reported.
	const checks: { lines: Int32Array; sql: string; make: (f: Found) => Issue }[] = [];
	const collect = (s: StagedTable, sql: string, make: (f: Found) => Issue): void => {
		checks.push({ lines: s.lines, sql, make });
	};

	for (const s of staged) {
		const spec = tableByName(s.table);
		for (const c of spec.columns.filter((c) => c.required && s.columns[c.name]))
			collect(
				s,
				`SELECT __row AS line, NULL AS value, NULL AS other, NULL AS other_line FROM ${t(s)} WHERE ${sqlIdent(c.name)} IS NULL`,
				(f) => error('value_missing', { file: s.file, line: f.line, column: col(s, c.name) })
			);

		if (spec.key) {
			const key = spec.key.map(sqlIdent).join(', ');
			const present = spec.key.map((k) => `${sqlIdent(k)} IS NOT NULL`).join(' AND ');
			// Keys that occur more than once are found by hashing; only their rows are sorted.
			collect(
				s,
				`SELECT __row AS line, concat_ws(' / ', ${spec.key.map(v).join(', ')}) AS value, NULL AS other,
					first_value(__row) OVER w AS other_line
				FROM ${t(s)} x WHERE ${present} AND EXISTS (
					SELECT 1 FROM (SELECT ${key} FROM ${t(s)} WHERE ${present} GROUP BY ALL HAVING count(*) > 1) d
					WHERE ${spec.key.map((k) => `d.${sqlIdent(k)} = x.${sqlIdent(k)}`).join(' AND ')})
				WINDOW w AS (PARTITION BY ${key} ORDER BY __row)
				QUALIFY row_number() OVER w > 1`,
				(f) =>
					error('duplicate_key', {
						file: s.file,
						line: f.line,
						column: spec.key!.map((k) => col(s, k)).join(', '),
						value: f.value ?? '',
						otherLine: f.other_line ?? undefined
					})
			);
		}

		for (const c of spec.columns.filter((c) => c.type === 'date' && s.columns[c.name]))
			collect(
				s,
				`SELECT __row AS line, ${v(c.name)} AS value, NULL AS other, NULL AS other_line FROM ${t(s)}
				WHERE year(${sqlIdent(c.name)}) NOT BETWEEN ${DATE_MIN_YEAR} AND ${DATE_MAX_YEAR}`,
				(f) =>
					error('date_out_of_range', {
						file: s.file,
						line: f.line,
						column: col(s, c.name),
						value: f.value ?? '',
						min: DATE_MIN_YEAR,
						max: DATE_MAX_YEAR
					})
			);
	}

	const persons = byTable.get('persons');
	for (const s of staged) {
		if (!tableByName(s.table).personLevel || !persons) continue;
		collect(
			s,
			`SELECT __row AS line, person_id AS value, NULL AS other, NULL AS other_line FROM ${t(s)} x
			WHERE person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${t(persons)} p WHERE p.person_id = x.person_id)`,
			(f) =>
				error('reference_unknown', {
					file: s.file,
					line: f.line,
					column: col(s, 'person_id'),
					value: f.value ?? '',
					table: 'persons',
					otherFile: persons.file
				})
		);
	}

	const cohorts = byTable.get('cohorts');
	if (persons && cohorts) {
		collect(
			persons,
			`SELECT __row AS line, cohort_id AS value, NULL AS other, NULL AS other_line FROM ${t(persons)} x
			WHERE cohort_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${t(cohorts)} c WHERE c.cohort_id = x.cohort_id)`,
			(f) =>
				error('reference_unknown', {
					file: persons.file,
					line: f.line,
					column: col(persons, 'cohort_id'),
					value: f.value ?? '',
					table: 'cohorts',
					otherFile: cohorts.file
				})
		);
		collect(
			persons,
			`SELECT x.__row AS line, CAST(x.entry_date AS VARCHAR) AS value,
				CAST(c.start_date AS VARCHAR) || ' – ' || CAST(c.end_date AS VARCHAR) AS other, NULL AS other_line
			FROM ${t(persons)} x JOIN ${t(cohorts)} c ON c.cohort_id = x.cohort_id
			WHERE x.entry_date < c.start_date OR x.entry_date > c.end_date`,
			(f) =>
				warning('entry_outside_cohort', {
					file: persons.file,
					line: f.line,
					column: col(persons, 'entry_date'),
					value: f.value ?? '',
					expected: f.other ?? '',
					otherFile: cohorts.file
				})
		);
	} else if (persons && persons.columns.cohort_id)
		issues.push(warning('reference_table_missing', { file: persons.file, table: 'cohorts' }));

	const ledger = byTable.get('fund_ledger');
	if (cohorts && ledger && cohorts.columns.project_id) {
		collect(
			cohorts,
			`SELECT __row AS line, project_id AS value, NULL AS other, NULL AS other_line FROM ${t(cohorts)} x
			WHERE project_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${t(ledger)} l WHERE l.project_id = x.project_id)`,
			(f) =>
				warning('project_not_in_ledger', {
					file: cohorts.file,
					line: f.line,
					column: col(cohorts, 'project_id'),
					value: f.value ?? '',
					table: 'fund_ledger',
					otherFile: ledger.file
				})
		);
	}

	for (const p of DATE_PAIRS) {
		const s = byTable.get(p.table);
		if (!s || !s.columns[p.start] || !s.columns[p.end]) continue;
		collect(
			s,
			`SELECT __row AS line, ${v(p.end)} AS value, ${v(p.start)} AS other, NULL AS other_line FROM ${t(s)}
			WHERE ${sqlIdent(p.end)} < ${sqlIdent(p.start)}`,
			(f) =>
				error('date_order', {
					file: s.file,
					line: f.line,
					column: col(s, p.end),
					value: f.value ?? '',
					otherColumn: col(s, p.start),
					otherValue: f.other ?? ''
				})
		);
	}

	for (const r of RANGES(opts.thisYear ?? new Date().getFullYear())) {
		const s = byTable.get(r.table);
		if (!s || !s.columns[r.column]) continue;
		const c = sqlIdent(r.column);
		const outside = [
			r.min !== undefined ? `${c} < ${r.min}` : '',
			r.max !== undefined ? `${c} > ${r.max}` : ''
		]
			.filter(Boolean)
			.join(' OR ');
		collect(
			s,
			`SELECT __row AS line, ${v(r.column)} AS value, NULL AS other, NULL AS other_line FROM ${t(s)} WHERE ${outside}`,
			(f) =>
				error(r.code, {
					file: s.file,
					line: f.line,
					column: col(s, r.column),
					value: f.value ?? '',
					min: r.min,
					max: r.max
				})
		);
	}
	if (checks.length === 0) return issues;
	// One query for every check: the wasm engine's cost is per statement, not per row.
	const union = checks
		.map(
			(c, k) =>
				`SELECT ${k} AS check_id, CAST(line AS INTEGER) AS line, CAST(value AS VARCHAR) AS value,
				CAST(other AS VARCHAR) AS other, CAST(other_line AS INTEGER) AS other_line FROM (${c.sql})`
		)
		.join('\nUNION ALL\n');
	const rows = await engine.query<Found & { check_id: number; total: number; rn: number }>(
		`SELECT * FROM (
			SELECT *, count(*) OVER (PARTITION BY check_id) AS total,
				row_number() OVER (PARTITION BY check_id ORDER BY line) AS rn
			FROM (${union})
		) WHERE rn <= ${max + 1} ORDER BY check_id, line`
	);
	for (const r of rows) {
		const { lines, make } = checks[r.check_id];
		const found = make({
			...r,
			line: lineOf(lines, r.line),
			other_line: r.other_line === null ? null : lineOf(lines, r.other_line)
		});
		if (r.rn <= max) issues.push(found);
		else
			issues.push(
				error('too_many_errors', { file: found.file, column: found.column, kind: found.code, count: r.total })
			);
	}
	return issues;
}
