import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { checkSql, checkSqlText } from '$lib/core/indicators/sandbox';
import { load, newEngine } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await newEngine();
	await load(engine, "INSERT INTO events VALUES ('p1', '2016-01-01', 'report_of_concern', NULL);");
});
afterAll(() => engine.close());

const refusal = (sql: string) => {
	const r = checkSqlText(sql);
	return r.ok ? null : [r.error.code, r.error.token];
};

describe('escape attempts are refused with the offending token', () => {
	it.each([
		['second statement', 'SELECT 1 FROM events; DROP TABLE persons', ['multiple_statements', ';']],
		[
			'statement after a comment',
			"SELECT 1 FROM events -- harmless\n; COPY persons TO 'x.csv'",
			['multiple_statements', ';']
		],
		[
			'real semicolon after one in a string',
			"SELECT ';' AS s FROM events; INSTALL httpfs",
			['multiple_statements', ';']
		],
		[
			'block comment hides nothing',
			"SELECT 1 FROM events /* ; */ ; ATTACH 'x.db'",
			['multiple_statements', ';']
		],
		['file reader', "SELECT * FROM read_csv('/etc/passwd')", ['forbidden_function', 'read_csv']],
		['case trick', "SELECT * FROM ReAd_CsV_AuTo('x.csv')", ['forbidden_function', 'read_csv_auto']],
		[
			'quoted function name',
			'SELECT * FROM "read_parquet"(\'x.parquet\')',
			['forbidden_function', 'read_parquet']
		],
		[
			'reader inside a CTE',
			"WITH x AS (SELECT * FROM read_json('http://evil/x')) SELECT * FROM x",
			['forbidden_function', 'read_json']
		],
		[
			'SQL from a string',
			"SELECT * FROM query('SELECT * FROM ' || 'read_' || 'text(''x'')')",
			['forbidden_function', 'query']
		],
		['environment', "SELECT getenv('HOME') FROM events", ['forbidden_function', 'getenv']],
		['settings', "SELECT current_setting('threads')", ['forbidden_function', 'current_setting']],
		['system tables', 'SELECT * FROM duckdb_settings()', ['forbidden_function', 'duckdb_settings']],
		[
			'pragma function',
			"SELECT * FROM pragma_table_info('persons')",
			['forbidden_function', 'pragma_table_info']
		],
		['glob', "SELECT * FROM glob('*')", ['forbidden_function', 'glob']],
		['file as a table', "SELECT * FROM 'data.csv'", ['file_path', 'data.csv']],
		['file as a quoted identifier', 'SELECT * FROM "data.csv"', ['file_path', 'data.csv']],
		['file after a comma', "SELECT * FROM events, 'x.csv'", ['file_path', 'x.csv']],
		['file in a join', "SELECT * FROM events JOIN 'x.parquet' USING (person_id)", ['file_path', 'x.parquet']],
		['FROM-first subquery', "SELECT * FROM (FROM 'x.csv')", ['file_path', 'x.csv']],
		[
			'file in an IN subquery',
			"SELECT * FROM events WHERE person_id IN (SELECT * FROM 's3://b/k.csv')",
			['file_path', 's3://b/k.csv']
		],
		['file in EXISTS', "SELECT EXISTS (FROM 'x.csv')", ['file_path', 'x.csv']],
		[
			'DML in a CTE',
			'WITH d AS (DELETE FROM persons RETURNING *) SELECT * FROM d',
			['forbidden_keyword', 'delete']
		],
		[
			'UPDATE inside',
			'SELECT 1 FROM events WHERE 1 = (UPDATE persons SET sex = NULL)',
			['forbidden_keyword', 'update']
		],
		['not a SELECT', 'PRAGMA show_tables', ['not_a_select', 'pragma']],
		['SET', 'SET enable_external_access = true', ['not_a_select', 'set']],
		['fullwidth lookalikes', "SELECT * FROM ＲＥＡＤ_CSV('x')", ['non_ascii', 'Ｒ']],
		['zero-width space', 'SELECT 1 FROM events\u200b; DROP TABLE persons', ['non_ascii', '\u200b']],
		['Cyrillic е in a keyword', 'SELECT * FROM \u0435vents', ['non_ascii', '\u0435']],
		['nested comment', "SELECT 1 FROM events /* a /* b */ ATTACH 'x' */", ['nested_comment', '/*']],
		['unterminated comment', "SELECT 1 FROM events /* ATTACH 'x'", ['unterminated_comment', '/*']],
		['unterminated string', "SELECT 'abc FROM events", ['unterminated_string', "'abc FROM events"]],
		['escape string', "SELECT E'\\'' ; DROP TABLE persons", ['escape_string', "E'"]],
		['unicode-escaped identifier', 'SELECT * FROM U&"\\0072ead_csv"(\'x\')', ['escape_string', 'U&']],
		['dollar quoting', 'SELECT $$ ; DROP TABLE persons $$', ['dollar_quote', '$']],
		[
			'other schema',
			'SELECT * FROM information_schema.tables',
			['unknown_table', 'information_schema.tables']
		],
		['attached database', 'SELECT * FROM other.main.events', ['unknown_table', 'other.main']],
		['unknown table', 'SELECT * FROM staging_persons', ['unknown_table', 'staging_persons']],
		[
			'other table function',
			'SELECT * FROM generate_series(1, 3), test_all_types()',
			['table_function', 'test_all_types']
		],
		['sqlite catalog', 'SELECT * FROM sqlite_master', ['forbidden_function', 'sqlite_master']],
		['control character', 'SELECT 1\u0000 FROM events', ['control_character', 'U+0000']],
		['empty', '  -- nothing\n', ['empty', '']]
	])('%s', (_name, sql, expected) => {
		expect(refusal(sql)).toEqual(expected);
	});
});

