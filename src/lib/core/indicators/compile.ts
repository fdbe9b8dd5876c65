import { sqlIdent, sqlString } from '../engine';
import type { TableName } from '../schema/tables';
import type { Filter, GradeRule, IndicatorDefinition, Kind, Target } from './definition';
import { gradeTables, gradeValuesCtes } from './grades';
import { ageCondition, populationCte } from './population';
import { ALL, periodOfDate, personPeriodsCte } from './periods';
import { checkSqlText, referencedTables } from './sandbox';

export interface CompileOptions {
	/** 'YYYY-MM-DD': the date the data is read as of (waiting times, the 'all' period's end).
	 * Default: the latest date in events, care and persons. */
	asOf?: string;
}

export interface CompiledIndicator {
	id: string;
	/** One query returning indicator_id, cohort_id, period, …dimensions, n, numerator, value. */
	sql: string;
	/** Extra columns that break a row down (contacts: age_band, place; surveys: survey and question). */
	dimensions: string[];
	/** Canonical tables the query reads: a change to any of them invalidates the result. */
	tables: TableName[];
}

export class CompileError extends Error {
	constructor(
		readonly path: string,
		readonly code: string,
		readonly token?: string
	) {
		super(`${path}: ${code}${token ? ` (${token})` : ''}`);
	}
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const literal = (x: string | number): string => {
	if (typeof x === 'number') {
		if (!Number.isFinite(x)) throw new CompileError('measure.filter', 'expected_number', String(x));
		return String(x);
	}
	return sqlString(x);
};

/** Filters were checked against the table's columns; identifiers are quoted all the same. */
export function filterSql(filters: readonly Filter[] | undefined, alias: string): string {
	return (filters ?? [])
		.map((f) => {
			const col = `${alias}.${sqlIdent(f.column)}`;
			if (Array.isArray(f.value)) {
				const list = f.value.map(literal).join(', ');
				return `${col} ${f.op === 'not_in' ? 'NOT IN' : 'IN'} (${list})`;
			}
			return `${col} ${f.op === 'in' ? '=' : f.op === 'not_in' ? '<>' : f.op} ${literal(f.value)}`;
		})
		.map((s) => ` AND ${s}`)
		.join('');
}

const compare = (x: string, t: Target) => `(${x} ${t.op} ${literal(t.value)})`;

function asOfCte(asOf: string | undefined): string {
	if (asOf !== undefined) {
		if (!ISO_DATE.test(asOf) || Number.isNaN(Date.parse(asOf)))
			throw new CompileError('asOf', 'invalid_format', asOf);
		return `as_of AS (SELECT DATE ${sqlString(asOf)} AS d)`;
	}
	// current_date needs the ICU extension, which is not loaded; today only matters when there is no data.
	return `as_of AS (
	SELECT coalesce(max(d), DATE ${sqlString(new Date().toISOString().slice(0, 10))}) AS d FROM (
		SELECT max(date) AS d FROM events UNION ALL SELECT max(start_date) FROM care
		UNION ALL SELECT max(end_date) FROM care UNION ALL SELECT max(entry_date) FROM persons
		UNION ALL SELECT max(exit_date) FROM persons
	)
)`;
}
const ASOF_TABLES: TableName[] = ['events', 'care', 'persons'];

/** Aggregate person-level values `pv(cohort_id, period, person_id, x [, ok])` by kind. */
export function aggregate(id: string, kind: Kind): string {
	const base = 'count(x)';
	let numerator = 'NULL';
	let value: string;
	let n = base;
	switch (kind) {
		case 'share':
			numerator = 'count_if(x > 0)';
			value = `count_if(x > 0) / ${base}`;
			break;
		case 'mean':
			value = 'avg(x)';
			break;
		case 'median':
		case 'days_between':
			value = 'median(x)';
			break;
		case 'count':
			value = 'sum(x)';
			break;
		case 'rate_per_1000':
			numerator = 'sum(x)';
			value = `1000.0 * sum(x) / ${base}`;
			break;
		case 'share_within_target':
			n = 'count(ok)';
			numerator = 'count_if(ok)';
			value = 'count_if(ok) / count(ok)';
			break;
	}
	return `SELECT ${sqlString(id)} AS indicator_id, cohort_id, period, ${n}::INTEGER AS n,
	(${numerator})::DOUBLE AS numerator, (${value})::DOUBLE AS value
FROM pv GROUP BY cohort_id, period HAVING ${n} > 0 ORDER BY cohort_id, period`;
}

const withClause = (ctes: string[]) => `WITH ${ctes.join(',\n')}\n`;

/** `ok` column for share_within_target over a value x. */
const okColumn = (d: IndicatorDefinition) =>
	d.kind === 'share_within_target' && d.measure.threshold
		? `, ${compare('x', d.measure.threshold)} AS ok`
		: '';

function compileGrades(d: IndicatorDefinition, valuesCtes: string): string {
	const age = ageCondition(
		d.population,
		'make_date(TRY_CAST(left(gv.school_year, 4) AS INTEGER), 7, 1)',
		'make_date(TRY_CAST(left(gv.school_year, 4) AS INTEGER) + 1, 6, 30)'
	);
	return (
		withClause([
			populationCte(d.population),
			valuesCtes,
			`pv AS (
	SELECT pop.cohort_id, gv.school_year AS period, pop.person_id, gv.x${okColumn(d)}
	FROM gv JOIN pop ON pop.person_id = gv.person_id
	WHERE ${age}
)`
		]) + aggregate(d.id, d.kind)
	);
}

function personPeriodCtes(d: IndicatorDefinition, asOf: string | undefined, cov: string): string[] {
	return [
		asOfCte(asOf),
		populationCte(d.population),
		cov,
		personPeriodsCte(d.period, ageCondition(d.population, 'p_start', '(p_end - 1)'))
	];
}

function compileEvents(
	d: IndicatorDefinition,
	asOf: string | undefined,
	userSql: string | undefined
): string {
	const m = d.measure;
	const typeIs = (t: string) => `type = ${sqlString(t)}`;
	const source =
		userSql !== undefined
			? `SELECT person_id::VARCHAR AS person_id, date::DATE AS date, value::DOUBLE AS value FROM (${userSql}\n) AS _u`
			: `SELECT person_id, date, value FROM events WHERE ${typeIs(m.eventType!)}`;
	const src = `src AS (SELECT * FROM (${source}) AS e WHERE TRUE${filterSql(m.filter, 'e')})`;
	// Coverage ignores the value filters: no matching row is a zero, no row of the type at all is "no data".
	const cov = `cov AS (SELECT min(date) AS min_d, (SELECT d FROM as_of) AS max_d FROM (${source}))`;
	const ctes = [...personPeriodCtes(d, asOf, cov), src];

	if (m.toEventType) {
		const t = m.threshold;
		let ok = '';
		if (d.kind === 'share_within_target' && t) {
			// Still waiting at as-of: the eventual wait is at least (as-of − start + 1) days.
			const lowerBound = `(date_diff('day', d0, (SELECT d FROM as_of)) + 1)`;
			const waiting =
				t.op === '<=' || t.op === '<'
					? `CASE WHEN NOT ${compare(lowerBound, t)} THEN false END`
					: `CASE WHEN ${compare(lowerBound, t)} THEN true END`;
			ok = `, CASE WHEN x IS NOT NULL THEN ${compare('x', t)} ELSE ${waiting} END AS ok`;
		}
		ctes.push(
			`cases AS (
	SELECT pp.cohort_id, pp.period, pp.person_id, min(src.date) AS d0
	FROM pp JOIN src ON src.person_id = pp.person_id AND src.date >= pp.p_start AND src.date < pp.p_end
	GROUP BY pp.cohort_id, pp.period, pp.person_id
)`,
			`ends AS (
	SELECT c.*, (SELECT min(t.date) FROM events t WHERE t.person_id = c.person_id AND ${typeIs(m.toEventType)}
		AND t.date >= c.d0 AND t.date <= (SELECT d FROM as_of)) AS d1
	FROM cases c
)`,
			`pv AS (SELECT *${ok} FROM (SELECT *, date_diff('day', d0, d1) AS x FROM ends))`
		);
		return withClause(ctes) + aggregate(d.id, d.kind);
	}

	const agg = m.aggregate ?? (d.kind === 'share' ? 'any' : 'count');
	const x = {
		count: 'count(src.date)',
		any: 'CASE WHEN count(src.date) > 0 THEN 1 ELSE 0 END',
		sum: 'coalesce(sum(src.value), 0)',
		last: 'arg_max(src.value, src.date)',
		first: 'arg_min(src.value, src.date)',
		mean: 'avg(src.value)'
	}[agg];
	const withData = m.base === 'with_data' ? 'HAVING count(src.date) > 0' : '';
	ctes.push(`pv0 AS (
	SELECT pp.cohort_id, pp.period, pp.person_id, ${x} AS x
	FROM pp LEFT JOIN src ON src.person_id = pp.person_id AND src.date >= pp.p_start AND src.date < pp.p_end
	GROUP BY pp.cohort_id, pp.period, pp.person_id ${withData}
)`);
	ctes.push(`pv AS (SELECT *${okColumn(d)} FROM pv0)`);
	return withClause(ctes) + aggregate(d.id, d.kind);
}

function compileCare(d: IndicatorDefinition, asOf: string | undefined): string {
	// A care day is a night: end − start, an ongoing episode runs to the period's end, clipped to the period.
	// (greatest/least skip NULLs in DuckDB, hence the FILTER for persons without episodes.)
	// Each join condition compares one side with the other, so DuckDB hashes on person_id instead of
	// a nested loop over every person-period and episode (quadratic in the data). An ongoing episode
	// runs to 'infinity' there; one that ends up with no night in the period adds 0 to the sum.
	const end = 'coalesce(s.end_date, pp.p_end)';
	const ctes = [
		...personPeriodCtes(
			d,
			asOf,
			'cov AS (SELECT min(start_date) AS min_d, (SELECT d FROM as_of) AS max_d FROM care)'
		),
		`src AS (SELECT * FROM care c WHERE TRUE${filterSql(d.measure.filter, 'c')})`,
		`pv0 AS (
	SELECT pp.cohort_id, pp.period, pp.person_id,
		coalesce(sum(greatest(0, date_diff('day', greatest(s.start_date, pp.p_start), least(${end}, pp.p_end))))
			FILTER (WHERE s.start_date IS NOT NULL), 0) AS x
	FROM pp LEFT JOIN src s ON s.person_id = pp.person_id AND s.start_date < pp.p_end
		AND coalesce(s.end_date, 'infinity'::DATE) > pp.p_start
	GROUP BY pp.cohort_id, pp.period, pp.person_id
)`,
		`pv AS (SELECT *${okColumn(d)} FROM pv0)`
	];
	return withClause(ctes) + aggregate(d.id, d.kind);
}

function compilePersons(
	d: IndicatorDefinition,
	asOf: string | undefined
): { sql: string; dimensions: string[] } {
	const byReason = d.measure.groupBy?.includes('exit_reason') ?? false;
	const ctes = [
		...personPeriodCtes(d, asOf, "cov AS (SELECT DATE '0001-01-01' AS min_d, DATE '9999-12-31' AS max_d)"),
		`pv AS (
	SELECT cohort_id, period, person_id, coalesce(exit_reason, 'unknown') AS exit_reason,
		(exit_date IS NOT NULL AND coalesce(exit_reason, '') <> 'completed' AND (c_end IS NULL OR exit_date < c_end)) AS left_early
	FROM pp
)`,
		`tot AS (SELECT cohort_id, period, count(*) AS n, count_if(left_early) AS k FROM pv GROUP BY cohort_id, period)`
	];
	const id = sqlString(d.id);
	const total = `SELECT ${id} AS indicator_id, cohort_id, period${byReason ? `, '${ALL}' AS exit_reason` : ''},
	n::INTEGER AS n, k::DOUBLE AS numerator, (k / n)::DOUBLE AS value FROM tot`;
	const reasons = `SELECT ${id}, pv.cohort_id, pv.period, pv.exit_reason, tot.n::INTEGER, count(*)::DOUBLE, (count(*) / tot.n)::DOUBLE
	FROM pv JOIN tot ON tot.cohort_id IS NOT DISTINCT FROM pv.cohort_id AND tot.period = pv.period
	WHERE pv.left_early GROUP BY pv.cohort_id, pv.period, pv.exit_reason, tot.n`;
	const body = byReason ? `${total}\nUNION ALL\n${reasons}` : total;
	return {
		sql: `${withClause(ctes)}SELECT * FROM (${body}) ORDER BY ALL`,
		dimensions: byReason ? ['exit_reason'] : []
	};
}

function compileSurveys(d: IndicatorDefinition): { sql: string; dimensions: string[] } {
	const dims = ['project_id', 'survey_id', 'question_id', ...(d.measure.groupBy ?? [])];
	const period = d.period.type === 'survey_wave' ? 's.wave' : periodOfDate(d.period, 's.date');
	const t = d.measure.threshold;
	const stats =
		d.kind === 'share_within_target' && t
			? `count(score)::INTEGER AS n, count_if(${compare('score', t)})::DOUBLE AS numerator,
	(count_if(${compare('score', t)}) / count(score))::DOUBLE AS value`
			: `count(score)::INTEGER AS n, NULL::DOUBLE AS numerator, ${d.kind === 'median' ? 'median' : 'avg'}(score)::DOUBLE AS value`;
	const cols = dims.map(sqlIdent).join(', ');
	return {
		sql: `SELECT ${sqlString(d.id)} AS indicator_id, NULL::VARCHAR AS cohort_id, ${period} AS period, ${cols}, ${stats}
FROM surveys s WHERE score IS NOT NULL${filterSql(d.measure.filter, 's')}
GROUP BY ALL HAVING count(score) > 0 ORDER BY ALL`,
		dimensions: dims
	};
}

function compileContacts(d: IndicatorDefinition): { sql: string; dimensions: string[] } {
	const dims = d.measure.groupBy ?? [];
	const cols = dims.map((c) => `, ${sqlIdent(c)}`).join('');
	return {
		sql: `SELECT ${sqlString(d.id)} AS indicator_id, NULL::VARCHAR AS cohort_id, ${periodOfDate(d.period, 'c.date')} AS period${cols},
	NULL::INTEGER AS n, NULL::DOUBLE AS numerator, sum(c."count")::DOUBLE AS value
FROM contacts c WHERE c."count" IS NOT NULL${filterSql(d.measure.filter, 'c')}
GROUP BY ALL ORDER BY ALL`,
		dimensions: dims
	};
}

/**
 * Compile a validated definition into one DuckDB query. Identifiers come from the schema or are
 * quoted, literals are quoted, and advanced SQL must pass the sandbox's lexical check (the
 * runner also binds it with DuckDB before use).
 */
export function compileIndicator(d: IndicatorDefinition, options: CompileOptions = {}): CompiledIndicator {
	const m = d.measure;
	const personTables: TableName[] = ['persons', 'cohorts'];
	let userSql: string | undefined;
	if (m.sql !== undefined) {
		const r = checkSqlText(m.sql);
		if (!r.ok) throw new CompileError('measure.sql', r.error.code, r.error.token);
		userSql = r.sql;
	}
	let sql: string;
	let dimensions: string[] = [];
	let tables: TableName[];
	switch (m.table) {
		case 'grades':
			sql = compileGrades(d, gradeValuesCtes(m.derive as GradeRule));
			tables = [...personTables, ...gradeTables(m.derive as GradeRule)];
			break;
		case 'school_outcomes': {
			const col = sqlIdent(m.column!);
			sql = compileGrades(
				d,
				`gv AS (SELECT person_id, school_year, ${col}::DOUBLE AS x FROM school_outcomes WHERE ${col} IS NOT NULL)`
			);
			tables = [...personTables, 'school_outcomes'];
			break;
		}
		case 'events':
			sql = compileEvents(d, options.asOf, userSql);
			tables = [...new Set([...personTables, ...ASOF_TABLES])];
			break;
		case 'care':
			sql = compileCare(d, options.asOf);
			tables = [...new Set([...personTables, ...ASOF_TABLES])];
			break;
		case 'persons':
			({ sql, dimensions } = compilePersons(d, options.asOf));
			tables = [...new Set([...personTables, ...ASOF_TABLES])];
			break;
		case 'surveys':
			({ sql, dimensions } = compileSurveys(d));
			tables = ['surveys'];
			break;
		case 'contacts':
			({ sql, dimensions } = compileContacts(d));
			tables = ['contacts'];
			break;
	}
	if (m.sql !== undefined) tables = [...new Set([...tables, ...referencedTables(m.sql)])];
	return { id: d.id, sql, dimensions, tables };
}
