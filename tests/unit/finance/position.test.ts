import { describe, expect, it } from 'vitest';
import { parseLedger } from '$lib/core/finance/ledger';
import { sek } from '$lib/core/finance/money';
import { positionAt, repaymentSeries } from '$lib/core/finance/position';

const r = (
	date: string,
	entry: string,
	amount_sek: number,
	plan_version: number | null = null,
	note = ''
) => ({
	project_id: 'P1',
	date,
	entry,
	amount_sek,
	note,
	plan_version
});

/**
 * The INDIGO worked example: plan 1 = 100,000 a year; year 1 actual 50,000; plan 2 (decided
 * 2020-03-01) = 50,000 for year 1 then 75,000 a year. Grant 500,000, so plan 2 is
 * 50,000 + 6 × 75,000 = 500,000, due 2019 … 2025.
 */
const indigo = [
	r('2018-01-15', 'grant', 500_000),
	r('2018-02-01', 'disbursement', 300_000),
	r('2018-08-01', 'disbursement', 200_000),
	...[2019, 2020, 2021, 2022, 2023].map((y) => r(`${y}-12-31`, 'planned_repayment', 100_000, 1)),
	r('2019-12-31', 'repayment', 50_000),
	r('2020-03-01', 'plan_revision', 500_000, 2),
	r('2019-12-31', 'planned_repayment', 50_000, 2),
	...[2020, 2021, 2022, 2023, 2024, 2025].map((y) => r(`${y}-12-31`, 'planned_repayment', 75_000, 2)),
	r('2020-12-31', 'repayment', 75_000)
];

describe('plan versus actual (INDIGO)', () => {
	const { projects, issues } = parseLedger(indigo);
	const p1 = projects[0];

	it('parses without issues', () => expect(issues).toEqual([]));

	it('before the first due date: plan 1, nothing planned yet', () => {
		const p = positionAt(p1, '2019-06-30');
		expect(p.planVersion).toBe(1);
		expect(p.plannedOre).toBe(0);
		expect(p.repaidOre).toBe(0);
		expect(p.varianceShare).toBeNull();
		expect(p.status).toBe('on_plan');
		// 300,000 + 200,000 disbursed; 500,000 − 0 outstanding.
		expect(p.disbursedOre).toBe(sek(500_000));
		expect(p.outstandingOre).toBe(sek(500_000));
	});

	it('end of year 1 under plan 1: 50,000 behind, −50 %', () => {
		const p = positionAt(p1, '2019-12-31');
		expect(p.planVersion).toBe(1);
		expect(p.plannedOre).toBe(sek(100_000));
		expect(p.repaidOre).toBe(sek(50_000));
		// 50,000 − 100,000 = −50,000; −50,000 ÷ 100,000 = −0.5.
		expect(p.varianceOre).toBe(sek(-50_000));
		expect(p.varianceShare).toBe(-0.5);
		expect(p.status).toBe('behind');
		// 500,000 − 50,000.
		expect(p.outstandingOre).toBe(sek(450_000));
		// 50,000 repaid + plan 1's later rows 4 × 100,000 = 450,000 < 500,000: never.
		expect(p.projectedPaybackYear).toBeNull();
	});

	it('the day before the revision plan 1 still applies', () => {
		const p = positionAt(p1, '2020-02-29');
		expect(p.planVersion).toBe(1);
		expect(p.varianceOre).toBe(sek(-50_000));
	});

	it('on the revision date plan 2 applies and the project is on plan', () => {
		const p = positionAt(p1, '2020-03-01');
		expect(p.planVersion).toBe(2);
		// Plan 2's rows due by then: 50,000 (2019-12-31).
		expect(p.plannedOre).toBe(sek(50_000));
		expect(p.varianceOre).toBe(0);
		expect(p.varianceShare).toBe(0);
		expect(p.status).toBe('on_plan');
		// 50,000 + 75,000 × 6 (2020 … 2025) = 500,000, reached in 2025.
		expect(p.projectedPaybackYear).toBe(2025);
		expect(p.traces.planned.formula).toBe('finance.formula.planned_to_date');
		expect(p.traces.planned.inputs.slice(0, 2).map((i) => i.value)).toEqual([2, '2020-03-01']);
	});

	it('end of year 2: 125,000 planned and repaid', () => {
		const p = positionAt(p1, '2020-12-31');
		// 50,000 + 75,000 = 125,000 both ways.
		expect(p.plannedOre).toBe(sek(125_000));
		expect(p.repaidOre).toBe(sek(125_000));
		expect(p.status).toBe('on_plan');
		// 500,000 − 125,000.
		expect(p.outstandingOre).toBe(sek(375_000));
		expect(p.traces.outstanding.result).toBe(sek(375_000));
	});

	it('end of year 3 with no payment: 75,000 behind, −37.5 %', () => {
		const p = positionAt(p1, '2021-12-31');
		// Planned 50,000 + 75,000 + 75,000 = 200,000; repaid 125,000; −75,000 ÷ 200,000 = −0.375.
		expect(p.plannedOre).toBe(sek(200_000));
		expect(p.varianceOre).toBe(sek(-75_000));
		expect(p.varianceShare).toBe(-0.375);
		expect(p.status).toBe('behind');
		expect(p.outstandingOre).toBe(sek(375_000));
		// 125,000 + 4 × 75,000 (2022 … 2025) = 425,000 < 500,000: never.
		expect(p.projectedPaybackYear).toBeNull();
	});

	it('gives every plan version its own cumulative series for the step chart', () => {
		const s = repaymentSeries(p1);
		const k = (n: number) => sek(n * 1000);
		expect(s.plans.map((p) => p.version)).toEqual([1, 2]);
		expect(s.plans[0].points.map((x) => [x.date, x.cumulativeOre])).toEqual([
			['2018-01-15', 0],
			['2019-12-31', k(100)],
			['2020-12-31', k(200)],
			['2021-12-31', k(300)],
			['2022-12-31', k(400)],
			['2023-12-31', k(500)]
		]);
		expect(s.plans[1].decidedOn).toBe('2020-03-01');
		expect(s.plans[1].points.map((x) => x.cumulativeOre)).toEqual(
			[0, 50, 125, 200, 275, 350, 425, 500].map(k)
		);
		expect(s.actual.map((x) => [x.date, x.cumulativeOre])).toEqual([
			['2018-01-15', 0],
			['2019-12-31', k(50)],
			['2020-12-31', k(125)]
		]);
	});
});

