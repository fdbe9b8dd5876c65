// Care indicators join every person-period to that person's episodes. Written with an ongoing
// episode's end as coalesce(end_date, p_end), the condition mixed both sides and DuckDB ran a nested
// loop over all person-periods × all episodes: the report took 18× as long for 5× the rows. These
// tests pin the hash join and check the result against that straightforward formulation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { prepareIndicator } from '$lib/core/indicators/run';
import { builtInIndicator } from '$lib/core/indicators/library';
import { load, newEngine } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await newEngine();
	// 600 persons in two cohorts, entering over three years; episodes of every shape: ongoing, zero
	// nights, spanning year ends, before entry, of every care type, several per person.
	await load(
		engine,
		`INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES
			('k1', 'p1', 'Projekt', 'project', '2016-01-01', '2018-12-31'),
			('k2', 'p1', 'Jämförelse', 'comparison', '2016-01-01', NULL);
		INSERT INTO persons
			SELECT 'p' || i, CASE WHEN i % 2 = 0 THEN 'k1' ELSE 'k2' END, 2005, 'F', NULL, NULL,
				DATE '2016-01-01' + CAST(i * 2 AS INTEGER), NULL, NULL
			FROM range(600) t(i);
		INSERT INTO care
			SELECT 'p' || (i % 600),
				['hvb', 'family_home', 'sis', 'supported_housing', 'open_care'][1 + i % 5],
				DATE '2015-10-01' + CAST((i * 37) % 1200 AS INTEGER) AS s,
				CASE WHEN i % 7 = 0 THEN NULL
					ELSE DATE '2015-10-01' + CAST((i * 37) % 1200 + (i * 13) % 500 - CASE WHEN i % 11 = 0 THEN (i * 13) % 500 ELSE 0 END AS INTEGER) END
			FROM range(1500) t(i);`
	);
});
afterAll(() => engine.close());

const OLD_CONDITION = 'AND coalesce(s.end_date, pp.p_end) > pp.p_start';

describe('care indicators join episodes by person', () => {
	for (const id of ['care_days', 'care_days_sis', 'in_care'])
		it(`${id}: a hash join, and the same rows as the condition with coalesce(end_date, p_end)`, async () => {
			const prepared = prepareIndicator(builtInIndicator(id)!);
			if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
			const sql = prepared.compiled.sql;
			const plan = (await engine.query<{ explain_value: string }>(`EXPLAIN ${sql}`))
				.map((r) => r.explain_value)
				.join('\n');
			expect(plan).toContain('HASH_JOIN');
			expect(plan).not.toMatch(/BLOCKWISE_NL|PIECEWISE_MERGE|IE_JOIN/);

			const straightforward = sql.replace(
				/AND coalesce\(s\.end_date, 'infinity'::DATE\) > pp\.p_start/,
				OLD_CONDITION
			);
			expect(straightforward).not.toBe(sql);
			const rows = await engine.query(sql);
			expect(rows.length).toBeGreaterThan(4);
			expect(rows.some((r) => Number(r.value) > 0)).toBe(true);
			expect(rows).toEqual(await engine.query(straightforward));
		});
});
