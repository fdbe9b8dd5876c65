import { sqlString } from '../engine';
import type { ColumnSpec } from '../schema/tables';
import type { Dialect } from './dialect';
import { enumSpellings, OLD_GRADES } from './enum-values';
import {
	COMMA_GROUPED_RE,
	DATE_PATTERNS,
	DOT_GROUPED_RE,
	EXCEL_SERIAL_PATTERN,
	SLASH_DATE_PATTERN,
	SPACE_GROUPED_RE,
	SPACES
} from './formats';
import type { IssueCode } from './issues';

/**
 * SQL expressions that turn one raw VARCHAR cell into its canonical type, NULL when it does not fit,
 * and that name why it did not fit. Every expression takes the raw column as SQL text `x`.
 */

const pattern = (re: RegExp | string): string => sqlString(typeof re === 'string' ? re : re.source);
const matches = (x: string, re: RegExp | string): string => `regexp_full_match(${x}, ${pattern(re)})`;

/** Trimmed (also of no-break spaces), empty → NULL. */
export const cleanSql = (x: string): string => `nullif(trim(${x}, ${sqlString(SPACES + '\t\r\n')}), '')`;

/** Lower case, no diacritics, runs of other characters as '_': names.ts's normaliseName in SQL. */
const normSql = (x: string): string =>
	`trim(regexp_replace(strip_accents(lower(${cleanSql(x)})), '[^a-z0-9]+', '_', 'g'), '_')`;

export function numberSql(x: string, d: Pick<Dialect, 'decimal' | 'thousands'>): string {
	const s = `replace(${cleanSql(x)}, '\u2212', '-')`;
	const grouped = [
		`WHEN ${matches(s, SPACE_GROUPED_RE)} THEN regexp_replace(${s}, ${sqlString(`[${SPACES}]`)}, '', 'g')`,
		d.decimal === ',' && d.thousands === '.'
			? `WHEN ${matches(s, DOT_GROUPED_RE)} THEN replace(${s}, '.', '')`
			: '',
		d.decimal === '.' && d.thousands === ','
			? `WHEN ${matches(s, COMMA_GROUPED_RE)} THEN replace(${s}, ',', '')`
			: ''
	].join(' ');
	const g = `(CASE ${grouped} ELSE ${s} END)`;
	const [other, dec] = d.decimal === ',' ? ['.', `replace(${g}, ',', '.')`] : [',', g];
	const v = `(CASE WHEN contains(${g}, '${other}') THEN NULL ELSE ${dec} END)`;
	return `(CASE WHEN ${matches(v, '^[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)$')} THEN TRY_CAST(${v} AS DOUBLE) END)`;
}

export const integerSql = (x: string, d: Pick<Dialect, 'decimal' | 'thousands'>): string =>
	`list_transform([${numberSql(x, d)}], n -> CASE WHEN n = floor(n) AND abs(n) <= 2147483647 THEN n::INTEGER END)[1]`;

export function dateSql(x: string): string {
	const v = cleanSql(x);
	return `(CASE
		WHEN ${matches(v, DATE_PATTERNS.iso)} THEN try_strptime(${v}, '%Y-%m-%d')::DATE
		WHEN ${matches(v, DATE_PATTERNS.iso_datetime)}
			THEN try_strptime(regexp_extract(${v}, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}'), '%Y-%m-%d')::DATE
		WHEN ${matches(v, DATE_PATTERNS.compact)} THEN try_strptime(${v}, '%Y%m%d')::DATE
	END)`;
}

export function enumSql(x: string, col: ColumnSpec): string {
	const whens = enumSpellings(col)
		.map(([k, v]) => `WHEN ${sqlString(k)} THEN ${sqlString(v)}`)
		.join(' ');
	return `(CASE ${normSql(x)} ${whens} END)`;
}

/** The canonical value of raw cell `x` for column `col`, NULL when empty or when it does not fit. */
export function convertSql(x: string, col: ColumnSpec, d: Pick<Dialect, 'decimal' | 'thousands'>): string {
	switch (col.type) {
		case 'integer':
			return integerSql(x, d);
		case 'decimal':
			return numberSql(x, d);
		case 'date':
			return dateSql(x);
		case 'enum':
			return enumSql(x, col);
		default:
			// Line breaks inside quoted fields follow the file's line ends; the value should not.
			return `replace(${cleanSql(x)}, '\r\n', '\n')`;
	}
}

/** Why a non-empty cell did not convert: an SQL expression yielding an IssueCode. */
export function failureCodeSql(
	x: string,
	col: ColumnSpec,
	d: Pick<Dialect, 'decimal' | 'thousands'>
): string {
	const code = (c: IssueCode) => sqlString(c);
	const v = cleanSql(x);
	switch (col.type) {
		case 'integer':
			return `CASE WHEN ${numberSql(x, d)} IS NOT NULL THEN ${code('not_an_integer')} ELSE ${code('not_a_number')} END`;
		case 'decimal':
			return code('not_a_number');
		case 'date':
			return `CASE
				WHEN ${matches(v, SLASH_DATE_PATTERN)} THEN ${code('date_ambiguous')}
				WHEN ${matches(v, EXCEL_SERIAL_PATTERN)} THEN ${code('date_excel_serial')}
				WHEN ${Object.values(DATE_PATTERNS)
					.map((p) => matches(v, p))
					.join(' OR ')} THEN ${code('date_invalid')}
				ELSE ${code('date_format')} END`;
		case 'enum':
			return col.name === 'grade'
				? `CASE WHEN ${normSql(x)} IN (${OLD_GRADES.map(sqlString).join(', ')}) THEN ${code('grade_old_scale')} ELSE ${code('enum_invalid')} END`
				: code('enum_invalid');
		default:
			return code('import_failed');
	}
}
