import { error, type Issue } from './issues';
import { normaliseName } from './names';
import type { CsvRecord } from './records';

export type IdentityKind = 'personnummer' | 'samordningsnummer';

/** Luhn over the ten digits YYMMDDNNNC. */
export function luhnValid(tenDigits: string): boolean {
	let sum = 0;
	for (let i = 0; i < 10; i++) {
		let d = tenDigits.charCodeAt(i) - 48;
		if (i % 2 === 0) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A date part YYMMDD (or YYYYMMDD) that exists in some century; day + 60 marks a coordination number. */
function dateKind(century: number | null, yy: number, month: number, day: number): IdentityKind | null {
	if (month < 1 || month > 12) return null;
	const kind: IdentityKind = day > 60 ? 'samordningsnummer' : 'personnummer';
	const d = day > 60 ? day - 60 : day;
	const years = century === null ? [1900 + yy, 2000 + yy] : [century * 100 + yy];
	return d >= 1 && years.some((y) => d <= daysIn(y, month)) ? kind : null;
}

const SHAPE = /^(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})$/;

/**
 * Is this value a Swedish personal identity number or coordination number?
 * Accepts 10 or 12 digits, with or without `-`, `+` or a space before the last four;
 * the date part must exist and the check digit must pass Luhn.
 */
export function identityKind(value: string): IdentityKind | null {
	const m = SHAPE.exec(value.trim());
	if (!m) return null;
	const [, cc, yy, mm, dd, tail] = m;
	if (cc !== undefined && !['18', '19', '20'].includes(cc)) return null;
	const kind = dateKind(cc === undefined ? null : Number(cc), Number(yy), Number(mm), Number(dd));
	return kind && luhnValid(yy + mm + dd + tail) ? kind : null;
}

/** Identity numbers inside free text, e.g. a note "ring 121212-1212". */
const EMBEDDED = /(?<![\d])(?:\d{6}|\d{8})[-+ ]?\d{4}(?![\d])/g;

/** The first identity number inside a cell, if any. */
export function findIdentity(cell: string): { kind: IdentityKind; match: string } | null {
	for (const match of cell.match(EMBEDDED) ?? []) {
		const kind = identityKind(match);
		if (kind) return { kind, match };
	}
	return null;
}

/**
 * A cheap necessary condition for findIdentity, as an RE2 pattern for DuckDB's regexp_matches: every
 * embedded identity number contains six digits, an optional separator and four digits.
 */
export const IDENTITY_PREFILTER = '[0-9]{6}[-+ ]?[0-9]{4}';

/** Shows the form of a number, never its digits. */
export const maskIdentity = (value: string): string => value.replace(/\d/g, 'X');

/** Column names that mean a name, an address, a contact detail, an identity number or a birth date. */
const WORDS: Record<string, string> = {
	namn: 'name',
	fornamn: 'name',
	efternamn: 'name',
	tilltalsnamn: 'name',
	mellannamn: 'name',
	name: 'name',
	firstname: 'name',
	lastname: 'name',
	surname: 'name',
	givenname: 'name',
	familyname: 'name',
	fullname: 'name',
	adress: 'address',
	address: 'address',
	gatuadress: 'address',
	postadress: 'address',
	hemadress: 'address',
	bostadsadress: 'address',
	street: 'address',
	postnummer: 'address',
	postnr: 'address',
	postort: 'address',
	zip: 'address',
	zipcode: 'address',
	postcode: 'address',
	postalcode: 'address',
	telefon: 'contact',
	telefonnummer: 'contact',
	tel: 'contact',
	mobil: 'contact',
	mobilnummer: 'contact',
	phone: 'contact',
	epost: 'contact',
	email: 'contact',
	mail: 'contact',
	personnummer: 'identity_number',
	personnr: 'identity_number',
	pnr: 'identity_number',
	samordningsnummer: 'identity_number',
	ssn: 'identity_number',
	fodelsedatum: 'birth_date',
	birthdate: 'birth_date',
	dateofbirth: 'birth_date',
	dob: 'birth_date'
};

/** Compounds such as `elevnamn` or `hemadress`; these prefixes name things, not people. */
const HARMLESS_PREFIXES = ['projekt', 'kohort', 'grupp', 'enhet', 'skol', 'omrade', 'insats', 'plats', 'fil'];

export function identityColumnKind(header: string): string | null {
	const norm = normaliseName(header);
	const joined = norm.replaceAll('_', '');
	if (WORDS[joined]) return WORDS[joined];
	for (const token of norm.split('_')) {
		if (WORDS[token]) return WORDS[token];
		for (const suffix of ['namn', 'adress', 'address'])
			if (token.endsWith(suffix) && !HARMLESS_PREFIXES.some((p) => token.startsWith(p))) return WORDS[suffix];
	}
	return null;
}

/**
 * Refusals for data that must never be loaded: columns named like names, addresses, contact details,
 * identity numbers or birth dates (unless the header is a known canonical synonym), and any cell holding
 * a valid personnummer or samordningsnummer. One issue per column, at its first occurrence.
 */
export function scanIdentity(
	file: string,
	header: string[],
	rows: readonly CsvRecord[],
	allowedHeaders: ReadonlySet<string>
): Issue[] {
	const issues = identityColumns(file, header, allowedHeaders);
	const found = new Map<number, Issue>();
	for (const row of rows)
		row.fields.forEach((cell, c) => {
			if (!/\d{4}/.test(cell)) return;
			const hit = findIdentity(cell);
			if (!hit) return;
			const seen = found.get(c);
			if (seen) seen.count = (seen.count ?? 1) + 1;
			else
				found.set(
					c,
					error('identity_number', {
						file,
						line: row.line,
						column: header[c] ?? String(c + 1),
						value: maskIdentity(hit.match),
						kind: hit.kind,
						count: 1
					})
				);
		});
	return [...issues, ...[...found.entries()].sort((a, b) => a[0] - b[0]).map(([, i]) => i)];
}

/** identity_column refusals for a header row (known canonical synonyms excepted). */
export function identityColumns(
	file: string,
	header: readonly string[],
	allowedHeaders: ReadonlySet<string>
): Issue[] {
	return header.flatMap((h) => {
		const kind = allowedHeaders.has(normaliseName(h)) ? null : identityColumnKind(h);
		return kind ? [error('identity_column', { file, line: 1, column: h, kind })] : [];
	});
}
