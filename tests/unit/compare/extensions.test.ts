import { describe, expect, it } from 'vitest';
import { daysDistribution } from '$lib/core/compare/days';
import { compareSurveyWaves, waveOrder } from '$lib/core/compare/surveys';
import { ageBand, standardiseAgainst, type StratifiedValue } from '$lib/core/compare/strata';
import { didPeriods, estimateDid } from '$lib/core/compare/did';

const rep = (x: number, times: number) => Array.from({ length: times }, () => x);

describe('days distribution under disclosure control', () => {
	it('hides small bins and the bins that would give them away, also through the share within target', () => {
		// Bins 0–7: 12, 8–14: 3, 15–21: 15, 22–28: 20, 29–56: 11, 57+: 14 (n = 75, 50 within 28 days).
		const values = [
			...rep(5, 12),
			...rep(10, 3),
			...rep(20, 15),
			...rep(28, 20),
			...rep(40, 11),
			...rep(100, 14)
		];
		const m = daysDistribution(values, 28, { k: 10 });
		expect(m.n).toBe(75);
		// 3 < k: primary. Alone it follows from the total, so the smallest other (11) goes too; the share
		// publishes 50 within and 25 over, so each side needs two hidden bins: 12 and 14 go as well.
		expect(m.bins.map((b) => b.status)).toEqual([
			'secondary',
			'primary',
			'shown',
			'shown',
			'secondary',
			'secondary'
		]);
		expect(m.bins.map((b) => b.count)).toEqual([null, null, 15, 20, null, null]);
		expect(m.bins.map((b) => b.withinTarget)).toEqual([true, true, true, true, false, false]);
		expect(m.hiddenBins).toEqual({ primary: 1, secondary: 3 });
		expect(m.within!.count).toBe(50);
		expect(m.within!.share).toBeCloseTo(2 / 3, 12);
		// Wilson 50/75 at 95 %, by hand (Python): 0.5541743 – 0.7629178.
		expect(m.within!.low).toBeCloseTo(0.5541742611, 8);
		expect(m.within!.high).toBeCloseTo(0.7629177914, 8);
	});

	it('shows nothing at all below k persons', () => {
		const m = daysDistribution(rep(3, 9), 28, { k: 10 });
		expect(m.n).toBeNull();
		expect(m.within).toBeNull();
		expect(m.suppressed).toBe('small_n');
		expect(m.bins.every((b) => b.count === null)).toBe(true);
	});

	it('follows the workspace k', () => {
		const values = [...rep(5, 6), ...rep(20, 6), ...rep(40, 6)];
		expect(daysDistribution(values, 28, { k: 10 }).bins.filter((b) => b.count !== null)).toHaveLength(0);
		// k = 5: the empty bins (0 < 5) are hidden; hidden bins that are all 0 under a shown total would
		// read as 0, so the smallest positive bin (0–7) goes too; the share within target then makes
		// 29–56 the only hidden bin over the target with 57+, so it goes as well.
		const m = daysDistribution(values, 28, { k: 5 });
		expect(m.bins.map((b) => b.count)).toEqual([null, null, 6, null, null, null]);
		expect(m.bins.map((b) => b.status)).toEqual([
			'secondary',
			'primary',
			'shown',
			'primary',
			'secondary',
			'primary'
		]);
		expect(m.within).toMatchObject({ count: 12, share: 12 / 18 });
	});
});

