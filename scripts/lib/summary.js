import { eligibleVocational } from './grades.js';
import { parseIso, min, max } from './dates.js';

/** A quick look at the built-in effects, for whoever tunes the generator (not written to disk). */
export function summarise({ tables }) {
	const lines = [];
	for (const c of tables.cohorts ?? []) {
		const persons = tables.persons.filter((p) => p.cohort_id === c.cohort_id);
		const ids = new Set(persons.map((p) => p.person_id));
		const from = parseIso(c.start_date);
		const to = parseIso(c.end_date);
		const years = (to - from) / 365.25;
		const byPupil = new Map();
		for (const g of tables.grades ?? []) {
			if (!ids.has(g.person_id)) continue;
			if (!byPupil.has(g.person_id)) byPupil.set(g.person_id, []);
			byPupil.get(g.person_id).push([g.subject, g.grade]);
		}
		const eligible = [...byPupil.values()].filter(eligibleVocational).length;
		let careDays = 0;
		for (const e of tables.care ?? []) {
			if (!ids.has(e.person_id)) continue;
			const s = max(parseIso(e.start_date), from);
			const t = min(e.end_date ? parseIso(e.end_date) : to, to);
			if (t > s) careDays += t - s;
		}
		const roc = (tables.events ?? []).filter(
			(e) =>
				ids.has(e.person_id) &&
				e.type === 'report_of_concern' &&
				e.date >= c.start_date &&
				e.date <= c.end_date
		).length;
		let allDays = 0;
		let personYears = 0;
		const cutoff = Math.max(
			...(tables.events ?? []).map((e) => parseIso(e.date)),
			...(tables.care ?? []).filter((e) => e.end_date).map((e) => parseIso(e.end_date))
		);
		for (const p of persons) personYears += (cutoff - parseIso(p.entry_date)) / 365.25;
		for (const e of tables.care ?? []) {
			if (!ids.has(e.person_id)) continue;
			allDays += (e.end_date ? parseIso(e.end_date) : cutoff) - parseIso(e.start_date);
		}
		const levels = ['green', 'yellow', 'red'].map(
			(l) => `${l} ${persons.filter((p) => p.level === l).length}`
		);
		lines.push(
			`  ${c.cohort_id} (${c.role}): ${persons.length} persons (${levels.join(', ')}); ` +
				`eligible ${eligible}/${byPupil.size} = ${byPupil.size ? ((100 * eligible) / byPupil.size).toFixed(1) : '–'} %; ` +
				`care days in window ${careDays} (${(careDays / persons.length / years).toFixed(1)} per person-year; all follow-up ${(allDays / personYears).toFixed(1)}); ` +
				`reports in window ${roc} (${((1000 * roc) / persons.length / years).toFixed(0)} per 1000 person-years)`
		);
	}
	for (const [name, rows] of Object.entries(tables)) lines.push(`  ${name}: ${rows.length} rows`);
	return lines.join('\n');
}