describe('legitimate queries pass', () => {
	it.each([
		"SELECT person_id, date, value FROM events WHERE type = 'police_report'",
		'select * from events -- ; drop table persons',
		"SELECT 'a;b; DROP TABLE x' AS s FROM events",
		'SELECT * FROM events;',
		'SELECT * FROM "events" AS e',
		'WITH t(a) AS (SELECT 1) SELECT * FROM t',
		'WITH r AS MATERIALIZED (SELECT person_id FROM events) SELECT * FROM r JOIN persons USING (person_id)',
		'SELECT p.person_id, count(*) AS n FROM persons p JOIN events e ON e.person_id = p.person_id GROUP BY 1',
		'SELECT extract(year FROM date) AS y, substring(type FROM 1 FOR 3) AS t FROM events',
		"SELECT * FROM events WHERE type = 'orosanmälan' /* ändrad */",
		'SELECT * FROM main.events, range(3) r(i)',
		'SELECT (SELECT count(*) FROM care) AS c, x FROM (SELECT 1 AS x) q'
	])('%s', (sql) => {
		expect(checkSqlText(sql)).toMatchObject({ ok: true });
	});

	it('binds with DuckDB and returns the columns', async () => {
		const r = await checkSql(
			engine,
			"SELECT person_id, date, value FROM events WHERE type = 'x' -- tail comment",
			{
				requiredColumns: ['person_id', 'date', 'value']
			}
		);
		expect(r).toEqual({
			ok: true,
			sql: "SELECT person_id, date, value FROM events WHERE type = 'x' -- tail comment",
			columns: ['person_id', 'date', 'value']
		});
	});

	it('strips one trailing semicolon', async () => {
		const r = await checkSql(engine, 'SELECT person_id FROM events ;');
		expect(r.ok && r.columns).toEqual(['person_id']);
	});
});

describe('DuckDB reports syntax and name errors', () => {
	it('syntax error in DuckDB words', async () => {
		const r = await checkSql(engine, 'SELECT person_id FROM events WHERE');
		expect(r.ok ? null : r.error.code).toBe('duckdb_error');
		expect(r.ok ? '' : r.error.token).toMatch(/syntax error/i);
	});

	it('unknown column', async () => {
		const r = await checkSql(engine, 'SELECT nope FROM events');
		expect(r.ok ? '' : r.error.token).toMatch(/nope/);
	});

	it('missing required columns', async () => {
		const r = await checkSql(engine, 'SELECT person_id FROM events', {
			requiredColumns: ['person_id', 'date']
		});
		expect(r.ok ? null : r.error).toEqual({ code: 'missing_columns', token: 'date' });
	});

	it('expression mode', async () => {
		expect((await checkSql(engine, 'CASE WHEN value > 3 THEN 1 ELSE 0 END', { mode: 'expression' })).ok).toBe(
			true
		);
		const bad = await checkSql(engine, "getenv('HOME')", { mode: 'expression' });
		expect(bad.ok ? null : bad.error.code).toBe('forbidden_function');
	});
});
