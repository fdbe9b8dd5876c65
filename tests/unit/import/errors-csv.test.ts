import { describe, expect, it } from 'vitest';
import { errorsToCsv } from '$lib/core/import/errors-csv';

describe('errorsToCsv', () => {
	it('writes one line per issue for Swedish Excel, quoting and defusing formulas', () => {
		const csv = errorsToCsv(
			[
				{
					code: 'date_invalid',
					severity: 'error',
					file: 'p.csv',
					line: 3,
					column: 'datum',
					value: '2015-02-30'
				},
				{
					code: 'not_a_number',
					severity: 'error',
					file: 'l.csv',
					line: 4,
					column: 'belopp',
					value: '=1+1;x'
				},
				{
					code: 'amount_negative',
					severity: 'error',
					file: 'l.csv',
					line: 5,
					column: 'belopp',
					value: '-5000'
				}
			],
			(i) => `msg ${i.code}`
		);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe(
			'\ufeffseverity;code;file;line;column;value;table;expected;found;otherColumn;otherValue;otherLine;otherFile;allowed;min;max;count;kind;detail;message'
		);
		expect(lines[1]).toBe('error;date_invalid;p.csv;3;datum;2015-02-30;;;;;;;;;;;;;;msg date_invalid');
		expect(lines[2]).toBe(`error;not_a_number;l.csv;4;belopp;"'=1+1;x";;;;;;;;;;;;;;msg not_a_number`);
		expect(lines[3]).toBe('error;amount_negative;l.csv;5;belopp;-5000;;;;;;;;;;;;;;msg amount_negative');
		expect(lines[4]).toBe('');
	});
});
