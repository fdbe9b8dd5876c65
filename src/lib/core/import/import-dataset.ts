import { sqlIdent, type Engine } from '../engine';
import { createTableSql } from '../schema/ddl';
import { TABLES, type TableName } from '../schema/tables';
import { decode, type Encoding } from './decode';
import { sniff, type Dialect } from './dialect';
import { scanIdentity } from './identity';
import { error, hasErrors, warning, type Issue } from './issues';
import { loadFile, type StagedTable } from './load';
import { checkMapping, knownHeaderNames, suggestMapping, type FileMapping } from './mapping';
import { normaliseName } from './names';
import { scanCsv } from './records';
import { validateStaged } from './validate';

export interface ImportFile {
	name: string;
	bytes: Uint8Array;
}

export type ImportStage = 'read' | 'load' | 'validate' | 'commit';

export interface ImportOptions {
	/** Mappings the user confirmed, by file name; other files use the suggested mapping. */
	mappings?: Record<string, FileMapping>;
	onProgress?: (stage: ImportStage, done: number, total: number) => void;
	/** Findings reported per check (per column and code) before the rest are counted. */
	maxIssuesPerCheck?: number;
	thisYear?: number;
}

export interface FileReport {
	file: string;
	encoding?: Encoding;
	dialect?: Dialect;
	mapping?: FileMapping;
	rows?: number;
}

export interface ImportResult {
	ok: boolean;
	errors: Issue[];
	warnings: Issue[];
	/** Every canonical table with its row count after the import (on failure: as staged). */
	tables: { name: TableName; rows: number }[];
	files: FileReport[];
}

interface Prepared {
	report: FileReport;
	text: string;
	dialect: Dialect;
	records: ReturnType<typeof scanCsv>['records'];
	mapping: FileMapping;
}

/** Decode, sniff, scan, refuse identifying data and pick the mapping: everything before DuckDB. */
function prepare(f: ImportFile, options: ImportOptions, issues: Issue[]): Prepared | null {
	const file = f.name;
	const report: FileReport = { file };
	const decoded = decode(f.bytes, file);
	if (!decoded.ok) return (issues.push(decoded.issue), null);
	report.encoding = decoded.encoding;
	const sniffed = sniff(decoded.text, file);
	if (!sniffed.ok) return (issues.push(sniffed.issue), null);
	const dialect = sniffed.dialect;
	report.dialect = dialect;
	if (!dialect.header) return (issues.push(error('header_missing', { file, line: 1 })), null);

	const scanned = scanCsv(decoded.text, file, {
		delimiter: dialect.delimiter,
		quote: dialect.quote,
		maxIssues: options.maxIssuesPerCheck
	});
	if (scanned.issues.length) return (issues.push(...scanned.issues), null);
	const headers = scanned.records[0].fields;
	const fileIssues: Issue[] = [];
	const seen = new Map<string, number>();
	headers.forEach((h, i) => {
		const norm = normaliseName(h);
		if (norm === '') fileIssues.push(error('header_empty', { file, line: 1, column: String(i + 1) }));
		else if (seen.has(norm))
			fileIssues.push(
				error('header_duplicate', { file, line: 1, column: h, otherColumn: headers[seen.get(norm)!] })
			);
		else seen.set(norm, i);
	});
	fileIssues.push(...scanIdentity(file, headers, scanned.records.slice(1), knownHeaderNames()));
	if (fileIssues.length) return (issues.push(...fileIssues), null);

	const mapping = options.mappings?.[file] ?? suggestMapping(file, headers).mapping;
	if (!mapping) return (issues.push(error('table_unknown', { file })), null);
	report.mapping = mapping;
	const mappingIssues = checkMapping(file, headers, mapping);
	issues.push(...mappingIssues);
	if (hasErrors(mappingIssues)) return null;
	return { report, text: decoded.text, dialect, records: scanned.records, mapping };
}

