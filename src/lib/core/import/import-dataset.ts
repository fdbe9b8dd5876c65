import { sqlIdent, type Engine } from '../engine';
import { createTableSql } from '../schema/ddl';
import { TABLES, type TableName } from '../schema/tables';
import { decodePieces, type Encoding } from './decode';
import { sampleText, sniff, type Dialect } from './dialect';
import { identityColumns } from './identity';
import { error, failureIssue, hasErrors, warning, type Issue } from './issues';
import { findIdentityNumbers, readRaw, stageRaw, type RawTable, type StagedTable } from './load';
import { checkMapping, knownHeaderNames, suggestMapping, type FileMapping } from './mapping';
import { normaliseName } from './names';
import { RecordScanner, type RecordScan } from './records';
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
	/** How files are decoded: whole up to `wholeUpTo` bytes, else in pieces (decodePieces; tests set small sizes). */
	pieces?: { wholeUpTo?: number; pieceBytes?: number };
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
	dialect: Dialect;
	raw: RawTable;
	mapping: FileMapping;
}

/** The file as UTF-8 without a BOM, in a buffer of its own (the engine may take it; the user's stays as it is). */
function utf8Of(bytes: Uint8Array, encoding: Encoding, pieces: Iterable<string>): Uint8Array {
	if (encoding === 'utf-8') return bytes.slice();
	if (encoding === 'utf-8-bom') return bytes.slice(3);
	const encoder = new TextEncoder();
	// One piece's text at a time: each is dropped once encoded.
	const parts: Uint8Array[] = [];
	for (const piece of pieces) parts.push(encoder.encode(piece));
	if (parts.length === 1) return parts[0];
	const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
	let at = 0;
	for (const p of parts) (out.set(p, at), (at += p.length));
	return out;
}

/**
 * Decode, sniff, find the records, read the file into a raw table, refuse identifying data and pick
 * the mapping. Per record, JS only finds where it starts; DuckDB reads every value. A file too long
 * for one string is decoded and scanned in pieces.
 */
async function prepare(
	engine: Engine,
	f: ImportFile,
	options: ImportOptions,
	issues: Issue[],
	rawName: string
): Promise<Prepared | null> {
	const file = f.name;
	const report: FileReport = { file };
	let utf8: Uint8Array;
	let scanned: RecordScan;
	let dialect: Dialect;
	{
		// The decoded text lives only in this block: from here on the file is DuckDB's.
		const decoded = decodePieces(f.bytes, file, options.pieces);
		if (!decoded.ok) return (issues.push(decoded.issue), null);
		report.encoding = decoded.encoding;
		const sniffed = sniff(sampleText(decoded.pieces()), file);
		if (!sniffed.ok) return (issues.push(sniffed.issue), null);
		dialect = sniffed.dialect;
		report.dialect = dialect;
		if (!dialect.header) return (issues.push(error('header_missing', { file, line: 1 })), null);
		const { delimiter, quote } = dialect;
		const scanner = new RecordScanner(file, { delimiter, quote, maxIssues: options.maxIssuesPerCheck });
		for (const piece of decoded.pieces()) {
			scanner.push(piece);
			if (scanner.done) break;
		}
		scanned = scanner.finish();
		if (scanned.issues.length) return (issues.push(...scanned.issues), null);
		utf8 = utf8Of(f.bytes, decoded.encoding, decoded.pieces());
	}
	const headers = scanned.header;
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
	fileIssues.push(...identityColumns(file, headers, knownHeaderNames()));

	const read = await readRaw(engine, { file, utf8, dialect, headers, lines: scanned.lines, name: rawName });
	if (!read.raw) return (issues.push(...fileIssues, read.issue), null);
	const raw = read.raw;
	const dropRaw = () => engine.exec(`DROP TABLE IF EXISTS ${sqlIdent(raw.name)}`);
	try {
		fileIssues.push(...(await findIdentityNumbers(engine, raw)));
	} catch (e) {
		await dropRaw();
		throw e;
	}
	if (fileIssues.length) return (issues.push(...fileIssues), await dropRaw(), null);

	const mapping = options.mappings?.[file] ?? suggestMapping(file, headers).mapping;
	if (!mapping) return (issues.push(error('table_unknown', { file })), await dropRaw(), null);
	report.mapping = mapping;
	const mappingIssues = checkMapping(file, headers, mapping);
	issues.push(...mappingIssues);
	if (hasErrors(mappingIssues)) return (await dropRaw(), null);
	return { report, dialect, raw, mapping };
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
				// The staging table is in the file's order (made from the raw table in row order, and
				// DuckDB keeps insertion order), so no ORDER BY is needed to keep it.
				const cols = spec.columns.map((c) => sqlIdent(c.name)).join(', ');
				await engine.exec(
					`INSERT INTO ${sqlIdent(spec.name)} (${cols}) SELECT ${cols} FROM ${sqlIdent(s.staging)}`
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

	const staged: StagedTable[] = [];
	// Each file is staged as soon as it is read, so only one raw (all-text) copy of a file is held at
	// a time: the peak is one file's raw table, not every file's, which decides how much data fits.
	const stage = async (p: Prepared) => {
		const result = await stageRaw(engine, p.raw, {
			dialect: p.dialect,
			mapping: p.mapping,
			staging: `__import_${p.mapping.table}`,
			maxErrorsPerCheck: options.maxIssuesPerCheck
		});
		await engine.exec(`DROP TABLE IF EXISTS ${sqlIdent(p.raw.name)}`);
		issues.push(...result.issues);
		if (!result.staged) return;
		staged.push(result.staged);
		p.report.rows = result.staged.rows;
		if (result.staged.rows === 0)
			issues.push(
				(p.mapping.table === 'persons' ? error : warning)('no_rows', {
					file: p.report.file,
					table: p.mapping.table
				})
			);
	};
	const isJson = (f: ImportFile) => /\.json$/i.test(f.name);
	const total = files.filter((f) => !isJson(f)).length;
	let done = 0;
	try {
		for (const [i, f] of files.entries()) {
			if (isJson(f)) {
				issues.push(warning('file_ignored', { file: f.name }));
				continue;
			}
			done++;
			const p = await prepare(engine, f, options, issues, `__import_raw_${i}`);
			reports.push(p?.report ?? { file: f.name });
			progress?.('read', done, total);
			if (!p) refused++;
			else if (claimed.has(p.mapping.table)) {
				const otherFile = claimed.get(p.mapping.table);
				issues.push(error('table_duplicate', { file: f.name, otherFile, table: p.mapping.table }));
				await engine.exec(`DROP TABLE IF EXISTS ${sqlIdent(p.raw.name)}`);
			} else {
				claimed.set(p.mapping.table, f.name);
				prepared.push(p);
				await stage(p);
			}
			progress?.('load', done, total);
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
		issues.push(failureIssue(e));
		return result(
			issues,
			TABLES.map((t) => ({ name: t.name, rows: 0 })),
			reports
		);
	} finally {
		for (const s of staged) await engine.exec(`DROP TABLE IF EXISTS ${sqlIdent(s.staging)}`);
		for (const p of prepared) await engine.exec(`DROP TABLE IF EXISTS ${sqlIdent(p.raw.name)}`);
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
