import { openExample } from '../example-engine';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { BUILT_IN_INDICATORS } from '$lib/core/indicators/library';
import { COVERAGE_TABLES, loadPlanProjects, planTargets } from '$lib/views/workspace-plan';
import { readCsv } from '../../oracle/eligibility';

const DATASET = 'datasets/sig-eslov';
let engine: Engine;

beforeAll(async () => {
	engine = await openExample(DATASET);
});
afterAll(() => engine?.close());

/** Persons per cohort, and those with a row in each person-level table, counted from the CSV files. */
function countsFromCsv() {
	const persons = readCsv(DATASET, 'persons.csv');
	const withRows = (table: string) => {
		const file = path.join(DATASET, `${table}.csv`);
		return new Set(fs.existsSync(file) ? readCsv(DATASET, `${table}.csv`).map((r) => r.person_id) : []);
	};
	const sets = Object.fromEntries(COVERAGE_TABLES.map((t) => [t, withRows(t)]));
	const out = new Map<string, { persons: number } & Record<string, number>>();
	for (const p of persons) {
		const c = out.get(p.cohort_id) ?? {
			persons: 0,
			...Object.fromEntries(COVERAGE_TABLES.map((t) => [t, 0]))
		};
		c.persons++;
		for (const t of COVERAGE_TABLES) if (sets[t].has(p.person_id)) c[t]++;
		out.set(p.cohort_id, c);
	}
	return out;
}

describe('the project lead desk', () => {
	it('lists each project cohort with the comparison group meant for it, and the national reference', async () => {
		const projects = await loadPlanProjects(engine);
		expect(projects.map((p) => p.cohortId)).toEqual(['sig-13-18', 'sig-18-25']);
		const young = projects[0];
		expect(young.baselines.filter((b) => b.kind !== 'reference').map((b) => b.id)).toEqual([
			'jamforelse-13-18'
		]);
		expect(projects[1].baselines.filter((b) => b.kind !== 'reference').map((b) => b.id)).toEqual([
			'jamforelse-18-25'
		]);
		const refAreas = new Set(readCsv(DATASET, 'reference_values.csv').map((r) => r.area));
		expect(young.baselines.filter((b) => b.kind === 'reference').map((b) => b.id)).toEqual(
			[...refAreas].sort()
		);
	});

	it('counts persons and data coverage per cohort as the CSV files do', async () => {
		const expected = countsFromCsv();
		const projects = await loadPlanProjects(engine);
		for (const p of projects) {
			const e = expected.get(p.cohortId)!;
			expect(p.persons).toBe(e.persons);
			for (const t of COVERAGE_TABLES) expect(p.coverage[t], `${p.cohortId} ${t}`).toBe(e[t]);
			for (const b of p.baselines.filter((x) => x.kind !== 'reference'))
				expect(b.persons).toBe(expected.get(b.id)!.persons);
		}
		// The fixture has care and events data for SiG: coverage is not trivially zero or full.
		const young = projects[0];
		expect(young.coverage.care).toBeGreaterThan(0);
		expect(young.coverage.care).toBeLessThan(young.persons);
	});

	it('lists the indicators with a target, the library first and own indicators marked', () => {
		const own = {
			...BUILT_IN_INDICATORS.find((d) => d.id === 'intervention_within_28_days')!,
			id: 'own_within_14',
			target: { op: '>=' as const, value: 0.8 }
		};
		const targets = planTargets(BUILT_IN_INDICATORS, [own], 'sv');
		const lead = targets.find((t) => t.id === 'consent_to_intervention_days')!;
		expect(lead).toMatchObject({ own: false, op: '<=', value: 28, direction: 'lower_better' });
		expect(targets.at(-1)).toMatchObject({ id: 'own_within_14', own: true, op: '>=', value: 0.8 });
		const withTarget = BUILT_IN_INDICATORS.filter((d) => d.target).length;
		expect(targets).toHaveLength(withTarget + 1);
	});
});
