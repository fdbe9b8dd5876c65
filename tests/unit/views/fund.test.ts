import fs from 'node:fs';
import Papa from 'papaparse';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	defaultAsOf,
	ledgerCsv,
	parseLedgerCsv,
	planVsActual,
	planVsActualRows,
	portfolioAt,
	savingsInput,
	sourceRef,
	validate,
	type DraftRow
} from '$lib/views/fund';
import { parseFundState, serializeFundState } from '$lib/state/fund-url';
import { savingsModel } from '$lib/core/finance';
import sv from '$lib/i18n/sv/fund.json';
import en from '$lib/i18n/en/fund.json';

const DATASETS = fs
	.readdirSync('datasets')
	.filter((d) => fs.existsSync(path.join('datasets', d, 'fund_ledger.csv')))
	.sort();
const files = DATASETS.map((d) => `datasets/${d}/fund_ledger.csv`);
const load = (): DraftRow[] => files.flatMap((f) => parseLedgerCsv(fs.readFileSync(f, 'utf8'), f));

/** The portfolio in plain arithmetic on the CSV lines (whole kronor), independent of the finance core. */
function expected(asOf: string) {
	const out = new Map<string, Record<string, number | string | null>>();
	for (const f of files) {
		const lines = Papa.parse<Record<string, string>>(fs.readFileSync(f, 'utf8'), {
			header: true,
			skipEmptyLines: true
		}).data;
		const recs = lines.map((l) => ({
			project: l.project_id,
			date: l.date,
			entry: l.entry,
			amount: Number(l.amount_sek),
			note: l.note,
			version: l.plan_version ? Number(l.plan_version) : 1
		}));
		for (const project of new Set(recs.map((r) => r.project))) {
			const mine = recs.filter((r) => r.project === project && r.date <= asOf);
			const sum = (entry: string) => mine.filter((r) => r.entry === entry).reduce((s, r) => s + r.amount, 0);
			const grantDate = recs
				.filter((r) => r.project === project && r.entry === 'grant')
				.map((r) => r.date)
				.sort()[0];
			// The plan in force: plan 1 from the grant date, plan v from its plan_revision row's date.
			const decided = new Map<number, string>([[1, grantDate]]);
			for (const r of recs)
				if (r.project === project && r.entry === 'plan_revision') decided.set(r.version, r.date);
			let inForce = 1;
			for (const [v, d] of decided) if (d <= asOf && v > inForce) inForce = v;
			const planned = mine
				.filter((r) => r.entry === 'planned_repayment' && r.version === inForce)
				.reduce((s, r) => s + r.amount, 0);
			const granted = sum('grant');
			const repaid = sum('repayment');
			const variance = repaid - planned;
			out.set(project, {
				granted,
				disbursed: sum('disbursement'),
				repaid,
				planned,
				variance,
				outstanding: granted - repaid,
				status: variance < 0 ? 'behind' : variance > 0 ? 'ahead' : 'on_plan',
				version: inForce
			});
		}
	}
	return out;
}

