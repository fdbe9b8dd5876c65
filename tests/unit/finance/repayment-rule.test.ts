import { describe, expect, it } from 'vitest';
import { parseLedger } from '$lib/core/finance/ledger';
import { sek } from '$lib/core/finance/money';
import { positionAt } from '$lib/core/finance/position';
import { suggestRepaymentPlan } from '$lib/core/finance/repayment-rule';

const r = (date: string, entry: string, amount_sek: number, plan_version: number | null = null) => ({
	project_id: 'P1',
	date,
	entry,
	amount_sek,
	note: '',
	plan_version
});

const ledger = [
	r('2018-01-15', 'grant', 500_000),
	...[2019, 2020, 2021, 2022, 2023].map((y) => r(`${y}-12-31`, 'planned_repayment', 100_000, 1)),
	r('2019-12-31', 'repayment', 50_000)
];
const savings = [
	{ year: 2019, amountOre: sek(80_000) },
	{ year: 2020, amountOre: sek(150_000) },
	{ year: 2021, amountOre: sek(300_000) },
	{ year: 2022, amountOre: sek(400_000) },
	{ year: 2023, amountOre: sek(400_000) }
];

describe('suggested repayment plan', () => {
	const project = parseLedger(ledger).projects[0];
	/**
	 * 50 % of savings from year 2 (2018 + 2 = 2020), capped at what is outstanding on 2020-03-01:
	 * 500,000 − 50,000 = 450,000. The 50,000 already repaid keeps its date.
	 *   2020: 0.5 × 150,000 =  75,000 (cap left 450,000)
	 *   2021: 0.5 × 300,000 = 150,000 (cap left 375,000)
	 *   2022: 0.5 × 400,000 = 200,000 (cap left 225,000)
	 *   2023: 0.5 × 400,000 = 200,000, cut to the 25,000 left
	 * Total 50,000 + 450,000 = 500,000.
	 */
	const plan = suggestRepaymentPlan(project, savings, { share: 0.5, fromYear: 2 }, '2020-03-01');

	it('proposes plan 2 in fund_ledger rows', () => {
		expect(plan.version).toBe(2);
		expect(plan.issues).toEqual([]);
		expect(plan.totalOre).toBe(sek(500_000));
		expect(plan.rows.map((x) => [x.date, x.entry, x.amount_sek, x.plan_version])).toEqual([
			['2020-03-01', 'plan_revision', 500_000, 2],
			['2019-12-31', 'planned_repayment', 50_000, 2],
			['2020-12-31', 'planned_repayment', 75_000, 2],
			['2021-12-31', 'planned_repayment', 150_000, 2],
			['2022-12-31', 'planned_repayment', 200_000, 2],
			['2023-12-31', 'planned_repayment', 25_000, 2]
		]);
		expect(plan.rows[0].note).toBe('suggested:share=0.5;from_year=2;cap=outstanding');
		expect(plan.traces[4].inputs.map((i) => [i.key, i.value])).toEqual([
			['share', 0.5],
			['saving', sek(400_000)],
			['remaining_cap', sek(25_000)]
		]);
	});

	it('can be adopted: the ledger accepts it and the project is on plan that day', () => {
		const adopted = parseLedger([...ledger, ...plan.rows]);
		expect(adopted.issues).toEqual([]);
		const p = positionAt(adopted.projects[0], '2020-03-01');
		expect(p.planVersion).toBe(2);
		expect(p.status).toBe('on_plan');
		// 50,000 + 75,000 + 150,000 + 200,000 + 25,000 = 500,000 reached in 2023.
		expect(p.projectedPaybackYear).toBe(2023);
	});

	it('without a cap pays the share every year', () => {
		const open = suggestRepaymentPlan(project, savings, { share: 0.5, fromYear: 2, cap: null }, '2020-03-01');
		// 50,000 + 75,000 + 150,000 + 200,000 + 200,000 = 675,000.
		expect(open.totalOre).toBe(sek(675_000));
	});

	it('rounds each share to the öre', () => {
		const third = suggestRepaymentPlan(
			project,
			[{ year: 2021, amountOre: sek(100) }],
			{ share: 1 / 3, fromYear: 0 },
			'2020-03-01'
		);
		// 100 ÷ 3 = 33.333… → 33.33.
		expect(third.rows.at(-1)?.amount_sek).toBe(33.33);
	});

	it('makes a first plan without a plan_revision row, and needs a grant', () => {
		const fresh = parseLedger([r('2018-01-15', 'grant', 100)]).projects[0];
		const first = suggestRepaymentPlan(fresh, savings, { share: 0.5, fromYear: 2 }, '2018-01-15');
		expect(first.version).toBe(1);
		expect(first.rows.map((x) => x.entry)).toEqual(['planned_repayment']);
		// 0.5 × 80,000 = 40,000 > 100: capped at 100.
		expect(first.rows[0].amount_sek).toBe(100);
		const noGrant = parseLedger([r('2019-12-31', 'repayment', 1)]).projects[0];
		expect(suggestRepaymentPlan(noGrant, savings, { share: 0.5, fromYear: 2 }, '2020-01-01').issues).toEqual([
			'missing_grant'
		]);
	});
});
