import { describe, expect, it } from 'vitest';
import { didMeans, didRates, didShares } from '$lib/core/stats/did';

// No library computes these; references are hand arithmetic in Python with scipy quantiles (refs3.py):
// shares: p̃ = (x + ½)/(n + 1), adjusted DiD = 14.5/21 − 6.5/21 − 9.5/26 + 7.5/26 = 0.3040293,
// se = √Σ p̃(1 − p̃)/(n + 1), interval 0.3040293 ∓ 1.959964·se, p = 2Φ(−|0.3040293/se|).
describe('didShares', () => {
	it('combines four groups', () => {
		const r = didShares({
			projectBefore: { events: 6, n: 20 },
			projectAfter: { events: 14, n: 20 },
			comparisonBefore: { events: 7, n: 25 },
			comparisonAfter: { events: 9, n: 25 }
		})!;
		expect(r.estimate).toBeCloseTo(0.32, 10);
		expect(r.lower!).toBeCloseTo(-0.0738265, 6);
		expect(r.upper!).toBeCloseTo(0.6818851, 6);
		expect(r.p!).toBeCloseTo(0.1147907, 6);
	});

	it('keeps an interval when every group is at 0 %', () => {
		const r = didShares({
			projectBefore: { events: 0, n: 12 },
			projectAfter: { events: 0, n: 12 },
			comparisonBefore: { events: 0, n: 15 },
			comparisonAfter: { events: 0, n: 15 }
		})!;
		expect(r.estimate).toBe(0);
		expect(r.lower!).toBeCloseTo(-0.1907696, 6);
		expect(r.upper!).toBeCloseTo(0.1907696, 6);
		expect(r.p!).toBeCloseTo(1, 10);
	});

	it('is null when a group is empty', () => {
		const g = { events: 1, n: 5 };
		expect(
			didShares({
				projectBefore: g,
				projectAfter: g,
				comparisonBefore: g,
				comparisonAfter: { events: 0, n: 0 }
			})
		).toBeNull();
	});
});

describe('didMeans', () => {
	// (205 − 190) − (200 − 198) = 13; variances sd²/n summed; Satterthwaite df = V²/Σ(vᵢ²/(nᵢ − 1)).
	it('uses t with Satterthwaite df for four summed variances', () => {
		const r = didMeans({
			projectAfter: { mean: 205, sd: 30, n: 18 },
			projectBefore: { mean: 190, sd: 28, n: 18 },
			comparisonAfter: { mean: 200, sd: 25, n: 40 },
			comparisonBefore: { mean: 198, sd: 27, n: 40 }
		})!;
		expect(r.estimate).toBeCloseTo(13, 10);
		expect(r.df!).toBeCloseTo(59.3652649, 5);
		expect(r.lower!).toBeCloseTo(-9.5831418, 5);
		expect(r.upper!).toBeCloseTo(35.5831418, 5);
		expect(r.p!).toBeCloseTo(0.254051, 6);
	});

	it('gives no bounds for a group of one, null for an empty group', () => {
		const g = { mean: 10, sd: 2, n: 10 };
		expect(
			didMeans({
				projectBefore: g,
				projectAfter: { mean: 12, sd: 0, n: 1 },
				comparisonBefore: g,
				comparisonAfter: g
			})
		).toMatchObject({ estimate: 2, lower: null, upper: null, p: null });
		expect(
			didMeans({
				projectBefore: g,
				projectAfter: g,
				comparisonBefore: g,
				comparisonAfter: { mean: 0, sd: 0, n: 0 }
			})
		).toBeNull();
	});
});

// Rates: Σ ± 1000·x/e, variance Σ 1000²·(x + ½)/e², normal interval; references from scipy.stats.norm:
// 30/100, 40/100, 50/100, 45/100 → −150, se √16700 = 129.2285, 95 % (−403.2832, 103.2832), p 0.245750;
// 0/20, 0/20, 3/20, 2/20 → −50, se √17500, 95 % (−309.2789, 209.2789), p 0.705457.
describe('difference-in-differences of rates per 1,000', () => {
	it('matches the hand computation', () => {
		const r = didRates({
			projectAfter: { events: 30, exposure: 100 },
			projectBefore: { events: 40, exposure: 100 },
			comparisonAfter: { events: 50, exposure: 100 },
			comparisonBefore: { events: 45, exposure: 100 }
		})!;
		expect(r.estimate).toBeCloseTo(-150, 8);
		expect(r.lower!).toBeCloseTo(-403.2832, 4);
		expect(r.upper!).toBeCloseTo(103.2832, 4);
		expect(r.p!).toBeCloseTo(0.24575, 5);
	});

	it('keeps an interval when a group has no events, and is null without exposure', () => {
		const r = didRates({
			projectAfter: { events: 0, exposure: 20 },
			projectBefore: { events: 0, exposure: 20 },
			comparisonAfter: { events: 3, exposure: 20 },
			comparisonBefore: { events: 2, exposure: 20 }
		})!;
		expect(r.estimate).toBeCloseTo(-50, 8);
		expect(r.lower!).toBeCloseTo(-309.2789, 4);
		expect(r.upper!).toBeCloseTo(209.2789, 4);
		expect(r.p!).toBeCloseTo(0.705457, 5);
		expect(
			didRates({
				projectAfter: { events: 0, exposure: 0 },
				projectBefore: { events: 0, exposure: 20 },
				comparisonAfter: { events: 3, exposure: 20 },
				comparisonBefore: { events: 2, exposure: 20 }
			})
		).toBeNull();
	});
});
