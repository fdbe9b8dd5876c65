import { describe, expect, it } from 'vitest';
import { compareIndicator, estimateDifference, poolPeriods } from '$lib/core/compare/compare';

const cohorts = [
	{ cohort_id: 'p', project_id: 'x', role: 'project' },
	{ cohort_id: 'h', project_id: 'x', role: 'historical' },
	{ cohort_id: 'c', project_id: 'x', role: 'comparison' },
	{ cohort_id: 'other', project_id: 'y', role: 'comparison' }
];
const share = { id: 'eligible_vocational', kind: 'share', direction: 'higher_better' as const };

describe('compareIndicator', () => {
	it('pairs a project cohort with its own historical and comparison cohorts, period by period', () => {
		const results = [
			{ cohort_id: 'p', period: '2020', n: 40, numerator: 36, value: 0.9 },
			{ cohort_id: 'h', period: '2020', n: 50, numerator: 30, value: 0.6 },
			{ cohort_id: 'c', period: '2020', n: 45, numerator: 36, value: 0.8 },
			{ cohort_id: 'other', period: '2020', n: 45, numerator: 1, value: 1 / 45 },
			{ cohort_id: 'h', period: '2019', n: 50, numerator: 30, value: 0.6 }
		];
		const out = compareIndicator(share, results, cohorts, []);
		expect(out.map((c) => [c.baseline_id, c.baseline_kind, c.period])).toEqual([
			['h', 'before', '2020'],
			['c', 'comparison', '2020']
		]);
		// 0.9 − 0.6 = 0.3; Newcombe's interval for 36/40 vs 30/50 lies above 0 (both Wilson intervals are far apart)
		expect(out[0].difference).toBeCloseTo(0.3, 12);
		expect(out[0].ci_low!).toBeGreaterThan(0);
		expect(out[0].verdict).toBe('better_clear');
		// 0.9 − 0.8 = 0.1 with n of 40 and 45: the interval spans 0
		expect(out[1].difference).toBeCloseTo(0.1, 12);
		expect(out[1].verdict).toBe('no_clear_difference');
		expect(out[1].chance).toBe(true);
	});

	it('hides the difference and says "too few" when a group is below the minimum', () => {
		const results = [
			{ cohort_id: 'p', period: '2020', n: 8, numerator: 8, value: 1 },
			{ cohort_id: 'h', period: '2020', n: 50, numerator: 10, value: 0.2 }
		];
		const [c] = compareIndicator(share, results, cohorts, [], { minN: 10 });
		expect(c.verdict).toBe('too_few');
		expect([c.difference, c.ci_low, c.ci_high, c.p_value]).toEqual([null, null, null, null]);
	});

	it('compares with a national reference value by the cohort’s own Wilson interval', () => {
		const results = [{ cohort_id: 'p', period: '2022/23', n: 20, numerator: 14, value: 0.7 }];
		const refs = [
			{ indicator_id: 'eligible_vocational', area: 'riket', period: '2022/23', value: 0.852, n: null }
		];
		const [c] = compareIndicator(share, results, cohorts, refs);
		expect(c.baseline_kind).toBe('national');
		// 0.7 − 0.852 = −0.152
		expect(c.difference).toBeCloseTo(-0.152, 12);
		// Wilson 95 % for 14/20 is 0.4810–0.8545 (Newcombe 1998 method 3 style; z = 1.96):
		// centre (14 + 1.9208)/(20 + 3.8415) = 0.66780, half-width 1.96·√(20·0.7·0.3 + 0.9604)/23.8415 = 0.18675
		expect(c.ci_low! + 0.852).toBeCloseTo(0.48105, 4);
		expect(c.ci_high! + 0.852).toBeCloseTo(0.85455, 4);
		expect(c.verdict).toBe('no_clear_difference');
	});

	it('uses Welch for means when per-person values are given', () => {
		// a: mean 3, sd 1 (n 3: 2,3,4); b: mean 5, sd 1 (4,5,6) → difference −2
		const e = estimateDifference(
			'mean',
			{ cohort_id: 'p', period: 'all', n: 3, numerator: null, value: 3, values: [2, 3, 4] },
			{ cohort_id: 'h', period: 'all', n: 3, numerator: null, value: 5, values: [4, 5, 6] }
		);
		expect(e.method).toBe('welch');
		expect(e.difference).toBe(-2);
		// se = √(1/3 + 1/3) = 0.8165, df = 4, t(0.975, 4) = 2.7764 → half-width 2.776445 × 0.816497 = 2.266958
		expect(e.low).toBeCloseTo(-4.26696, 4);
		expect(e.high).toBeCloseTo(0.26696, 4);
	});
});

describe('baselines that name their project cohort', () => {
	it('are compared with that cohort only', () => {
		const groups = [
			{ cohort_id: 'young', project_id: 'sig', role: 'project' },
			{ cohort_id: 'old', project_id: 'sig', role: 'project' },
			{ cohort_id: 'cmp-young', project_id: 'sig', role: 'comparison', baseline_for: 'young' },
			{ cohort_id: 'cmp-old', project_id: 'sig', role: 'comparison', baseline_for: 'old' }
		];
		const results = groups.map((g, i) => ({
			cohort_id: g.cohort_id,
			period: '2017',
			n: 30,
			numerator: 10 + i,
			value: (10 + i) / 30
		}));
		const pairs = compareIndicator(share, results, groups, []).map((c) => `${c.cohort_id}→${c.baseline_id}`);
		expect(pairs).toEqual(['young→cmp-young', 'old→cmp-old']);
	});
});

describe('poolPeriods', () => {
	it('sums numerators and n per cohort, and scales rates', () => {
		const pooled = poolPeriods(
			[
				{ cohort_id: 'p', period: '2019', n: 10, numerator: 2, value: 200 },
				{ cohort_id: 'p', period: '2020', n: 30, numerator: 4, value: 133.3 },
				{ cohort_id: 'h', period: '2020', n: 5, numerator: null, value: null }
			],
			1000
		);
		// (2 + 4) / (10 + 30) × 1000 = 150
		expect(pooled).toEqual([{ cohort_id: 'p', period: 'all', n: 40, numerator: 6, value: 150 }]);
	});
});
