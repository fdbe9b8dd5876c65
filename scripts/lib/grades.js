// Year-9 final grades whose eligibility outcome is drawn first, so each cohort's share can be steered.

export const OTHER_SUBJECTS = [
	'BI',
	'FY',
	'KE',
	'GE',
	'HI',
	'RE',
	'SH',
	'TK',
	'BL',
	'HKK',
	'IDH',
	'MU',
	'SL'
];
const DIFFICULTY = {
	MA: -0.35,
	EN: -0.1,
	FY: -0.25,
	KE: -0.25,
	BL: 0.35,
	IDH: 0.35,
	HKK: 0.3,
	MU: 0.3,
	SL: 0.25
};
const PASS = new Set(['A', 'B', 'C', 'D', 'E']);

const gradeOf = (score) =>
	score < -1.15
		? 'F'
		: score < -0.45
			? 'E'
			: score < 0.05
				? 'D'
				: score < 0.55
					? 'C'
					: score < 1.15
						? 'B'
						: 'A';

/** Vocational eligibility as the indicator library computes it: SV/SVA, EN, MA and 5 more passes. */
export function eligibleVocational(rows) {
	const g = new Map(rows.map(([s, grade]) => [s, grade]));
	const pass = (s) => PASS.has(g.get(s) ?? '');
	if (!(pass('SV') || pass('SVA')) || !pass('EN') || !pass('MA')) return false;
	let others = 0;
	for (const [s, grade] of rows) if (!['SV', 'SVA', 'EN', 'MA'].includes(s) && PASS.has(grade)) others++;
	return others >= 5;
}

/**
 * Grades for one pupil as `[subject, grade]` pairs in a fixed subject order; grade '' = no grade.
 * `eligible` decides the vocational-eligibility outcome; `shift` moves the whole grade distribution.
 */
export function pupilGrades(rng, { eligible, shift = 0 }) {
	const ability = eligible ? rng.normal(0.45 + shift, 0.75) : rng.normal(-1.1 + shift, 0.7);
	const swedish = rng.chance(0.1) ? 'SVA' : 'SV';
	const takesLanguage = rng.chance(eligible ? 0.8 : 0.35);
	const subjects = [swedish, 'EN', 'MA', ...OTHER_SUBJECTS, ...(takesLanguage ? ['ML'] : [])];
	const noGradeAtAll = !eligible && rng.chance(0.04);
	const rows = subjects.map((s) => {
		if (noGradeAtAll && s !== 'IDH' && s !== 'BL') return [s, ''];
		if (rng.chance(0.012)) return [s, ''];
		return [s, gradeOf(ability + (DIFFICULTY[s] ?? 0) + rng.normal(0, 0.6))];
	});
	if (eligible) {
		for (const r of rows.slice(0, 3)) if (!PASS.has(r[1])) r[1] = 'E';
		for (const r of rows.slice(3)) if (!eligibleVocational(rows) && !PASS.has(r[1])) r[1] = 'E';
	} else if (eligibleVocational(rows)) {
		const core = rng.weighted([
			[2, 0.5],
			[1, 0.25],
			[0, 0.25]
		]);
		rows[core][1] = rng.chance(0.15) ? '' : 'F';
	}
	return rows;
}
