import { openExample } from '../example-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { computeIndicators, BUILT_IN_INDICATORS, type IndicatorRow } from '$lib/core/indicators';
import { loadMeasured, projectCohorts } from '$lib/core/finance/measured-load';
import type { MeasuredDifference } from '$lib/core/finance';
import { newcombeDiff } from '$lib/core/stats';

const DATASET = 'datasets/samagera-torshalla';
let engine: Engine;
let measured: MeasuredDifference[];
let rows: IndicatorRow[];

beforeAll(async () => {
	engine = await openExample(DATASET);
	measured = await loadMeasured(engine);
	rows = (await computeIndicators(engine, BUILT_IN_INDICATORS)).rows;
}, 120_000);
afterAll(() => engine.close());

/** Pooled over the years from the indicator rows: Σ n, Σ numerator, n-weighted mean, years. */
function pooled(id: string, cohort: string) {
	const rs = rows.filter(
		(r) => r.indicator_id === id && r.cohort_id === cohort && !r.breakdown && (r.n ?? 0) > 0
	);
	const n = rs.reduce((s, r) => s + r.n!, 0);
	return {
		n,
		x: rs.reduce((s, r) => s + (r.numerator ?? 0), 0),
		mean: rs.reduce((s, r) => s + r.n! * r.value!, 0) / n,
		years: rs.map((r) => r.period).sort()
	};
}
const find = (id: string) => measured.find((m) => m.indicatorId === id && m.projectCohort === 'samagera')!;

describe('measured differences for the savings model (Samagera against Torshälla before the project)', () => {
	it('prices every indicator with a unit cost, against the cohort before the project', async () => {
		expect(measured.map((m) => m.indicatorId).sort()).toEqual([
			'care_days_family_home',
			'care_days_hvb',
			'care_days_sis',
			'eligible_vocational',
			'reports_of_concern_per_1000'
		]);
		for (const m of measured)
			expect([m.baselineCohort, m.baselineKind]).toEqual(['torshalla-2010', 'before']);
		expect(await projectCohorts(engine)).toEqual({ samagera: ['samagera'] });
	});

	it('pools a share and gives Newcombe’s interval on the pooled counts', () => {
		const m = find('eligible_vocational');
		const a = pooled('eligible_vocational', 'samagera');
		const b = pooled('eligible_vocational', 'torshalla-2010');
		const d = newcombeDiff(a.x, a.n, b.x, b.n, 0.95)!;
		expect([m.projectN, m.baselineN]).toEqual([a.n, b.n]);
		expect(m.periods).toEqual(a.years);
		expect(m.difference).toBeCloseTo(a.x / a.n - b.x / b.n, 12);
		expect(m.low).toBeCloseTo(d.lower, 12);
		expect(m.high).toBeCloseTo(d.upper, 12);
		expect(m.item).toBe('eligible_pupil');
	});

	it('pools a rate per 1,000 with a normal interval on the Poisson counts', () => {
		const m = find('reports_of_concern_per_1000');
		const a = pooled('reports_of_concern_per_1000', 'samagera');
		const b = pooled('reports_of_concern_per_1000', 'torshalla-2010');
		const diff = 1000 * (a.x / a.n - b.x / b.n);
		const se = 1000 * Math.sqrt(a.x / a.n ** 2 + b.x / b.n ** 2);
		expect(m.difference).toBeCloseTo(diff, 9);
		expect(m.low).toBeCloseTo(diff - 1.959963984540054 * se, 6);
		expect(m.high).toBeCloseTo(diff + 1.959963984540054 * se, 6);
		expect(m.method).toBe('poisson_normal');
	});

	it('pools care days over person-years, with Welch’s interval around the difference of means', () => {
		const m = find('care_days_family_home');
		const a = pooled('care_days_family_home', 'samagera');
		const b = pooled('care_days_family_home', 'torshalla-2010');
		expect([m.projectN, m.baselineN]).toEqual([a.n, b.n]);
		expect(m.projectValue).toBeCloseTo(a.mean, 9);
		expect(m.baselineValue).toBeCloseTo(b.mean, 9);
		expect(m.difference).toBeCloseTo(a.mean - b.mean, 9);
		expect(m.method).toBe('welch');
		expect(m.low!).toBeLessThan(m.difference!);
		expect(m.high!).toBeGreaterThan(m.difference!);
		// Nobody in SiS in either group: a difference of 0 with no spread, hence no interval.
		const sis = find('care_days_sis');
		expect([sis.difference, sis.low, sis.high]).toEqual([0, null, null]);
	});
});
