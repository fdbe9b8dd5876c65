import { describe, expect, it } from 'vitest';
import { fisherExact } from '$lib/core/stats/fisher';

// Tea tasting: Fisher (1935), p = 34/70 = 0.4857. Other values: scipy.stats.fisher_exact 1.17.
describe('fisherExact', () => {
	it('reproduces the lady tasting tea', () => {
		const r = fisherExact(3, 1, 1, 3)!;
		expect(r.p).toBeCloseTo(34 / 70, 10);
		expect(r.p).toBeCloseTo(0.4857, 4);
		expect(r.pGreater).toBeCloseTo(0.2428571, 6);
		expect(r.pLess).toBeCloseTo(0.9857143, 6);
		expect(r.oddsRatio).toBe(9);
	});

	it.each([
		[1, 9, 11, 3, 0.0027594562, 0.0013797281, 0.9999663481],
		[2, 7, 8, 2, 0.0230141376, 0.018521726, 0.999014917],
		[0, 5, 5, 0, 0.0079365079, 0.003968254, 1],
		[10, 0, 0, 10, 0.0000108251, 1, 0.0000054125]
	])('[[%i, %i], [%i, %i]]', (a, b, c, d, p, less, greater) => {
		const r = fisherExact(a, b, c, d)!;
		expect(r.p).toBeCloseTo(p, 8);
		expect(r.pLess).toBeCloseTo(less, 8);
		expect(r.pGreater).toBeCloseTo(greater, 8);
	});

	it('gives p = 1 when nobody has the outcome, and null for an empty group', () => {
		expect(fisherExact(0, 3, 0, 4)).toMatchObject({ p: 1, oddsRatio: null });
		expect(fisherExact(0, 0, 3, 4)).toBeNull();
		expect(fisherExact(1, 0, 0, 1)!.oddsRatio).toBe(Infinity);
	});
});

// Regression: the hypergeometric pmf cost grew with the group size, so a report over millions of rows
// spent minutes in this test. References: scipy.stats.fisher_exact (two-sided).
describe("Fisher's exact test on large groups", () => {
	it('matches scipy on thousands and on tens of thousands per group', () => {
		expect(fisherExact(1200, 800, 1100, 900)!.p).toBeCloseTo(0.0015395077387717368, 9);
		expect(fisherExact(30000, 20000, 29500, 20500)!.p).toBeCloseTo(0.0013065505471469886, 9);
	});
});
