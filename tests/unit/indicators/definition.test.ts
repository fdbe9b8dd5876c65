import { describe, expect, it } from 'vitest';
import { BUILT_IN_INDICATORS } from '$lib/core/indicators/library';
import { validateDefinition } from '$lib/core/indicators/validate';
import { compileIndicator } from '$lib/core/indicators/compile';

const base = {
	id: 'test_indicator',
	label: { sv: 'Test', en: 'Test' },
	description: { sv: 'Test', en: 'Test' },
	category: 'effect',
	kind: 'mean',
	measure: { table: 'care' },
	period: { type: 'calendar_year' },
	unit: 'days',
	direction: 'lower_better'
};

const issuesOf = (patch: Record<string, unknown>) => {
	const r = validateDefinition({ ...base, ...patch });
	return r.ok ? [] : r.issues.map((i) => [i.path, i.code]);
};

describe('built-in library', () => {
	it('every built-in validates and compiles, ids are unique', () => {
		const ids = BUILT_IN_INDICATORS.map((d) => d.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const d of BUILT_IN_INDICATORS) {
			const r = validateDefinition(d);
			expect(r.ok ? [] : r.issues, d.id).toEqual([]);
			if (r.ok) expect(compileIndicator(r.definition).sql).toContain('indicator_id');
		}
	});

	it('links care days and reports to unit costs', () => {
		const cost = Object.fromEntries(BUILT_IN_INDICATORS.map((d) => [d.id, d.unitCost]));
		expect(cost).toMatchObject({
			care_days_hvb: 'hvb_day',
			care_days_family_home: 'family_home_day',
			care_days_sis: 'sis_day',
			reports_of_concern_per_1000: 'report_of_concern'
		});
	});

	it('fills in intention to treat by default', () => {
		const r = validateDefinition(base);
		expect(r.ok && r.definition.population.followUp).toBe('intention_to_treat');
	});
});

describe('validation errors point at the field at fault', () => {
	it.each([
		[{ id: 'Bad Id' }, ['id', 'invalid_format']],
		[{ label: { sv: 'Test' } }, ['label.en', 'required']],
		[{ kind: 'sum' }, ['kind', 'invalid_option']],
		[{ category: 'outcome' }, ['category', 'invalid_option']],
		[{ measure: { table: 'care', colunm: 'x' } }, ['measure.colunm', 'unknown_key']],
		[{ measure: { table: 'school_outcomes', column: 'merit' } }, ['measure.column', 'unknown_column']],
		[
			{ measure: { table: 'care', filter: [{ column: 'type', op: '=', value: 'hvb' }] } },
			['measure.filter.0.column', 'unknown_column']
		],
		[
			{ measure: { table: 'care', filter: [{ column: 'care_type', op: 'in', value: ['hvb', 'prison'] }] } },
			['measure.filter.0.value', 'invalid_option']
		],
		[
			{ measure: { table: 'care', filter: [{ column: 'care_type', op: 'in', value: 'hvb' }] } },
			['measure.filter.0.value', 'expected_list']
		],
		[
			{ kind: 'days_between', measure: { table: 'events', eventType: 'consent' } },
			['measure.toEventType', 'required']
		],
		[{ kind: 'mean', measure: { table: 'events' } }, ['measure.eventType', 'required']],
		[{ kind: 'share_within_target' }, ['measure.threshold', 'required']],
		[
			{ kind: 'share', measure: { table: 'grades', derive: 'eligible_vocational' } },
			['period.type', 'period_not_supported']
		],
		[
			{ kind: 'count', measure: { table: 'surveys' }, period: { type: 'survey_wave' } },
			['kind', 'kind_not_supported']
		],
		[{ period: { type: 'relative_to_entry', from: 2, to: 1 } }, ['period.to', 'invalid_range']],
		[{ period: { type: 'relative_to_entry', from: 0 } }, ['period.to', 'required']],
		[{ period: { type: 'weekly' } }, ['period.type', 'invalid_option']],
		[{ population: { age: { min: 25, max: 18 } } }, ['population.age.max', 'invalid_range']],
		[{ population: { roles: ['control'] } }, ['population.roles.0', 'invalid_option']],
		[
			{ measure: { table: 'events', sql: "SELECT * FROM events; ATTACH 'x.db'" } },
			['measure.sql', 'multiple_statements']
		],
		[
			{ measure: { table: 'events', sql: "SELECT person_id, date, value FROM read_csv('x.csv')" } },
			['measure.sql', 'forbidden_function']
		],
		[{ target: { op: '=', value: 3 } }, ['target.op', 'invalid_option']]
	])('%j → %j', (patch, expected) => {
		expect(issuesOf(patch)).toContainEqual(expected);
	});

	it('names the offending token of advanced SQL', () => {
		const r = validateDefinition({
			...base,
			measure: { table: 'events', sql: 'SELECT 1 FROM events WHERE pragma_x()' }
		});
		expect(r.ok ? null : r.issues[0]).toMatchObject({
			path: 'measure.sql',
			code: 'forbidden_function',
			received: 'pragma_x'
		});
	});

	it('population filters do not apply to anonymous surveys', () => {
		expect(
			issuesOf({
				kind: 'mean',
				measure: { table: 'surveys' },
				period: { type: 'survey_wave' },
				population: { sex: ['F'] }
			})
		).toEqual([['population.sex', 'not_applicable']]);
	});
});