describe('status rules', () => {
	it('ahead: 150 repaid against 100 planned is +50 %', () => {
		const { projects } = parseLedger([
			r('2020-01-01', 'grant', 1000),
			r('2020-12-31', 'planned_repayment', 100, 1),
			r('2020-06-01', 'repayment', 150)
		]);
		const p = positionAt(projects[0], '2020-12-31');
		// 150 − 100 = 50; 50 ÷ 100 = 0.5.
		expect(p.varianceOre).toBe(sek(50));
		expect(p.varianceShare).toBe(0.5);
		expect(p.status).toBe('ahead');
	});

	it('a tolerance absorbs small differences', () => {
		const { projects } = parseLedger([
			r('2020-01-01', 'grant', 1000),
			r('2020-12-31', 'planned_repayment', 100, 1),
			r('2020-12-31', 'repayment', 99.5)
		]);
		expect(positionAt(projects[0], '2020-12-31').status).toBe('behind');
		expect(positionAt(projects[0], '2020-12-31', { toleranceOre: 100 }).status).toBe('on_plan');
	});

	it('written off from the date of a repayment noted written_off; not counted as repaid', () => {
		const { projects } = parseLedger([
			r('2018-01-01', 'grant', 1000),
			r('2019-12-31', 'planned_repayment', 1000, 1),
			r('2019-06-01', 'repayment', 300),
			r('2020-01-15', 'repayment', 700, null, 'written_off by the board')
		]);
		const before = positionAt(projects[0], '2019-12-31');
		expect(before.status).toBe('behind');
		const after = positionAt(projects[0], '2020-01-15');
		expect(after.status).toBe('written_off');
		expect(after.repaidOre).toBe(sek(300));
		expect(after.writtenOffOre).toBe(sek(700));
		// 1,000 − 300 − 700 = 0.
		expect(after.outstandingOre).toBe(0);
		expect(after.projectedPaybackYear).toBeNull();
	});

	it('repaid in full, and no plan', () => {
		const { projects } = parseLedger([
			r('2018-01-01', 'grant', 1000),
			r('2019-03-01', 'repayment', 600),
			r('2020-03-01', 'repayment', 400)
		]);
		expect(positionAt(projects[0], '2019-12-31').status).toBe('no_plan');
		const done = positionAt(projects[0], '2020-12-31');
		expect(done.status).toBe('repaid');
		// 600 + 400 reaches 1,000 with the 2020 payment.
		expect(done.projectedPaybackYear).toBe(2020);
	});
});
