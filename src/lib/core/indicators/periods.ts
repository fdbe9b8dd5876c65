import type { Period } from './definition';

/** Label of the single period of window-like period types. */
export const ALL = 'all';

/** School year starting in the calendar year of a date: 2016-08-20 and 2017-03-01 → 2016. */
export const schoolYearStart = (date: string): string =>
	`(year(${date}) - CASE WHEN month(${date}) < 7 THEN 1 ELSE 0 END)`;

/** '2016/17' from the starting year. */
export const schoolYearLabel = (y: string): string =>
	`(${y}::VARCHAR || '/' || lpad(((${y} + 1) % 100)::VARCHAR, 2, '0'))`;

/** Period label of a dated row for aggregated tables (no person, so no window). */
export function periodOfDate(period: Period, date: string): string {
	switch (period.type) {
		case 'calendar_year':
			return `year(${date})::VARCHAR`;
		case 'school_year':
			return schoolYearLabel(schoolYearStart(date));
		default:
			return `'${ALL}'`;
	}
}

/**
 * The `pp` CTE: one row per person in `pop` and period they are followed in, with the period's
 * bounds [p_start, p_end). Years and school years run from the one holding the entry date to the
 * one holding the cohort's end (intention to treat: also after exit); periods outside the data's
 * coverage (`cov`) are dropped so that absent data never reads as zero.
 */
export function personPeriodsCte(period: Period, where: string): string {
	const asOf = '(SELECT d FROM as_of)';
	const followEnd = `coalesce(c_end, ${asOf})`;
	let rows: string;
	switch (period.type) {
		case 'calendar_year':
			rows = `SELECT * EXCLUDE (y), y::VARCHAR AS period, make_date(y, 1, 1) AS p_start, make_date(y + 1, 1, 1) AS p_end
		FROM (SELECT *, unnest(range(year(entry_date), year(${followEnd}) + 1))::INTEGER AS y FROM pop)`;
			break;
		case 'school_year':
			rows = `SELECT * EXCLUDE (y), ${schoolYearLabel('y')} AS period, make_date(y, 7, 1) AS p_start, make_date(y + 1, 7, 1) AS p_end
		FROM (SELECT *, unnest(range(${schoolYearStart('entry_date')}, ${schoolYearStart(followEnd)} + 1))::INTEGER AS y FROM pop)`;
			break;
		case 'cohort_window':
			rows = `SELECT *, '${ALL}' AS period, coalesce(c_start, entry_date) AS p_start, ${followEnd} + 1 AS p_end FROM pop`;
			break;
		case 'relative_to_entry':
			rows = `SELECT *, '${ALL}' AS period, (entry_date + to_years(${period.from}))::DATE AS p_start,
			(entry_date + to_years(${period.to}))::DATE AS p_end FROM pop`;
			break;
		case 'all':
			rows = `SELECT *, '${ALL}' AS period, DATE '0001-01-01' AS p_start, ${asOf} + 1 AS p_end FROM pop`;
			break;
		case 'survey_wave':
			throw new Error('survey_wave has no person-periods');
	}
	return `pp AS (
	SELECT * FROM (${rows})
	WHERE p_start <= (SELECT max_d FROM cov) AND p_end > (SELECT min_d FROM cov) AND ${where}
)`;
}
