import { describe, expect, it } from 'vitest';
import { formatOre, parseSekText, roundOre, sek, sumOre, toOre } from '$lib/core/finance/money';
import { parseLedger } from '$lib/core/finance/ledger';
import { positionAt } from '$lib/core/finance/position';

describe('öre arithmetic', () => {
	it('sums 0.10 SEK ten thousand times to exactly 1,000.00', () => {
		// 0.10 SEK = 10 öre; 10 öre × 10,000 = 100,000 öre = 1,000.00 SEK.
		const tenOre = toOre(0.1)!.ore;
		expect(tenOre).toBe(10);
		const total = sumOre(Array.from({ length: 10_000 }, () => tenOre));
		expect(total).toBe(100_000);
		expect(formatOre(total)).toBe('1000.00');
		// The same sum in floating point drifts away from 1000.
		let float = 0;
		for (let i = 0; i < 10_000; i++) float += 0.1;
		expect(float).not.toBe(1000);
	});

	it('is exact through the ledger too', () => {
		const rows = [{ project_id: 'P', date: '2020-01-01', entry: 'grant', amount_sek: 5000, note: '' }];
		for (let i = 0; i < 10_000; i++)
			rows.push({ project_id: 'P', date: '2020-06-01', entry: 'repayment', amount_sek: 0.1, note: '' });
		const { projects, issues } = parseLedger(rows);
		expect(issues).toEqual([]);
		const p = positionAt(projects[0], '2020-12-31');
		// 5,000.00 − 1,000.00 = 4,000.00 SEK = 400,000 öre.
		expect(p.repaidOre).toBe(100_000);
		expect(p.outstandingOre).toBe(400_000);
	});

	it('parses decimal text exactly, dot or comma', () => {
		expect(parseSekText('1234,5')).toEqual({ ore: 123_450, exact: true });
		expect(parseSekText('1234.50')).toEqual({ ore: 123_450, exact: true });
		expect(parseSekText('-0.05')).toEqual({ ore: -5, exact: true });
		expect(parseSekText('7')).toEqual({ ore: 700, exact: true });
		expect(parseSekText('2.000')).toEqual({ ore: 200, exact: true });
		// 12.345 → 12.35 (half away from zero); 12.344 → 12.34; −12.345 → −12.35.
		expect(parseSekText('12.345')).toEqual({ ore: 1235, exact: false });
		expect(parseSekText('12.344')).toEqual({ ore: 1234, exact: false });
		expect(parseSekText('-12.345')).toEqual({ ore: -1235, exact: false });
		expect(parseSekText('ten')).toBeNull();
		expect(parseSekText('1 000')).toBeNull();
		expect(parseSekText('')).toBeNull();
	});

	it('reads doubles by their decimal form, not by multiplying', () => {
		// 0.29 × 100 = 28.999999999999996 in floating point; the öre value is 29.
		expect(toOre(0.29)).toEqual({ ore: 29, exact: true });
		expect(toOre(1234567.89)).toEqual({ ore: 123_456_789, exact: true });
		expect(toOre(Number.NaN)).toBeNull();
		expect(toOre(null)).toBeNull();
	});

	it('rounds computed amounts half away from zero and formats with two decimals', () => {
		expect(roundOre(2.5)).toBe(3);
		expect(roundOre(-2.5)).toBe(-3);
		expect(roundOre(2.49)).toBe(2);
		expect(formatOre(-5)).toBe('-0.05');
		expect(formatOre(123_450)).toBe('1234.50');
		expect(formatOre(0)).toBe('0.00');
		expect(sek(100_000)).toBe(10_000_000);
	});

	it('refuses amounts beyond the safe integer range', () => {
		expect(() => sumOre([Number.MAX_SAFE_INTEGER, 1])).toThrow();
	});
});
