// A file longer than one JavaScript string is decoded and scanned in pieces (decodePieces,
// RecordScanner). Here a generated dataset of some 30,000 rows is read both ways, with pieces
// small enough that records are cut at piece ends hundreds of times.
import { describe, expect, it } from 'vitest';
import { importDataset } from '$lib/core/import/import-dataset';
import { dumpCanonical, generatedSuite } from './helpers';

const PIECES = { wholeUpTo: 0, pieceBytes: 4099 };
const suite = generatedSuite(30_000);

describe('a generated dataset read in pieces', () => {
	it('loads to the same tables and report as read whole', async () => {
		const { engine, files } = suite;
		const events = files.find((f) => f.name === 'events.csv')!;
		// The file spans many pieces and more than the sniffer's sample.
		expect(events.bytes.length).toBeGreaterThan(100 * PIECES.pieceBytes);
		const whole = await importDataset(engine, files, { thisYear: 2025 });
		expect(whole.errors).toEqual([]);
		const tables = await dumpCanonical(engine);
		expect(tables.events.length).toBeGreaterThan(10_000);
		const pieces = await importDataset(engine, files, { thisYear: 2025, pieces: PIECES });
		expect(pieces).toEqual(whole);
		expect(await dumpCanonical(engine)).toEqual(tables);
	}, 60_000);

	it('names the same line for a bad value near the end of a long file', async () => {
		const { engine, files } = suite;
		const events = files.find((f) => f.name === 'events.csv')!;
		const lines = new TextDecoder().decode(events.bytes).split('\n');
		// Counted independently: line k of the file is lines[k - 1].
		const line = lines.length - 5;
		const cells = lines[line - 1].split(',');
		cells[1] = '2016-02-30';
		lines[line - 1] = cells.join(',');
		const broken = { name: 'events.csv', bytes: new TextEncoder().encode(lines.join('\n')) };
		const others = files.filter((f) => f.name !== 'events.csv');
		const expected = { code: 'date_invalid', file: 'events.csv', line, column: 'date', value: '2016-02-30' };
		for (const options of [{}, { pieces: PIECES }]) {
			const r = await importDataset(engine, [...others, broken], { thisYear: 2025, ...options });
			expect(r.ok).toBe(false);
			expect(r.errors).toEqual([expect.objectContaining(expected)]);
		}
	}, 60_000);
});
