import { sqlIdent, sqlString, type Engine } from '../engine';
import { duckdbType, tableByName, type TableName } from '../schema/tables';
import { cleanSql, convertSql, failureCodeSql } from './convert-sql';
import type { Dialect } from './dialect';
import { error, type Issue, type IssueCode } from './issues';
import type { FileMapping } from './mapping';
import type { CsvRecord } from './records';

export interface LoadInput {
	file: string;
	text: string;
	dialect: Dialect;
	/** Every record of the file as scanned (header first): their lines become the staging rows' lines. */
	records: readonly CsvRecord[];
	mapping: FileMapping;
	/** Name of the typed staging table to create (a temporary table). */
	staging: string;
	maxErrorsPerCheck?: number;
}

export interface StagedTable {
	table: TableName;
	file: string;
	/** Temporary table with the canonical columns, typed, plus `__line` (the line in the user's file). */
	staging: string;
	/** Canonical column → the user's column name (null when the file has no such column). */
	columns: Record<string, string | null>;
	rows: number;
}

export interface LoadResult {
	issues: Issue[];
	staged: StagedTable | null;
}

const rawCol = (i: number): string => `c${i}`;

/** DuckDB's own reader error, e.g. "CSV Error on Line: 3", as an issue with that line. */
function readerIssue(file: string, e: unknown): Issue {
	const detail = e instanceof Error ? e.message : String(e);
	const line = /Line: (\d+)/.exec(detail);
	return error('csv_unreadable', {
		file,
		line: line ? Number(line[1]) : undefined,
		detail: detail.slice(0, 500)
	});
}

/**
 * Typed load of one file through DuckDB: the decoded text is registered as UTF-8 and read with the
 * sniffed dialect, every column as VARCHAR, into a raw table carrying each record's line; each mapped
 * column is then converted in SQL and every non-empty value that does not fit is reported.
 */
export async function loadFile(engine: Engine, input: LoadInput): Promise<LoadResult> {
	const { file, dialect, records, mapping, staging } = input;
	const max = input.maxErrorsPerCheck ?? 1000;
	const spec = tableByName(mapping.table);
	const headers = records[0]?.fields ?? [];
	const dataName = `${staging}.csv`;
	const linesName = `${staging}.lines.csv`;
	const raw = `${staging}_raw`;
	const body = records.slice(1);

	await engine.registerFile(dataName, new TextEncoder().encode(input.text));
	await engine.registerFile(
		linesName,
		new TextEncoder().encode(['line', ...body.map((r) => r.line)].join('\n'))
	);
	try {
		const columns = headers.map((_, i) => `${sqlString(rawCol(i))}: 'VARCHAR'`).join(', ');
		const q = sqlString(dialect.quote);
		try {
			await engine.exec(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(raw)} AS
				SELECT l.line AS __line, d.*
				FROM read_csv(${sqlString(linesName)}, auto_detect=false, header=true, columns={'line': 'INTEGER'}) l
				POSITIONAL JOIN read_csv(${sqlString(dataName)}, auto_detect=false, header=true,
					delim=${sqlString(dialect.delimiter)}, quote=${q}, escape=${q},
					columns={${columns}}, strict_mode=true, null_padding=false) d`);
		} catch (e) {
			return { issues: [readerIssue(file, e)], staged: null };
		}
		const [{ n, lost }] = await engine.query<{ n: number; lost: number }>(
			`SELECT count(*) AS n, count(*) FILTER (WHERE __line IS NULL) AS lost FROM ${sqlIdent(raw)}`
		);
		if (n !== body.length || lost > 0)
			return {
				issues: [error('csv_unreadable', { file, expected: body.length, found: n - lost })],
				staged: null
			};
		const source = new Map<string, number>();
		headers.forEach((h, i) => {
			const target = mapping.columns[h];
			if (target) source.set(target, i);
		});
		// Excel writes formatted but empty rows as ";;;;".
		const notEmpty = headers.map((_, i) => `${cleanSql(rawCol(i))} IS NULL`).join(' AND ') || 'false';
		const select = spec.columns.map((c) => {
			const i = source.get(c.name);
			const expr = i === undefined ? `NULL::${duckdbType(c)}` : convertSql(rawCol(i), c, dialect);
			return `${expr} AS ${sqlIdent(c.name)}`;
		});
		await engine.exec(
			`CREATE OR REPLACE TEMP TABLE ${sqlIdent(staging)} AS SELECT __line, ${select.join(', ')} FROM ${sqlIdent(raw)}
			WHERE NOT (${notEmpty})`
		);

		const issues: Issue[] = [];
		const checked = spec.columns.filter((c) => c.type !== 'text' && source.has(c.name));
		if (checked.length) {
			// One query for every column: the wasm engine's cost is per statement, not per row.
			const union = checked
				.map((c, k) => {
					const x = rawCol(source.get(c.name)!);
					return `SELECT ${k} AS k, __line AS line, ${x} AS value, ${failureCodeSql(x, c, dialect)} AS code
					FROM ${sqlIdent(raw)} WHERE ${cleanSql(x)} IS NOT NULL AND ${convertSql(x, c, dialect)} IS NULL`;
				})
				.join('\nUNION ALL\n');
			const bad = await engine.query<{
				k: number;
				line: number;
				value: string;
				code: IssueCode;
				total: number;
				rn: number;
			}>(
				`SELECT * FROM (
					SELECT *, count(*) OVER (PARTITION BY k) AS total, row_number() OVER (PARTITION BY k ORDER BY line) AS rn
					FROM (${union})
				) WHERE rn <= ${max + 1} ORDER BY k, line`
			);
			for (const b of bad) {
				const c = checked[b.k];
				const column = headers[source.get(c.name)!];
				const allowed = c.type === 'enum' ? c.values?.join(', ') : undefined;
				if (b.rn <= max) issues.push(error(b.code, { file, line: b.line, column, value: b.value, allowed }));
				else issues.push(error('too_many_errors', { file, column, kind: b.code, count: b.total }));
			}
		}
		const [{ rows }] = await engine.query<{ rows: number }>(
			`SELECT count(*) AS rows FROM ${sqlIdent(staging)}`
		);
		const columnsByTarget = Object.fromEntries(
			spec.columns.map((c) => [c.name, source.has(c.name) ? headers[source.get(c.name)!] : null])
		);
		return {
			issues,
			staged: { table: spec.name, file, staging, columns: columnsByTarget, rows }
		};
	} finally {
		await engine.exec(`DROP TABLE IF EXISTS ${sqlIdent(raw)}`);
		await engine.dropFile(dataName);
		await engine.dropFile(linesName);
	}
}
