import { error, type Issue } from './issues';

export interface CsvRecord {
	/** Line in the file where the record starts (first line = 1). */
	line: number;
	fields: string[];
}

export interface ScanOptions {
	delimiter: string;
	quote: string;
	/** Stop after this many records (for previews and sniffing). */
	limit?: number;
	/** Report at most this many ragged rows. */
	maxIssues?: number;
}

export interface ScanResult {
	records: CsvRecord[];
	issues: Issue[];
}

/**
 * RFC 4180 records with the line each starts on, following DuckDB's strict reader so both agree on
 * the record count: a field is quoted only when it starts with the quote, a doubled quote is a
 * literal one, lines with nothing on them are skipped, CRLF, LF and lone CR end lines.
 * Rows whose field count differs from the first record's are reported, not dropped.
 */
export function scanCsv(text: string, file: string, opts: ScanOptions): ScanResult {
	const { delimiter, quote } = opts;
	const limit = opts.limit ?? Infinity;
	const maxIssues = opts.maxIssues ?? 100;
	const records: CsvRecord[] = [];
	const issues: Issue[] = [];
	const n = text.length;
	let i = 0;
	let line = 1;
	let expected = -1;
	let ragged = 0;

	const columnName = (pos: number): string => records[0]?.fields[pos] ?? String(pos + 1);
	const endOfLine = (at: number): number =>
		text[at] === '\r' && text[at + 1] === '\n' ? 2 : text[at] === '\n' || text[at] === '\r' ? 1 : 0;

	while (i < n && records.length < limit) {
		const eolAtStart = endOfLine(i);
		if (eolAtStart) {
			i += eolAtStart;
			line++;
			continue;
		}
		const start = line;
		const fields: string[] = [];
		let field = '';
		for (;;) {
			if (text[i] === quote) {
				const quoteLine = line;
				i++;
				let closed = false;
				while (i < n) {
					const c = text[i];
					if (c === quote) {
						if (text[i + 1] === quote) {
							field += quote;
							i += 2;
							continue;
						}
						i++;
						closed = true;
						break;
					}
					const eol = endOfLine(i);
					if (eol) line++;
					field += text.slice(i, i + (eol || 1));
					i += eol || 1;
				}
				if (!closed) {
					issues.push(
						error('csv_unclosed_quote', { file, line: quoteLine, column: columnName(fields.length) })
					);
					return { records, issues };
				}
				if (i < n && text[i] !== delimiter && !endOfLine(i)) {
					issues.push(error('csv_stray_quote', { file, line, column: columnName(fields.length) }));
					return { records, issues };
				}
			} else {
				while (i < n && text[i] !== delimiter && !endOfLine(i)) field += text[i++];
			}
			fields.push(field);
			field = '';
			if (i < n && text[i] === delimiter) {
				i++;
				continue;
			}
			const eol = endOfLine(i);
			if (eol) {
				i += eol;
				line++;
			}
			break;
		}
		if (expected < 0) expected = fields.length;
		else if (fields.length !== expected && ragged++ < maxIssues)
			issues.push(error('csv_ragged_row', { file, line: start, expected, found: fields.length }));
		records.push({ line: start, fields });
	}
	if (ragged > maxIssues)
		issues.push(error('too_many_errors', { file, kind: 'csv_ragged_row', count: ragged }));
	return { records, issues };
}

export interface RecordScan {
	/** The first record's fields (the header), unquoted. */
	header: string[];
	/** The line each later record starts on (first line = 1), by record: record k is row k of the file's data. */
	lines: Int32Array;
	issues: Issue[];
}

const LF = 10;
const CR = 13;

/**
 * The same reading as scanCsv, without building a string for any field but the first record's:
 * where each record starts, whether every record has the first one's field count, and where a
 * quote is left open or followed by stray characters. One pass of character codes over the text,
 * so DuckDB can do the per-value work and a reported row's line is one array look-up.
 */
export function scanRecords(text: string, file: string, opts: Omit<ScanOptions, 'limit'>): RecordScan {
	const D = opts.delimiter.charCodeAt(0);
	const Q = opts.quote.charCodeAt(0);
	const maxIssues = opts.maxIssues ?? 100;
	const header: string[] = [];
	const issues: Issue[] = [];
	const n = text.length;
	// Without a quote character in the text no field can be quoted: skip that test per field.
	const quoted = text.indexOf(opts.quote) >= 0;
	let lines = new Int32Array(1024);
	let count = -1;
	let i = 0;
	let line = 1;
	let expected = -1;
	let ragged = 0;

	const columnName = (pos: number): string => (expected >= 0 ? header[pos] : undefined) ?? String(pos + 1);
	const done = (): RecordScan => ({
		header: expected >= 0 ? header : [],
		lines: lines.subarray(0, Math.max(count, 0)),
		issues
	});

	while (i < n) {
		let c = text.charCodeAt(i);
		if (c === LF) {
			i++;
			line++;
			continue;
		}
		if (c === CR) {
			i += text.charCodeAt(i + 1) === LF ? 2 : 1;
			line++;
			continue;
		}
		const start = line;
		const first = expected < 0;
		let fields = 0;
		for (;;) {
			const from = i;
			if (quoted && i < n && text.charCodeAt(i) === Q) {
				const quoteLine = line;
				i++;
				let closed = false;
				while (i < n) {
					c = text.charCodeAt(i);
					if (c === Q) {
						if (text.charCodeAt(i + 1) === Q) {
							i += 2;
							continue;
						}
						i++;
						closed = true;
						break;
					}
					if (c === LF) line++;
					else if (c === CR) {
						line++;
						if (text.charCodeAt(i + 1) === LF) i++;
					}
					i++;
				}
				if (!closed) {
					issues.push(error('csv_unclosed_quote', { file, line: quoteLine, column: columnName(fields) }));
					return done();
				}
				c = i < n ? text.charCodeAt(i) : D;
				if (c !== D && c !== LF && c !== CR) {
					issues.push(error('csv_stray_quote', { file, line, column: columnName(fields) }));
					return done();
				}
				if (first) header.push(text.slice(from + 1, i - 1).replaceAll(opts.quote + opts.quote, opts.quote));
			} else {
				while (i < n) {
					c = text.charCodeAt(i);
					if (c === D || c === LF || c === CR) break;
					i++;
				}
				if (first) header.push(text.slice(from, i));
			}
			fields++;
			if (i >= n) break;
			c = text.charCodeAt(i);
			if (c === D) {
				i++;
				continue;
			}
			i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
			line++;
			break;
		}
		if (first) expected = fields;
		else {
			if (fields !== expected && ragged++ < maxIssues)
				issues.push(error('csv_ragged_row', { file, line: start, expected, found: fields }));
			if (count === lines.length) {
				const grown = new Int32Array(lines.length * 2);
				grown.set(lines);
				lines = grown;
			}
			lines[count] = start;
		}
		count++;
	}
	if (ragged > maxIssues)
		issues.push(error('too_many_errors', { file, kind: 'csv_ragged_row', count: ragged }));
	return done();
}
