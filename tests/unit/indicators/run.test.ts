import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { builtInIndicator } from '$lib/core/indicators/library';
import { computeIndicators, createIndicatorCache } from '$lib/core/indicators/run';
import { compact, load, newEngine } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await newEngine();
});
afterAll(() => engine.close());

// Two cohorts in 2016: project (a F, b M) and comparison (c F, d M).
// Police reports: a 2, c 1 (d has one on 2015-06-01, before the cohort years).
// a: hvb 2016-01-01→2016-01-11 = 10 nights; d: hvb 2016-02-01→2016-02-05 = 4 nights.
const FIXTURE = `
INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES
	('proj', 'p1', 'Projekt', 'project', '2016-01-01', '2016-12-31'),
	('comp', NULL, 'Jämförelse', 'comparison', '2016-01-01', '2016-12-31');
INSERT INTO persons VALUES
	('a', 'proj', 2008, 'F', 'Norr', 'red', '2016-01-01', NULL, NULL),
	('b', 'proj', 2008, 'M', 'Norr', 'red', '2016-01-01', '2016-04-01', 'declined'),
	('c', 'comp', 2008, 'F', 'Syd', 'red', '2016-01-01', NULL, NULL),
	('d', 'comp', 2008, 'M', 'Syd', 'red', '2016-01-01', NULL, NULL);
INSERT INTO events VALUES
	('a', '2016-02-01', 'police_report', NULL), ('a', '2016-09-01', 'police_report', NULL),
	('c', '2016-03-01', 'police_report', NULL), ('d', '2015-06-01', 'police_report', NULL);
INSERT INTO care VALUES ('a', 'hvb', '2016-01-01', '2016-01-11'), ('d', 'hvb', '2016-02-01', '2016-02-05');
INSERT INTO surveys VALUES ('s1', 'p1', 'baseline', '2016-01-10', 'staff', 'r1', 'q1', 4);
`;

const police = {
	id: 'police_reports_per_1000',
	label: { sv: 'Polisanmälningar per 1 000', en: 'Police reports per 1,000' },
	description: { sv: 'Egen indikator.', en: 'Custom indicator.' },
	category: 'effect',
	kind: 'rate_per_1000',
	measure: {
		table: 'events',
		// A trailing semicolon and comment are allowed.
		sql: "SELECT person_id, date, value FROM events WHERE type = 'police_report'; -- polis"
	},
	period: { type: 'calendar_year' },
	unit: 'per_1000',
	direction: 'lower_better'
};

describe('computeIndicators', () => {
	it('returns rows for every cohort and period', async () => {
		await load(engine, FIXTURE);
		const r = await computeIndicators(engine, [builtInIndicator('care_days_hvb')]);
		// proj: (10 + 0) / 2 = 5; comp: (0 + 4) / 2 = 2
		expect(compact(r.rows)).toEqual([
			['comp', '2016', 2, null, 2],
			['proj', '2016', 2, null, 5]
		]);
	});

	it('runs an advanced-SQL measure through the sandbox', async () => {
		await load(engine, FIXTURE);
		const r = await computeIndicators(engine, [police]);
		// comp: 1 report / 2 × 1000 = 500; proj: 2 / 2 × 1000 = 1000
		expect(r.errors).toEqual([]);
		expect(compact(r.rows)).toEqual([
			['comp', '2016', 2, 1, 500],
			['proj', '2016', 2, 2, 1000]
		]);
	});

	it('reports errors per indicator and computes the rest', async () => {
		await load(engine, FIXTURE);
		const broken = {
			...police,
			id: 'broken',
			measure: { table: 'events', sql: 'SELECT person_id FROM events' }
		};
		const invalid = { ...police, id: 'invalid', kind: 'ratio' };
		const r = await computeIndicators(engine, [broken, invalid, builtInIndicator('care_days_hvb')]);
		expect(r.errors).toEqual([
			{ indicator_id: 'broken', path: 'measure.sql', code: 'missing_columns', received: 'date, value' },
			expect.objectContaining({ indicator_id: 'invalid', path: 'kind', code: 'invalid_option' })
		]);
		expect(r.rows.map((x) => x.indicator_id)).toEqual(['care_days_hvb', 'care_days_hvb']);
	});

	it('completers vs intention to treat', async () => {
		await load(engine, FIXTURE);
		const itt = await computeIndicators(engine, [builtInIndicator('care_days_hvb')], {
			population: { roles: ['project'] }
		});
		// ITT keeps b (declined): (10 + 0) / 2 = 5; completers: a only → 10
		expect(compact(itt.rows)).toEqual([['proj', '2016', 2, null, 5]]);
		const completers = await computeIndicators(engine, [builtInIndicator('care_days_hvb')], {
			population: { roles: ['project'], followUp: 'completers' }
		});
		expect(compact(completers.rows)).toEqual([['proj', '2016', 1, null, 10]]);
	});
});

describe('recomputing only what changed', () => {
	const defs = [builtInIndicator('care_days_hvb'), builtInIndicator('survey_score'), police];

	it('a filter change recomputes only the indicators it affects', async () => {
		await load(engine, FIXTURE);
		const cache = createIndicatorCache();
		const first = await computeIndicators(engine, defs, { cache });
		expect(first.computed.sort()).toEqual(['care_days_hvb', 'police_reports_per_1000', 'survey_score']);

		const again = await computeIndicators(engine, defs, { cache });
		expect(again.computed).toEqual([]);
		expect(again.rows).toEqual(first.rows);

		// Surveys are anonymous, so a sex filter does not touch survey_score.
		const filtered = await computeIndicators(engine, defs, { cache, population: { sex: ['F'] } });
		expect(filtered.computed.sort()).toEqual(['care_days_hvb', 'police_reports_per_1000']);
		// F only: proj a 10 / 1; comp c 0 / 1
		expect(compact(filtered.rows.filter((r) => r.indicator_id === 'care_days_hvb'))).toEqual([
			['comp', '2016', 1, null, 0],
			['proj', '2016', 1, null, 10]
		]);
	});

	it('a new version of one table recomputes only what reads it', async () => {
		await load(engine, FIXTURE);
		const cache = createIndicatorCache();
		await computeIndicators(engine, defs, { cache, dataVersions: { surveys: 1, care: 1 } });
		const r = await computeIndicators(engine, defs, { cache, dataVersions: { surveys: 2, care: 1 } });
		expect(r.computed).toEqual(['survey_score']);
		// The default as-of date reads care, so the events-based indicator depends on it too.
		const c = await computeIndicators(engine, defs, { cache, dataVersions: { surveys: 2, care: 2 } });
		expect(c.computed.sort()).toEqual(['care_days_hvb', 'police_reports_per_1000']);
	});
});