describe('fund view-model on the bundled ledgers', () => {
	const rows = load();
	const v = validate(rows);

	it('reads every bundled fund_ledger.csv without errors', () => {
		expect(files.length).toBe(3);
		expect(v.errors).toEqual([]);
		expect(v.parsed.projects.map((p) => p.projectId).sort()).toEqual(['prisma', 'samagera', 'sig']);
	});

	for (const asOf of ['2015-06-30', '2019-12-31', '2020-06-30', '2024-06-30', '2026-11-23']) {
		it(`portfolio figures as of ${asOf} match plain arithmetic on the CSV`, () => {
			const p = portfolioAt(v.parsed, asOf);
			const e = expected(asOf);
			expect(p.positions.map((x) => x.projectId)).toEqual([...e.keys()].sort());
			for (const pos of p.positions) {
				const x = e.get(pos.projectId)!;
				expect(pos.grantedOre / 100, pos.projectId).toBe(x.granted);
				expect(pos.disbursedOre / 100).toBe(x.disbursed);
				expect(pos.repaidOre / 100).toBe(x.repaid);
				expect(pos.plannedOre / 100).toBe(x.planned);
				expect(pos.varianceOre / 100).toBe(x.variance);
				expect(pos.outstandingOre / 100).toBe(x.outstanding);
				expect(pos.status).toBe(x.status);
				expect(pos.planVersion).toBe(x.version);
			}
			const total = (k: string) => [...e.values()].reduce((s, x) => s + (x[k] as number), 0);
			expect(p.totals.granted.ore / 100).toBe(total('granted'));
			expect(p.totals.repaid.ore / 100).toBe(total('repaid'));
			expect(p.totals.outstanding.ore / 100).toBe(total('outstanding'));
			expect(p.totals.planned.trace.inputs.map((i) => i.key)).toEqual(p.positions.map((x) => x.projectId));
		});
	}

	it('Samagera: grant 3 800 000, two plan versions, plan 2 decided 2020-03-16', () => {
		const s = v.parsed.projects.find((p) => p.projectId === 'samagera')!;
		expect(s.grants.map((g) => g.amountOre)).toEqual([380_000_000]);
		expect(s.plans.map((p) => [p.version, p.decidedOn])).toEqual([
			[1, '2014-09-15'],
			[2, '2020-03-16']
		]);
		expect(s.plans[1].totalOre).toBe(380_000_000);
	});

	it('default as-of: today when the ledger reaches it, else its last date', () => {
		expect(defaultAsOf(rows, '2026-11-23')).toBe('2026-11-23'); // plans run to 2032
		expect(defaultAsOf(rows, '2040-01-01')).toBe('2032-12-31');
		const past = rows.filter((r) => r.project_id === 'prisma');
		expect(defaultAsOf(past, '2026-11-23')).toBe('2020-12-31');
	});

	it('trace sources point back at the bundled file and line', () => {
		const p = portfolioAt(v.parsed, '2026-11-23');
		const sam = p.positions.find((x) => x.projectId === 'samagera')!;
		const src = sam.traces.granted.inputs[0].source;
		const ref = sourceRef(src, rows);
		expect(ref.kind).toBe('line');
		if (ref.kind === 'line') {
			expect(ref.origin).toEqual({ file: 'datasets/samagera-torshalla/fund_ledger.csv', line: 2 });
			expect(rows[ref.line - 2].entry).toBe('grant');
		}
		expect(sourceRef('finance.source.discount_rate', rows)).toEqual({
			kind: 'key',
			key: 'finance.source.discount_rate'
		});
	});

	it('the CSV export round-trips the ledger', () => {
		const again = parseLedgerCsv(ledgerCsv(rows), 'x');
		expect(again.length).toBe(rows.length);
		again.forEach((r, i) => {
			expect([r.project_id, r.date, r.entry, r.note, r.plan_version]).toEqual([
				rows[i].project_id,
				rows[i].date,
				rows[i].entry,
				rows[i].note,
				rows[i].plan_version
			]);
			expect(Number(r.amount_sek)).toBe(Number(rows[i].amount_sek));
		});
	});

	it('rejects an edit that breaks the ledger, naming the line and field', () => {
		const broken = rows.map((r, i) => (i === 3 ? { ...r, amount_sek: 'tio' } : r));
		const bad = validate(broken);
		expect(bad.ok).toBe(false);
		expect(bad.errors[0]).toMatchObject({ row: 5, column: 'amount_sek', code: 'non_numeric_amount' });
	});

	it('plan versus actual: actual stops at the as-of date; table rows repeat the chart points', () => {
		const s = v.parsed.projects.find((p) => p.projectId === 'samagera')!;
		const d = planVsActual(s, '2021-06-30');
		expect(d.actual.at(-1)).toEqual({ date: '2021-06-30', ore: (400_000 + 250_000 + 250_000) * 100 });
		const table = planVsActualRows(d);
		const last = table.find((r) => r.date === '2032-12-31')!;
		// plan 1: 9 × 400 000 + 200 000; plan 2: 400 000 + 250 000 (as paid) + 12 × 250 000 + 150 000
		expect(last.plans).toEqual([380_000_000, 380_000_000]);
		expect(last.actual).toBeNull();
	});

	it('builds a savings model from the form, costs = disbursements', () => {
		const s = v.parsed.projects.find((p) => p.projectId === 'samagera')!;
		const unit = [{ item: 'hvb_day', unit: 'day', cost_sek: 4219, price_year: 2025, source: 'x' }];
		const a = {
			deadweight: { value: 0, low: 0, high: 0.2 },
			attribution: { value: 1, low: 0.75, high: 1 },
			dropOff: { value: 0, low: 0, high: 0.2 },
			discountRate: { value: 0.035, low: 0.015, high: 0.05 },
			horizon: { value: 5, low: 3, high: 10 }
		};
		const input = savingsInput(
			s,
			{
				effectLow: 2,
				effectCentral: 10,
				effectHigh: 18,
				persons: 20,
				item: 'hvb_day',
				unitCostLow: null,
				unitCostHigh: null,
				evidenceGrade: 'A',
				firstYear: 1
			},
			a,
			unit
		)!;
		expect(input.grantYear).toBe(2014);
		expect(input.costs.reduce((x, c) => x + c.amountOre, 0)).toBe(380_000_000);
		const r = savingsModel(input);
		// Year 1..5: 10 × 20 × 4 219 = 843 800 a year, discounted at 3.5 %.
		let pv = 0;
		for (let t = 1; t <= 5; t++) pv += Math.round(84_380_000 / 1.035 ** t);
		expect(r.central.pvBenefitsOre).toBe(pv);
	});

	it('URL state round-trips and keeps other parameters', () => {
		const base = new URLSearchParams('lang=en&view=table');
		const q = serializeFundState({ project: 'sig', asOf: '2020-01-01', scenario: 'optimistic' }, base);
		expect(q.get('lang')).toBe('en');
		expect(parseFundState(q)).toEqual({ project: 'sig', asOf: '2020-01-01', scenario: 'optimistic' });
		expect(parseFundState(new URLSearchParams('asOf=2020-02-30&scenario=x'))).toEqual({
			project: null,
			asOf: null,
			scenario: 'central'
		});
	});

	it('has the same message keys in Swedish and English', () => {
		type Tree = { [k: string]: string | Tree };
		const keys = (t: Tree, p = ''): string[] =>
			Object.entries(t).flatMap(([k, x]) => (typeof x === 'string' ? [p + k] : keys(x, `${p}${k}.`)));
		expect(keys(sv as Tree).sort()).toEqual(keys(en as Tree).sort());
	});
});
