import { openExample } from '../example-engine';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog, setupI18n } from '$lib/i18n';
import { compareModel, loadCompareData, type CompareModel, type IndicatorResult } from '$lib/views/compare';
import {
	BOARD_PROJECTS,
	datasetOfProject,
	familyOf,
	findingCounts,
	findingTitle,
	nationalSources,
	pickHeadlines,
	projectOfDataset,
	TITLED_INDICATORS,
	verdictLine,
	type Translate
} from '$lib/views/headlines';

const DATASET = 'datasets/samagera-torshalla';
const csv = (file: string) =>
	Papa.parse<Record<string, string>>(fs.readFileSync(path.join(DATASET, file), 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;

let model: CompareModel;
let t: Translate;

beforeAll(async () => {
	const engine = await openExample(DATASET);
	model = compareModel(await loadCompareData(engine));
	setupI18n('sv');
	t = (key, options) => get(_)(key, options);
});

const byId = (id: string): IndicatorResult => model.results.find((r) => r.definition.id === id)!;

describe('headlines for Team Samagera', () => {
	it('chooses 3–5 indicators with data, eligibility first, then the clearest finding', () => {
		const h = pickHeadlines(model);
		expect(h.length).toBeGreaterThanOrEqual(3);
		expect(h.length).toBeLessThanOrEqual(5);
		expect(h[0].definition.id).toBe('eligible_vocational');
		// The only clear finding (reports of concern, lower than before) comes right after eligibility.
		expect(h[1].definition.id).toBe('reports_of_concern_per_1000');
		expect(h[1].finding.code).toBe('clear_better');
		// Every headline has data and one indicator per family (no four eligibility variants).
		for (const r of h) expect(r.finding.code).not.toBe('no_data');
		const families = h.map((r) => familyOf(r.definition.id));
		expect(new Set(families).size).toBe(families.length);
		// Results with a real interval come before means without one (merit value, care days).
		const ids = h.map((r) => r.definition.id);
		expect(ids).not.toContain('merit_value_median');
		expect(ids).not.toContain('eligible_higher_science');
	});

	it('respects min and max', () => {
		expect(pickHeadlines(model, { max: 3 }).length).toBe(3);
		expect(pickHeadlines(model, { min: 8, max: 8 }).length).toBe(8);
	});

	it('says the eligibility finding as a title, with the difference counted from the CSV', () => {
		const r = byId('eligible_vocational');
		expect(findingTitle(r, t, 'sv')).toBe('Fler elever behöriga till gymnasiet än före projektet');
		expect(verdictLine(r, t, model.k)).toBe('Skillnaden kan vara slump');
		// Independent count: pupils with a pass in SV/SVA, EN, MA and 5 other subjects, per school year.
		const cohortOf = new Map(csv('persons.csv').map((p) => [p.person_id, p.cohort_id]));
		const passed = new Map<string, Set<string>>();
		for (const g of csv('grades.csv')) {
			const key = `${g.person_id}|${g.school_year}`;
			if (!passed.has(key)) passed.set(key, new Set());
			if (['A', 'B', 'C', 'D', 'E'].includes(g.grade)) passed.get(key)!.add(g.subject);
		}
		const count = { samagera: { n: 0, x: 0 }, 'torshalla-2010': { n: 0, x: 0 } } as Record<
			string,
			{ n: number; x: number }
		>;
		for (const [key, s] of passed) {
			const c = count[cohortOf.get(key.split('|')[0])!];
			c.n++;
			const others = [...s].filter((x) => !['SV', 'SVA', 'EN', 'MA'].includes(x)).length;
			if ((s.has('SV') || s.has('SVA')) && s.has('EN') && s.has('MA') && others >= 5) c.x++;
		}
		expect(r.project.n).toBe(count.samagera.n);
		expect(r.lead!.baseline.n).toBe(count['torshalla-2010'].n);
		expect(r.lead!.difference).toBeCloseTo(
			count.samagera.x / count.samagera.n - count['torshalla-2010'].x / count['torshalla-2010'].n,
			10
		);
	});

	it('uses the generic title and the too-few / no-baseline titles where they apply', () => {
		const clear = byId('reports_of_concern_per_1000');
		expect(findingTitle(clear, t, 'sv')).toBe('Färre orosanmälningar än före projektet');
		expect(verdictLine(clear, t, 10)).toMatch(/^En tydlig förbättring/);
		const hvb = byId('care_days_hvb');
		// No title of its own: the generic "{label}: högre än …".
		expect(findingTitle(hvb, t, 'sv')).toBe(`${hvb.definition.label.sv}: högre än före projektet`);
		expect(findingTitle({ ...hvb, finding: { ...hvb.finding, code: 'too_few' } }, t, 'sv')).toBe(
			`${hvb.definition.label.sv}: för få personer för att säga något ännu`
		);
		expect(findingTitle({ ...hvb, finding: { ...hvb.finding, code: 'no_baseline' } }, t, 'sv')).toBe(
			`${hvb.definition.label.sv}: inget att jämföra med`
		);
	});

	it('counts findings for the summary', () => {
		const headlines = pickHeadlines(model);
		const c = findingCounts(headlines);
		// Fewer reports of concern and a higher merit value than before the project: both clear.
		expect(
			headlines
				.filter((r) => r.finding.code === 'clear_better')
				.map((r) => r.definition.id)
				.sort()
		).toEqual(['merit_value', 'reports_of_concern_per_1000']);
		expect(c.clear_better).toBe(2);
		expect(c.clear_worse).toBe(0);
		expect(c.unclear + c.other).toBe(headlines.length - 2);
	});
});

describe('catalogs and projects', () => {
	it('has a title per titled indicator in both languages, with the same keys', () => {
		const keys = (o: object, p = ''): string[] =>
			Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
		const sv = catalog('sv').board as object;
		const en = catalog('en').board as object;
		expect(keys(sv).sort()).toEqual(keys(en).sort());
		for (const id of TITLED_INDICATORS) expect(keys(sv)).toContain(`finding.title.${id}`);
	});

	it('names the sources of the national values an indicator is compared with, each once', () => {
		const refs = csv('reference_values.csv').map((r) => ({
			indicator_id: r.indicator_id,
			source: r.source || null
		}));
		const expected = [
			...new Set(
				refs.filter((r) => r.indicator_id === 'eligible_vocational' && r.source).map((r) => r.source)
			)
		];
		expect(expected.length).toBeGreaterThan(0);
		expect(nationalSources(refs, 'eligible_vocational')).toBe(expected.join('; '));
		expect(nationalSources(refs, 'no_such_indicator')).toBe('');
		expect(
			nationalSources(
				[
					{ indicator_id: 'a', source: 'S1' },
					{ indicator_id: 'a', source: 'S1' },
					{ indicator_id: 'a', source: null },
					{ indicator_id: 'b', source: 'S2' }
				],
				'a'
			)
		).toBe('S1');
	});

	it('computes the model with the disclosure threshold it is given', async () => {
		const engine = await openExample(DATASET);
		const data = await loadCompareData(engine);
		// The project cohort has 58 pupils with grades: shown at k = 10, hidden at k = 60.
		const at = (k: number) =>
			pickHeadlines(compareModel(data, { k })).find((r) => r.definition.id === 'eligible_vocational')!;
		expect(at(10).project.suppressed).toBeNull();
		expect(at(60).project.suppressed).not.toBeNull();
		expect(compareModel(data, { k: 60 }).k).toBe(60);
	});

	it('maps each project to its dataset and back', () => {
		expect(BOARD_PROJECTS).toEqual(['samagera', 'sig', 'prisma']);
		for (const p of BOARD_PROJECTS) expect(projectOfDataset(datasetOfProject(p)!)).toBe(p);
		expect(datasetOfProject('nope')).toBeNull();
	});
});
