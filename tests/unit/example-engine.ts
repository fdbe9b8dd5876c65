import type { Engine } from '$lib/core/engine';
import { loadDataset } from '$lib/core/dataset/load';
import { readCsvFolder } from '../../scripts/lib/csv-folder';
import { createNodeEngine } from '$lib/engine/node';

/** A duckdb-wasm engine (the browser's engine, in Node) with every CSV of an example dataset folder loaded. */
export async function openExample(dir: string): Promise<Engine> {
	const engine = await createNodeEngine();
	await loadDataset(engine, readCsvFolder(dir));
	return engine;
}
