/**
 * The displayed data of a chart as CSV, the way a spreadsheet in the reader's language opens it:
 * Swedish with semicolons and a decimal comma, English with commas and a decimal point; UTF-8 with
 * a byte-order mark so Excel reads å, ä and ö. Values are written as displayed (suppressed cells
 * keep their `..`), numbers without thousands grouping.
 */
import type { Language } from '../../../i18n';

export interface CsvColumn {
	key: string;
	label: string;
	numeric?: boolean;
	/** Fraction digits the value is displayed with (default: as given). */
	digits?: number;
}
export type CsvValue = string | number | null;

export const BOM = '\uFEFF';

export const csvSeparator = (lang: Language): string => (lang === 'sv' ? ';' : ',');

/** A number as a spreadsheet in `lang` reads it: `1234,5` (sv) or `1234.5` (en); a plain minus. */
export function csvNumber(x: number, lang: Language, digits?: number): string {
	if (!Number.isFinite(x)) return '';
	const s = digits === undefined ? String(x) : x.toFixed(digits);
	return lang === 'sv' ? s.replace('.', ',') : s;
}

/** One field, quoted when it holds the separator, a quote, a line break or edge spaces. */
export function csvField(value: CsvValue, lang: Language, digits?: number): string {
	if (value === null) return '';
	let s = typeof value === 'number' ? csvNumber(value, lang, digits) : value;
	// A text starting with = or @ would be run as a formula by a spreadsheet.
	if (typeof value === 'string' && /^[=@]/.test(s)) s = `'${s}`;
	const sep = csvSeparator(lang);
	return s.includes(sep) || /["\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole file: BOM, a header of column labels, one line per row, CRLF line ends. */
export function toCsv(
	columns: readonly CsvColumn[],
	rows: readonly Record<string, CsvValue>[],
	lang: Language
): string {
	const sep = csvSeparator(lang);
	const lines = [
		columns.map((c) => csvField(c.label, lang)).join(sep),
		...rows.map((r) => columns.map((c) => csvField(r[c.key] ?? null, lang, c.digits)).join(sep))
	];
	return BOM + lines.join('\r\n') + '\r\n';
}
