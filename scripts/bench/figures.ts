// The same two figures three ways, so the benchmark compares like with like:
//   share_completed      persons whose exit_reason is 'completed', over all persons
//   care_days_per_person care days (end_date, or AS_OF while open, minus start_date) of
//                        persons in persons.csv, over all persons
// plus the row counts of grades and events, to prove those files were parsed too.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import * as aq from 'arquero';
import type { Engine } from '../../src/lib/core/engine';

export const AS_OF = '2025-06-30';
const DAY = 86_400_000;
const AS_OF_MS = Date.parse(AS_OF);

export interface Figures {
	persons: number;
	share_completed: number;
	care_days_per_person: number;
	grades_rows: number;
	events_rows: number;
}

const FILES = ['persons.csv', 'grades.csv', 'care.csv', 'events.csv'] as const;
const read = (folder: string, f: string) => fs.readFileSync(path.join(folder, f), 'utf8');

/** papaparse (header rows as objects) and a plain JS loop. */
export function papaparseFigures(folder: string): Figures {
	const parse = (f: string) =>
		Papa.parse<Record<string, string>>(read(folder, f), { header: true, skipEmptyLines: true }).data;
	const [persons, grades, care, events] = FILES.map(parse);
	const ids = new Set<string>();
	let completed = 0;
	for (const p of persons) {
		ids.add(p.person_id);
		if (p.exit_reason === 'completed') completed++;
	}
	let days = 0;
	for (const c of care) {
		if (!ids.has(c.person_id)) continue;
		const end = c.end_date ? Date.parse(c.end_date) : AS_OF_MS;
		days += (end - Date.parse(c.start_date)) / DAY;
	}
	// a typed pass over the big files, as a real computation would need
	let passed = 0;
	for (const g of grades) if (g.grade !== 'F' && g.grade !== '') passed++;
	let eventValue = 0;
	for (const e of events) eventValue += Number(e.value) || 0;
	if (passed < 0 || Number.isNaN(eventValue)) throw new Error('unreachable');
	return {
		persons: persons.length,
		share_completed: completed / persons.length,
		care_days_per_person: days / persons.length,
		grades_rows: grades.length,
		events_rows: events.length
	};
}

/** arquero: load each file (type inference on) and the same figures with its verbs. */
export function arqueroFigures(folder: string): Figures {
	const [persons, grades, care, events] = FILES.map((f) => aq.fromCSV(read(folder, f)));
	const p = persons.rollup({ n: aq.op.count() }).objects()[0] as { n: number };
	const completed = persons
		.filter(aq.escape((d: { exit_reason: string | null }) => d.exit_reason === 'completed'))
		.numRows();
	const careDays = care
		.semijoin(persons, 'person_id')
		.derive({
			days: aq.escape(
				(d: { start_date: Date; end_date: Date | null }) =>
					((d.end_date ? +d.end_date : AS_OF_MS) - +d.start_date) / DAY
			)
		})
		.rollup({ days: aq.op.sum('days') })
		.objects()[0] as { days: number };
	grades.filter(aq.escape((d: { grade: string }) => d.grade !== 'F')).numRows();
	events.rollup({ v: aq.op.sum('value') }).objects();
	return {
		persons: p.n,
		share_completed: completed / p.n,
		care_days_per_person: (careDays.days ?? 0) / p.n,
		grades_rows: grades.numRows(),
		events_rows: events.numRows()
	};
}

/** The same figures in SQL over the canonical tables. */
export async function sqlFigures(engine: Engine): Promise<Figures> {
	const [r] = await engine.query<Figures & Record<string, unknown>>(`
		SELECT
			(SELECT count(*) FROM persons) AS persons,
			(SELECT count(*) FILTER (exit_reason = 'completed') / count(*) FROM persons) AS share_completed,
			(SELECT coalesce(sum(coalesce(c.end_date, DATE '${AS_OF}') - c.start_date), 0)
				FROM care c WHERE c.person_id IN (SELECT person_id FROM persons))
				/ (SELECT count(*) FROM persons) AS care_days_per_person,
			(SELECT count(*) FROM grades) AS grades_rows,
			(SELECT count(*) FROM events) AS events_rows`);
	return {
		persons: Number(r.persons),
		share_completed: Number(r.share_completed),
		care_days_per_person: Number(r.care_days_per_person),
		grades_rows: Number(r.grades_rows),
		events_rows: Number(r.events_rows)
	};
}

/** Whether two sets of figures agree (to 1e-9 relative, for summation order). */
export function sameFigures(a: Figures, b: Figures): boolean {
	return (Object.keys(a) as (keyof Figures)[]).every(
		(k) => Math.abs(a[k] - b[k]) <= 1e-9 * Math.max(1, Math.abs(a[k]))
	);
}
