import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Engine, Row } from '$lib/core/engine';
import type { ImportFile } from '$lib/core/import/import-dataset';
import { createNodeEngine } from '$lib/engine/node';
import { TABLES } from '$lib/core/schema/tables';
import { readCsvFolder } from '../../../scripts/lib/csv-folder';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/import');

export const fixture = (rel: string, as?: string): ImportFile => ({
	name: as ?? path.basename(rel),
	bytes: new Uint8Array(readFileSync(path.join(FIXTURES, rel)))
});

/** Every CSV file of a fixture folder. */
export const fixtureDir = (rel: string): ImportFile[] => readCsvFolder(path.join(FIXTURES, rel));

/** Every canonical table's rows, in a stable order. */
export async function dumpCanonical(engine: Engine): Promise<Record<string, Row[]>> {
	const out: Record<string, Row[]> = {};
	for (const t of TABLES) out[t.name] = await engine.query(`SELECT * FROM "${t.name}" ORDER BY ALL`);
	return out;
}

/** A dataset of about `rows` data rows from scripts/generate-scale.js, in a temporary folder. */
export function generatedDataset(rows: number): { files: ImportFile[]; remove: () => void } {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'utfall-generated-'));
	execFileSync(process.execPath, ['scripts/generate-scale.js', '--rows', String(rows), '--out', dir]);
	const files = readCsvFolder(dir);
	return { files, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For the tests of one file: a generated dataset of about `rows` rows and a fresh duckdb-wasm
 * engine, made before the tests and removed after them. Read its fields inside the tests.
 */
export function generatedSuite(rows: number): { engine: Engine; files: ImportFile[] } {
	const suite = { remove: () => {} } as { engine: Engine; files: ImportFile[]; remove: () => void };
	beforeAll(async () => {
		Object.assign(suite, generatedDataset(rows));
		suite.engine = await createNodeEngine();
	}, 60_000);
	afterAll(async () => {
		await suite.engine?.close();
		suite.remove();
	});
	return suite;
}
