import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { load, newEngine, rowsOf } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await newEngine();
});
afterAll(() => engine.close());

describe('outreach_contacts', () => {
	it('sums counts by year, age band and place, without a cohort', async () => {
		// 2016 Torget 13-15: 3 + 2 = 5; 2016 Skolan 13-15: 4; 2016 Torget 16-18: 1; 2017 Torget 13-15: 5
		await load(
			engine,
			`INSERT INTO contacts VALUES
				('2016-05-01', 'Norr', 'Torget', '13-15', 3), ('2016-06-01', 'Norr', 'Torget', '13-15', 2),
				('2016-06-01', 'Norr', 'Skolan', '13-15', 4), ('2016-07-01', 'Syd', 'Torget', '16-18', 1),
				('2017-01-10', 'Norr', 'Torget', '13-15', 5);`
		);
		const rows = await rowsOf(engine, 'outreach_contacts');
		expect(rows.map((r) => [r.cohort_id, r.period, r.breakdown, r.n, r.value])).toEqual([
			[null, '2016', { age_band: '13-15', place: 'Skolan' }, null, 4],
			[null, '2016', { age_band: '13-15', place: 'Torget' }, null, 5],
			[null, '2016', { age_band: '16-18', place: 'Torget' }, null, 1],
			[null, '2017', { age_band: '13-15', place: 'Torget' }, null, 5]
		]);
	});
});

describe('survey_score', () => {
	it('mean per survey, question and wave', async () => {
		// s1 baseline q1: (4 + 5 + 3) / 3 = 4; baseline q2: (2 + 4) / 2 = 3; follow_up_1 q1: (5 + 5) / 2 = 5
		await load(
			engine,
			`INSERT INTO surveys VALUES
				('s1', 'p1', 'baseline', '2016-01-10', 'staff', 'r1', 'q1', 4),
				('s1', 'p1', 'baseline', '2016-01-10', 'staff', 'r2', 'q1', 5),
				('s1', 'p1', 'baseline', '2016-01-11', 'staff', 'r3', 'q1', 3),
				('s1', 'p1', 'baseline', '2016-01-10', 'staff', 'r1', 'q2', 2),
				('s1', 'p1', 'baseline', '2016-01-10', 'staff', 'r2', 'q2', 4),
				('s1', 'p1', 'follow_up_1', '2017-01-10', 'staff', 'r1', 'q1', 5),
				('s1', 'p1', 'follow_up_1', '2017-01-10', 'staff', 'r4', 'q1', 5);`
		);
		const rows = await rowsOf(engine, 'survey_score');
		expect(rows.map((r) => [r.period, r.breakdown?.question_id, r.n, r.value])).toEqual([
			['baseline', 'q1', 3, 4],
			['baseline', 'q2', 2, 3],
			['follow_up_1', 'q1', 2, 5]
		]);
		expect(rows[0].breakdown).toEqual({ project_id: 'p1', survey_id: 's1', question_id: 'q1' });
	});
});

describe('attrition', () => {
	it('share who left before the end, in total and by reason', async () => {
		// k1 completed on the last day (not attrition), k2 moved, k3 declined, k4 moved, k5 still in
		// total 3 / 5 = 0.6; moved 2 / 5 = 0.4; declined 1 / 5 = 0.2
		await load(
			engine,
			`INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES ('k', 'p1', 'K', 'project', '2016-01-01', '2016-12-31');
			INSERT INTO persons VALUES
				('k1', 'k', 2005, 'F', NULL, NULL, '2016-01-01', '2016-12-31', 'completed'),
				('k2', 'k', 2005, 'F', NULL, NULL, '2016-01-01', '2016-05-01', 'moved'),
				('k3', 'k', 2005, 'M', NULL, NULL, '2016-01-01', '2016-03-01', 'declined'),
				('k4', 'k', 2005, 'M', NULL, NULL, '2016-01-01', '2016-08-01', 'moved'),
				('k5', 'k', 2005, 'F', NULL, NULL, '2016-01-01', NULL, NULL);`
		);
		const rows = await rowsOf(engine, 'attrition');
		expect(
			rows.map((r) => [r.cohort_id, r.period, r.breakdown?.exit_reason, r.n, r.numerator, r.value])
		).toEqual([
			['k', 'all', 'all', 5, 3, 0.6],
			['k', 'all', 'declined', 5, 1, 0.2],
			['k', 'all', 'moved', 5, 2, 0.4]
		]);
	});
});
