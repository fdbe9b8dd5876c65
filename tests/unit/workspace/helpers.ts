import type { Engine } from '$lib/core/engine';
import { loadDataset } from '$lib/core/dataset/load';
import { readCsvFolder } from '../../../scripts/lib/csv-folder';
import { TABLES } from '$lib/core/schema/tables';

export const DATASET = 'datasets/samagera-torshalla';

export async function loadExample(engine: Engine): Promise<void> {
	await loadDataset(engine, readCsvFolder(DATASET));
}

/** Every canonical table's rows, sorted, as plain objects. */
export async function dump(engine: Engine): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const t of TABLES) out[t.name] = await engine.query(`SELECT * FROM "${t.name}" ORDER BY ALL`);
	return out;
}
