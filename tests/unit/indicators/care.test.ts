import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { compact, load, newEngine, rowsOf } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await newEngine();
});
afterAll(() => engine.close());

// Cohort 2016-01-01..2017-12-31. a, b, c entered in 2016, d in 2017 (so d is only in the 2017 population).
// a: hvb 2016-03-01→03-10 = 9 nights; family_home 2016-12-20→2017-01-10 = 12 nights in 2016 + 9 in 2017
// b: sis from 2017-11-01, ongoing → runs to the period end: 30 (Nov) + 31 (Dec) = 61 nights in 2017
// c: only open care (not out-of-home)
// d: hvb 2015-12-01→2016-01-05, before d was in the cohort → nothing in 2017
// As of (latest date in the data) = 2017-11-01, so no period after 2017.
const FIXTURE = `
INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES ('c1', 'p1', 'Projekt', 'project', '2016-01-01', '2017-12-31');
INSERT INTO persons VALUES
	('a', 'c1', 2005, 'F', 'Norr', 'red', '2016-01-15', NULL, NULL),
	('b', 'c1', 2004, 'M', 'Norr', 'red', '2016-06-01', NULL, NULL),
	('c', 'c1', 2006, 'F', 'Syd', 'red', '2016-01-01', NULL, NULL),
	('d', 'c1', 2003, 'M', 'Syd', 'red', '2017-03-01', NULL, NULL);
INSERT INTO care VALUES
	('a', 'hvb', '2016-03-01', '2016-03-10'),
	('a', 'family_home', '2016-12-20', '2017-01-10'),
	('b', 'sis', '2017-11-01', NULL),
	('c', 'open_care', '2016-05-01', '2016-06-01'),
	('d', 'hvb', '2015-12-01', '2016-01-05');
`;

describe('care days', () => {
	it('2016-03-01 → 2016-03-10 is 9 care days', async () => {
		await load(
			engine,
			`INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES ('c1', NULL, 'X', 'project', '2016-01-01', '2016-12-31');
			INSERT INTO persons VALUES ('a', 'c1', 2005, 'F', NULL, NULL, '2016-01-01', NULL, NULL);
			INSERT INTO care VALUES ('a', 'hvb', '2016-03-01', '2016-03-10');`
		);
		expect(compact(await rowsOf(engine, 'care_days_hvb'))).toEqual([['c1', '2016', 1, null, 9]]);
	});

	it('all out-of-home types, clipped at the year boundary, ongoing to period end', async () => {
		await load(engine, FIXTURE);
		// 2016: a 9 + 12 = 21, b 0, c 0 → 21 / 3 = 7
		// 2017: a 9, b 61, c 0, d 0 → 70 / 4 = 17.5
		expect(compact(await rowsOf(engine, 'care_days'))).toEqual([
			['c1', '2016', 3, null, 7],
			['c1', '2017', 4, null, 17.5]
		]);
	});

	it.each([
		['care_days_hvb', 3, 0], // 2016: 9 / 3; 2017: 0 / 4
		['care_days_family_home', 4, 2.25], // 2016: 12 / 3; 2017: 9 / 4
		['care_days_sis', 0, 15.25] // 2016: 0 / 3; 2017: 61 / 4
	])('%s', async (id, y2016, y2017) => {
		await load(engine, FIXTURE);
		expect(compact(await rowsOf(engine, id))).toEqual([
			['c1', '2016', 3, null, y2016],
			['c1', '2017', 4, null, y2017]
		]);
	});

	it('in_care: share with at least one night', async () => {
		await load(engine, FIXTURE);
		// 2016: a → 1 / 3; 2017: a, b → 2 / 4
		const rows = await rowsOf(engine, 'in_care');
		expect(rows.map((r) => [r.period, r.n, r.numerator])).toEqual([
			['2016', 3, 1],
			['2017', 4, 2]
		]);
		expect(rows[0].value).toBeCloseTo(1 / 3, 12);
		expect(rows[1].value).toBe(0.5);
	});

	it('an explicit as-of date ends the periods: as of 2016-12-31 there is no 2017', async () => {
		await load(engine, FIXTURE);
		expect(compact(await rowsOf(engine, 'care_days', { asOf: '2016-12-31' }))).toEqual([
			['c1', '2016', 3, null, 7]
		]);
	});

	it('population filter: sex M → b and d only', async () => {
		await load(engine, FIXTURE);
		// 2016: b 0 → 0 / 1; 2017: b 61, d 0 → 61 / 2
		expect(compact(await rowsOf(engine, 'care_days', { population: { sex: ['M'] } }))).toEqual([
			['c1', '2016', 1, null, 0],
			['c1', '2017', 2, null, 30.5]
		]);
	});

	it('no care table rows → no data, not zero', async () => {
		await load(engine, FIXTURE.split('INSERT INTO care')[0]);
		expect(await rowsOf(engine, 'care_days')).toEqual([]);
	});

	describe('other period types', () => {
		// a entered 2016-01-15; family home 2016-06-20 → 2016-07-10:
		// 11 nights before the school year's 1 July boundary, 9 after; 20 in all
		const fixture = `
		INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES ('c1', NULL, 'X', 'project', '2016-01-01', '2016-12-31');
		INSERT INTO persons VALUES ('a', 'c1', 2005, 'F', NULL, NULL, '2016-01-15', NULL, NULL);
		INSERT INTO care VALUES ('a', 'family_home', '2016-06-20', '2016-07-10');`;
		const def = (period: object) => ({
			id: 'fh',
			label: { sv: 'x', en: 'x' },
			description: { sv: 'x', en: 'x' },
			category: 'effect',
			kind: 'mean',
			measure: { table: 'care', filter: [{ column: 'care_type', op: '=', value: 'family_home' }] },
			period,
			unit: 'days',
			direction: 'lower_better'
		});

		it('school years 2015/16 and 2016/17', async () => {
			await load(engine, fixture);
			expect(compact(await rowsOf(engine, def({ type: 'school_year' })))).toEqual([
				['c1', '2015/16', 1, null, 11],
				['c1', '2016/17', 1, null, 9]
			]);
		});

		it('first year after entry; the second lies after the data ends (2016-07-10) → no row', async () => {
			await load(engine, fixture);
			expect(compact(await rowsOf(engine, def({ type: 'relative_to_entry', from: 0, to: 1 })))).toEqual([
				['c1', 'all', 1, null, 20]
			]);
			expect(await rowsOf(engine, def({ type: 'relative_to_entry', from: 1, to: 2 }))).toEqual([]);
		});

		it('cohort window', async () => {
			await load(engine, fixture);
			expect(compact(await rowsOf(engine, def({ type: 'cohort_window' })))).toEqual([
				['c1', 'all', 1, null, 20]
			]);
		});
	});
});
