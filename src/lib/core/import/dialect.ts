import Papa from 'papaparse';
import {
	COMMA_GROUPED_RE,
	DECIMAL_COMMA_RE,
	DECIMAL_DOT_RE,
	DOT_GROUPED_RE,
	NUMBER_RE,
	SPACE_GROUPED_RE,
	dateFormOf,
	looksLikeDate,
	type DateForm
} from './formats';
import { error, type Issue } from './issues';
import { scanCsv } from './records';

export const DELIMITERS = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface Dialect {
	delimiter: Delimiter;
	quote: '"' | "'";
	header: boolean;
	decimal: ',' | '.';
	/** 'space' stands for space, no-break space (U+00A0) and narrow no-break space (U+202F). */
	thousands: 'space' | '.' | ',' | null;
	/** Date forms seen in the sample (every accepted form is read regardless). */
	dateForms: DateForm[];
	newline: 'crlf' | 'lf' | 'cr';
}

export interface Preview {
	header: string[];
	rows: string[][];
}

export type SniffResult = { ok: true; dialect: Dialect; preview: Preview } | { ok: false; issue: Issue };

const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 200;

function sampleOf(text: string): string {
	if (text.length <= SAMPLE_CHARS) return text;
	const cut = text.lastIndexOf('\n', SAMPLE_CHARS);
	return text.slice(0, cut > 0 ? cut : SAMPLE_CHARS);
}

/** The start of a text given in pieces, as much as sniff() reads of it. */
export function sampleText(pieces: Iterable<string>): string {
	let head = '';
	for (const piece of pieces) if ((head += piece).length > SAMPLE_CHARS) break;
	return head;
}

/** Rows whose field count equals the first row's, over all rows; ties favour more fields. */
function score(rows: string[][]): [number, number] {
	if (rows.length === 0) return [0, 0];
	const width = rows[0].length;
	if (width < 2) return [0, width];
	return [rows.filter((r) => r.length === width).length / rows.length, width];
}

function guessDelimiterAndQuote(sample: string): { delimiter: Delimiter; quote: '"' | "'"; width: number } {
	let best = { delimiter: DELIMITERS[0] as Delimiter, quote: '"' as '"' | "'", width: 1, share: -1 };
	// Excel always quotes with '"'; a file with any '"' in it is never read with another quote.
	const quotes = sample.includes('"') ? (['"'] as const) : (['"', "'"] as const);
	for (const quote of quotes)
		for (const delimiter of DELIMITERS) {
			const parsed = Papa.parse<string[]>(sample, {
				delimiter,
				quoteChar: quote,
				escapeChar: quote,
				skipEmptyLines: true,
				preview: SAMPLE_ROWS
			});
			const [share, width] = score(parsed.data);
			// A closing quote that papaparse had to repair counts against the candidate.
			const penalty = parsed.errors.some((e) => e.type === 'Quotes') ? 0.5 : 0;
			const s = share - penalty;
			if (s > best.share || (s === best.share && width > best.width))
				best = { delimiter, quote, width, share: s };
		}
	return best;
}

function detectNewline(text: string): Dialect['newline'] {
	const m = /\r\n|\n|\r/.exec(text);
	return m?.[0] === '\r\n' ? 'crlf' : m?.[0] === '\r' ? 'cr' : 'lf';
}

const isValueLike = (v: string): boolean => NUMBER_RE.test(v.trim()) || looksLikeDate(v.trim());

function detectNumbers(cells: string[], delimiter: Delimiter): Pick<Dialect, 'decimal' | 'thousands'> {
	let comma = 0;
	let dot = 0;
	let spaceGrouped = false;
	let dotGrouped = false;
	let commaGrouped = false;
	for (const raw of cells) {
		const v = raw.trim();
		if (v === '' || looksLikeDate(v)) continue;
		if (DECIMAL_COMMA_RE.test(v)) comma++;
		if (DECIMAL_DOT_RE.test(v)) dot++;
		if (SPACE_GROUPED_RE.test(v)) spaceGrouped = true;
		if (DOT_GROUPED_RE.test(v)) dotGrouped = true;
		if (COMMA_GROUPED_RE.test(v)) commaGrouped = true;
	}
	// Swedish Excel pairs the semicolon with the decimal comma: that breaks ties.
	const decimal = comma > dot ? ',' : dot > comma ? '.' : delimiter === ';' ? ',' : '.';
	const thousands = spaceGrouped
		? 'space'
		: decimal === ',' && dotGrouped && dot === 0
			? '.'
			: decimal === '.' && commaGrouped && comma === 0
				? ','
				: null;
	return { decimal, thousands };
}

/**
 * Guess how a decoded export is written (delimiter, quote, header, number and date forms, line ends)
 * from a sample, and show the first rows as they will be read.
 */
export function sniff(text: string, file: string, previewRows = 10): SniffResult {
	const sample = sampleOf(text);
	const { delimiter, quote, width } = guessDelimiterAndQuote(sample);
	if (width < 2) return { ok: false, issue: error('delimiter_not_found', { file, line: 1 }) };

	const { records } = scanCsv(sample, file, { delimiter, quote, limit: SAMPLE_ROWS });
	const first = records[0]?.fields ?? [];
	const header = first.every((v) => v.trim() === '' || !isValueLike(v));
	const body = (header ? records.slice(1) : records).map((r) => r.fields);
	const cells = body.flat();
	const dateForms = [
		...new Set(cells.map((v) => dateFormOf(v.trim())).filter((f): f is DateForm => f !== null))
	];
	const dialect: Dialect = {
		delimiter,
		quote,
		header,
		...detectNumbers(cells, delimiter),
		dateForms,
		newline: detectNewline(sample)
	};
	return {
		ok: true,
		dialect,
		preview: {
			header: header ? first : first.map((_, i) => String(i + 1)),
			rows: body.slice(0, previewRows)
		}
	};
}
