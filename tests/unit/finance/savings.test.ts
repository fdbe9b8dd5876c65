import { describe, expect, it } from 'vitest';
import { sek } from '$lib/core/finance/money';
import { savingsModel, type OutcomeInput, type SavingsInput } from '$lib/core/finance/savings';

const careDays = (over: Partial<OutcomeInput> = {}): OutcomeInput => ({
	id: 'hvb',
	budgetHolder: 'social_services',
	direction: 'lower_is_better',
	baseline: 30,
	project: 20,
	persons: 10,
	unitCost: { item: 'hvb_day', costOre: sek(4000), priceYear: 2020, source: 'price list' },
	evidenceGrade: 'A',
	source: 'cohort comparison',
	...over
});

/**
 * Drop-off and discounting together. Effect 30 − 20 = 10 days a person a year; gross change
 * 10 × 10 persons × 4,000 = 400,000 a year. Drop-off 50 %, r = 25 %, horizon 3, cost 600,000 in
 * year 0.
 *   year 1: 400,000 × 0.5^0 = 400,000; ÷ 1.25       = 320,000
 *   year 2: 400,000 × 0.5^1 = 200,000; ÷ 1.5625     = 128,000
 *   year 3: 400,000 × 0.5^2 = 100,000; ÷ 1.953125   =  51,200
 * PV benefits 499,200; PV costs 600,000 (year 0, undiscounted); NPV −100,800;
 * BCR 499,200 ÷ 600,000 = 0.832; ROI −100,800 ÷ 600,000 = −0.168.
 */
const fading: SavingsInput = {
	grantYear: 2020,
	costs: [{ year: 2020, amountOre: sek(600_000), source: 'grant' }],
	outcomes: [careDays({ differenceInterval: { low: -14, high: -6 } })],
	assumptions: {
		dropOff: { value: 0.5 },
		discountRate: { value: 0.25 },
		horizon: { value: 3 }
	}
};

describe('savings model: drop-off and discounting', () => {
	const { central, low, high, breakEven, issues } = savingsModel(fading);

	it('computes the yearly savings and their present values', () => {
		expect(issues).toEqual([]);
		expect(central.outcomes[0].effect).toBe(10);
		expect(central.outcomes[0].grossOre).toBe(sek(400_000));
		expect(central.years.map((y) => [y.year, y.benefitsOre, y.costsOre, y.pvBenefitsOre])).toEqual([
			[2020, 0, sek(600_000), 0],
			[2021, sek(400_000), 0, sek(320_000)],
			[2022, sek(200_000), 0, sek(128_000)],
			[2023, sek(100_000), 0, sek(51_200)]
		]);
		expect(central.byHolder).toEqual({ social_services: sek(700_000) });
	});

	it('gives NPV, BCR and ROI', () => {
		expect(central.pvBenefitsOre).toBe(sek(499_200));
		expect(central.pvCostsOre).toBe(sek(600_000));
		expect(central.npvOre).toBe(sek(-100_800));
		expect(central.bcr).toBeCloseTo(0.832, 12);
		expect(central.roi).toBeCloseTo(-0.168, 12);
	});

	it('pays back undiscounted in year 2 but not discounted', () => {
		// Cumulative: −600,000; −200,000; 0; +100,000 → year 2 (2022).
		expect(central.payback).toEqual({ offset: 2, year: 2022 });
		// Discounted: −600,000; −280,000; −152,000; −100,800 → never within the horizon.
		expect(central.discountedPayback).toBeNull();
	});

	it('solves the break-even effect exactly', () => {
		// PV of one day of effect: 10 × 4,000 × (1/1.25 + 0.5/1.5625 + 0.25/1.953125)
		//   = 40,000 × (0.8 + 0.32 + 0.128) = 40,000 × 1.248 = 49,920.
		// Break-even: 600,000 ÷ 49,920 = 625/52 ≈ 12.019 days; project value 30 − 625/52.
		expect(breakEven[0].effect).toBeCloseTo(625 / 52, 10);
		expect(breakEven[0].projectValue).toBeCloseTo(30 - 625 / 52, 10);
		expect(breakEven[0].trace.inputs.find((i) => i.key === 'pv_per_unit_effect')?.value).toBeCloseTo(
			sek(49_920),
			6
		);
		// At that effect the model's NPV is zero up to öre rounding.
		const at = savingsModel({ ...fading, outcomes: [careDays({ project: 30 - 625 / 52 })] });
		expect(Math.abs(at.central.npvOre)).toBeLessThanOrEqual(3);
	});

	it('gives low and high from the interval of the difference', () => {
		// project − baseline in [−14, −6] → effect in [6, 14].
		// Low: 6 × 10 × 4,000 = 240,000; PVs 192,000 + 76,800 + 30,720 = 299,520; NPV −300,480.
		expect(low.npvOre).toBe(sek(-300_480));
		// High: 14 × 10 × 4,000 = 560,000; PVs 448,000 + 179,200 + 71,680 = 698,880; NPV 98,880.
		expect(high.npvOre).toBe(sek(98_880));
	});

	it('traces every amount with its formula and inputs', () => {
		const y2 = central.outcomes[0].years[1].trace;
		expect(y2.formula).toBe('finance.formula.net_saving');
		expect(y2.result).toBe(sek(200_000));
		const byKey = Object.fromEntries(y2.inputs.map((i) => [i.key, i.value]));
		expect(byKey).toMatchObject({ gross: sek(400_000), drop_off: 0.5, years_faded: 1, attribution: 1 });
		const pv = central.years[2].traces.pvBenefits;
		expect(pv.formula).toBe('finance.formula.present_value');
		expect(pv.inputs.map((i) => [i.key, i.value])).toEqual([
			['flow', sek(200_000)],
			['discount_rate', 0.25],
			['year', 2]
		]);
		expect(central.traces.npv.inputs.map((i) => i.value)).toEqual([sek(499_200), sek(600_000)]);
		expect(central.traces.payback.result).toBe(2022);
		const discountSource = central.years[1].traces.pvBenefits.inputs[1].source;
		expect(discountSource).toBe('finance.source.discount_rate');
	});
});

