import type { Engine } from '../core/engine';

export interface EligibilityRow {
	cohort_id: string;
	label: string;
	role: string;
	period: string;
	n: number;
	numerator: number;
	value: number;
}

export interface ReferenceRow {
	period: string;
	value: number;
}

// TODO(indicators): replace by the indicator library's eligible_vocational.
const ELIGIBILITY_SQL = `
WITH per AS (
	SELECT p.cohort_id, g.person_id, g.school_year,
		bool_or(g.subject IN ('SV', 'SVA') AND g.grade IN ('A','B','C','D','E')) AS swedish,
		bool_or(g.subject = 'EN' AND g.grade IN ('A','B','C','D','E')) AS english,
		bool_or(g.subject = 'MA' AND g.grade IN ('A','B','C','D','E')) AS maths,
		count(DISTINCT g.subject) FILTER (WHERE g.subject NOT IN ('SV','SVA','EN','MA') AND g.grade IN ('A','B','C','D','E')) AS others
	FROM grades g JOIN persons p USING (person_id)
	GROUP BY ALL
)
SELECT per.cohort_id, coalesce(c.label, per.cohort_id) AS label, coalesce(c.role, '') AS role,
	per.school_year AS period, count(*) AS n,
	count(*) FILTER (WHERE swedish AND english AND maths AND others >= 5) AS numerator,
	numerator / n AS value
FROM per LEFT JOIN cohorts c USING (cohort_id)
GROUP BY ALL ORDER BY role DESC, label, period`;

export const eligibilityByCohort = (engine: Engine) =>
	engine.query<EligibilityRow & Record<string, unknown>>(ELIGIBILITY_SQL);

export const nationalEligibility = (engine: Engine) =>
	engine.query<ReferenceRow & Record<string, unknown>>(
		`SELECT period, value FROM reference_values WHERE indicator_id = 'eligible_vocational' AND area = 'riket' ORDER BY period`
	);
