import { describe, expect, it } from 'vitest';
import { sek } from '$lib/core/finance/money';
import type { SavingsInput } from '$lib/core/finance/savings';
import { scenarios, tornado } from '$lib/core/finance/sensitivity';

/**
 * One benefit year (horizon 1) so each bar is easy to work by hand. Effect 10 days (interval of
 * the difference [−14, −6] → effect 6 … 14) × 10 persons × 4,000 (range 3,000 … 5,000) = 400,000;
 * grade A; cost 100,000 in year 0; discount rate 0 (range 0 … 25 %). Central NPV 300,000.
 */
const model: SavingsInput = {
	grantYear: 2020,
	costs: [{ year: 2020, amountOre: sek(100_000), source: 'grant' }],
	outcomes: [
		{
			id: 'hvb',
			budgetHolder: 'social_services',
			direction: 'lower_is_better',
			baseline: 30,
			project: 20,
			differenceInterval: { low: -14, high: -6 },
			persons: 10,
			unitCost: {
				item: 'hvb_day',
				costOre: sek(4000),
				priceYear: 2020,
				source: 'price list',
				lowOre: sek(3000),
				highOre: sek(5000)
			},
			evidenceGrade: 'A',
			source: 'cohorts'
		}
	],
	assumptions: {
		discountRate: { value: 0, low: 0, high: 0.25 },
		horizon: { value: 1, low: 1, high: 1 }
	}
};

describe('tornado', () => {
	const t = tornado(model);

	it('varies each assumption alone and sorts by swing', () => {
		expect(t.centralNpvOre).toBe(sek(300_000));
		const bars = t.bars.map((b) => [b.key, b.npvLowOre, b.npvHighOre, b.swingOre]);
		expect(bars).toEqual([
			// effect 6 → 240,000 − 100,000; effect 14 → 560,000 − 100,000.
			['effect:hvb', sek(140_000), sek(460_000), sek(320_000)],
			// 3,000 → 300,000 − 100,000; 5,000 → 500,000 − 100,000.
			['unit_cost:hvb', sek(200_000), sek(400_000), sek(200_000)],
			// 0.75 → 300,000 − 100,000; 1 → 400,000 − 100,000.
			['attribution', sek(200_000), sek(300_000), sek(100_000)],
			// 0 → 300,000; 0.2 → 400,000 × 0.8 − 100,000 = 220,000.
			['deadweight', sek(300_000), sek(220_000), sek(80_000)],
			// 0 → 300,000; 25 % → 400,000 ÷ 1.25 − 100,000 = 220,000 (tie with deadweight, by name).
			['discountRate', sek(300_000), sek(220_000), sek(80_000)],
			// Grade A: 0 → 300,000; 15 % → 340,000 − 100,000 = 240,000.
			['optimismBias', sek(300_000), sek(240_000), sek(60_000)],
			// One benefit year: nothing fades; horizon fixed at 1.
			['dropOff', sek(300_000), sek(300_000), 0],
			['horizon', sek(300_000), sek(300_000), 0]
		]);
		expect(t.bars[0].lowValue).toBe(6);
		expect(t.bars[0].highValue).toBe(14);
	});
});

describe('scenarios', () => {
	const s = scenarios(model);

	it('takes the worse end of every assumption for the pessimistic case', () => {
		expect(s.pessimistic.ends).toMatchObject({
			'effect:hvb': 'low',
			'unit_cost:hvb': 'low',
			attribution: 'low',
			deadweight: 'high',
			discountRate: 'high',
			optimismBias: 'high'
		});
		// 6 × 10 × 3,000 = 180,000 × 0.8 × 0.75 × 0.85 = 91,800; ÷ 1.25 = 73,440; − 100,000 = −26,560.
		expect(s.pessimistic.evaluation.npvOre).toBe(sek(-26_560));
	});

	it('and the better end for the optimistic case', () => {
		// 14 × 10 × 5,000 = 700,000, no haircut, undiscounted; − 100,000 = 600,000.
		expect(s.optimistic.evaluation.npvOre).toBe(sek(600_000));
		expect(s.central.npvOre).toBe(sek(300_000));
	});
});
