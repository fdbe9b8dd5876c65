import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

/**
 * Independent answers for the tests: eligibility for vocational programmes counted in plain JS from
 * the CSV files (a pass in SV or SVA, EN, MA and at least 5 other subjects), sharing no code with
 * the app's SQL.
 */
export const readCsv = (dir: string, file: string): Record<string, string>[] =>
	Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dir, file), 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;

const PASS = new Set(['A', 'B', 'C', 'D', 'E']);
const CORE = ['SV', 'SVA', 'EN', 'MA'];

export interface Tally {
	n: number;
	x: number;
}

/** Pupils with a grade row, and those eligible, per `cohort|school_year`. */
export function eligibilityByYear(dir: string): Map<string, Tally> {
	const cohortOf = new Map(readCsv(dir, 'persons.csv').map((p) => [p.person_id, p.cohort_id]));
	const pupils = new Map<string, { key: string; passed: Set<string> }>();
	for (const g of readCsv(dir, 'grades.csv')) {
		const id = `${g.person_id}|${g.school_year}`;
		const p = pupils.get(id) ?? {
			key: `${cohortOf.get(g.person_id)}|${g.school_year}`,
			passed: new Set<string>()
		};
		if (PASS.has(g.grade)) p.passed.add(g.subject);
		pupils.set(id, p);
	}
	const out = new Map<string, Tally>();
	for (const p of pupils.values()) {
		const core = (p.passed.has('SV') || p.passed.has('SVA')) && p.passed.has('EN') && p.passed.has('MA');
		const others = [...p.passed].filter((s) => !CORE.includes(s)).length;
		const t = out.get(p.key) ?? { n: 0, x: 0 };
		t.n++;
		if (core && others >= 5) t.x++;
		out.set(p.key, t);
	}
	return out;
}

/** The same, all school years pooled, per cohort. */
export function pooledEligibility(dir: string): Map<string, Tally> {
	const out = new Map<string, Tally>();
	for (const [key, t] of eligibilityByYear(dir)) {
		const cohort = key.split('|')[0];
		const p = out.get(cohort) ?? { n: 0, x: 0 };
		p.n += t.n;
		p.x += t.x;
		out.set(cohort, p);
	}
	return out;
}
