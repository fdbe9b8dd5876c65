// The bundled examples are loaded by the lean loader (core/dataset/load.ts: read_csv with the
// contract's types, no sniffing), users' files by the validating import. Both must give the same tables.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { importDataset } from '$lib/core/import/import-dataset';
import { createNodeEngine } from '$lib/engine/node';
import { openExample } from './example-engine';
import { dumpCanonical } from './import/helpers';

const ROOT = path.resolve(__dirname, '../../datasets');
const EXAMPLES = ['prisma-ekero', 'samagera-torshalla', 'sig-eslov'];
const engines: Engine[] = [];
afterAll(() => Promise.all(engines.map((e) => e.close())));

describe('the lean loader and the validating import agree on every example dataset', () => {
	for (const name of EXAMPLES)
		it(
			name,
			async () => {
				const dir = path.join(ROOT, name);
				const lean = await openExample(dir);
				const full = await createNodeEngine();
				engines.push(lean, full);
				const files = fs
					.readdirSync(dir)
					.filter((f) => f.endsWith('.csv'))
					.map((f) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(dir, f))) }));
				const imported = await importDataset(full, files);
				expect(imported.errors).toEqual([]);
				const tables = await dumpCanonical(lean);
				expect(Object.values(tables).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(1000);
				expect(tables).toEqual(await dumpCanonical(full));
			},
			60_000
		);
});
