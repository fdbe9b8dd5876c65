import { describe, expect, it } from 'vitest';
import { sniff } from '$lib/core/import/dialect';
import { scanCsv } from '$lib/core/import/records';

describe('sniff', () => {
	it('reads a Swedish Excel export: semicolon, decimal comma, space thousands, CRLF', () => {
		const r = sniff('belopp;datum\r\n1 234,50;2015-09-08\r\n2\u00a0500;20150908\r\n', 'f.csv');
		expect(r).toEqual({
			ok: true,
			dialect: {
				delimiter: ';',
				quote: '"',
				header: true,
				decimal: ',',
				thousands: 'space',
				dateForms: ['iso', 'compact'],
				newline: 'crlf'
			},
			preview: {
				header: ['belopp', 'datum'],
				rows: [
					['1 234,50', '2015-09-08'],
					['2\u00a0500', '20150908']
				]
			}
		});
	});

	it('does not take decimal commas for the delimiter', () => {
		const r = sniff('a;b;c\n1,5;2,25;3\n4,5;5,75;6\n', 'f.csv');
		expect(r.ok && r.dialect).toMatchObject({ delimiter: ';', decimal: ',' });
	});

	it('finds comma, tab and pipe, dot decimals and comma thousands', () => {
		const c = sniff('a,b\n"1,234.5",x\n2.5,y\n', 'f.csv');
		expect(c.ok && c.dialect).toMatchObject({ delimiter: ',', decimal: '.', thousands: ',', newline: 'lf' });
		const t = sniff('a\tb\n1\t2\n', 'f.csv');
		expect(t.ok && t.dialect.delimiter).toBe('\t');
		const p = sniff('a|b\n1|2015-09-08 00:00:00\n', 'f.csv');
		expect(p.ok && p.dialect).toMatchObject({ delimiter: '|', dateForms: ['iso_datetime'] });
	});

	it('reads dot thousands with a decimal comma', () => {
		const r = sniff('a;b\n1.234.567,5;x\n', 'f.csv');
		expect(r.ok && r.dialect).toMatchObject({ decimal: ',', thousands: '.' });
	});

	it('notices a missing header row', () => {
		const r = sniff('P001;K1;2001\nP002;K1;2002\n', 'f.csv');
		expect(r.ok && r.dialect.header).toBe(false);
	});

	it('refuses a file with no delimiter', () => {
		expect(sniff('a:b\n1:2\n', 'f.csv')).toEqual({
			ok: false,
			issue: { code: 'delimiter_not_found', severity: 'error', file: 'f.csv', line: 1 }
		});
	});

	it('previews quoted fields with embedded delimiters and newlines as they will be read', () => {
		const r = sniff('id;note\r\n1;"a; b\r\nc ""d"""\r\n2;e\r\n', 'f.csv');
		expect(r.ok && r.preview.rows).toEqual([
			['1', 'a; b\r\nc "d"'],
			['2', 'e']
		]);
	});
});

describe('scanCsv', () => {
	it('gives each record the line it starts on, skipping blank lines', () => {
		const r = scanCsv('a;b\r\n1;"x\r\ny"\r\n\r\n2;z\r\n', 'f.csv', { delimiter: ';', quote: '"' });
		expect(r.issues).toEqual([]);
		expect(r.records.map((x) => x.line)).toEqual([1, 2, 5]);
	});

	it('keeps a quote inside an unquoted field, as DuckDB does', () => {
		const r = scanCsv('a;b\n1;5" skärm\n', 'f.csv', { delimiter: ';', quote: '"' });
		expect(r.records[1].fields).toEqual(['1', '5" skärm']);
	});
});
