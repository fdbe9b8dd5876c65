import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import sv from '$lib/i18n/sv/import.json';
import en from '$lib/i18n/en/import.json';
import { ISSUE_CODES, messageParams, type Issue } from '$lib/core/import/issues';

const keys = (o: object, prefix = ''): string[] =>
	Object.entries(o).flatMap(([k, v]) =>
		typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]
	);

const full: Issue = {
	code: 'date_invalid',
	severity: 'error',
	file: 'personer.csv',
	line: 12,
	column: 'inskrivningsdatum',
	value: '2015-02-30',
	table: 'persons',
	expected: 9,
	found: 10,
	otherColumn: 'startdatum',
	otherValue: '2015-03-01',
	otherLine: 3,
	otherFile: 'kohorter.csv',
	allowed: 'A, B',
	min: 1,
	max: 5,
	count: 3,
	kind: 'name',
	detail: 'x'
};

describe('import messages', () => {
	it('have identical keys in Swedish and English', () => {
		expect(keys(sv)).toEqual(keys(en));
	});

	it('have a message for every issue code and no other', () => {
		expect(Object.keys(sv.issue).sort()).toEqual([...ISSUE_CODES].sort());
	});

	for (const [lang, messages] of [
		['sv', sv],
		['en', en]
	] as const)
		it(`format in ${lang} with every parameter, and with only file`, () => {
			for (const code of ISSUE_CODES) {
				const m = new IntlMessageFormat(messages.issue[code], lang);
				const text = String(m.format(messageParams({ ...full, code })));
				expect(text).not.toMatch(/[{}]/);
				if (/\{line[,}]/.test(messages.issue[code])) expect(text).toContain('12');
				expect(() => m.format(messageParams({ code, severity: 'error', file: 'a.csv' }))).not.toThrow();
			}
		});

	it('name file, line, column and value in a value error', () => {
		const m = new IntlMessageFormat(sv.issue.date_invalid, 'sv');
		expect(m.format(messageParams(full))).toBe(
			'personer.csv, rad 12, kolumn inskrivningsdatum: datumet ”2015-02-30” finns inte.'
		);
		const e = new IntlMessageFormat(en.issue.identity_number, 'en');
		expect(
			e.format(
				messageParams({
					...full,
					code: 'identity_number',
					value: 'XXXXXX-XXXX',
					kind: 'samordningsnummer',
					count: 1
				})
			)
		).toBe(
			'personer.csv, line 12, column inskrivningsdatum: the value “XXXXXX-XXXX” is a coordination number. The file is not loaded.'
		);
	});
});
