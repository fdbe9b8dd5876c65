import { describe, expect, it } from 'vitest';
import {
	measuredOutcome,
	outcomeId,
	personsPerYear,
	projectModel,
	savingsModel,
	savingsWaterfall,
	sek,
	withDefaults,
	type MeasuredDifference,
	type ProjectLedger
} from '$lib/core/finance';
import { formatMoneyRange } from '$lib/views/fund';

const care: MeasuredDifference = {
	indicatorId: 'care_days_hvb',
	kind: 'mean',
	direction: 'lower_better',
	item: 'hvb_day',
	projectCohort: 'p',
	baselineCohort: 'c',
	baselineKind: 'comparison',
	periods: ['2021', '2022', '2023'],
	projectN: 150,
	baselineN: 120,
	projectValue: 12,
	baselineValue: 20,
	difference: -8,
	low: -14,
	high: -2,
	method: 'welch',
	verdict: 'better_clear',
	level: 0.95
};
const unitCosts = [
	{ item: 'hvb_day', unit: 'day', cost_sek: 4000, price_year: 2020, source: 'price list 2020' },
	{ item: 'report_of_concern', unit: 'report', cost_sek: 7000, price_year: 2025, source: 'assumption' }
];
const project: ProjectLedger = {
	projectId: 'p',
	grantDate: '2020-01-15',
	grants: [],
	disbursements: [
		{
			entry: 'disbursement',
			date: '2020-02-01',
			amountOre: sek(1_000_000),
			note: '',
			line: 3,
			planVersion: null
		}
	],
	repayments: [],
	writeOffs: [],
	plans: []
} as unknown as ProjectLedger;

