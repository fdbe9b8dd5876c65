import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine, Row } from '$lib/core/engine';
import type { ImportFile } from '$lib/core/import/import-dataset';
import { TABLES } from '$lib/core/schema/tables';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/import');

export const fixture = (rel: string, as?: string): ImportFile => ({
	name: as ?? path.basename(rel),
	bytes: new Uint8Array(readFileSync(path.join(FIXTURES, rel)))
});

/** Every CSV file of a fixture folder. */
export const fixtureDir = (rel: string): ImportFile[] =>
	readdirSync(path.join(FIXTURES, rel))
		.filter((f) => f.endsWith('.csv'))
		.sort()
		.map((f) => fixture(path.join(rel, f)));

/** Every canonical table's rows, in a stable order. */
export async function dumpCanonical(engine: Engine): Promise<Record<string, Row[]>> {
	const out: Record<string, Row[]> = {};
	for (const t of TABLES) out[t.name] = await engine.query(`SELECT * FROM "${t.name}" ORDER BY ALL`);
	return out;
}
