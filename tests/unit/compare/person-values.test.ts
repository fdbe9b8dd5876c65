import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { personValues, surveyValues } from '$lib/core/indicators/person-values';
import { builtInIndicator } from '$lib/core/indicators/library';
import { validateDefinition } from '$lib/core/indicators';
import { load, newEngine, rowsOf } from '../indicators/fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await newEngine();
});
afterAll(() => engine.close());

const COHORT = `
INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES ('c1', 'p1', 'Projekt', 'project', '2016-01-01', '2016-12-31');
INSERT INTO persons VALUES
	('e1', 'c1', 2001, 'F', NULL, 'red', '2016-01-01', NULL, NULL),
	('e2', 'c1', 2002, 'M', NULL, 'yellow', '2016-01-01', NULL, NULL),
	('e3', 'c1', 2003, 'F', NULL, NULL, '2016-01-01', NULL, NULL),
	('e4', 'c1', 2004, 'M', NULL, NULL, '2016-01-01', NULL, NULL);
`;

describe('per-person values from the indicator compiler', () => {
	// Consent → first intervention on or after it: e1 10 days, e2 40 days, e3 still waiting at as-of
	// (2016-12-31), e4 no consent. Hand: values [10, 40] for c1 in 2016; median 25.
	const waits = `${COHORT}
	INSERT INTO events VALUES
		('e1', '2016-02-01', 'consent', NULL), ('e1', '2016-02-11', 'intervention_start', NULL),
		('e2', '2016-03-01', 'consent', NULL), ('e2', '2016-04-10', 'intervention_start', NULL),
		('e3', '2016-12-01', 'consent', NULL), ('e4', '2016-12-31', 'support_talk', NULL);`;

	it('gives each person’s days between events, with sex, level and birth year', async () => {
		await load(engine, waits);
		const r = await personValues(engine, builtInIndicator('consent_to_intervention_days'), {
			asOf: '2016-12-31'
		});
		if (!r.ok) throw new Error(JSON.stringify(r.issues));
		expect(r.values.map((v) => [v.cohort_id, v.period, v.person_id, v.x])).toEqual([
			['c1', '2016', 'e1', 10],
			['c1', '2016', 'e2', 40],
			['c1', '2016', 'e3', null]
		]);
		expect(r.values[0]).toMatchObject({ sex: 'F', level: 'red', birth_year: 2001, ok: null });
		// The aggregated indicator is the median of exactly these values.
		const rows = await rowsOf(engine, 'consent_to_intervention_days', { asOf: '2016-12-31' });
		expect(rows.map((x) => [x.n, x.value])).toEqual([[2, 25]]);
	});

	it('carries the target flag of a share within target, still waiting past the target = not within', async () => {
		await load(engine, waits);
		const r = await personValues(engine, builtInIndicator('intervention_within_28_days'), {
			asOf: '2016-12-31'
		});
		if (!r.ok) throw new Error(JSON.stringify(r.issues));
		// e3 waited 31 days by as-of (2016-12-01 → 12-31, counted as at least 31): not within.
		expect(r.values.map((v) => [v.person_id, v.ok])).toEqual([
			['e1', true],
			['e2', false],
			['e3', false]
		]);
	});

	it('gives care days per person and year, zero for those without care', async () => {
		// e1: HVB 2016-03-01 → 03-10 = 9 nights; e2: family home 2016-12-20, ongoing → 12 nights to 2017-01-01.
		await load(
			engine,
			`${COHORT} INSERT INTO care VALUES ('e1', 'hvb', '2016-03-01', '2016-03-10'), ('e2', 'family_home', '2016-12-20', NULL);`
		);
		const r = await personValues(engine, builtInIndicator('care_days'), { asOf: '2016-12-31' });
		if (!r.ok) throw new Error(JSON.stringify(r.issues));
		expect(r.values.map((v) => [v.person_id, v.x])).toEqual([
			['e1', 9],
			['e2', 12],
			['e3', 0],
			['e4', 0]
		]);
		const rows = await rowsOf(engine, 'care_days', { asOf: '2016-12-31' });
		expect(rows[0].value).toBeCloseTo(21 / 4, 12);
	});

	it('applies the follow-up filter as the indicator does (completers)', async () => {
		await load(
			engine,
			`${COHORT.replace("'e4', 'c1', 2004, 'M', NULL, NULL, '2016-01-01', NULL, NULL", "'e4', 'c1', 2004, 'M', NULL, NULL, '2016-01-01', '2016-02-01', 'declined'")}
			INSERT INTO care VALUES ('e1', 'hvb', '2016-03-01', '2016-03-10');`
		);
		const r = await personValues(engine, builtInIndicator('care_days'), {
			asOf: '2016-12-31',
			population: { followUp: 'completers' }
		});
		if (!r.ok) throw new Error(JSON.stringify(r.issues));
		expect(r.values.map((v) => v.person_id)).toEqual(['e1', 'e2', 'e3']);
	});

	it('refuses measures that have no persons', async () => {
		await load(engine, COHORT);
		const r = await personValues(engine, builtInIndicator('attrition'));
		expect(r.ok).toBe(false);
		const s = await personValues(engine, builtInIndicator('survey_score'));
		expect(s.ok).toBe(false);
	});

	it('reads survey answers respondent by respondent', async () => {
		await load(
			engine,
			`INSERT INTO surveys VALUES
				('s1', 'p1', 'baseline', '2016-01-01', 'parents', 'r1', 'q1', 4),
				('s1', 'p1', 'baseline', '2016-01-01', 'parents', 'r2', 'q1', NULL),
				('s1', 'p1', 'follow_up_1', '2016-06-01', 'parents', 'r3', 'q1', 5);`
		);
		const v = validateDefinition(builtInIndicator('survey_score'));
		if (!v.ok) throw new Error('invalid');
		expect(await surveyValues(engine, v.definition)).toEqual([
			{
				project_id: 'p1',
				survey_id: 's1',
				question_id: 'q1',
				wave: 'baseline',
				respondent_id: 'r1',
				score: 4
			},
			{
				project_id: 'p1',
				survey_id: 's1',
				question_id: 'q1',
				wave: 'follow_up_1',
				respondent_id: 'r3',
				score: 5
			}
		]);
	});
});
