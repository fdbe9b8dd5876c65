import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { importDataset } from '$lib/core/import/import-dataset';
import { createNodeEngine } from '$lib/engine/node';
import { fixture, fixtureDir } from './helpers';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(() => engine.close());

const withFile = (rel: string, as: string) => [
	...fixtureDir('good/comma-utf8').filter((f) => f.name !== as),
	fixture(rel, as)
];

describe('warnings list findings but let the import through', () => {
	it('a person who entered before the cohort window', async () => {
		const result = await importDataset(engine, withFile('warn/entry-before-cohort.csv', 'persons.csv'), {
			thisYear: 2025
		});
		expect(result.ok).toBe(true);
		expect(result.warnings).toEqual([
			{
				code: 'entry_outside_cohort',
				severity: 'warning',
				file: 'persons.csv',
				line: 3,
				column: 'entry_date',
				value: '2015-07-01',
				expected: '2015-08-01 – 2016-06-30',
				otherFile: 'cohorts.csv'
			}
		]);
		expect(await engine.query("SELECT entry_date FROM persons WHERE person_id = 'P002'")).toEqual([
			{ entry_date: '2015-07-01' }
		]);
	});

	it('a cohort whose project is not in the fund ledger', async () => {
		const result = await importDataset(engine, withFile('warn/project-not-in-ledger.csv', 'cohorts.csv'), {
			thisYear: 2025
		});
		expect(result.ok).toBe(true);
		expect(result.warnings).toEqual([
			{
				code: 'project_not_in_ledger',
				severity: 'warning',
				file: 'cohorts.csv',
				line: 3,
				column: 'project_id',
				value: 'P2',
				table: 'fund_ledger',
				otherFile: 'fund_ledger.csv'
			}
		]);
	});

	it('persons without a cohorts file cannot be checked against cohorts', async () => {
		const files = fixtureDir('good/comma-utf8').filter((f) => f.name !== 'cohorts.csv');
		const result = await importDataset(engine, files, { thisYear: 2025 });
		expect(result.ok).toBe(true);
		expect(result.warnings).toEqual([
			{ code: 'reference_table_missing', severity: 'warning', file: 'persons.csv', table: 'cohorts' }
		]);
	});

	it('counts the errors beyond the reporting limit', async () => {
		const result = await importDataset(engine, withFile('bad/mixed-delimiters.csv', 'persons.csv'), {
			maxIssuesPerCheck: 1
		});
		expect(result.errors).toEqual([
			{ code: 'csv_ragged_row', severity: 'error', file: 'persons.csv', line: 2, expected: 9, found: 1 },
			{ code: 'too_many_errors', severity: 'error', file: 'persons.csv', kind: 'csv_ragged_row', count: 2 }
		]);
		const ok = await importDataset(engine, withFile('bad/survey-score-7.csv', 'surveys.csv'), {
			maxIssuesPerCheck: 0
		});
		expect(ok.errors).toEqual([
			{
				code: 'too_many_errors',
				severity: 'error',
				file: 'surveys.csv',
				column: 'score',
				kind: 'score_out_of_range',
				count: 1
			}
		]);
	});
});