describe('savings model: payback years, both kinds', () => {
	/**
	 * Eligibility 0.6 → 0.7 (higher is better): effect 0.1 × 30 persons × 100,000 = 300,000 a year,
	 * r = 10 %, horizon 5, no drop-off, cost 1,000,000 in year 0.
	 * PVs: 300,000 ÷ 1.1 = 272,727.27; ÷ 1.21 = 247,933.88; ÷ 1.331 = 225,394.44;
	 *      ÷ 1.4641 = 204,904.04; ÷ 1.61051 = 186,276.40.
	 * Cumulative undiscounted: −700,000; −400,000; −100,000; +200,000 → year 4 (2024).
	 * Cumulative discounted: −727,272.73; −479,338.85; −253,944.41; −49,040.37; +137,236.03 → year 5 (2025).
	 */
	const { central } = savingsModel({
		grantYear: 2020,
		costs: [{ year: 2020, amountOre: sek(1_000_000), source: 'grant' }],
		outcomes: [
			{
				id: 'eligible',
				budgetHolder: 'school',
				direction: 'higher_is_better',
				baseline: 0.6,
				project: 0.7,
				persons: 30,
				unitCost: { item: 'not_eligible', costOre: sek(100_000), priceYear: 2020, source: 'estimate' },
				evidenceGrade: 'A',
				source: 'grades'
			}
		],
		assumptions: { discountRate: { value: 0.1 }, horizon: { value: 5 } }
	});

	it('discounts year by year to the öre', () => {
		expect(central.years.slice(1).map((y) => y.pvBenefitsOre)).toEqual([
			27_272_727, 24_793_388, 22_539_444, 20_490_404, 18_627_640
		]);
		expect(central.years.map((y) => y.cumulativePvNetOre)).toEqual([
			-100_000_000, -72_727_273, -47_933_885, -25_394_441, -4_904_037, 13_723_603
		]);
	});

	it('finds the undiscounted and the discounted payback year', () => {
		expect(central.payback).toEqual({ offset: 4, year: 2024 });
		expect(central.discountedPayback).toEqual({ offset: 5, year: 2025 });
		// NPV 137,236.03; BCR 1,137,236.03 ÷ 1,000,000.
		expect(central.npvOre).toBe(13_723_603);
		expect(central.bcr).toBeCloseTo(1.13723603, 10);
		expect(central.roi).toBeCloseTo(0.13723603, 10);
	});
});