async function commit(engine: Engine, staged: readonly StagedTable[], progress: ImportOptions['onProgress']) {
	const byTable = new Map(staged.map((s) => [s.table, s]));
	await engine.exec('BEGIN TRANSACTION');
	try {
		let done = 0;
		for (const spec of TABLES) {
			await engine.exec(createTableSql(spec));
			const s = byTable.get(spec.name);
			if (s) {
				const cols = spec.columns.map((c) => sqlIdent(c.name)).join(', ');
				await engine.exec(
					`INSERT INTO ${sqlIdent(spec.name)} (${cols}) SELECT ${cols} FROM ${sqlIdent(s.staging)} ORDER BY __line`
				);
			}
			progress?.('commit', ++done, TABLES.length);
		}
		await engine.exec('COMMIT');
	} catch (e) {
		await engine.exec('ROLLBACK');
		throw e;
	}
}

const cellKey = (i: Issue): string => `${i.file}\u0000${i.line}\u0000${i.column}`;

/**
 * Import a dataset: every file is decoded, sniffed, checked for identifying data, mapped, loaded into
 * staging tables and validated; only when nothing blocks are all canonical tables replaced, in one
 * transaction. A failed import leaves the previous tables untouched; the input bytes are never modified.
 */
export async function importDataset(
	engine: Engine,
	files: readonly ImportFile[],
	options: ImportOptions = {}
): Promise<ImportResult> {
	const progress = options.onProgress;
	const issues: Issue[] = [];
	const reports: FileReport[] = [];
	const prepared: Prepared[] = [];
	const claimed = new Map<TableName, string>();
	let refused = 0;

	files.forEach((f, i) => {
		if (/\.json$/i.test(f.name)) {
			issues.push(warning('file_ignored', { file: f.name }));
			return;
		}
		const p = prepare(f, options, issues);
		reports.push(p?.report ?? { file: f.name });
		if (!p) refused++;
		else {
			const other = claimed.get(p.mapping.table);
			if (other)
				issues.push(error('table_duplicate', { file: f.name, otherFile: other, table: p.mapping.table }));
			else {
				claimed.set(p.mapping.table, f.name);
				prepared.push(p);
			}
		}
		progress?.('read', i + 1, files.length);
	});

	const staged: StagedTable[] = [];
	try {
		for (const [i, p] of prepared.entries()) {
			const result = await loadFile(engine, {
				file: p.report.file,
				text: p.text,
				dialect: p.dialect,
				records: p.records,
				mapping: p.mapping,
				staging: `__import_${p.mapping.table}`,
				maxErrorsPerCheck: options.maxIssuesPerCheck
			});
			issues.push(...result.issues);
			if (result.staged) {
				staged.push(result.staged);
				p.report.rows = result.staged.rows;
				if (result.staged.rows === 0)
					issues.push(
						(p.mapping.table === 'persons' ? error : warning)('no_rows', {
							file: p.report.file,
							table: p.mapping.table
						})
					);
			}
			progress?.('load', i + 1, prepared.length);
		}
		// A refused file may have been the persons file: then its own errors say enough.
		if (!claimed.has('persons') && refused === 0)
			issues.push(error('table_required_missing', { table: 'persons' }));

		progress?.('validate', 0, 1);
		const loadFailures = new Set(issues.filter((i) => i.severity === 'error').map(cellKey));
		const found = await validateStaged(engine, staged, {
			maxIssuesPerCheck: options.maxIssuesPerCheck,
			thisYear: options.thisYear
		});
		issues.push(...found.filter((i) => i.code !== 'value_missing' || !loadFailures.has(cellKey(i))));
		progress?.('validate', 1, 1);

		const rowsOf = (name: TableName) => staged.find((s) => s.table === name)?.rows ?? 0;
		const tables = TABLES.map((t) => ({ name: t.name, rows: rowsOf(t.name) }));
		if (!hasErrors(issues)) await commit(engine, staged, progress);
		return result(issues, tables, reports);
	} catch (e) {
		issues.push(error('import_failed', { detail: e instanceof Error ? e.message.slice(0, 500) : String(e) }));
		return result(
			issues,
			TABLES.map((t) => ({ name: t.name, rows: 0 })),
			reports
		);
	} finally {
		for (const s of staged) await engine.exec(`DROP TABLE IF EXISTS ${sqlIdent(s.staging)}`);
	}
}

function result(issues: Issue[], tables: ImportResult['tables'], files: FileReport[]): ImportResult {
	const errors = issues.filter((i) => i.severity === 'error');
	return {
		ok: errors.length === 0,
		errors,
		warnings: issues.filter((i) => i.severity === 'warning'),
		tables,
		files
	};
}
