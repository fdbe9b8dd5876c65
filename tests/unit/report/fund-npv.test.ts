import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { createNodeEngine } from '$lib/engine/node';
import { loadDataset } from '$lib/core/dataset/load';
import { readCsvFolder } from '../../../scripts/lib/csv-folder';
import { computeIndicators, BUILT_IN_INDICATORS } from '$lib/core/indicators';
import { fundSection } from '$lib/core/report/fund';
import type { ReportFundRow } from '$lib/core/report/types';

const csv = (dataset: string, file: string) =>
	Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dataset, file), 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;

/** Priced indicators and their unit-cost items, as the savings model prices them. */
const PRICED: Record<string, string> = {
	care_days_hvb: 'hvb_day',
	care_days_family_home: 'family_home_day',
	care_days_sis: 'sis_day',
	reports_of_concern_per_1000: 'report_of_concern'
};

/**
 * The default savings model worked out in plain arithmetic, apart from the finance core: each
 * project cohort against its baseline cohort, pooled over years (means weighted by n, rates as
 * Σ events ÷ Σ n, i.e. per person), an improvement of (baseline − project) per person and year,
 * persons a year = n ÷ years, times the unit cost, less the default optimism bias (grade C before
 * the project 30 %, grade B against a comparison group 15 %), for years 1–5 after the grant year,
 * discounted at 3.5 %; disbursements as costs in their calendar year.
 */
async function expectedNpv(engine: Engine, dataset: string) {
	const { rows } = await computeIndicators(
		engine,
		BUILT_IN_INDICATORS.filter((d) => d.id in PRICED),
		{ asOf: '2024-12-31' }
	);
	const cohorts = csv(dataset, 'cohorts.csv');
	const costs = Object.fromEntries(csv(dataset, 'unit_costs.csv').map((u) => [u.item, Number(u.cost_sek)]));
	const ledger = csv(dataset, 'fund_ledger.csv');
	const grantYear = Number(ledger.find((l) => l.entry === 'grant')!.date.slice(0, 4));
	const pooled = (id: string, cohort: string) => {
		const rs = rows.filter((r) => r.indicator_id === id && r.cohort_id === cohort && (r.n ?? 0) > 0);
		const n = rs.reduce((s, r) => s + r.n!, 0);
		const value =
			id === 'reports_of_concern_per_1000'
				? rs.reduce((s, r) => s + r.numerator!, 0) / n
				: rs.reduce((s, r) => s + r.n! * r.value!, 0) / n;
		return { n, value, years: rs.length };
	};
	let yearly = 0;
	for (const p of cohorts.filter((c) => c.role === 'project')) {
		const base =
			cohorts.find((c) => c.role === 'historical' && c.project_id === p.project_id) ??
			cohorts.find((c) => c.role === 'comparison' && c.baseline_for === p.cohort_id)!;
		const haircut = base.role === 'historical' ? 0.3 : 0.15;
		for (const [id, item] of Object.entries(PRICED)) {
			const a = pooled(id, p.cohort_id);
			const b = pooled(id, base.cohort_id);
			yearly += (b.value - a.value) * (a.n / a.years) * costs[item] * (1 - haircut);
		}
	}
	let npv = 0;
	let cumulative = 0;
	const running: [number, number][] = [];
	const costByYear = new Map<number, number>();
	for (const l of ledger.filter((l) => l.entry === 'disbursement')) {
		const y = Number(l.date.slice(0, 4));
		costByYear.set(y, (costByYear.get(y) ?? 0) + Number(l.amount_sek));
	}
	const last = Math.max(grantYear + 5, ...costByYear.keys());
	for (let y = grantYear; y <= last; y++) {
		const t = y - grantYear;
		const benefit = t >= 1 && t <= 5 ? yearly : 0;
		const cost = costByYear.get(y) ?? 0;
		npv += (benefit - cost) / 1.035 ** t;
		cumulative += benefit - cost;
		running.push([y, cumulative]);
	}
	// Payback: the first year from which the cumulative net never falls below zero again.
	let payback: number | null = null;
	for (let i = running.length - 1; i >= 0 && running[i][1] >= 0; i--) payback = running[i][0];
	return { npv, payback };
}

describe.each(['datasets/samagera-torshalla', 'datasets/sig-eslov'])('report NPV, %s', (dataset) => {
	let engine: Engine;
	let fund: ReportFundRow[];
	let expected: { npv: number; payback: number | null };
	beforeAll(async () => {
		engine = await createNodeEngine();
		await loadDataset(engine, readCsvFolder(dataset));
		fund = await fundSection(engine, '2024-12-31');
		expected = await expectedNpv(engine, dataset);
	}, 120_000);
	afterAll(() => engine.close());

	it('gives the default savings model’s NPV and payback year', () => {
		expect(fund).toHaveLength(1);
		expect(fund[0].npv_sek).not.toBeNull();
		// The model rounds to the öre at each step: a few öre over some twenty outcome-years.
		expect(Math.abs(fund[0].npv_sek! - expected.npv)).toBeLessThan(1);
		expect(fund[0].payback_year).toBe(expected.payback);
		// SiG's care days fell against its comparison groups; Samagera's HVB days rose against the years before.
		expect(fund[0].payback_year).toBe(dataset.includes('sig') ? 2015 : null);
		expect(Math.sign(fund[0].npv_sek!)).toBe(dataset.includes('sig') ? 1 : -1);
	});
});

describe('report NPV without a baseline cohort', () => {
	it('is null when no outcome can be priced (PRISMA has no comparison group)', async () => {
		const engine = await createNodeEngine();
		try {
			const dataset = 'datasets/prisma-ekero';
			await loadDataset(engine, readCsvFolder(dataset));
			const [f] = await fundSection(engine, '2024-12-31');
			expect(f.project_id).toBe('prisma');
			expect(f.npv_sek).toBeNull();
			expect(f.payback_year).toBeNull();
		} finally {
			await engine.close();
		}
	}, 120_000);
});
