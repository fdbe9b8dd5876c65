import fs from 'node:fs';
import Papa from 'papaparse';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	defaultAsOf,
	defaultSettings,
	indexYears,
	isEdited,
	measuredModel,
	restoreSettings,
	LEDGER_STORAGE_KEY,
	ledgerCsv,
	ledgerSignature,
	restoreLedger,
	storeLedger,
	parseLedgerCsv,
	planVsActual,
	planVsActualRows,
	portfolioAt,
	savingsInput,
	sourceRef,
	validate,
	type DraftRow
} from '$lib/views/fund';
import { parseFundState, serializeFundState } from '$lib/state/url';
import { DEFAULT_ASSUMPTIONS, savingsModel, type MeasuredDifference } from '$lib/core/finance';
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
		const state = { section: 'savings', project: 'sig', asOf: '2020-01-01', scenario: 'optimistic' } as const;
		const q = serializeFundState(state, base);
		expect(q.get('lang')).toBe('en');
		expect(q.get('section')).toBe('savings');
		expect(parseFundState(q)).toEqual(state);
		expect(parseFundState(new URLSearchParams('asOf=2020-02-30&scenario=x&section=nope'))).toEqual({
			section: 'portfolio',
			project: null,
			asOf: null,
			scenario: 'central'
		});
	});

	it('opens the ledger for old links that name a project but no section', () => {
		expect(parseFundState(new URLSearchParams('project=sig')).section).toBe('ledger');
		// …and writes the section only when it differs from what the URL implies.
		const ledger = serializeFundState({ section: 'ledger', project: 'sig', asOf: null, scenario: 'central' });
		expect(ledger.toString()).toBe('project=sig');
		const portfolio = serializeFundState({
			section: 'portfolio',
			project: 'sig',
			asOf: null,
			scenario: 'central'
		});
		expect(parseFundState(portfolio).section).toBe('portfolio');
		expect(
			serializeFundState({ section: 'portfolio', project: null, asOf: null, scenario: 'central' }).toString()
		).toBe('');
	});

	it('has the same message keys in Swedish and English', () => {
		type Tree = { [k: string]: string | Tree };
		const keys = (t: Tree, p = ''): string[] =>
			Object.entries(t).flatMap(([k, x]) => (typeof x === 'string' ? [p + k] : keys(x, `${p}${k}.`)));
		expect(keys(sv as Tree).sort()).toEqual(keys(en as Tree).sort());
	});
});

describe('ledger edits kept in the browser', () => {
	const texts = files.map((f) => ({ name: f, text: fs.readFileSync(f, 'utf8') }));
	const base = ledgerSignature(texts);

	it('stores under a key the workspace file collects', () => {
		expect(LEDGER_STORAGE_KEY.startsWith('utfall.ledger')).toBe(true);
		expect(ledgerSignature([...texts].reverse())).toBe(base);
		expect(ledgerSignature([{ ...texts[0], text: texts[0].text + 'x' }, ...texts.slice(1)])).not.toBe(base);
	});

	it('round-trips an edited ledger through JSON and back to the same CSV', () => {
		const original = load();
		const edited = original.map((r, i) => (i === 2 ? { ...r, amount_sek: '123456.50', origin: null } : r));
		edited.push({
			uid: 'new',
			origin: null,
			project_id: 'sig',
			date: '2025-06-30',
			entry: 'repayment',
			amount_sek: '10000',
			note: 'Återbetalning, "extra"',
			plan_version: ''
		});
		expect(isEdited(original, load())).toBe(false);
		expect(isEdited(edited, original)).toBe(true);
		const stored = JSON.parse(JSON.stringify(storeLedger(edited, base, new Date('2026-01-02T03:04:05Z'))));
		expect(stored.savedAt).toBe('2026-01-02T03:04:05.000Z');
		const back = restoreLedger(stored, base)!;
		expect(back).toHaveLength(edited.length);
		const fields = (r: DraftRow) => ({ ...r, uid: '' });
		expect(back.map(fields)).toEqual(edited.map(fields));
		const text = ledgerCsv(back);
		expect(text).toBe(ledgerCsv(edited));
		// The export reads back as the same rows (in the fund_ledger.csv format).
		const again = parseLedgerCsv(text, 'export.csv');
		expect(again.map((r) => [r.project_id, r.date, r.entry, Number(r.amount_sek), r.note])).toEqual(
			edited.map((r) => [r.project_id, r.date, r.entry, Number(r.amount_sek), r.note])
		);
		expect(text.split('\n')[0]).toBe('project_id,date,entry,amount_sek,note,plan_version');
		expect(text).toContain('sig,2025-06-30,repayment,10000.00,"Återbetalning, ""extra""",');
	});

	it('does not apply edits made on other files, or a damaged entry', () => {
		const stored = storeLedger(load(), base);
		expect(restoreLedger(stored, 'other')).toBeNull();
		expect(restoreLedger({ ...stored, version: 2 }, base)).toBeNull();
		expect(restoreLedger({ ...stored, rows: [{ project_id: 1 }] }, base)).toBeNull();
		expect(restoreLedger('nonsense', base)).toBeNull();
	});
});

