// When the engine runs out of memory the import says so, with what the user can do, instead of a
// bare "the import failed" (a 40M-row dataset in Chromium ended like that), and nothing changes.
import { describe, expect, it } from 'vitest';
import { failureIssue } from '$lib/core/import';
import { importDataset } from '$lib/core/import/import-dataset';
import { dumpCanonical, fixtureDir, generatedSuite } from './helpers';

const suite = generatedSuite(30_000);

describe('an import the engine has no memory for', () => {
	it('is refused as out_of_memory with the engine message, and the earlier data stays', async () => {
		const { engine, files } = suite;
		expect((await importDataset(engine, fixtureDir('good/comma-utf8'), { thisYear: 2025 })).ok).toBe(true);
		const before = await dumpCanonical(engine);
		const [{ limit }] = await engine.query<{ limit: string }>(
			"SELECT current_setting('memory_limit') AS limit"
		);
		// The same limit the browser meets at about 3.1 GiB, made small enough for this dataset.
		await engine.exec("SET memory_limit = '2MB'");
		let result;
		try {
			result = await importDataset(engine, files, { thisYear: 2025 });
		} finally {
			await engine.exec(`SET memory_limit = '${limit}'`);
		}
		expect(result.ok).toBe(false);
		expect(result.errors.map((e) => e.code)).toEqual(['out_of_memory']);
		expect(result.errors[0].detail).toMatch(/^Out of Memory Error: could not allocate/);
		expect(await dumpCanonical(engine)).toEqual(before);
		const temp = await engine.query(
			"SELECT table_name FROM information_schema.tables WHERE table_name LIKE '__import%'"
		);
		expect(temp).toEqual([]);
		// With its memory back the engine takes the same files.
		expect((await importDataset(engine, files, { thisYear: 2025 })).errors).toEqual([]);
	});
});

describe('failureIssue', () => {
	it.each([
		[
			'Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)',
			'out_of_memory'
		],
		['RangeError: Array buffer allocation failed', 'out_of_memory'],
		['RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded', 'out_of_memory'],
		['Catalog Error: Table with name x does not exist!', 'import_failed'],
		['simulated failure', 'import_failed']
	])('%s → %s', (message, code) => {
		expect(failureIssue(new Error(message))).toEqual({ code, severity: 'error', detail: message });
	});

	it('keeps at most 500 characters of a long message', () => {
		expect(failureIssue('x'.repeat(2000)).detail).toHaveLength(500);
	});
});
