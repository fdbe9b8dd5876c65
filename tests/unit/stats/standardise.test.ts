import { describe, expect, it } from 'vitest';
import { directStandardise, standardisationChangesVerdict } from '$lib/core/stats/standardise';

// Fay & Feuer (1997) limits by hand in Python with scipy.stats.chi2.ppf (refs3.py):
// y = Σwᵢdᵢ/nᵢ, v = Σwᵢ²dᵢ/nᵢ², w_M = max wᵢ/nᵢ,
// lower = v/(2y)·χ²(α/2; 2y²/v), upper = (v + w_M²)/(2(y + w_M))·χ²(1 − α/2; 2(y + w_M)²/(v + w_M²)).
describe('directStandardise', () => {
	const strata = [
		{ key: '0-5', events: 2, n: 40 },
		{ key: '6-12', events: 5, n: 35 },
		{ key: '13-17', events: 9, n: 25 }
	];
	const standard = [
		{ key: '0-5', weight: 30000 },
		{ key: '6-12', weight: 25000 },
		{ key: '13-17', weight: 15000 }
	];

	it('standardises a share with the Fay–Feuer interval', () => {
		const r = directStandardise(strata, standard)!;
		expect(r.estimate).toBeCloseTo(0.1495918, 6);
		expect(r.lower).toBeCloseTo(0.0852552, 6);
		expect(r.upper).toBeCloseTo(0.2454601, 6);
		expect(r.crude).toBeCloseTo(0.16, 10);
		expect(r.variance).toBeCloseTo(0.0014114327, 9);
	});

	it('standardises a rate per 1,000 person-years', () => {
		const r = directStandardise(
			[
				{ key: 'a', events: 3, n: 1200 },
				{ key: 'b', events: 8, n: 900 },
				{ key: 'c', events: 12, n: 400 }
			],
			[
				{ key: 'a', weight: 0.5 },
				{ key: 'b', weight: 0.3 },
				{ key: 'c', weight: 0.2 }
			],
			{ kind: 'rate', per: 1000 }
		)!;
		expect(r.estimate).toBeCloseTo(9.9166667, 6);
		expect(r.lower).toBeCloseTo(6.2367144, 5);
		expect(r.upper).toBeCloseTo(15.0540846, 5);
	});

	it('gives 0 with an upper bound when nobody has the outcome', () => {
		const r = directStandardise(
			[
				{ key: 'F', events: 0, n: 12 },
				{ key: 'M', events: 0, n: 8 }
			],
			[
				{ key: 'F', weight: 0.6 },
				{ key: 'M', weight: 0.4 }
			]
		)!;
		expect(r).toMatchObject({ estimate: 0, lower: 0 });
		expect(r.upper).toBeCloseTo(0.184444, 6);
	});

	it('is null for an empty group or a weighted stratum without persons', () => {
		expect(directStandardise([], standard)).toBeNull();
		expect(directStandardise(strata.slice(0, 2), standard)).toBeNull();
	});
});

describe('standardisationChangesVerdict', () => {
	// Project has more older children, who more often have the outcome. Crude: 35/110 − 20/115 =
	// 0.1442688 (0.0141878 to 0.2743497); with equal weights: 0.30 − 0.3266667 = −0.0266667
	// (−0.2393225 to 0.1859892); normal approximation with Poisson variances, by hand in Python.
	it('reports that age confounding made the crude comparison look clearly worse', () => {
		const r = standardisationChangesVerdict(
			[
				{ key: 'young', events: 5, n: 50 },
				{ key: 'old', events: 30, n: 60 }
			],
			[
				{ key: 'young', events: 12, n: 100 },
				{ key: 'old', events: 8, n: 15 }
			],
			[
				{ key: 'young', weight: 1 },
				{ key: 'old', weight: 1 }
			],
			{ direction: 'lower_better', minN: 10 }
		);
		expect(r.crude.difference!.estimate).toBeCloseTo(0.1442688, 6);
		expect(r.crude.difference!.lower!).toBeCloseTo(0.0141878, 6);
		expect(r.standardised.difference!.estimate).toBeCloseTo(-0.0266667, 6);
		expect(r.standardised.difference!.upper!).toBeCloseTo(0.1859892, 6);
		expect(r.crude.verdict.code).toBe('worse_clear');
		expect(r.standardised.verdict.code).toBe('no_clear_difference');
		expect(r.changed).toBe(true);
	});
});