describe('survey waves', () => {
	// Baseline 10 answers, mean 4.8; follow_up_2 15 answers, mean 4.3333; follow_up_1 only 3.
	// References from scipy (ttest_ind, equal_var=False, confidence_interval(0.95)) in Python.
	const scores = [
		...[5, 5, 5, 5, 5, 5, 5, 4, 4, 5].map((score) => ({ wave: 'baseline', score })),
		...[5, 4, 4, 5, 4, 5, 4, 4, 4, 5, 4, 4, 5, 4, 4].map((score) => ({ wave: 'follow_up_2', score })),
		...[3, 4, 3].map((score) => ({ wave: 'follow_up_1', score }))
	].map((s) => ({ ...s, project_id: 'p', survey_id: 's', question_id: 'q' }));

	it('compares each follow-up with the baseline by Welch, hiding waves under k', () => {
		const [q] = compareSurveyWaves(scores, { k: 10 });
		expect(q.baseline).toMatchObject({ n: 10, suppressed: null });
		expect(q.baseline.mean).toBeCloseTo(4.8, 12);
		// one-sample t, by hand: 4.8 ∓ t(0.975, 9)·0.421637/√10 = 4.498379 – 5.101621
		expect(q.baseline.low).toBeCloseTo(4.498379045, 8);
		expect(q.baseline.high).toBeCloseTo(5.101620955, 8);
		expect(q.followUps.map((f) => f.followUp.wave)).toEqual(['follow_up_1', 'follow_up_2']);
		const [f1, f2] = q.followUps;
		expect(f1).toMatchObject({ difference: null, low: null, verdict: 'too_few' });
		expect(f1.followUp).toMatchObject({ n: null, mean: null, suppressed: 'small_n' });
		expect(f2.followUp.n).toBe(15);
		expect(f2.difference).toBeCloseTo(4.333333333 - 4.8, 8);
		expect(f2.low).toBeCloseTo(-0.8478058131, 6);
		expect(f2.high).toBeCloseTo(-0.0855275202, 6);
		expect(f2.p).toBeCloseTo(0.018760297, 6);
		expect(f2.verdict).toBe('worse_clear');
	});

	it('orders waves baseline, follow_up_1 … follow_up_10', () => {
		expect(['follow_up_10', 'follow_up_2', 'baseline', 'x'].sort(waveOrder)).toEqual([
			'baseline',
			'follow_up_2',
			'follow_up_10',
			'x'
		]);
	});

	it('leaves out questions without a baseline wave', () => {
		expect(
			compareSurveyWaves(
				scores.filter((s) => s.wave !== 'baseline'),
				{ k: 3 }
			)
		).toEqual([]);
	});
});

describe('standardisation against the project composition', () => {
	const person = (sex: string, x: number): StratifiedValue => ({
		period: '2016',
		x,
		sex,
		level: null,
		birth_year: 2005
	});
	const group = (f: [number, number], m: [number, number]) => [
		...Array.from({ length: f[0] }, (_, i) => person('F', i < f[1] ? 1 : 0)),
		...Array.from({ length: m[0] }, (_, i) => person('M', i < m[1] ? 1 : 0))
	];

	it('turns a clear crude difference into none when the groups differ only in sex mix (Simpson)', () => {
		// Project: 90 girls 10 %, 10 boys 50 % → crude 14 %. Baseline: 10 girls 10 %, 90 boys 50 % → 46 %.
		// Weighted to the project (0.9 / 0.1): baseline 0.9·0.1 + 0.1·0.5 = 14 % → difference 0.
		const s = standardiseAgainst('share', group([90, 9], [10, 5]), group([10, 1], [90, 45]), {
			direction: 'lower_better',
			minN: 10,
			baseline: 'comparison'
		})!;
		expect(s.dims).toEqual(['sex']);
		expect(s.crude.difference!.estimate).toBeCloseTo(-0.32, 12);
		// Poisson variances 14/100² + 46/100² → se 0.0774597; ∓ 1.959964·se
		expect(s.crude.difference!.upper!).toBeCloseTo(-0.32 + 1.959963985 * Math.sqrt(0.006), 9);
		expect(s.crude.verdict.code).toBe('better_clear');
		expect(s.standardised.difference!.estimate).toBeCloseTo(0, 12);
		// 0.81·9/90² + 0.01·5/10² = 0.0014; 0.81·1/10² + 0.01·45/90² = 0.0081556
		expect(s.standardised.difference!.upper!).toBeCloseTo(
			1.959963985 * Math.sqrt(0.0014 + 0.0081 + (0.01 * 45) / 8100),
			9
		);
		expect(s.standardised.verdict.code).toBe('no_clear_difference');
		expect(s.changed).toBe(true);
	});

	it('falls back to coarser strata when the baseline lacks a project stratum, and gives up when none fits', () => {
		const p = [person('F', 1), person('X', 0)];
		expect(
			standardiseAgainst('share', p, [person('M', 1)], {
				direction: 'lower_better',
				minN: 1,
				baseline: 'comparison'
			})
		).toBeNull();
		// Both have F; the project's X has no counterpart → sex is not usable, age does not vary → null.
		expect(
			standardiseAgainst('share', p, [person('F', 0), person('M', 1)], {
				direction: 'lower_better',
				minN: 1,
				baseline: 'comparison'
			})
		).toBeNull();
		expect(
			standardiseAgainst('mean', p, p, { direction: 'lower_better', minN: 1, baseline: 'comparison' })
		).toBeNull();
	});

	it('bands ages by the period', () => {
		expect(ageBand('2016', 2001)).toBe('13-15');
		expect(ageBand('2016/17', 2001)).toBe('16-17');
		expect(ageBand('all', 2001)).toBe('unknown');
	});
});

