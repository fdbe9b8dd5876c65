import { describe, expect, it } from 'vitest';
import { poissonCount, poissonRate, rateRatio } from '$lib/core/stats/poisson';

// Garwood limits: ½χ² quantiles from scipy 1.17 (and the classic tables: 0 → 3.6889, 10 → 4.7954–18.3904).
describe('poissonCount (Garwood)', () => {
	it.each([
		[0, 0, 3.6888794541],
		[1, 0.025317808, 5.5716433909],
		[5, 1.6234863901, 11.6683320793],
		[10, 4.7953886961, 18.390356042]
	])('%i events', (x, lo, hi) => {
		const r = poissonCount(x);
		expect(r.estimate).toBe(x);
		expect(r.lower).toBeCloseTo(lo, 6);
		expect(r.upper).toBeCloseTo(hi, 6);
	});

	it('honours the level', () => {
		const r = poissonCount(3, 0.9);
		expect(r.lower).toBeCloseTo(0.8176914, 6);
		expect(r.upper).toBeCloseTo(7.7536565, 6);
	});
});

describe('poissonRate', () => {
	it('scales to per 1,000 person-years', () => {
		const r = poissonRate(10, 2500)!;
		expect(r.estimate).toBeCloseTo(4, 10);
		expect(r.lower).toBeCloseTo(1.9181555, 6);
		expect(r.upper).toBeCloseTo(7.3561424, 6);
	});

	it('is null without exposure', () => {
		expect(poissonRate(0, 0)).toBeNull();
	});
});

describe('rateRatio (exact conditional)', () => {
	// scipy binomtest(x1, x1 + x2, t1/(t1 + t2)): pvalue and proportion_ci(method='exact'), mapped to ratios
	it('matches scipy for 15/1200 vs 30/1500', () => {
		const r = rateRatio(15, 1200, 30, 1500)!;
		expect(r.estimate).toBeCloseTo(0.625, 10);
		expect(r.lower).toBeCloseTo(0.3125111, 6);
		expect(r.upper).toBeCloseTo(1.1985973, 6);
		expect(r.p).toBeCloseTo(0.1763262, 6);
	});

	it('handles large counts', () => {
		const r = rateRatio(400, 10000, 500, 11000)!;
		expect(r.lower).toBeCloseTo(0.7696437, 6);
		expect(r.upper).toBeCloseTo(1.0056705, 6);
		expect(r.p).toBeCloseTo(0.057189336, 7);
	});

	it('handles zero events in one group', () => {
		const none = rateRatio(0, 100, 5, 200)!;
		expect(none).toMatchObject({ estimate: 0, lower: 0 });
		expect(none.upper).toBeCloseTo(2.1825582, 6);
		expect(none.p).toBeCloseTo(0.1769547, 6);
		const inf = rateRatio(4, 100, 0, 300)!;
		expect(inf).toMatchObject({ estimate: Infinity, upper: Infinity });
		expect(inf.lower).toBeCloseTo(1.9803721, 6);
		expect(inf.p).toBeCloseTo(0.00390625, 10);
	});

	it('is null with no events or no exposure', () => {
		expect(rateRatio(0, 100, 0, 100)).toBeNull();
		expect(rateRatio(3, 0, 4, 100)).toBeNull();
	});
});
