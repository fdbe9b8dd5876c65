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
 * A copy of `s` that does not keep the text it was sliced from alive (V8 slices point into their
 * parent): a header name outlives the file's decoded text, which may be hundreds of megabytes.
 */
const own = (s: string): string => (' ' + s).slice(1);

/** A record this long (in characters) while the scan waits for its end is not a record of a CSV export. */
export const MAX_PENDING_CHARS = 1 << 25;

/**
 * The same reading as scanCsv, without building a string for any field but the first record's:
 * where each record starts, whether every record has the first one's field count, and where a
 * quote is left open or followed by stray characters. One pass of character codes, so DuckDB can do
 * the per-value work and a reported row's line is one array look-up.
 *
 * The text may come in pieces (`push` each, then `finish`), for files longer than one string holds:
 * a record cut by a piece's end is read again from its start with the next piece.
 */
export class RecordScanner {
	private readonly D: number;
	private readonly Q: number;
	private readonly header: string[] = [];
	private readonly issues: Issue[] = [];
	private readonly maxIssues: number;
	private lines = new Int32Array(1024);
	private count = -1;
	private line = 1;
	private expected = -1;
	private ragged = 0;
	private rest = '';
	/** Where the record the scan waits on opened a quote that is still open. */
	private openQuote: { line: number; column: string } | null = null;
	private stopped = false;

	/** True once a broken quote or an overlong record has ended the scan: later pieces are not read. */
	get done(): boolean {
		return this.stopped;
	}

	constructor(
		private readonly file: string,
		private readonly opts: Omit<ScanOptions, 'limit'>
	) {
		this.D = opts.delimiter.charCodeAt(0);
		this.Q = opts.quote.charCodeAt(0);
		this.maxIssues = opts.maxIssues ?? 100;
	}

	push(piece: string): void {
		if (this.stopped) return;
		const text = this.rest ? this.rest + piece : piece;
		const end = this.scan(text, false);
		if (this.stopped) return;
		this.rest = text.slice(end);
		if (this.rest.length <= MAX_PENDING_CHARS) return;
		const { file, openQuote } = this;
		this.issues.push(
			openQuote
				? error('csv_unclosed_quote', { file, ...openQuote })
				: error('csv_unreadable', {
						file,
						line: this.line,
						detail: `record longer than ${MAX_PENDING_CHARS} characters`
					})
		);
		this.stop();
	}

	finish(): RecordScan {
		if (!this.stopped) {
			this.scan(this.rest, true);
			this.rest = '';
			// A file stopped by a broken quote reports that, not the count of ragged rows before it.
			if (!this.stopped && this.ragged > this.maxIssues)
				this.issues.push(
					error('too_many_errors', { file: this.file, kind: 'csv_ragged_row', count: this.ragged })
				);
		}
		this.stopped = true;
		return {
			header: this.expected >= 0 ? this.header : [],
			lines: this.lines.subarray(0, Math.max(this.count, 0)),
			issues: this.issues
		};
	}

	private stop(): void {
		this.stopped = true;
		this.rest = '';
	}

	/** Reads the records of `text`; returns where the first record it could not finish starts (unless `last`). */
	private scan(text: string, last: boolean): number {
		const { D, Q, header, issues, file } = this;
		const n = text.length;
		// Without a quote character in the text no field can be quoted: skip that test per field.
		const quoted = text.indexOf(this.opts.quote) >= 0;
		let { lines, count, line, expected, ragged } = this;
		let i = 0;
		let at = 0;
		let start = line;
		let first = false;
		let more = false;
		let fatal: Issue | null = null;
		this.openQuote = null;
		const columnName = (pos: number): string => (expected >= 0 ? header[pos] : undefined) ?? String(pos + 1);

		records: while (i < n) {
			let c = text.charCodeAt(i);
			if (c === LF) {
				i++;
				line++;
				continue;
			}
			if (c === CR) {
				// A CR at the end of a piece may be the first half of a CRLF.
				if (i + 1 >= n && !last) break;
				i += text.charCodeAt(i + 1) === LF ? 2 : 1;
				line++;
				continue;
			}
			at = i;
			start = line;
			first = expected < 0;
			let fields = 0;
			for (;;) {
				const from = i;
				if (quoted && i < n && text.charCodeAt(i) === Q) {
					const quoteLine = line;
					i++;
					let closed = false;
					while (i < n) {
						c = text.charCodeAt(i);
						if (i + 1 >= n && !last && (c === Q || c === CR)) break;
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
					if (!closed && !last) {
						this.openQuote = { line: quoteLine, column: columnName(fields) };
						more = true;
						break records;
					}
					if (!closed) {
						fatal = error('csv_unclosed_quote', { file, line: quoteLine, column: columnName(fields) });
						break records;
					}
					if (i >= n && !last) {
						more = true;
						break records;
					}
					c = i < n ? text.charCodeAt(i) : D;
					if (c !== D && c !== LF && c !== CR) {
						fatal = error('csv_stray_quote', { file, line, column: columnName(fields) });
						break records;
					}
					if (first)
						header.push(
							own(text.slice(from + 1, i - 1).replaceAll(this.opts.quote + this.opts.quote, this.opts.quote))
						);
				} else {
					while (i < n) {
						c = text.charCodeAt(i);
						if (c === D || c === LF || c === CR) break;
						i++;
					}
					if ((i >= n || (c === CR && i + 1 >= n)) && !last) {
						more = true;
						break records;
					}
					if (first) header.push(own(text.slice(from, i)));
				}
				fields++;
				if (i >= n) break;
				c = text.charCodeAt(i);
				if (c === D) {
					i++;
					continue;
				}
				if (c === CR && i + 1 >= n && !last) {
					more = true;
					break records;
				}
				i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
				line++;
				break;
			}
			if (first) expected = fields;
			else {
				if (fields !== expected && ragged++ < this.maxIssues)
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
		if (more) {
			// The record runs on into the next piece: read it again from its start then.
			i = at;
			line = start;
			if (first) header.length = 0;
		}
		Object.assign(this, { lines, count, line, expected, ragged });
		if (fatal) {
			issues.push(fatal);
			this.stop();
		}
		return i;
	}
}

/** RecordScanner over one text. */
export function scanRecords(text: string, file: string, opts: Omit<ScanOptions, 'limit'>): RecordScan {
	const scanner = new RecordScanner(file, opts);
	scanner.push(text);
	return scanner.finish();
}
