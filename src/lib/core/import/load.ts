import { sqlIdent, sqlString, type Engine } from '../engine';
import { duckdbType, tableByName, type TableName } from '../schema/tables';
import { cleanSql, convertSql, failureCodeSql, notBlankSql } from './convert-sql';
import type { Dialect } from './dialect';
import { findIdentity, IDENTITY_PREFILTER, maskIdentity } from './identity';
import { error, isOutOfMemory, type Issue, type IssueCode } from './issues';
import type { FileMapping } from './mapping';

export interface RawInput {
	file: string;
	/** The file as UTF-8 (without a BOM), a copy the engine may keep: registered once, read once. */
	utf8: Uint8Array;
	dialect: Dialect;
	/** The header's fields, as scanned. */
	headers: readonly string[];
	/** The line each data record starts on, by record (scanRecords). */
	lines: Int32Array;
	/** Name of the raw table to create (a temporary table). */
	name: string;
}

/**
 * One file read by DuckDB, every column VARCHAR (`c0`, `c1`, …), one row per data record in the
 * file's order: row k (its rowid) is record k, which starts on line `lines[k]` of the user's file.
 */
export interface RawTable {
	file: string;
	name: string;
	headers: readonly string[];
	lines: Int32Array;
}

export interface StagedTable {
	table: TableName;
	file: string;
	/** Temporary table with the canonical columns, typed, plus `__row` (the record's row in the file's data). */
	staging: string;
	/** Canonical column → the user's column name (null when the file has no such column). */
	columns: Record<string, string | null>;
	rows: number;
	/** The line in the user's file of each `__row`. */
	lines: Int32Array;
}

export interface LoadResult {
	issues: Issue[];
	staged: StagedTable | null;
}

const rawCol = (i: number): string => `c${i}`;

/** The line in the user's file of a raw row (a row number from SQL). */
export const lineOf = (lines: Int32Array, row: number): number => lines[row];

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
 * Read one file into its raw table with the sniffed dialect, strictly, every column as VARCHAR.
 * The record count must equal the scan's, so each row's line is known. Returns the issue that
 * stops the file, or the raw table.
 */
export async function readRaw(
	engine: Engine,
	input: RawInput
): Promise<{ issue: Issue; raw: null } | { issue: null; raw: RawTable }> {
	const { file, dialect, headers, lines, name } = input;
	const dataName = `${name}.csv`;
	await engine.registerFile(dataName, input.utf8);
	try {
		const columns = headers.map((_, i) => `${sqlString(rawCol(i))}: 'VARCHAR'`).join(', ');
		const q = sqlString(dialect.quote);
		try {
			await engine.exec(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(name)} AS
				SELECT * FROM read_csv(${sqlString(dataName)}, auto_detect=false, header=true,
					delim=${sqlString(dialect.delimiter)}, quote=${q}, escape=${q},
					columns={${columns}}, strict_mode=true, null_padding=false)`);
		} catch (e) {
			// Not this file's fault: the whole import stops, as one out_of_memory finding.
			if (isOutOfMemory(e)) throw e;
			return { issue: readerIssue(file, e), raw: null };
		}
		const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${sqlIdent(name)}`);
		if (n !== lines.length) {
			await engine.exec(`DROP TABLE IF EXISTS ${sqlIdent(name)}`);
			return {
				issue: error('csv_unreadable', { file, expected: lines.length, found: n }),
				raw: null
			};
		}
		return { issue: null, raw: { file, name, headers, lines } };
	} finally {
		await engine.dropFile(dataName);
	}
}

/**
 * identity_number refusals, one per column at its first occurrence with the count of cells: DuckDB
 * picks the cells that could hold one (IDENTITY_PREFILTER), grouped by value; only those are checked
 * (date, Luhn) in JS.
 */
export async function findIdentityNumbers(engine: Engine, raw: RawTable): Promise<Issue[]> {
	if (raw.headers.length === 0 || raw.lines.length === 0) return [];
	const union = raw.headers
		.map(
			(_, k) =>
				`SELECT ${k} AS k, rowid AS r, ${rawCol(k)} AS v FROM ${sqlIdent(raw.name)}
				WHERE regexp_matches(${rawCol(k)}, ${sqlString(IDENTITY_PREFILTER)})`
		)
		.join('\nUNION ALL\n');
	const candidates = await engine.query<{ k: number; v: string; n: number; r: number }>(
		`SELECT k, v, count(*) AS n, min(r) AS r FROM (${union}) GROUP BY k, v`
	);
	const found = new Map<number, { row: number; match: string; kind: string; count: number }>();
	for (const c of candidates) {
		const hit = findIdentity(c.v);
		if (!hit) continue;
		const seen = found.get(c.k);
		if (!seen) found.set(c.k, { row: c.r, match: hit.match, kind: hit.kind, count: c.n });
		else {
			seen.count += c.n;
			if (c.r < seen.row) Object.assign(seen, { row: c.r, match: hit.match, kind: hit.kind });
		}
	}
	return [...found.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([k, f]) =>
			error('identity_number', {
				file: raw.file,
				line: lineOf(raw.lines, f.row),
				column: raw.headers[k] ?? String(k + 1),
				value: maskIdentity(f.match),
				kind: f.kind,
				count: f.count
			})
		);
}

