import { describe, expect, it } from 'vitest';
import { bootstrapMedianDiff, median, medianInterval } from '$lib/core/stats/median';
import { mulberry32 } from '$lib/core/stats/prng';

describe('medianInterval (order statistics)', () => {
	it('matches scipy quantile_test for n = 10', () => {
		// sorted: 3 5 7 9 12 15 18 22 30 45 → x(2), x(9); coverage 1 − 2·11/1024 (binomial, by hand)
		const r = medianInterval([12, 3, 45, 7, 22, 15, 9, 30, 18, 5])!;
		expect(r.estimate).toBe(13.5);
		expect(r.lower).toBe(5);
		expect(r.upper).toBe(30);
		expect(r.coverage!).toBeCloseTo(1 - 22 / 1024, 10);
	});

	it('matches scipy quantile_test for n = 30 and n = 6', () => {
		const r = medianInterval(Array.from({ length: 30 }, (_, i) => 30 - i))!;
		expect([r.lower, r.upper]).toEqual([10, 21]);
		const six = medianInterval([4, 8, 15, 16, 23, 42])!;
		expect([six.lower, six.upper]).toEqual([4, 42]);
		expect(six.coverage!).toBeCloseTo(1 - 2 / 64, 10);
	});

	it('gives no bounds when too few values reach the level, null for none', () => {
		expect(medianInterval([1, 2, 3, 4, 5])).toMatchObject({ estimate: 3, lower: null, upper: null });
		expect(medianInterval([1, 2, 3, 4, 5], 0.9)).toMatchObject({ lower: 1, upper: 5 });
		expect(medianInterval([7])).toMatchObject({ estimate: 7, lower: null });
		expect(medianInterval([])).toBeNull();
		expect(median([])).toBeNull();
	});
});

describe('mulberry32', () => {
	it('produces the published sequence for seed 1', () => {
		const r = mulberry32(1);
		expect(r()).toBeCloseTo(0.6270739405881613, 15);
		expect(r()).toBeCloseTo(0.002735721180215478, 15);
		expect(r()).toBeCloseTo(0.5274470399599522, 15);
	});
});

describe('bootstrapMedianDiff', () => {
	const a = [12, 30, 7, 45, 21, 14, 60, 9, 33, 18, 25, 40];
	const b = [20, 35, 28, 50, 41, 19, 66, 38, 29, 55];

	it('is deterministic for a seed', () => {
		const x = bootstrapMedianDiff(a, b, { seed: 3 });
		expect(bootstrapMedianDiff(a, b, { seed: 3 })).toEqual(x);
	});

	it('matches an independent Python run of the same resampling scheme', () => {
		// /tmp/boot.py: Mulberry32(7), 2000 replicates, a then b, numpy quantile (type 7)
		const r = bootstrapMedianDiff(a, b, { seed: 7, replicates: 2000 })!;
		expect(r.estimate).toBe(-13.5);
		expect(r.lower).toBeCloseTo(-30.5, 10);
		expect(r.upper).toBeCloseTo(5, 10);
	});

	it('is close to scipy.stats.bootstrap (percentile, 20000 resamples: −30.5 to 4.0)', () => {
		const r = bootstrapMedianDiff(a, b, { seed: 11, replicates: 20000 })!;
		expect(Math.abs(r.lower - -30.5)).toBeLessThanOrEqual(3);
		expect(Math.abs(r.upper - 4)).toBeLessThanOrEqual(3);
	});

	it('is null for an empty group and degenerate for single values', () => {
		expect(bootstrapMedianDiff([], b)).toBeNull();
		expect(bootstrapMedianDiff([4], [1])).toMatchObject({ estimate: 3, lower: 3, upper: 3 });
	});
});
