import { describe, expect, it } from 'vitest';
import { BOM, csvField, csvNumber, toCsv } from '../../../src/lib/components/charts/export/csv';

const columns = [
	{ key: 'period', label: 'Läsår' },
	{ key: 'share', label: 'Andel (%)', numeric: true, digits: 1 },
	{ key: 'n', label: 'n', numeric: true }
];
const rows = [
	{ period: '2019/20', share: 81, n: 58 },
	{ period: '2020/21', share: '..', n: '..' },
	{ period: '2021/22', share: -3.25, n: null },
	{ period: 'a; "b"', share: 1234.5, n: 1234 }
];

describe('chart CSV', () => {
	it('is Swedish: BOM, semicolons, decimal comma, CRLF, suppressed cells as ..', () => {
		const csv = toCsv(columns, rows, 'sv');
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv.slice(1).split('\r\n')).toEqual([
			'Läsår;Andel (%);n',
			'2019/20;81,0;58',
			'2020/21;..;..',
			'2021/22;-3,3;',
			'"a; ""b""";1234,5;1234',
			''
		]);
	});

	it('is English: commas and a decimal point, fields with commas quoted', () => {
		const csv = toCsv(columns, rows, 'en');
		expect(csv.slice(1).split('\r\n')).toEqual([
			'Läsår,Andel (%),n',
			'2019/20,81.0,58',
			'2020/21,..,..',
			'2021/22,-3.3,',
			'"a; ""b""",1234.5,1234',
			''
		]);
	});

	it('formats numbers without grouping and keeps given precision when no digits are set', () => {
		expect(csvNumber(1234567.891, 'sv')).toBe('1234567,891');
		expect(csvNumber(0.5, 'en', 2)).toBe('0.50');
		expect(csvNumber(Number.NaN, 'sv')).toBe('');
	});

	it('keeps a spreadsheet from running a text as a formula', () => {
		expect(csvField('=SUM(A1)', 'en')).toBe("'=SUM(A1)");
		expect(csvField(' x', 'en')).toBe('" x"');
		expect(csvField('line\nbreak', 'sv')).toBe('"line\nbreak"');
	});
});
