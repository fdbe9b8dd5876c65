import { openExample } from '../example-engine';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { BUILT_IN_INDICATORS, computeIndicators, validateDefinition } from '$lib/core/indicators';
import { IndicatorDefs, STORAGE_KEY } from '$lib/state/indicator-defs.svelte';
import {
	decodeDefinition,
	definitionFromForm,
	emptyForm,
	encodeDefinition,
	exportDocument,
	fieldIdForPath,
	formFromDefinition,
	idFromLabel,
	issuesByField,
	loadEditorOptions,
	parseDefinitionsJson,
	previewCells,
	shareUrl,
	type FormState
} from '$lib/views/indicator-editor';

const DATASET = 'datasets/samagera-torshalla';
const csv = (file: string) =>
	Papa.parse<Record<string, string>>(fs.readFileSync(path.join(DATASET, file), 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;

/** The form as a project lead fills it in: share of persons with at least one report of concern. */
const reportForm = (): FormState => ({
	...emptyForm(),
	labelSv: 'Andel med minst en orosanmälan',
	labelEn: 'Share with at least one report of concern',
	id: idFromLabel('Share with at least one report of concern'),
	descriptionSv: 'Andel av personerna i projektgruppen med minst en orosanmälan under kalenderåret.',
	descriptionEn: 'Share of the people in the project group with at least one report of concern in the year.',
	category: 'effect',
	kind: 'share',
	roles: ['project'],
	table: 'events',
	eventType: 'report_of_concern',
	aggregate: 'any',
	periodType: 'calendar_year',
	unit: 'share',
	direction: 'lower_better'
});

/**
 * The same figure counted in plain JS from the CSV files: persons of the project cohort, each followed
 * in every calendar year from entry to the cohort's end, years within the data's coverage
 * (from the first report of concern to the latest date in the data).
 */
function expectedFromCsv(role: string): Map<string, { n: number; k: number }> {
	const cohorts = new Map(csv('cohorts.csv').map((c) => [c.cohort_id, c]));
	const events = csv('events.csv');
	const care = csv('care.csv');
	const persons = csv('persons.csv');
	const dates = [
		...events.map((e) => e.date),
		...care.flatMap((c) => [c.start_date, c.end_date]),
		...persons.flatMap((p) => [p.entry_date, p.exit_date])
	].filter(Boolean);
	const asOf = dates.reduce((a, b) => (a > b ? a : b));
	const reports = events.filter((e) => e.type === 'report_of_concern');
	const firstReport = reports.map((e) => e.date).reduce((a, b) => (a < b ? a : b));
	const reportYears = new Map<string, Set<number>>();
	for (const e of reports) {
		const s = reportYears.get(e.person_id) ?? new Set<number>();
		s.add(Number(e.date.slice(0, 4)));
		reportYears.set(e.person_id, s);
	}
	const out = new Map<string, { n: number; k: number }>();
	for (const p of persons) {
		const c = cohorts.get(p.cohort_id)!;
		if (c.role !== role) continue;
		const last = Number((c.end_date || asOf).slice(0, 4));
		for (let y = Number(p.entry_date.slice(0, 4)); y <= last; y++) {
			if (`${y}-01-01` > asOf || `${y + 1}-01-01` <= firstReport) continue;
			const cell = out.get(`${p.cohort_id}|${y}`) ?? { n: 0, k: 0 };
			cell.n++;
			if (reportYears.get(p.person_id)?.has(y)) cell.k++;
			out.set(`${p.cohort_id}|${y}`, cell);
		}
	}
	return out;
}

let engine: Engine;
beforeAll(async () => {
	engine = await openExample(DATASET);
});
afterAll(() => engine?.close());

describe('form ↔ definition', () => {
	it('round-trips every built-in indicator through the form unchanged', () => {
		for (const d of BUILT_IN_INDICATORS) {
			const again = definitionFromForm(formFromDefinition(d));
			const a = validateDefinition(d);
			const b = validateDefinition(again);
			expect(b.ok, d.id).toBe(true);
			if (a.ok && b.ok) expect(b.definition, d.id).toEqual(a.definition);
		}
	});

	it('round-trips a form through the definition', () => {
		const f = { ...reportForm(), ageMin: '10', ageMax: '17', sex: ['F'], areas: ['Torshälla norr'] };
		const d = definitionFromForm(f);
		expect(validateDefinition(d).ok).toBe(true);
		expect(formFromDefinition(d)).toEqual(f);
	});

	it('leaves out what does not apply and sends numbers as numbers', () => {
		const d = definitionFromForm({
			...reportForm(),
			table: 'care',
			kind: 'mean',
			unit: 'days',
			filters: [{ column: 'care_type', op: 'in', value: 'hvb, sis' }]
		});
		expect(d.measure).toEqual({
			table: 'care',
			filter: [{ column: 'care_type', op: 'in', value: ['hvb', 'sis'] }]
		});
		const e = definitionFromForm({ ...reportForm(), targetOp: '<=', targetValue: '0,1', ageMin: '12' });
		expect(e.target).toEqual({ op: '<=', value: 0.1 });
		expect(e.population?.age).toEqual({ min: 12, at: 'period_end' });
	});

	it('points each validation issue at the control at fault', () => {
		const d = definitionFromForm({
			...reportForm(),
			id: 'Bad id!',
			labelEn: '',
			eventType: '',
			ageMin: 'ten',
			filters: [{ column: 'colour', op: '=', value: 'x' }]
		});
		const v = validateDefinition(d);
		expect(v.ok).toBe(false);
		const byField = issuesByField(v.ok ? [] : v.issues);
		expect([...byField.keys()]).toEqual(expect.arrayContaining(['ind-id', 'ind-label-en', 'ind-age-min']));
		// Shape errors come first; the model check (event type, filter column) after they are fixed.
		const v2 = validateDefinition(
			definitionFromForm({
				...reportForm(),
				eventType: '',
				filters: [{ column: 'colour', op: '=', value: 'x' }]
			})
		);
		const ids2 = [...issuesByField(v2.ok ? [] : v2.issues).keys()];
		expect(ids2).toEqual(expect.arrayContaining(['ind-eventType', 'ind-filter-0-column']));
		expect(fieldIdForPath('measure.filter.2.value')).toBe('ind-filter-2-value');
		expect(fieldIdForPath('population.age.max')).toBe('ind-age-max');
		expect(fieldIdForPath('period.to')).toBe('ind-period-to');
		expect(fieldIdForPath('measure.threshold')).toBe('ind-threshold-value');
		expect(fieldIdForPath('label.sv')).toBe('ind-label-sv');
	});
});

describe('a definition made with the form runs on the data', () => {
	it('gives the share with a report of concern counted independently from the CSV', async () => {
		const def = definitionFromForm(reportForm());
		const r = await computeIndicators(engine, [def]);
		expect(r.errors).toEqual([]);
		const expected = expectedFromCsv('project');
		expect(expected.size).toBeGreaterThan(2);
		expect(r.rows.length).toBe(expected.size);
		for (const row of r.rows) {
			const e = expected.get(`${row.cohort_id}|${row.period}`);
			expect(e, `${row.cohort_id}|${row.period}`).toBeDefined();
			expect(row.n).toBe(e!.n);
			expect(row.numerator).toBe(e!.k);
			expect(row.value).toBeCloseTo(e!.k / e!.n, 12);
		}
		// Small cells are hidden in the preview.
		const cells = previewCells(r.rows);
		for (const c of cells) {
			const e = expected.get(`${c.cohortId}|${c.period}`)!;
			expect(c.suppressed).toBe(e.n < 10);
			if (c.suppressed) expect([c.n, c.value]).toEqual([null, null]);
		}
	});

	it('offers the event types, areas and unit costs present in the data', async () => {
		const o = await loadEditorOptions(engine);
		const types = [...new Set(csv('events.csv').map((e) => e.type))].sort();
		expect(o.eventTypes.map((e) => e.type)).toEqual(types);
		expect(o.eventTypes.find((e) => e.type === 'report_of_concern')?.n).toBe(
			csv('events.csv').filter((e) => e.type === 'report_of_concern').length
		);
		expect(o.unitCosts.map((u) => u.item).sort()).toEqual(
			csv('unit_costs.csv')
				.map((u) => u.item)
				.sort()
		);
		expect(o.areas).toEqual(
			[
				...new Set(
					csv('persons.csv')
						.map((p) => p.area)
						.filter(Boolean)
				)
			].sort()
		);
		expect(o.tableRows.events).toBe(csv('events.csv').length);
	});
});

describe('share links', () => {
	it('encode and decode a definition (UTF-8 included) as base64url', () => {
		const def = definitionFromForm(reportForm());
		const code = encodeDefinition(def);
		expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(decodeDefinition(code)).toEqual(def);
		const url = new URL(shareUrl('https://example.org/utfall/indicators/?lang=en#x', def));
		expect(url.pathname).toBe('/utfall/indicators/');
		expect(url.searchParams.get('lang')).toBe('en');
		expect(url.hash).toBe('');
		expect(decodeDefinition(url.searchParams.get('def'))).toEqual(def);
		expect(formFromDefinition(decodeDefinition(url.searchParams.get('def')) as never)).toEqual(reportForm());
	});

	it('reject what is not base64url JSON', () => {
		expect(decodeDefinition(null)).toBeNull();
		expect(decodeDefinition('not base64!')).toBeNull();
		expect(decodeDefinition(encodeDefinition('x').slice(0, 3))).toBeNull();
	});
});

describe('saved definitions', () => {
	const memory = () => {
		const m = new Map<string, string>();
		return {
			getItem: (k: string) => m.get(k) ?? null,
			setItem: (k: string, v: string) => void m.set(k, v),
			m
		};
	};

	it('save, replace, remove, and persist', () => {
		const store = memory();
		const defs = new IndicatorDefs(store);
		const d = definitionFromForm(reportForm());
		expect(defs.save(d).ok).toBe(true);
		expect(defs.list().map((x) => x.id)).toEqual([d.id]);
		expect(defs.save({ ...d, unit: 'share', direction: 'higher_better' }).ok).toBe(true);
		expect(defs.list()).toHaveLength(1);
		expect(new IndicatorDefs(store).list()[0].direction).toBe('higher_better');
		expect(defs.save({ ...d, id: 'Bad!' }).ok).toBe(false);
		expect(defs.remove(d.id)).toBe(true);
		expect(defs.list()).toEqual([]);
		expect(JSON.parse(store.m.get(STORAGE_KEY)!).indicators).toEqual([]);
	});

	it('importJson rejects bad JSON and invalid definitions without changing the list', () => {
		const store = memory();
		const defs = new IndicatorDefs(store);
		const d = definitionFromForm(reportForm());
		defs.save(d);
		const before = JSON.stringify(defs.list());
		const stored = store.m.get(STORAGE_KEY);
		const bad = [
			'{ not json',
			'"just a string"',
			JSON.stringify({ format: 'utfall.indicators', version: 1, indicators: [] }),
			exportDocument([
				{ ...d, id: 'other' },
				{ ...d, id: 'third', kind: 'nonsense' as never }
			]),
			exportDocument([
				{ ...d, id: 'same' },
				{ ...d, id: 'same' }
			])
		];
		const codes = bad.map((text) => {
			const r = defs.importJson(text);
			expect(r.ok).toBe(false);
			return r.ok ? null : r.error.code;
		});
		expect(codes).toEqual(['not_json', 'wrong_shape', 'empty', 'invalid_definition', 'duplicate_id']);
		expect(JSON.stringify(defs.list())).toBe(before);
		expect(store.m.get(STORAGE_KEY)).toBe(stored);
		const r = parseDefinitionsJson(bad[3]);
		expect(!r.ok && r.error.code === 'invalid_definition' && r.error.issues[0].path).toBe('kind');
	});

	it('exportJson and importJson round-trip', () => {
		const a = new IndicatorDefs(memory());
		a.save(definitionFromForm(reportForm()));
		a.save({ ...BUILT_IN_INDICATORS[0], id: 'copy_of_first' });
		const b = new IndicatorDefs(memory());
		const r = b.importJson(a.exportJson());
		expect(r).toEqual({ ok: true, added: 2, replaced: 0 });
		expect(b.list()).toEqual(a.list());
		expect(b.importJson(a.exportJson())).toEqual({ ok: true, added: 0, replaced: 2 });
	});
});
