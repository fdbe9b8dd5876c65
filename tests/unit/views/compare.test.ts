import { openExample } from '../example-engine';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { wilson, newcombeDiff } from '$lib/core/stats';
import {
	compareCsv,
	compareModel,
	loadCompareData,
	SUPPRESSED,
	type CompareData,
	type GroupFigure
} from '$lib/views/compare';
import { parseCompareState, serializeCompareState } from '$lib/state/url';

const DATASET = 'datasets/samagera-torshalla';
const csv = (file: string) =>
	Papa.parse<Record<string, string>>(fs.readFileSync(path.join(DATASET, file), 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;

/** Eligibility for vocational programmes per cohort and school year, counted in plain JS from the CSV. */
function eligibilityFromCsv(): Map<string, { n: number; x: number }> {
	const cohortOf = new Map(csv('persons.csv').map((p) => [p.person_id, p.cohort_id]));
	const passed = new Map<string, Set<string>>();
	for (const g of csv('grades.csv')) {
		const key = `${cohortOf.get(g.person_id)}|${g.school_year}|${g.person_id}`;
		if (!passed.has(key)) passed.set(key, new Set());
		if (['A', 'B', 'C', 'D', 'E'].includes(g.grade)) passed.get(key)!.add(g.subject);
	}
	const out = new Map<string, { n: number; x: number }>();
	for (const [key, s] of passed) {
		const [cohort, year] = key.split('|');
		const core = (s.has('SV') || s.has('SVA')) && s.has('EN') && s.has('MA');
		const others = [...s].filter((x) => !['SV', 'SVA', 'EN', 'MA'].includes(x)).length;
		const cell = out.get(`${cohort}|${year}`) ?? { n: 0, x: 0 };
		cell.n++;
		if (core && others >= 5) cell.x++;
		out.set(`${cohort}|${year}`, cell);
	}
	return out;
}

function pooled(cells: Map<string, { n: number; x: number }>, cohort: string) {
	let n = 0;
	let x = 0;
	for (const [key, c] of cells)
		if (key.startsWith(`${cohort}|`)) {
			n += c.n;
			x += c.x;
		}
	return { n, x };
}

let engine: Engine;
let data: CompareData;
beforeAll(async () => {
	engine = await openExample(DATASET);
	data = await loadCompareData(engine);
});

/** Every group figure in a model: projects, baselines, and the groups inside each difference. */
const groups = (m: ReturnType<typeof compareModel>): GroupFigure[] =>
	m.results.flatMap((r) => [
		r.project,
		...r.baselines,
		...r.differences.flatMap((d) => [d.project, d.baseline])
	]);

describe('compare view-model on Team Samagera', () => {
	it('lists the person-level indicators with data, not attrition or aggregated ones', () => {
		const ids = data.definitions.map((d) => d.id);
		expect(ids).toContain('eligible_vocational');
		expect(ids).toContain('reports_of_concern_per_1000');
		expect(ids).not.toContain('attrition');
		expect(ids).not.toContain('survey_score');
		expect(ids).not.toContain('outreach_contacts');
		expect(data.errors).toEqual([]);
	});

	it('pools eligibility over all years and matches an independent count from the CSV', () => {
		const cells = eligibilityFromCsv();
		const p = pooled(cells, 'samagera');
		const h = pooled(cells, 'torshalla-2010');
		const m = compareModel(data, { period: 'all', level: 0.95 });
		const r = m.results.find((x) => x.definition.id === 'eligible_vocational')!;
		expect(r.project.n).toBe(p.n);
		expect(r.project.numerator).toBe(p.x);
		expect(r.project.value).toBeCloseTo(p.x / p.n, 12);
		const w = wilson(p.x, p.n, 0.95)!;
		expect([r.project.low, r.project.high]).toEqual([w.lower, w.upper]);

		const before = r.differences.find((d) => d.baselineKind === 'before')!;
		expect(before.baseline.id).toBe('torshalla-2010');
		expect(before.baseline.n).toBe(h.n);
		expect(before.difference).toBeCloseTo(p.x / p.n - h.x / h.n, 12);
		const nd = newcombeDiff(p.x, p.n, h.x, h.n, 0.95)!;
		expect(before.low).toBeCloseTo(nd.lower, 12);
		expect(before.high).toBeCloseTo(nd.upper, 12);
		// The interval spans zero: the title must not claim more than that.
		expect(before.low! < 0 && before.high! > 0).toBe(true);
		expect(before.verdict).toBe('no_clear_difference');
		expect(r.finding).toEqual({ code: 'unclear', sign: 'higher', baseline: 'before' });
	});

	it('compares pooled years with the national value only over the years that have one', () => {
		const m = compareModel(data, { period: 'all' });
		const r = m.results.find((x) => x.definition.id === 'eligible_vocational')!;
		const nat = r.differences.find((d) => d.baselineKind === 'national')!;
		const refs = csv('reference_values.csv').filter(
			(x) => x.indicator_id === 'eligible_vocational' && x.area === 'riket'
		);
		const cells = eligibilityFromCsv();
		let n = 0;
		let x = 0;
		let weighted = 0;
		for (const ref of refs) {
			const c = cells.get(`samagera|${ref.period}`);
			if (!c) continue;
			n += c.n;
			x += c.x;
			weighted += c.n * Number(ref.value);
		}
		expect(nat.project.n).toBe(n);
		expect(nat.baseline.value).toBeCloseTo(weighted / n, 12);
		expect(nat.difference).toBeCloseTo(x / n - weighted / n, 12);
	});

	it('suppresses every group with n < 10, per period, with no value, interval or difference', () => {
		const cells = eligibilityFromCsv();
		let small = 0;
		for (const period of [...new Set([...cells.keys()].map((k) => k.split('|')[1]))]) {
			const m = compareModel(data, { period, level: 0.95 });
			for (const g of groups(m)) {
				if (g.role === 'national' || g.empty) continue;
				const raw = data.rows.find(
					(r) =>
						r.indicator_id ===
							m.results.find((x) => [x.project, ...x.baselines].includes(g))?.definition.id &&
						r.cohort_id === g.id &&
						r.period === period
				);
				if (raw && raw.n !== null && raw.n < 10) {
					small++;
					expect(g.suppressed).toBe('small_n');
				}
				if (g.suppressed)
					expect([g.n, g.numerator, g.value, g.low, g.high]).toEqual([null, null, null, null, null]);
				else expect(g.n!).toBeGreaterThanOrEqual(10);
			}
			for (const r of m.results)
				for (const d of r.differences)
					if (d.project.suppressed || d.baseline.suppressed || d.verdict === 'too_few')
						expect([d.difference, d.low, d.high, d.p]).toEqual([null, null, null, null]);
		}
		expect(small).toBeGreaterThan(0);
		// Eligibility in 2020/21: 8 project pupils, all eligible → hidden, and too few for a verdict.
		const r = compareModel(data, { period: '2020/21' }).results.find(
			(x) => x.definition.id === 'eligible_vocational'
		)!;
		expect(r.project.suppressed).toBe('small_n');
		expect(r.differences.every((d) => d.verdict === 'too_few' || d.verdict === 'suppressed')).toBe(true);
	});

	it('hides sensitive 0 %/100 % shares in groups below 2k even when n ≥ k', () => {
		const m = compareModel(data, { period: '2014' });
		const inCare = m.results.find((x) => x.definition.id === 'in_care')!;
		// 12 children in 2014, none in care: 0 % of 12 would tell about every one of them.
		expect(inCare.project.suppressed).toBe('extreme_share');
		expect(inCare.project.value).toBeNull();
	});

	it('widens intervals with the level', () => {
		const width = (level: number) => {
			const r = compareModel(data, { level }).results.find((x) => x.definition.id === 'eligible_vocational')!;
			const d = r.differences.find((x) => x.baselineKind === 'before')!;
			return d.high! - d.low!;
		};
		expect(width(0.9)).toBeLessThan(width(0.95));
		expect(width(0.95)).toBeLessThan(width(0.99));
	});

	it('computes attrition by reason and hides counts that are too small, so none can be worked out', () => {
		const m = compareModel(data);
		const persons = csv('persons.csv').filter((p) => p.cohort_id === 'samagera');
		const a = m.attrition.find((x) => x.cohort_id === 'samagera')!;
		expect(a.n).toBe(persons.length);
		const cohortEnd = csv('cohorts.csv').find((c) => c.cohort_id === 'samagera')!.end_date;
		const left = persons.filter(
			(p) => p.exit_date && p.exit_reason !== 'completed' && p.exit_date < cohortEnd
		);
		expect(a.total.numerator).toBe(left.length);
		const hidden = a.reasons.filter((r) => r.suppressed);
		expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
		for (const r of a.reasons) {
			const count = left.filter((p) => p.exit_reason === r.reason).length;
			if (count < 10) expect(r.suppressed).toBe(true);
			if (r.suppressed) expect([r.numerator, r.value, r.low, r.high]).toEqual([null, null, null, null]);
			else expect(r.numerator).toBe(count);
		}
	});

	it('writes suppressed cells as ".." in the CSV, never a number', () => {
		const m = compareModel(data, { period: '2019/20' });
		const lines = compareCsv(m).trim().split('\n');
		const header = lines[0].split(',');
		const rows = lines.slice(1).map((l) => Papa.parse<string[]>(l).data[0]);
		const idx = (c: string) => header.indexOf(c);
		const suppressedGroup = rows.find((r) => r[idx('row')] === 'group' && r[idx('n')] === SUPPRESSED);
		expect(suppressedGroup).toBeDefined();
		expect(suppressedGroup![idx('value')]).toBe(SUPPRESSED);
		expect(suppressedGroup![idx('ci_low')]).toBe(SUPPRESSED);
		for (const r of rows)
			if (r[idx('verdict')] === 'too_few' || r[idx('verdict')] === 'suppressed')
				expect(r[idx('difference')]).toBe(SUPPRESSED);
	});

	it('recomputes for completers only', async () => {
		const completers = await loadCompareData(engine, { followUp: 'completers' });
		const itt = compareModel(data).results.find((x) => x.definition.id === 'in_care')!;
		const comp = compareModel(completers).results.find((x) => x.definition.id === 'in_care')!;
		expect(comp.project.n!).toBeLessThan(itt.project.n!);
		// Attrition is always over everyone who entered.
		expect(compareModel(completers).attrition).toEqual(compareModel(data).attrition);
	});
});

describe('compare URL state', () => {
	it('round-trips and leaves defaults out', () => {
		const s = {
			indicator: 'in_care',
			baseline: 'riket',
			period: '2019/20',
			level: 99 as const,
			followUp: 'completers' as const,
			standardise: true
		};
		const q = serializeCompareState(s, new URLSearchParams('lang=en'));
		expect(q.get('lang')).toBe('en');
		expect(parseCompareState(q)).toEqual(s);
		const d = serializeCompareState(parseCompareState(new URLSearchParams('')));
		expect(d.toString()).toBe('');
		expect(parseCompareState(new URLSearchParams('level=42&followUp=x')).level).toBe(95);
		// A link from before the standardisation toggle existed keeps its meaning: crude figures.
		expect(parseCompareState(new URLSearchParams('indicator=in_care')).standardise).toBe(false);
		expect(q.get('standardise')).toBe('1');
		expect(serializeCompareState({ ...s, standardise: false }).has('standardise')).toBe(false);
	});
});
