import type { GradeRule } from './definition';

const PASS = "('A', 'B', 'C', 'D', 'E')";
const CORE = "('SV', 'SVA', 'EN', 'MA')";

/** school_outcomes column that stands in for a rule when a person-year has no grade rows. */
const FALLBACK: Partial<Record<GradeRule, string>> = {
	eligible_vocational: 'eligible_vocational',
	// eligible_higher means eligible for at least one higher-preparatory programme: the arts rule.
	eligible_higher_arts: 'eligible_higher',
	merit_value: 'merit_value'
};

const normalised = `g AS (
	SELECT person_id, school_year, upper(trim(subject)) AS subject, nullif(upper(trim(grade)), '') AS grade,
		coalesce(nullif(upper(trim(grade)), '') IN ${PASS}, false) AS pass
	FROM grades
)`;

function eligibility(rule: Exclude<GradeRule, 'merit_value'>): string {
	const condition = {
		eligible_vocational: 'sv AND en AND ma AND others >= 5',
		eligible_higher_economics: 'sv AND en AND ma AND others >= 9 AND soc = 4',
		eligible_higher_science: 'sv AND en AND ma AND others >= 9 AND sci = 3',
		eligible_higher_arts: 'sv AND en AND ma AND others >= 9',
		// An empty grade means the pupil should have had one and did not: not passed.
		passed_all_subjects: 'all_passed'
	}[rule];
	return `gy AS (
	SELECT person_id, school_year,
		bool_or(pass AND subject IN ('SV', 'SVA')) AS sv,
		bool_or(pass AND subject = 'EN') AS en,
		bool_or(pass AND subject = 'MA') AS ma,
		count(DISTINCT subject) FILTER (WHERE pass AND subject NOT IN ${CORE}) AS others,
		count(DISTINCT subject) FILTER (WHERE pass AND subject IN ('GE', 'HI', 'RE', 'SH')) AS soc,
		count(DISTINCT subject) FILTER (WHERE pass AND subject IN ('BI', 'FY', 'KE')) AS sci,
		bool_and(pass) AS all_passed
	FROM g GROUP BY person_id, school_year
),
gv0 AS (SELECT person_id, school_year, CASE WHEN ${condition} THEN 1.0 ELSE 0.0 END AS x FROM gy)`;
}

/** Merit value: the 16 best non-ML grades plus ML as a 17th (it can only add). */
const merit = `pts AS (
	SELECT person_id, school_year, subject,
		CASE grade WHEN 'A' THEN 20 WHEN 'B' THEN 17.5 WHEN 'C' THEN 15 WHEN 'D' THEN 12.5 WHEN 'E' THEN 10 ELSE 0 END AS p
	FROM g
),
ranked AS (
	SELECT *, row_number() OVER (PARTITION BY person_id, school_year, subject = 'ML' ORDER BY p DESC, subject) AS rn
	FROM pts
),
gv0 AS (
	SELECT person_id, school_year,
		(coalesce(sum(p) FILTER (WHERE subject <> 'ML' AND rn <= 16), 0)
			+ coalesce(max(p) FILTER (WHERE subject = 'ML'), 0))::DOUBLE AS x
	FROM ranked GROUP BY person_id, school_year
)`;

/**
 * CTEs ending in `gv(person_id, school_year, x)`: one value per pupil and school year with a
 * grade row (the denominator: pupils who got, or should have got, a grade), falling back to
 * school_outcomes for person-years without grade rows.
 */
export function gradeValuesCtes(rule: GradeRule): string {
	const fallback = FALLBACK[rule];
	const union = fallback
		? `
	UNION ALL
	SELECT so.person_id, so.school_year, so.${fallback}::DOUBLE FROM school_outcomes so
	WHERE so.${fallback} IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM grades g2 WHERE g2.person_id = so.person_id AND g2.school_year = so.school_year)`
		: '';
	return `${normalised},
${rule === 'merit_value' ? merit : eligibility(rule)},
gv AS (
	SELECT person_id, school_year, x FROM gv0${union}
)`;
}

/** Tables a grade rule reads. */
export const gradeTables = (rule: GradeRule): ('grades' | 'school_outcomes')[] =>
	FALLBACK[rule] ? ['grades', 'school_outcomes'] : ['grades'];
