import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { compact, load, newEngine, rowsOf } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await newEngine();
});
afterAll(() => engine.close());

const YEAR_COHORT = `
INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES ('c1', 'p1', 'Projekt', 'project', '2016-01-01', '2016-12-31');
INSERT INTO persons VALUES
	('e1', 'c1', 2008, 'F', NULL, NULL, '2016-01-01', NULL, NULL),
	('e2', 'c1', 2008, 'M', NULL, NULL, '2016-01-01', NULL, NULL),
	('e3', 'c1', 2008, 'F', NULL, NULL, '2016-01-01', NULL, NULL),
	('e4', 'c1', 2008, 'M', NULL, NULL, '2016-01-01', NULL, NULL);
`;

describe('reports of concern', () => {
	// e1: two reports in 2016 (and one on 2015-12-31, outside the cohort's years); e2: one; e3, e4: none
	const fixture = `${YEAR_COHORT}
	INSERT INTO events VALUES
		('e1', '2015-12-31', 'report_of_concern', NULL),
		('e1', '2016-02-01', 'report_of_concern', NULL),
		('e1', '2016-05-01', 'report_of_concern', NULL),
		('e2', '2016-03-01', 'report_of_concern', NULL),
		('e3', '2016-03-01', 'police_report', NULL);`;

	it('per 1,000: 3 reports / 4 persons × 1000 = 750', async () => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, 'reports_of_concern_per_1000'))).toEqual([['c1', '2016', 4, 3, 750]]);
	});

	it('persons with a report: e1, e2 → 2 / 4', async () => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, 'persons_with_report'))).toEqual([['c1', '2016', 4, 2, 0.5]]);
	});

	it('no report_of_concern events at all → no data', async () => {
		await load(
			engine,
			`${YEAR_COHORT} INSERT INTO events VALUES ('e3', '2016-03-01', 'police_report', NULL);`
		);
		expect(await rowsOf(engine, 'reports_of_concern_per_1000')).toEqual([]);
	});

	it('a quote in an event type is a literal, not SQL', async () => {
		await load(engine, fixture);
		const def = {
			id: 'odd',
			label: { sv: 'x', en: 'x' },
			description: { sv: 'x', en: 'x' },
			category: 'effect',
			kind: 'count',
			measure: { table: 'events', eventType: "x' OR 1=1 --" },
			period: { type: 'calendar_year' },
			unit: 'count',
			direction: 'lower_better'
		};
		expect(await rowsOf(engine, def)).toEqual([]);
	});
});

describe('consent to intervention', () => {
	// e1: consent 03-01 → intervention 03-11 = 10 days
	// e2: consent 04-01 → intervention 05-09 = 30 (April) + 8 = 38 days
	// e3: consent 06-01; an intervention on 05-20 is before it → still waiting
	// e4: consent 11-20 → still waiting
	const fixture = `${YEAR_COHORT}
	INSERT INTO events VALUES
		('e1', '2016-03-01', 'consent', NULL), ('e1', '2016-03-11', 'intervention_start', NULL),
		('e2', '2016-04-01', 'consent', NULL), ('e2', '2016-05-09', 'intervention_start', NULL),
		('e3', '2016-05-20', 'intervention_start', NULL), ('e3', '2016-06-01', 'consent', NULL),
		('e4', '2016-11-20', 'consent', NULL);`;

	it('median days: median(10, 38) = 24, the waiting excluded', async () => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, 'consent_to_intervention_days', { asOf: '2016-12-01' }))).toEqual([
			['c1', '2016', 2, null, 24]
		]);
	});

	it('within 28 days as of 2016-12-01: e1 yes, e2 no, e3 waiting 183 days → no, e4 waiting 11 days → not yet counted', async () => {
		await load(engine, fixture);
		const [row] = await rowsOf(engine, 'intervention_within_28_days', { asOf: '2016-12-01' });
		expect([row.n, row.numerator]).toEqual([3, 1]);
		expect(row.value).toBeCloseTo(1 / 3, 12);
	});

	it('as of 2016-12-31 e4 has waited 41 days → 1 of 4', async () => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, 'intervention_within_28_days', { asOf: '2016-12-31' }))).toEqual([
			['c1', '2016', 4, 1, 0.25]
		]);
	});

	it('default as-of is the latest date in the data (2016-11-20): e4 waited 0 days → 1 of 3', async () => {
		await load(engine, fixture);
		expect((await rowsOf(engine, 'intervention_within_28_days'))[0].n).toBe(3);
	});

	it('the 28-day boundary', async () => {
		// consent 2016-01-01; 27 days passed on 01-28 (undecided, so no data); 28 on 01-29 (not within)
		const waiting = `${YEAR_COHORT} INSERT INTO events VALUES ('e1', '2016-01-01', 'consent', NULL);`;
		await load(engine, waiting);
		expect(await rowsOf(engine, 'intervention_within_28_days', { asOf: '2016-01-28' })).toEqual([]);
		expect(compact(await rowsOf(engine, 'intervention_within_28_days', { asOf: '2016-01-29' }))).toEqual([
			['c1', '2016', 1, 0, 0]
		]);
		// an intervention exactly 28 days after consent is within
		await load(
			engine,
			`${waiting} INSERT INTO events VALUES ('e1', '2016-01-29', 'intervention_start', NULL);`
		);
		expect(compact(await rowsOf(engine, 'intervention_within_28_days', { asOf: '2016-06-01' }))).toEqual([
			['c1', '2016', 1, 1, 1]
		]);
	});
});

