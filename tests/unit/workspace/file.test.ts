import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { createNodeEngine } from '$lib/engine/node';
import { TABLES } from '$lib/core/schema/tables';
import {
	crc32,
	decodeWorkspace,
	encodeWorkspace,
	FORMAT_VERSION,
	MAGIC,
	readManifest,
	tryDecodeWorkspace,
	WorkspaceFileError,
	type Workspace
} from '$lib/core/workspace/file';
import { restoreTables, snapshotTables } from '$lib/core/workspace/snapshot';
import { dump, loadExample } from './helpers';

let engine: Engine;
let ws: Workspace;
let bytes: Uint8Array;
let before: Record<string, unknown[]>;

beforeAll(async () => {
	engine = await createNodeEngine();
	await loadExample(engine);
	before = await dump(engine);
	ws = {
		createdAt: '2025-05-01T10:00:00.000Z',
		datasets: [
			{
				id: 'local',
				title: 'Samagera Torshälla',
				savedAt: '2025-05-01T09:59:00.000Z',
				source: 'samagera-torshalla',
				tables: await snapshotTables(engine)
			}
		],
		mappings: { 'utfall.import.mapping.abc123': { table: 'persons', columns: { Löpnummer: 'person_id' } } },
		indicators: [{ id: 'my_indicator', title: { sv: 'Min', en: 'Mine' } }],
		ledgerEdits: { 'utfall.ledger.edits.v1': [{ date: '2024-01-01', amount_sek: -5 }] },
		settings: { k: 5 },
		storage: { 'utfall.something.else': 'raw text, not JSON' }
	};
	bytes = encodeWorkspace(ws);
});
afterAll(() => engine.close());

/** Manifest JSON → a file with the same blob area. */
function withManifest(edit: (m: Record<string, unknown>) => unknown): Uint8Array {
	const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
	const start = MAGIC.length + 4;
	const m = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + len)));
	const json = new TextEncoder().encode(JSON.stringify(edit(m) ?? m));
	const out = new Uint8Array(start + json.length + bytes.length - start - len);
	out.set(bytes.subarray(0, MAGIC.length));
	new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
	out.set(json, start);
	out.set(bytes.subarray(start + len), start + json.length);
	return out;
}

const codeOf = (b: Uint8Array): string => {
	const r = tryDecodeWorkspace(b);
	return r.ok ? 'ok' : r.code;
};

describe('workspace file', () => {
	it('starts with the magic line and round-trips everything', async () => {
		expect(new TextDecoder().decode(bytes.subarray(0, MAGIC.length))).toBe('UTFALL-WS1\n');
		const back = decodeWorkspace(bytes);
		expect(back.createdAt).toBe(ws.createdAt);
		expect(back.mappings).toEqual(ws.mappings);
		expect(back.indicators).toEqual(ws.indicators);
		expect(back.ledgerEdits).toEqual(ws.ledgerEdits);
		expect(back.settings).toEqual({ k: 5 });
		expect(back.storage).toEqual(ws.storage);
		expect(back.datasets).toHaveLength(1);
		const [d] = back.datasets;
		expect({ ...d, tables: undefined }).toEqual({ ...ws.datasets[0], tables: undefined });
		expect(d.tables.map((t) => [t.name, t.rows])).toEqual(ws.datasets[0].tables.map((t) => [t.name, t.rows]));
		for (const [i, t] of d.tables.entries()) expect(t.ipc).toEqual(ws.datasets[0].tables[i].ipc);

		// …and the tables it carries load back identically.
		await engine.exec(TABLES.map((t) => `DELETE FROM "${t.name}";`).join(''));
		await restoreTables(engine, d.tables);
		expect(await dump(engine)).toEqual(before);
	});

	it('reads the manifest alone without the tables', () => {
		const m = readManifest(bytes);
		expect(m.format).toBe(FORMAT_VERSION);
		expect(m.datasets[0].tables.find((t) => t.name === 'persons')?.rows).toBe(264);
	});

	it('refuses a truncated file anywhere with ws_truncated', () => {
		const manifestEnd =
			MAGIC.length + 4 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
		for (const cut of [
			3,
			MAGIC.length,
			MAGIC.length + 2,
			manifestEnd - 10,
			manifestEnd + 100,
			bytes.length - 1
		])
			expect(codeOf(bytes.subarray(0, cut)), `cut at ${cut}`).toBe('ws_truncated');
	});

	it('gives an exact code for each kind of damage', () => {
		expect(codeOf(new Uint8Array())).toBe('ws_empty');
		expect(codeOf(new TextEncoder().encode('person_id,cohort_id\nA,B\n'))).toBe('ws_not_workspace');
		expect(codeOf(new TextEncoder().encode('PK\u0003\u0004 a zip file, say'))).toBe('ws_not_workspace');

		const flipped = bytes.slice();
		flipped[flipped.length - 20] ^= 0xff;
		expect(codeOf(flipped)).toBe('ws_checksum');

		const longer = new Uint8Array(bytes.length + 3);
		longer.set(bytes);
		expect(codeOf(longer)).toBe('ws_trailing_bytes');

		const badJson = bytes.slice();
		badJson[MAGIC.length + 4] = '!'.charCodeAt(0);
		expect(codeOf(badJson)).toBe('ws_manifest_invalid');

		const hugeLength = bytes.slice();
		new DataView(hugeLength.buffer).setUint32(MAGIC.length, 0xfffffff0, true);
		expect(codeOf(hugeLength)).toBe('ws_manifest_invalid');

		expect(
			codeOf(
				withManifest((m) => {
					(m.datasets as { tables: { name: string }[] }[])[0].tables[0].name = 'not_a_table';
				})
			)
		).toBe('ws_manifest_invalid');
		expect(codeOf(withManifest((m) => ({ ...m, app: 'something-else' })))).toBe('ws_manifest_invalid');
		expect(
			codeOf(
				withManifest((m) => {
					(m.datasets as { tables: { offset: number }[] }[])[0].tables[0].offset =
						(m.blobBytes as number) - 1;
				})
			)
		).toBe('ws_blob_range');
	});

	it('refuses newer formats with ws_version_unsupported, and opens format 1 files without optional sections', () => {
		expect(codeOf(withManifest((m) => ({ ...m, format: FORMAT_VERSION + 1 })))).toBe(
			'ws_version_unsupported'
		);
		const next = bytes.slice();
		next.set(new TextEncoder().encode('UTFALL-WS2\n'), 0);
		expect(codeOf(next)).toBe('ws_version_unsupported');

		// A minimal format-1 file (as the first writer might have made it): only the required fields.
		const minimal = withManifest((m) => ({
			format: 1,
			app: 'utfall',
			createdAt: m.createdAt,
			blobBytes: m.blobBytes,
			datasets: m.datasets,
			addedByALaterMinorVersion: { ignored: true }
		}));
		const back = decodeWorkspace(minimal);
		expect(back.settings).toEqual({ k: 10 });
		expect(back.mappings).toEqual({});
		expect(back.indicators).toEqual([]);
		expect(back.datasets[0].tables).toHaveLength(TABLES.length);
	});

	it('throws WorkspaceFileError from decodeWorkspace', () => {
		expect(() => decodeWorkspace(bytes.subarray(0, 50))).toThrow(WorkspaceFileError);
	});

	it('computes the standard CRC-32', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});
});
