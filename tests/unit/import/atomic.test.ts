import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { importDataset, type ImportStage } from '$lib/core/import/import-dataset';
import { createNodeEngine } from '$lib/engine/node';
import { dumpCanonical, fixture, fixtureDir } from './helpers';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(() => engine.close());

/** The engine, but one statement matching `fail` throws as if DuckDB had failed mid-commit. */
const failing = (e: Engine, fail: RegExp): Engine => ({
	...e,
	query: (sql) => e.query(sql),
	exec: async (sql) => {
		if (fail.test(sql)) throw new Error('simulated failure');
		return e.exec(sql);
	}
});

describe('atomic import', () => {
	it('leaves the earlier dataset untouched when validation fails', async () => {
		expect((await importDataset(engine, fixtureDir('good/comma-utf8'), { thisYear: 2025 })).ok).toBe(true);
		const before = await dumpCanonical(engine);
		const files = [
			...fixtureDir('good/swedish').filter((f) => f.name !== 'personer.csv'),
			fixture('bad/duplicate-person.csv', 'persons.csv')
		];
		const result = await importDataset(engine, files, { thisYear: 2025 });
		expect(result.ok).toBe(false);
		expect(await dumpCanonical(engine)).toEqual(before);
		const temp = await engine.query(
			"SELECT table_name FROM information_schema.tables WHERE table_name LIKE '__import%'"
		);
		expect(temp).toEqual([]);
	});

	it('rolls back every table when the commit fails half-way', async () => {
		expect((await importDataset(engine, fixtureDir('good/comma-utf8'), { thisYear: 2025 })).ok).toBe(true);
		const before = await dumpCanonical(engine);
		const files = fixtureDir('good/comma-utf8').filter((f) => f.name !== 'care.csv');
		// persons, grades, … are already replaced inside the transaction when care fails.
		const result = await importDataset(
			failing(engine, /INSERT INTO "care"|CREATE OR REPLACE TABLE "care"/),
			files,
			{
				thisYear: 2025
			}
		);
		expect(result.ok).toBe(false);
		expect(result.errors).toEqual([
			{ code: 'import_failed', severity: 'error', detail: 'simulated failure' }
		]);
		expect(await dumpCanonical(engine)).toEqual(before);
		expect(before.care.length).toBe(3);
	});

	it('replaces the whole dataset: a table without a file becomes empty', async () => {
		const files = fixtureDir('good/comma-utf8').filter((f) => f.name !== 'surveys.csv');
		const result = await importDataset(engine, files, { thisYear: 2025 });
		expect(result.ok).toBe(true);
		expect(result.tables.find((t) => t.name === 'surveys')).toEqual({ name: 'surveys', rows: 0 });
		expect(await engine.query('SELECT count(*) AS n FROM surveys')).toEqual([{ n: 0 }]);
	});

	it('never modifies the input bytes and reports progress', async () => {
		const files = fixtureDir('good/semicolon-cp1252-crlf');
		const copies = files.map((f) => f.bytes.slice());
		const stages: [ImportStage, number, number][] = [];
		const result = await importDataset(engine, files, {
			thisYear: 2025,
			onProgress: (s, d, t) => stages.push([s, d, t])
		});
		expect(result.ok).toBe(true);
		files.forEach((f, i) => expect(f.bytes).toEqual(copies[i]));
		expect(stages.filter(([s]) => s === 'read').at(-1)).toEqual(['read', 11, 11]);
		expect(stages.filter(([s]) => s === 'load').at(-1)).toEqual(['load', 11, 11]);
		expect(stages.filter(([s]) => s === 'validate')).toEqual([
			['validate', 0, 1],
			['validate', 1, 1]
		]);
		expect(stages.at(-1)).toEqual(['commit', 11, 11]);
	});

	it('uses a confirmed mapping instead of the suggestion', async () => {
		// The user says "slut" is not the exit date: that column is ignored, so exits become empty.
		const persons = fixture('good/comma-utf8/persons.csv');
		const text = new TextDecoder().decode(persons.bytes).replace('exit_date', 'slut');
		const headers = text.split('\n')[0].split(',');
		const { headerSignature } = await import('$lib/core/import/mapping');
		const columns = Object.fromEntries(headers.map((h) => [h, h === 'slut' ? null : h]));
		const files = [
			...fixtureDir('good/comma-utf8').filter((f) => f.name !== 'persons.csv'),
			{ name: 'persons.csv', bytes: new TextEncoder().encode(text) }
		];
		const result = await importDataset(engine, files, {
			thisYear: 2025,
			mappings: { 'persons.csv': { table: 'persons', signature: headerSignature(headers), columns } }
		});
		expect(result.ok).toBe(true);
		expect(result.warnings).toEqual([
			{
				code: 'column_ignored',
				severity: 'warning',
				file: 'persons.csv',
				line: 1,
				column: 'slut',
				table: 'persons'
			}
		]);
		expect(await engine.query('SELECT count(exit_date) AS n FROM persons')).toEqual([{ n: 0 }]);
	});
});