/**
 * Typed staging of one raw table: each mapped column is converted in SQL and every non-empty value
 * that does not fit is reported with its line, column and value.
 */
export async function stageRaw(
	engine: Engine,
	raw: RawTable,
	options: { dialect: Dialect; mapping: FileMapping; staging: string; maxErrorsPerCheck?: number }
): Promise<LoadResult> {
	const { dialect, mapping, staging } = options;
	const { file, headers } = raw;
	const max = options.maxErrorsPerCheck ?? 1000;
	const spec = tableByName(mapping.table);
	const source = new Map<string, number>();
	headers.forEach((h, i) => {
		const target = mapping.columns[h];
		if (target) source.set(target, i);
	});
	// Excel writes formatted but empty rows as ";;;;": a row is kept when some cell has something in it
	// (as OR, so DuckDB looks past the first column only for the rare row whose first cell is blank).
	const kept = headers.map((_, i) => notBlankSql(rawCol(i))).join(' OR ') || 'true';
	const checked = spec.columns.filter((c) => c.type !== 'text' && source.has(c.name));
	const converted = spec.columns.map((c) => {
		const i = source.get(c.name);
		const expr = i === undefined ? `NULL::${duckdbType(c)}` : convertSql(rawCol(i), c, dialect);
		return `${expr} AS ${sqlIdent(c.name)}`;
	});
	// Each value is converted once: a checked column's raw value is kept beside it (`__bad_k`) only
	// where the conversion gave NULL, so the failures are found without converting again.
	const bad = (k: number): string => `__bad_${k}`;
	const keptRaw = checked.map((c, k) => `${rawCol(source.get(c.name)!)} AS __raw_${k}`);
	const inner = `SELECT CAST(rowid AS INTEGER) AS __row, ${[...converted, ...keptRaw].join(', ')}
		FROM ${sqlIdent(raw.name)} WHERE ${kept}`;
	await engine.exec(
		`CREATE OR REPLACE TEMP TABLE ${sqlIdent(staging)} AS ` +
			(checked.length
				? `SELECT * EXCLUDE (${checked.map((_, k) => `__raw_${k}`).join(', ')}),
					${checked.map((c, k) => `CASE WHEN ${sqlIdent(c.name)} IS NULL THEN __raw_${k} END AS ${bad(k)}`).join(', ')}
				FROM (${inner})`
				: inner)
	);

	const issues: Issue[] = [];
	if (checked.length) {
		// One query for every column: the wasm engine's cost is per statement, not per row.
		const union = checked
			.map((c, k) => {
				const x = bad(k);
				return `SELECT ${k} AS k, __row AS r, ${x} AS value, ${failureCodeSql(x, c, dialect)} AS code
				FROM ${sqlIdent(staging)} WHERE ${x} IS NOT NULL AND ${cleanSql(x)} IS NOT NULL`;
			})
			.join('\nUNION ALL\n');
		const found = await engine.query<{
			k: number;
			r: number;
			value: string;
			code: IssueCode;
			total: number;
			rn: number;
		}>(
			`SELECT * FROM (
				SELECT *, count(*) OVER (PARTITION BY k) AS total, row_number() OVER (PARTITION BY k ORDER BY r) AS rn
				FROM (${union})
			) WHERE rn <= ${max + 1} ORDER BY k, r`
		);
		for (const b of found) {
			const c = checked[b.k];
			const column = headers[source.get(c.name)!];
			const allowed = c.type === 'enum' ? c.values?.join(', ') : undefined;
			if (b.rn <= max)
				issues.push(error(b.code, { file, line: lineOf(raw.lines, b.r), column, value: b.value, allowed }));
			else issues.push(error('too_many_errors', { file, column, kind: b.code, count: b.total }));
		}
		for (const [k] of checked.entries())
			await engine.exec(`ALTER TABLE ${sqlIdent(staging)} DROP COLUMN ${bad(k)}`);
	}
	const [{ rows }] = await engine.query<{ rows: number }>(
		`SELECT count(*) AS rows FROM ${sqlIdent(staging)}`
	);
	const columnsByTarget = Object.fromEntries(
		spec.columns.map((c) => [c.name, source.has(c.name) ? headers[source.get(c.name)!] : null])
	);
	return {
		issues,
		staged: { table: spec.name, file, staging, columns: columnsByTarget, rows, lines: raw.lines }
	};
}