describe('measured differences priced in the savings model', () => {
	it('turns a care-day difference per person-year into days avoided a year', () => {
		expect(personsPerYear(care)).toBe(50); // 150 person-years over 3 years
		const m = measuredOutcome(care, unitCosts);
		expect(m.status).toBe('ok');
		const o = m.outcome!;
		expect(o.id).toBe(outcomeId(care));
		expect(o.direction).toBe('lower_is_better');
		expect(o.baseline).toBe(20);
		expect(o.project).toBe(12);
		expect(o.differenceInterval).toEqual({ low: -14, high: -2 });
		expect(o.persons).toBe(50);
		expect(o.unitCost.costOre).toBe(sek(4000));
		expect(o.evidenceGrade).toBe('B'); // a concurrent comparison group
		expect(o.budgetHolder).toBe('social_services');
		expect(o.source).toMatch(/p \(n 150\) − c \(n 120\), 2021–2023, welch/);
	});

	it('scales a rate per 1,000 to reports per person', () => {
		const reports: MeasuredDifference = {
			...care,
			indicatorId: 'reports_of_concern_per_1000',
			kind: 'rate_per_1000',
			item: 'report_of_concern',
			periods: ['2021', '2022'],
			projectN: 200,
			projectValue: 250,
			baselineValue: 350,
			difference: -100,
			low: -160,
			high: -40,
			baselineKind: 'before'
		};
		const o = measuredOutcome(reports, unitCosts).outcome!;
		expect(o.baseline).toBeCloseTo(0.35, 12);
		expect(o.project).toBeCloseTo(0.25, 12);
		expect(o.differenceInterval!.low).toBeCloseTo(-0.16, 12);
		expect(o.persons).toBe(100);
		expect(o.evidenceGrade).toBe('C'); // the same population before the project
		// 0.1 reports avoided × 100 persons × 7,000 kr = 70,000 kr a year, before adjustments.
		const model = projectModel(project, [o], { horizon: { value: 1 } })!;
		expect(savingsModel(model).central.outcomes[0].grossOre).toBe(sek(70_000));
	});

	it('says why an outcome cannot be priced, and takes the user’s values as assumptions', () => {
		expect(measuredOutcome({ ...care, item: 'eligible_pupil' }, unitCosts).status).toBe('no_unit_cost');
		expect(measuredOutcome({ ...care, difference: null, low: null, high: null }, unitCosts).status).toBe(
			'too_few'
		);
		expect(measuredOutcome(care, unitCosts, { excluded: true }).status).toBe('excluded');
		// No interval (zero days in both groups): low and high are the central value, no tornado bar.
		const flat = measuredOutcome({ ...care, difference: 0, low: null, high: null }, unitCosts).outcome!;
		expect(flat.differenceInterval).toBeUndefined();
		expect(flat.project).toBe(flat.baseline);
		const priced = measuredOutcome({ ...care, item: 'eligible_pupil' }, unitCosts, {
			unitCostSek: 100_000,
			priceYear: 2024
		});
		expect(priced.status).toBe('ok');
		expect(priced.outcome!.unitCost).toMatchObject({
			costOre: sek(100_000),
			priceYear: 2024,
			source: 'finance.source.user_assumption'
		});
		const mine = measuredOutcome(care, unitCosts, { difference: { central: -5, low: -6, high: -4 } });
		expect(mine.overridden.effect).toBe(true);
		expect(mine.outcome!.project).toBe(15);
		expect(mine.outcome!.source).toBe('finance.source.user_assumption');
	});

	/**
	 * By hand: 8 days × 50 persons × 4,000 kr = 1,600,000 gross a year; grade B haircut 15 % →
	 * 1,360,000; r = 10 %, horizon 2: 1,360,000/1.1 = 1,236,363.64 and /1.21 = 1,123,966.94;
	 * PV 2,360,330.58; cost 1,000,000 in year 0; NPV 1,360,330.58.
	 * Low end (2 days): 340,000 a year → 309,090.91 + 280,991.74 − 1,000,000 = −409,917.35.
	 * High end (14 days): 2,380,000 a year → 2,163,636.36 + 1,966,942.15 − 1,000,000 = 3,130,578.51.
	 */
	const model = projectModel(project, [measuredOutcome(care, unitCosts).outcome!], {
		discountRate: { value: 0.1 },
		horizon: { value: 2 }
	})!;
	const result = savingsModel(model);

	it('carries the interval of the difference into low / central / high NPV', () => {
		expect(model.grantYear).toBe(2020);
		expect(model.costs).toEqual([{ year: 2020, amountOre: sek(1_000_000), source: 'fund_ledger.csv:3' }]);
		expect(result.central.npvOre).toBe(136_033_058);
		expect(result.low.npvOre).toBe(-40_991_735);
		expect(result.high.npvOre).toBe(313_057_851);
		expect(result.central.payback).toEqual({ offset: 1, year: 2021 });
		expect(formatMoneyRange('sv', result.central.npvOre, result.low.npvOre, result.high.npvOre)).toBe(
			'1,4\u00a0mnkr (−0,4–3,1)'
		);
		expect(formatMoneyRange('en', result.central.npvOre, result.low.npvOre, result.high.npvOre)).toBe(
			'SEK\u00a01.4m (−0.4–3.1)'
		);
	});

	it('draws the waterfall from gross savings to NPV', () => {
		const steps = savingsWaterfall(model, withDefaults(model.assumptions), result.central);
		expect(steps.map((s) => [s.key, s.amountOre, s.toOre])).toEqual([
			['gross', sek(3_200_000), sek(3_200_000)],
			['deadweight', 0, sek(3_200_000)],
			['attribution', 0, sek(3_200_000)],
			['optimism_bias', sek(-480_000), sek(2_720_000)],
			['drop_off', 0, sek(2_720_000)],
			['discounting', 236_033_058 - 272_000_000, 236_033_058],
			['pv_benefits', 236_033_058, 236_033_058],
			['pv_costs', sek(-1_000_000), 136_033_058],
			['npv', 136_033_058, 136_033_058]
		]);
	});
});
