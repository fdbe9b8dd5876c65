import { describe, expect, it } from 'vitest';
import { newcombeDiff, relativeRisk, wilson } from '$lib/core/stats/proportion';

// Reference values: Newcombe 1998 (Stat Med 17:857–872, 873–890) where published, otherwise
// scipy 1.17 binomtest(...).proportion_ci(method='wilson') and scipy.stats.contingency.relative_risk.
describe('wilson', () => {
	it('matches Newcombe 1998 for 81/263', () => {
		const ci = wilson(81, 263)!;
		expect(ci.estimate).toBeCloseTo(81 / 263, 10);
		expect(ci.lower).toBeCloseTo(0.2552885, 6);
		expect(ci.upper).toBeCloseTo(0.3662096, 6);
	});

	it('honours the level', () => {
		const c99 = wilson(81, 263, 0.99)!;
		expect(c99.lower).toBeCloseTo(0.2401369, 6);
		expect(c99.upper).toBeCloseTo(0.3852825, 6);
		const c90 = wilson(81, 263, 0.9)!;
		expect(c90.lower).toBeCloseTo(0.2633136, 6);
		expect(c90.upper).toBeCloseTo(0.3565663, 6);
	});

	it('handles 0 of n, n of n and n = 1', () => {
		expect(wilson(0, 10)).toMatchObject({ estimate: 0, lower: 0 });
		expect(wilson(0, 10)!.upper).toBeCloseTo(0.2775328, 6);
		expect(wilson(10, 10)).toMatchObject({ estimate: 1, upper: 1 });
		expect(wilson(10, 10)!.lower).toBeCloseTo(0.7224672, 6);
		expect(wilson(1, 1)!.lower).toBeCloseTo(0.2065493, 6);
		expect(wilson(0, 1)!.upper).toBeCloseTo(0.7934507, 6);
	});

	it('returns null for an empty group and rejects impossible counts', () => {
		expect(wilson(0, 0)).toBeNull();
		expect(() => wilson(5, 4)).toThrow(RangeError);
		expect(() => wilson(-1, 4)).toThrow(RangeError);
		expect(() => wilson(1, 4, 1.5)).toThrow(RangeError);
	});
});

describe('newcombeDiff (method 10)', () => {
	it.each([
		// Newcombe 1998, Stat Med 17:873–890, table II, method 10
		[56, 70, 48, 80, 0.0524, 0.3339],
		[9, 10, 3, 10, 0.1705, 0.809],
		[6, 7, 2, 7, 0.0582, 0.8062],
		[5, 56, 0, 29, -0.0381, 0.1926]
	])('%i/%i vs %i/%i', (x1, n1, x2, n2, lo, hi) => {
		const d = newcombeDiff(x1, n1, x2, n2)!;
		expect(d.estimate).toBeCloseTo(x1 / n1 - x2 / n2, 10);
		expect(d.lower).toBeCloseTo(lo, 4);
		expect(d.upper).toBeCloseTo(hi, 4);
	});

	it('agrees with Wilson limits computed by scipy to 6 decimals', () => {
		const d = newcombeDiff(56, 70, 48, 80)!;
		expect(d.lower).toBeCloseTo(0.0524315, 6);
		expect(d.upper).toBeCloseTo(0.3338727, 6);
	});

	it('handles groups with no events or all events', () => {
		const none = newcombeDiff(0, 10, 0, 20)!;
		expect(none.estimate).toBe(0);
		expect(none.lower).toBeCloseTo(-0.1611252, 6);
		expect(none.upper).toBeCloseTo(0.2775328, 6);
		const all = newcombeDiff(10, 10, 0, 20)!;
		expect(all.lower).toBeCloseTo(0.679086, 6);
		expect(all.upper).toBeCloseTo(1, 10);
	});

	it('returns null when a group is empty', () => {
		expect(newcombeDiff(0, 0, 3, 10)).toBeNull();
		expect(newcombeDiff(3, 10, 0, 0)).toBeNull();
	});
});

describe('relativeRisk', () => {
	it('matches scipy relative_risk (log method) for 12/40 vs 6/42', () => {
		const rr = relativeRisk(12, 40, 6, 42)!;
		expect(rr.estimate).toBeCloseTo(2.1, 10);
		expect(rr.lower).toBeCloseTo(0.8718045, 6);
		expect(rr.upper).toBeCloseTo(5.0584733, 6);
		expect(rr.corrected).toBe(false);
		// Wald p for log RR: hand arithmetic in scipy, 2·Φ(−|log(2.1)/se|)
		expect(rr.p).toBeCloseTo(0.0981058, 6);
	});

	it('adds 0.5 to every cell when one is zero', () => {
		// 0/15 vs 4/12 → (0.5/16)/(4.5/13) = 0.0902778; se = √(1/0.5 − 1/16 + 1/4.5 − 1/13)
		const rr = relativeRisk(0, 15, 4, 12)!;
		expect(rr.corrected).toBe(true);
		expect(rr.estimate).toBeCloseTo(0.0902778, 6);
		expect(rr.lower).toBeCloseTo(0.005335, 6);
		expect(rr.upper).toBeCloseTo(1.5276608, 6);
		expect(rr.p).toBeCloseTo(0.0956433, 6);
		expect(relativeRisk(10, 10, 4, 12)!.corrected).toBe(true);
	});

	it('returns null when no group has an event or a group is empty', () => {
		expect(relativeRisk(0, 10, 0, 12)).toBeNull();
		expect(relativeRisk(0, 0, 3, 12)).toBeNull();
	});
});