describe('savings model settings: price index and measured outcomes', () => {
	const unitCosts = Papa.parse<Record<string, string>>(
		fs.readFileSync('datasets/sig-eslov/unit_costs.csv', 'utf8'),
		{ header: true, skipEmptyLines: true }
	).data.map((u) => ({ ...u, cost_sek: Number(u.cost_sek), price_year: Number(u.price_year) }));
	const sis: MeasuredDifference = {
		indicatorId: 'care_days_sis',
		kind: 'mean',
		direction: 'lower_better',
		item: 'sis_day',
		projectCohort: 'sig-13-18',
		baselineCohort: 'jamforelse-13-18',
		baselineKind: 'comparison',
		periods: ['2013', '2014', '2015', '2016', '2017'],
		projectN: 150,
		baselineN: 90,
		projectValue: 2,
		baselineValue: 3,
		difference: -1,
		low: -2,
		high: 0,
		method: 'welch',
		verdict: 'no_clear_difference',
		level: 0.95
	};
	const project = validate(load()).parsed.projects.find((p) => p.projectId === 'sig')!;
	const defaults = defaultSettings(DEFAULT_ASSUMPTIONS, unitCosts as never);

	it('prefills an index of 1.0 for every price year, the latest as target: no restatement', () => {
		// unit_costs.csv has price years 2015, 2020 and 2025.
		expect(indexYears(unitCosts as never, null)).toEqual([2015, 2020, 2025]);
		expect(defaults.priceIndex).toEqual({ table: { 2015: 1, 2020: 1, 2025: 1 }, targetYear: 2025 });
		const r = savingsModel(measuredModel(project, [sis], unitCosts as never, defaults).model!);
		expect(r.central.outcomes[0].unitCostOre).toBe(490_000); // 4,900 kr as listed
	});

	it('restates a unit cost with the index the user enters, traced', () => {
		const settings = { ...defaults, priceIndex: { table: { 2020: 100, 2025: 125 }, targetYear: 2025 } };
		const r = savingsModel(measuredModel(project, [sis], unitCosts as never, settings).model!);
		const o = r.central.outcomes[0];
		// 4,900 × 125 ÷ 100 = 6,125 kr; 1 day × 30 persons a year (150 ÷ 5) × 6,125 = 183,750 kr gross.
		expect(o.unitCostOre).toBe(612_500);
		expect(o.grossOre).toBe(18_375_000);
		expect(o.traces.unitCost.inputs.map((i) => [i.key, i.value])).toEqual([
			['unit_cost', 490_000],
			['price_year', 2020],
			['target_year', 2025],
			['index_target', 125],
			['index_price_year', 100]
		]);
		// A missing index year is reported, and the cost is left as listed.
		const gap = { ...defaults, priceIndex: { table: { 2025: 125 }, targetYear: 2025 } };
		const g = savingsModel(measuredModel(project, [sis], unitCosts as never, gap).model!);
		expect(g.issues).toEqual([
			{ code: 'price_index_missing', outcomeId: 'care_days_sis@sig-13-18', year: 2020 }
		]);
		expect(g.central.outcomes[0].unitCostOre).toBe(490_000);
	});

	it('reads saved settings back, ignoring damaged parts', () => {
		const saved = JSON.parse(
			JSON.stringify({
				...defaults,
				assumptions: { ...defaults.assumptions, discountRate: { value: 0.02, low: 0.01, high: 0.03 } },
				overrides: { 'care_days_sis@sig-13-18': { persons: 12 } },
				priceIndex: { table: { 2020: 100, 2025: -1 }, targetYear: 2025 }
			})
		);
		const back = restoreSettings(saved, defaults);
		expect(back.assumptions.discountRate).toEqual({ value: 0.02, low: 0.01, high: 0.03 });
		expect(back.assumptions.horizon).toEqual(defaults.assumptions.horizon);
		expect(back.overrides).toEqual({ 'care_days_sis@sig-13-18': { persons: 12 } });
		expect(back.priceIndex).toEqual({ table: { 2020: 100 }, targetYear: 2025 });
		expect(restoreSettings({ assumptions: { horizon: { value: 'x' } } }, defaults)).toEqual(defaults);
		expect(restoreSettings(null, defaults)).toBe(defaults);
	});
});