describe('difference-in-differences', () => {
	const g = (n: number, numerator: number) => ({
		cohort_id: 'x',
		period: 'p',
		n,
		numerator,
		value: numerator / n
	});

	it('uses didShares for shares, with a verdict', () => {
		// Same four groups as the stats test (hand reference in refs3.py): 0.32, −0.0738 – 0.6819.
		const r = estimateDid('share', 'higher_better', {
			projectBefore: g(20, 6),
			projectAfter: g(20, 14),
			comparisonBefore: g(25, 7),
			comparisonAfter: g(25, 9)
		})!;
		expect(r.estimate).toBeCloseTo(0.32, 10);
		expect(r.low!).toBeCloseTo(-0.0738265, 6);
		expect(r.high!).toBeCloseTo(0.6818851, 6);
		expect(r.verdict).toBe('no_clear_difference');
		expect(r.method).toBe('did_shares');
	});

	it('says too few, with no numbers, when a group is under k', () => {
		const r = estimateDid('share', 'higher_better', {
			projectBefore: g(9, 6),
			projectAfter: g(20, 14),
			comparisonBefore: g(25, 7),
			comparisonAfter: g(25, 9)
		})!;
		expect(r).toMatchObject({ verdict: 'too_few', low: null, high: null, p: null });
	});

	it('has no estimate for medians or for means without per-person values', () => {
		expect(
			estimateDid('median', 'higher_better', {
				projectBefore: g(20, 1),
				projectAfter: g(20, 1),
				comparisonBefore: g(20, 1),
				comparisonAfter: g(20, 1)
			})
		).toBeNull();
		expect(
			estimateDid('mean', 'higher_better', {
				projectBefore: g(20, 1),
				projectAfter: g(20, 1),
				comparisonBefore: g(20, 1),
				comparisonAfter: g(20, 1)
			})
		).toBeNull();
	});

	it('picks the selected period as "after" and the first earlier common period as "before"', () => {
		expect(didPeriods(['2013', '2014', '2015'], ['2014', '2015', '2016'], 'all')).toEqual({
			before: '2014',
			after: '2015'
		});
		expect(didPeriods(['2013', '2014', '2015'], ['2013', '2014', '2015'], '2014')).toEqual({
			before: '2013',
			after: '2014'
		});
		expect(didPeriods(['2013', '2014'], ['2013', '2014'], '2013')).toBeNull();
		expect(didPeriods(['2013'], ['2013'], 'all')).toBeNull();
	});
});