describe('support talks', () => {
	// e1: 3 talks (two in 2016, one in 2017 — period 'all'), e2: 7, e3 and e4: none
	// per family (families with talks): (3 + 7) / 2 = 5; within 5: e1 → 1 / 2
	const talks = (p: string, dates: string[]) =>
		dates.map((d) => `('${p}', '${d}', 'support_talk', NULL)`).join(', ');
	const fixture = `${YEAR_COHORT}
	INSERT INTO events VALUES ${talks('e1', ['2016-02-01', '2016-03-01', '2016-12-01'])},
		${talks('e2', ['2016-02-01', '2016-02-08', '2016-02-15', '2016-02-22', '2016-03-01', '2016-03-08', '2016-03-15'])};`;

	it('support_talks_per_family', async () => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, 'support_talks_per_family'))).toEqual([['c1', 'all', 2, null, 5]]);
	});

	it('support_talks_within_5', async () => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, 'support_talks_within_5'))).toEqual([['c1', 'all', 2, 1, 0.5]]);
	});
});

describe('in_education_or_work', () => {
	// Cohort 2016–2017; age = year − birth year, must be 18–25.
	// y1 (1995): 21 in 2016, last value 1 (0 in March, 1 in September); 22 in 2017, value 0
	// y2 (2000): 16/17 → outside the ages
	// y3 (1998): 18 in 2016, value 1; no 2017 record → not in 2017's denominator
	// y4 (1990): 26 → outside
	// y5 (1997): 19 in 2016, value 0; 20 in 2017, value 1
	// 2016: y1 1, y3 1, y5 0 → 2 / 3; 2017: y1 0, y5 1 → 1 / 2
	const fixture = `
	INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES ('c1', 'p1', 'SiG', 'project', '2016-01-01', '2017-12-31');
	INSERT INTO persons VALUES
		('y1', 'c1', 1995, 'F', NULL, NULL, '2016-01-01', NULL, NULL),
		('y2', 'c1', 2000, 'M', NULL, NULL, '2016-01-01', NULL, NULL),
		('y3', 'c1', 1998, 'F', NULL, NULL, '2016-01-01', NULL, NULL),
		('y4', 'c1', 1990, 'M', NULL, NULL, '2016-01-01', NULL, NULL),
		('y5', 'c1', 1997, 'M', NULL, NULL, '2016-01-01', NULL, NULL);
	INSERT INTO events VALUES
		('y1', '2016-03-01', 'in_education_or_work', 0), ('y1', '2016-09-01', 'in_education_or_work', 1),
		('y1', '2017-05-01', 'in_education_or_work', 0),
		('y2', '2016-05-01', 'in_education_or_work', 1),
		('y3', '2016-02-01', 'in_education_or_work', 1),
		('y4', '2016-02-01', 'in_education_or_work', 1),
		('y5', '2016-02-01', 'in_education_or_work', 0), ('y5', '2017-02-01', 'in_education_or_work', 1);`;

	it('share of 18–25-year-olds with value 1 by the latest record in the year', async () => {
		await load(engine, fixture);
		const rows = await rowsOf(engine, 'in_education_or_work');
		expect(rows.map((r) => [r.period, r.n, r.numerator])).toEqual([
			['2016', 3, 2],
			['2017', 2, 1]
		]);
		expect(rows[0].value).toBeCloseTo(2 / 3, 12);
		expect(rows[1].value).toBe(0.5);
	});
});
