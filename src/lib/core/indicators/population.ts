import { sqlString } from '../engine';
import type { Population } from './definition';

const inList = (column: string, values: readonly string[] | undefined): string | null =>
	values && values.length ? `${column} IN (${values.map(sqlString).join(', ')})` : null;

/**
 * The `pop` CTE: persons in the population with their cohort's window. An empty list means no
 * restriction. Intention to treat keeps everyone who entered; completers keeps those who
 * completed or have not left.
 */
export function populationCte(p: Population): string {
	const where = [
		inList('c.role', p.roles),
		inList('p.level', p.levels),
		inList('p.area', p.areas),
		inList('p.sex', p.sex),
		p.followUp === 'completers' ? "coalesce(p.exit_reason = 'completed', p.exit_date IS NULL)" : null
	].filter((x): x is string => x !== null);
	return `pop AS (
	SELECT p.person_id, p.cohort_id, p.birth_year, p.entry_date, p.exit_date, p.exit_reason,
		c.start_date AS c_start, c.end_date AS c_end
	FROM persons p LEFT JOIN cohorts c ON c.cohort_id = p.cohort_id
	WHERE ${where.length ? where.join('\n\t\tAND ') : 'TRUE'}
)`;
}

/**
 * Age condition on a person-period: whole years reached in the reference date's year
 * (birth is a year only). `periodEnd`/`periodStart` are SQL date expressions.
 */
export function ageCondition(p: Population, periodStart: string, periodEnd: string): string {
	const a = p.age;
	if (!a || (a.min === undefined && a.max === undefined)) return 'TRUE';
	const ref =
		a.at === 'period_start' ? periodStart : a.at === 'period_end' ? periodEnd : `DATE ${sqlString(a.at)}`;
	const age = `(year(${ref}) - birth_year)`;
	return [
		a.min !== undefined ? `${age} >= ${a.min}` : null,
		a.max !== undefined ? `${age} <= ${a.max}` : null
	]
		.filter(Boolean)
		.join(' AND ');
}
