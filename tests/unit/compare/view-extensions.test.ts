import { openExample } from '../example-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareModel, loadCompareData, type CompareData } from '$lib/views/compare';

// References: /tmp/oracle/sig.py and surv.py (Python with scipy, straight from the CSV files): care days
// per person and calendar year (intention to treat, nights clipped to the year, as-of 2018-11-07),
// consent → first intervention on or after it, t quantiles from scipy.
let sig: CompareData;
let prisma: CompareData;
beforeAll(async () => {
	sig = await loadCompareData(await openExample('datasets/sig-eslov'), { standardise: true });
	prisma = await loadCompareData(await openExample('datasets/prisma-ekero'));
}, 120_000);

const result = (d: CompareData, id: string, cohort: string, options = {}) =>
	compareModel(d, options).results.find((r) => r.definition.id === id && r.cohort_id === cohort)!;

describe('means and medians get intervals from per-person values (SiG Eslöv)', () => {
	it('care days: pooled mean with a t interval over person-years', () => {
		const r = result(sig, 'care_days', 'sig-13-18');
		expect(r.project.n).toBe(152);
		expect(r.project.value).toBeCloseTo(33.875, 10);
		expect(r.project.interval).toBe('t');
		expect(r.project.low).toBeCloseTo(21.703147856, 6);
		expect(r.project.high).toBeCloseTo(46.046852144, 6);
		// Its comparison is the 13–18 group only (baseline_for), by Welch.
		expect(r.differences.map((d) => d.baseline.id)).toEqual(['jamforelse-13-18']);
		expect(r.differences[0].method).toBe('welch');
		expect(r.differences[0].low).not.toBeNull();
	});

	it('days from consent to intervention: median with an order-statistic interval', () => {
		const r = result(sig, 'consent_to_intervention_days', 'sig-13-18');
		expect(r.available).toBe(true);
		expect(r.project).toMatchObject({ n: 47, value: 22, low: 15, high: 26, interval: 'median' });
	});

	it('hides every figure of a group under the workspace k', () => {
		const r = result(sig, 'consent_to_intervention_days', 'sig-18-25', { k: 40 });
		expect(r.project).toMatchObject({ n: null, value: null, low: null, high: null, suppressed: 'small_n' });
		expect(r.days).toMatchObject({ n: null, within: null, suppressed: 'small_n' });
		expect(compareModel(sig, { k: 40 }).k).toBe(40);
		expect(compareModel(sig, { k: 1 }).k).toBe(3);
	});
});

describe('the days distribution in the view', () => {
	it('bins the waits of SiG 13–18, small bins hidden, with the share within 28 days', () => {
		const m = result(sig, 'consent_to_intervention_days', 'sig-13-18').days!;
		// Python: bins [3, 13, 7, 11, 7, 6], 34 of 47 within 28 days.
		expect(m.n).toBe(47);
		expect(m.target).toBe(28);
		expect(m.bins.map((b) => b.count)).toEqual([null, 13, null, 11, null, null]);
		expect(m.within).toMatchObject({ count: 34 });
		expect(m.within!.share).toBeCloseTo(34 / 47, 12);
	});
});

