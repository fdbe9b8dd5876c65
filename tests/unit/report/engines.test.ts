import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Report } from '$lib/core/report/types';

const run = promisify(execFile);

/** Every example dataset: a folder under datasets/ with a dataset.json. */
const DATASETS = fs
	.readdirSync('datasets')
	.filter((d) => fs.existsSync(path.join('datasets', d, 'dataset.json')))
	.sort();

/** The report command's JSON on one engine, without the time it was generated. */
async function report(folder: string, engine: 'wasm' | 'native'): Promise<Omit<Report, 'generated'>> {
	const { stdout } = await run(
		'npx',
		['tsx', 'scripts/report.ts', folder, '--format', 'json', '--as-of', '2024-12-31', '--engine', engine],
		{ encoding: 'utf8', timeout: 170_000, maxBuffer: 64 * 1024 * 1024 }
	);
	const { generated, ...rest } = JSON.parse(stdout) as Report;
	expect(typeof generated).toBe('string');
	return rest;
}

describe('report command: duckdb-wasm and native DuckDB agree', () => {
	it('has the three example datasets', () => {
		expect(DATASETS).toEqual(['prisma-ekero', 'samagera-torshalla', 'sig-eslov']);
	});

	for (const id of DATASETS) {
		it(`gives the identical report on ${id}`, async () => {
			const folder = path.join('datasets', id);
			const [wasm, native] = await Promise.all([report(folder, 'wasm'), report(folder, 'native')]);
			// not vacuous: the report has computed, unsuppressed values
			expect(wasm.indicators.length).toBeGreaterThan(0);
			expect(wasm.indicators.some((r) => !r.suppressed && r.value !== null)).toBe(true);
			expect(native).toEqual(wasm);
			// and byte for byte once serialised, so key order and number formatting agree too
			expect(JSON.stringify(native)).toBe(JSON.stringify(wasm));
		}, 180_000);
	}
});
