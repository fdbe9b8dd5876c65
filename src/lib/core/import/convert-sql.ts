import { sqlString } from '../engine';
import type { ColumnSpec } from '../schema/tables';
import type { Dialect } from './dialect';
import { enumSpellings, OLD_GRADES } from './enum-values';
import { normaliseName } from './names';
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

/**
 * True when `x` starts and ends with a printable ASCII character other than space, so that trimming
 * cannot change it: two code points looked at instead of a trim over a set of multi-byte characters.
 */
export const plainEndsSql = (x: string): string =>
	`(ascii(${x}) BETWEEN 33 AND 126 AND ascii(${x}[-1]) BETWEEN 33 AND 126)`;

/** Trimmed (also of no-break spaces), empty → NULL. */
export const cleanSql = (x: string): string =>
	`(CASE WHEN ${plainEndsSql(x)} THEN ${x} ELSE nullif(trim(${x}, ${sqlString(SPACES + '\t\r\n')}), '') END)`;

/** Is there anything in cell `x` besides spaces: `cleanSql(x) IS NOT NULL`, cheap for the usual cell. */
export const notBlankSql = (x: string): string =>
	`(ascii(${x}) BETWEEN 33 AND 126 OR ${cleanSql(x)} IS NOT NULL)`;

/** Lower case, no diacritics, runs of other characters as '_': names.ts's normaliseName in SQL. */
const normSql = (x: string): string =>
	`trim(regexp_replace(strip_accents(lower(${cleanSql(x)})), '[^a-z0-9]+', '_', 'g'), '_')`;

/**
 * Fast paths: a raw value of a plain, common shape converts without the general expression; the
 * shape is chosen so that the general expression would give the same value (or NULL) for it.
 */
const fast = (guard: string, value: string, general: string): string =>
	`(CASE WHEN ${guard} THEN ${value} ELSE ${general} END)`;

/** Digits with an optional minus and the dialect's decimal separator: never grouped, never trimmed. */
const plainNumber = (d: Pick<Dialect, 'decimal'>): string =>
	d.decimal === ',' ? '-?[0-9]+(,[0-9]+)?' : '-?[0-9]+([.][0-9]+)?';

export function numberSql(x: string, d: Pick<Dialect, 'decimal' | 'thousands'>): string {
	const value =
		d.decimal === ',' ? `TRY_CAST(replace(${x}, ',', '.') AS DOUBLE)` : `TRY_CAST(${x} AS DOUBLE)`;
	return fast(`regexp_full_match(${x}, ${sqlString(plainNumber(d))})`, value, generalNumberSql(x, d));
}

function generalNumberSql(x: string, d: Pick<Dialect, 'decimal' | 'thousands'>): string {
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
	fast(
		`regexp_full_match(${x}, '-?[0-9]{1,9}')`,
		`CAST(${x} AS INTEGER)`,
		`list_transform([${generalNumberSql(x, d)}], n -> CASE WHEN n = floor(n) AND abs(n) <= 2147483647 THEN n::INTEGER END)[1]`
	);

export function dateSql(x: string): string {
	const v = cleanSql(x);
	// The ISO form exactly as DuckDB casts it; an impossible date is NULL either way.
	return fast(
		`regexp_full_match(${x}, '[0-9]{4}-[0-9]{2}-[0-9]{2}')`,
		`TRY_CAST(${x} AS DATE)`,
		`(CASE
		WHEN ${matches(v, DATE_PATTERNS.iso)} THEN try_strptime(${v}, '%Y-%m-%d')::DATE
		WHEN ${matches(v, DATE_PATTERNS.iso_datetime)}
			THEN try_strptime(regexp_extract(${v}, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}'), '%Y-%m-%d')::DATE
		WHEN ${matches(v, DATE_PATTERNS.compact)} THEN try_strptime(${v}, '%Y%m%d')::DATE
	END)`
	);
}

export function enumSql(x: string, col: ColumnSpec): string {
	const spellings = enumSpellings(col);
	const whens = spellings.map(([k, v]) => `WHEN ${sqlString(k)} THEN ${sqlString(v)}`).join(' ');
	const general = `(CASE ${normSql(x)} ${whens} END)`;
	// A value written exactly as its canonical form is that value (unless an alias claims its spelling).
	const byKey = new Map(spellings);
	const exact = (col.values ?? []).filter((v) => byKey.get(normaliseName(v)) === v);
	return exact.length ? fast(`${x} IN (${exact.map(sqlString).join(', ')})`, x, general) : general;
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
			return fast(
				`${plainEndsSql(x)} AND NOT contains(${x}, '\r')`,
				x,
				`replace(${cleanSql(x)}, '\r\n', '\n')`
			);
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
