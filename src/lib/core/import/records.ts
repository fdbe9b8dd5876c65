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