describe('savings model: adjustments, price year and budget holders', () => {
	/**
	 * Care: effect 12 − 9 = 3 days × 20 persons × (4,000 × 125 ÷ 100 = 5,000) = 300,000 gross;
	 *   × (1 − 0.1) × 0.8 × (1 − 0.30, grade C) = 300,000 × 0.504 = 151,200 a year.
	 * School: effect 0.75 − 0.5 = 0.25 × 40 persons × 20,000 (already 2024 prices) = 200,000 gross;
	 *   × 0.9 × 0.8 × (1 − 0.15, grade B) = 200,000 × 0.612 = 122,400 a year.
	 * r = 0, horizon 2: benefits 273,600 a year; NPV 2 × 273,600 − 400,000 = 147,200.
	 */
	const model: SavingsInput = {
		grantYear: 2022,
		costs: [{ year: 2022, amountOre: sek(400_000), source: 'grant' }],
		outcomes: [
			careDays({ baseline: 12, project: 9, persons: 20, evidenceGrade: 'C' }),
			{
				id: 'eligible',
				budgetHolder: 'school',
				direction: 'higher_is_better',
				baseline: 0.5,
				project: 0.75,
				persons: 40,
				unitCost: { item: 'not_eligible', costOre: sek(20_000), priceYear: 2024, source: 'estimate' },
				evidenceGrade: 'B',
				source: 'grades'
			}
		],
		assumptions: {
			deadweight: { value: 0.1 },
			attribution: { value: 0.8 },
			discountRate: { value: 0 },
			horizon: { value: 2 },
			priceIndex: { table: { 2020: 100, 2024: 125 }, targetYear: 2024 }
		}
	};
	const { central, issues } = savingsModel(model);

	it('restates the unit cost to the target price year', () => {
		expect(issues).toEqual([]);
		expect(central.outcomes.map((o) => o.unitCostOre)).toEqual([sek(5000), sek(20_000)]);
		const t = central.outcomes[0].traces.unitCost;
		expect(t.inputs.map((i) => [i.key, i.value])).toEqual([
			['unit_cost', sek(4000)],
			['price_year', 2020],
			['target_year', 2024],
			['index_target', 125],
			['index_price_year', 100]
		]);
	});

	it('applies deadweight, attribution and optimism bias, and splits by budget holder', () => {
		expect(central.outcomes.map((o) => o.grossOre)).toEqual([sek(300_000), sek(200_000)]);
		expect(central.outcomes.map((o) => o.years[0].savingOre)).toEqual([sek(151_200), sek(122_400)]);
		expect(central.years[1].byHolder).toEqual({ social_services: sek(151_200), school: sek(122_400) });
		expect(central.byHolder).toEqual({ social_services: sek(302_400), school: sek(244_800) });
		expect(central.npvOre).toBe(sek(147_200));
	});

	it('reports a missing price index and leaves that cost unrestated', () => {
		const r = savingsModel({
			...model,
			outcomes: [careDays({ unitCost: { item: 'x', costOre: sek(1000), priceYear: 2019, source: 's' } })]
		});
		expect(r.issues).toEqual([{ code: 'price_index_missing', outcomeId: 'hvb', year: 2019 }]);
		expect(r.central.outcomes[0].unitCostOre).toBe(sek(1000));
	});

	it('uses the documented defaults: 3.5 % discount rate and 5 years', () => {
		const r = savingsModel({ ...model, assumptions: undefined });
		expect(r.assumptions.discountRate.value).toBe(0.035);
		expect(r.assumptions.deadweight.value).toBe(0);
		expect(r.assumptions.attribution.value).toBe(1);
		expect(r.assumptions.optimismBias.byGrade).toEqual({ A: 0, B: 0.15, C: 0.3, D: 0.5 });
		expect(r.central.years.at(-1)?.offset).toBe(5);
		// Year 1, no restatement: care 3 × 20 × 4,000 = 240,000 × (1 − 0.30) = 168,000;
		// school 0.25 × 40 × 20,000 = 200,000 × (1 − 0.15) = 170,000; together 338,000.
		// 338,000 ÷ 1.035 = 326,570.048… → 326,570.05.
		expect(r.central.outcomes.map((o) => o.years[0].savingOre)).toEqual([sek(168_000), sek(170_000)]);
		expect(r.central.years[1].benefitsOre).toBe(sek(338_000));
		expect(r.central.years[1].pvBenefitsOre).toBe(32_657_005);
	});
});
