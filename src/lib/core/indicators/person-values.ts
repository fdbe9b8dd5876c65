/**
 * Per-person values behind an indicator: the same population, periods and measure as the compiled
 * indicator (the query is the compiler's own, up to its final aggregation), one row per person and
 * period instead of one per cohort. Means, medians and waiting times need them for their intervals;
 * direct standardisation needs each person's sex, level and birth year.
 *
 * Never shown as such: the view-model turns them into group figures under disclosure control.
 */
import type { Engine } from '../engine';
import { aggregate, filterSql } from './compile';
import type { DefinitionIssue, IndicatorDefinition } from './definition';
import { prepareIndicator, type ComputeOptions } from './run';
import { checkSql } from './sandbox';

export interface PersonValue {
	cohort_id: string;
	period: string;
	person_id: string;
	/** The person's measure in the period (a share's 0/1, days, points …); null = no value (e.g. still waiting). */
	x: number | null;
	/** share_within_target only: whether the person met the target (null = not yet known). */
	ok: boolean | null;
	sex: string | null;
	level: string | null;
	birth_year: number | null;
}

export type PersonValuesResult =
	| { ok: true; definition: IndicatorDefinition; values: PersonValue[] }
	| { ok: false; issues: DefinitionIssue[] };

const PERSON_TABLES = ['grades', 'school_outcomes', 'events', 'care'];

/**
 * Per-person values for one definition (validated and compiled exactly as `computeIndicators` would),
 * for every cohort and period. Only person-level measures have them (not persons, surveys, contacts).
 */
export async function personValues(
	engine: Engine,
	input: unknown,
	options: Pick<ComputeOptions, 'asOf' | 'population'> = {}
): Promise<PersonValuesResult> {
	const prepared = prepareIndicator(input, options);
	if (!prepared.ok) return prepared;
	const { definition: d, compiled } = prepared;
	if (!PERSON_TABLES.includes(d.measure.table))
		return {
			ok: false,
			issues: [{ path: 'measure.table', code: 'not_person_level', received: d.measure.table }]
		};
	const tail = aggregate(d.id, d.kind);
	if (!compiled.sql.endsWith(tail))
		return { ok: false, issues: [{ path: 'measure', code: 'unsupported_query_shape' }] };
	if (d.measure.sql !== undefined) {
		const check = await checkSql(engine, d.measure.sql, { requiredColumns: ['person_id', 'date', 'value'] });
		if (!check.ok) return { ok: false, issues: [{ path: 'measure.sql', code: check.error.code }] };
	}
	const ok = d.kind === 'share_within_target' ? 'pv.ok::BOOLEAN' : 'NULL::BOOLEAN';
	const sql = `${compiled.sql.slice(0, -tail.length)}SELECT pv.cohort_id::VARCHAR AS cohort_id, pv.period::VARCHAR AS period,
	pv.person_id::VARCHAR AS person_id, pv.x::DOUBLE AS x, ${ok} AS ok,
	p.sex::VARCHAR AS sex, p.level::VARCHAR AS level, p.birth_year::INTEGER AS birth_year
FROM pv LEFT JOIN persons p ON p.person_id = pv.person_id
ORDER BY cohort_id, period, person_id`;
	const rows = await engine.query(sql);
	return {
		ok: true,
		definition: d,
		values: rows.map((r) => ({
			cohort_id: String(r.cohort_id),
			period: String(r.period),
			person_id: String(r.person_id),
			x: r.x == null ? null : Number(r.x),
			ok: r.ok == null ? null : Boolean(r.ok),
			sex: r.sex == null ? null : String(r.sex),
			level: r.level == null ? null : String(r.level),
			birth_year: r.birth_year == null ? null : Number(r.birth_year)
		}))
	};
}

export interface SurveyValue {
	project_id: string | null;
	survey_id: string;
	question_id: string;
	wave: string;
	respondent_id: string | null;
	score: number;
}

/** Every answered score of a surveys definition (its filters applied), respondent by respondent. */
export async function surveyValues(engine: Engine, d: IndicatorDefinition): Promise<SurveyValue[]> {
	if (d.measure.table !== 'surveys') return [];
	const rows = await engine.query(
		`SELECT s.project_id::VARCHAR AS project_id, s.survey_id::VARCHAR AS survey_id,
	s.question_id::VARCHAR AS question_id, s.wave::VARCHAR AS wave, s.respondent_id::VARCHAR AS respondent_id,
	s.score::DOUBLE AS score
FROM surveys s WHERE s.score IS NOT NULL AND s.wave IS NOT NULL${filterSql(d.measure.filter, 's')}
ORDER BY ALL`
	);
	return rows.map((r) => ({
		project_id: r.project_id == null ? null : String(r.project_id),
		survey_id: String(r.survey_id),
		question_id: String(r.question_id),
		wave: String(r.wave),
		respondent_id: r.respondent_id == null ? null : String(r.respondent_id),
		score: Number(r.score)
	}));
}