describe('difference-in-differences in the view', () => {
	it('care days, SiG 13–18 against its comparison group: 2014 → 2017 (first year all groups have k)', () => {
		const [d] = result(sig, 'care_days', 'sig-13-18').did;
		expect(d.comparison.id).toBe('jamforelse-13-18');
		expect([d.before, d.after]).toEqual(['2014', '2017']);
		expect([d.projectBefore.n, d.projectAfter.n, d.comparisonBefore.n, d.comparisonAfter.n]).toEqual([
			23, 49, 13, 32
		]);
		expect(d.estimate).toBeCloseTo(11.416174664, 6);
		expect(d.low).toBeCloseTo(-74.040048447, 4);
		expect(d.high).toBeCloseTo(96.872397785, 4);
		expect(d.p).toBeCloseTo(0.786928532, 5);
		expect(d.verdict).toBe('no_clear_difference');
	});

	it('care days, SiG 18–25: 2015 → 2017', () => {
		const [d] = result(sig, 'care_days', 'sig-18-25').did;
		expect(d.comparison.id).toBe('jamforelse-18-25');
		expect([d.before, d.after]).toEqual(['2015', '2017']);
		expect(d.estimate).toBeCloseTo(26.937088349, 6);
		expect(d.low).toBeCloseTo(-37.260650645, 4);
		expect(d.high).toBeCloseTo(91.134827343, 4);
	});

	it('a chosen year is the "after"; a group under k hides the estimate', () => {
		const [d] = result(sig, 'care_days', 'sig-13-18', { period: '2016' }).did;
		expect([d.before, d.after]).toEqual(['2014', '2016']);
		// k = 20: 2014 had 13 in the comparison group, 2016 is the first year with 20 in every group.
		const [k20] = result(sig, 'care_days', 'sig-13-18', { k: 20 }).did;
		expect([k20.before, k20.after, k20.comparisonBefore.n]).toEqual(['2016', '2017', 21]);
		// k = 35: no year has 35 in the comparison group, so the pair falls back to 2013 (7 persons): hidden.
		const [small] = result(sig, 'care_days', 'sig-13-18', { k: 35 }).did;
		expect(small.before).toBe('2013');
		expect(small.estimate).toBeNull();
		expect(small.low).toBeNull();
		expect(small.comparisonBefore).toMatchObject({ n: null, value: null, suppressed: 'small_n' });
		expect(['too_few', 'suppressed']).toContain(small.verdict);
	});

	it("reports of concern per 1,000: a DiD of Poisson rates from the four groups' counts", () => {
		const [d] = result(sig, 'reports_of_concern_per_1000', 'sig-13-18').did;
		expect(d.method).toBe('did_rates');
		const row = (cohort: string, period: string) =>
			sig.rows.find(
				(r) =>
					r.indicator_id === 'reports_of_concern_per_1000' && r.cohort_id === cohort && r.period === period
			)!;
		const g = [
			row('sig-13-18', d.after),
			row('sig-13-18', d.before),
			row('jamforelse-13-18', d.after),
			row('jamforelse-13-18', d.before)
		];
		const sign = [1, -1, -1, 1];
		const estimate = g.reduce((s, r, i) => s + (sign[i] * 1000 * r.numerator!) / r.n!, 0);
		const se = Math.sqrt(g.reduce((s, r) => s + (1e6 * (r.numerator! + 0.5)) / (r.n! * r.n!), 0));
		expect(d.estimate).toBeCloseTo(estimate, 9);
		expect(d.low).toBeCloseTo(estimate - 1.959963985 * se, 6);
		expect(d.high).toBeCloseTo(estimate + 1.959963985 * se, 6);
	});

	it('there is none without a concurrent comparison group (PRISMA has none)', () => {
		expect(prisma.cohorts.some((c) => c.role === 'comparison')).toBe(false);
		for (const r of compareModel(prisma).results) expect(r.did).toEqual([]);
	});
});

describe('standardisation in the view', () => {
	it('is off unless asked for, and then weights cohort baselines of shares and rates only', () => {
		const off = result(sig, 'in_care', 'sig-13-18');
		expect(off.differences.every((d) => d.standardisation === null)).toBe(true);
		const on = result(sig, 'in_care', 'sig-13-18', { standardise: true });
		const d = on.differences[0];
		expect(d.standardisation).not.toBeNull();
		expect(d.standardisation!.dims.length).toBeGreaterThan(0);
		// The difference shown is the project's value minus the baseline standardised to the project.
		expect(d.difference).toBeCloseTo(on.project.value! - d.standardisation!.baselineValue!, 12);
		expect(d.verdict).toBe(d.standardisation!.standardisedVerdict);
		expect(d.standardisation!.changed).toBe(
			d.standardisation!.crudeVerdict !== d.standardisation!.standardisedVerdict
		);
		const mean = result(sig, 'care_days', 'sig-13-18', { standardise: true });
		expect(mean.differences.every((x) => x.standardisation === null)).toBe(true);
	});

	it('needs the per-person values: data loaded without them stays crude', () => {
		const r = result(prisma, 'persons_with_report', 'prisma', { standardise: true });
		expect(prisma.standardise).toBe(false);
		expect(r.differences.every((d) => d.standardisation === null)).toBe(true);
		expect(compareModel(prisma, { standardise: true }).standardised).toBe(false);
	});
});

describe('survey waves in the view (PRISMA Ekerö)', () => {
	it('compares the baseline with each follow-up, waves under k hidden', () => {
		const q = compareModel(prisma).surveys.find((s) => s.question_id === 'would_recommend')!;
		expect(q.survey_id).toBe('rad-och-stod');
		expect(q.baseline).toMatchObject({ n: 10 });
		expect(q.baseline.mean).toBeCloseTo(4.8, 12);
		expect(q.baseline.low).toBeCloseTo(4.498379045, 6);
		const f1 = q.followUps.find((f) => f.followUp.wave === 'follow_up_1')!;
		expect(f1).toMatchObject({ difference: null, verdict: 'too_few' });
		expect(f1.followUp.n).toBeNull();
		const f2 = q.followUps.find((f) => f.followUp.wave === 'follow_up_2')!;
		expect(f2.followUp.n).toBe(15);
		expect(f2.difference).toBeCloseTo(-0.466666667, 8);
		expect(f2.low).toBeCloseTo(-0.89654448, 5);
		expect(f2.high).toBeCloseTo(-0.036788854, 5);
		expect(f2.verdict).toBe('worse_clear');
		// With k = 16 the 15 answers of follow_up_2 are hidden too.
		const hidden = compareModel(prisma, { k: 16 }).surveys.find((s) => s.question_id === 'would_recommend')!;
		expect(hidden.followUps.find((f) => f.followUp.wave === 'follow_up_2')!.difference).toBeNull();
	});
});
