import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '$lib/core/engine';
import { loadDataset } from '$lib/core/dataset/load';
import { createNodeEngine } from '$lib/engine/node';

/** A duckdb-wasm engine (the browser's engine, in Node) with every CSV of an example dataset folder loaded. */
export async function openExample(dir: string): Promise<Engine> {
	const engine = await createNodeEngine();
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.csv'))
		.map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(dir, name))) }));
	await loadDataset(engine, files);
	return engine;
}
