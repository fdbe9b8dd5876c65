import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { createNodeEngine } from '$lib/engine/node';
import { TABLES } from '$lib/core/schema/tables';
import {
	restoreTables,
	snapshotTables,
	SnapshotError,
	tableRowCounts,
	type TableSnapshot
} from '$lib/core/workspace/snapshot';
import { dump, loadExample } from './helpers';

let engine: Engine;
let before: Record<string, unknown[]>;
let snaps: TableSnapshot[];

beforeAll(async () => {
	engine = await createNodeEngine();
	await loadExample(engine);
	before = await dump(engine);
	snaps = await snapshotTables(engine);
});
afterAll(() => engine.close());

const expectCode = async (p: Promise<unknown>, code: string) => {
	const e = await p.then(
		() => null,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(SnapshotError);
	expect((e as SnapshotError).code).toBe(code);
};

describe('table snapshots (Arrow IPC)', () => {
	it('snapshots every canonical table with its row count', async () => {
		expect(snaps.map((s) => s.name)).toEqual(TABLES.map((t) => t.name));
		const counts = await tableRowCounts(engine);
		for (const s of snaps) expect(s.rows, s.name).toBe(counts[s.name]);
		expect(counts.persons).toBe(264);
		expect(counts.grades).toBeGreaterThan(1000);
	});

	it('restores every table identically, dates and NULLs included', async () => {
		await engine.exec('DELETE FROM persons; DELETE FROM grades; DROP TABLE events');
		await restoreTables(engine, snaps);
		const after = await dump(engine);
		for (const t of TABLES) expect(after[t.name], t.name).toEqual(before[t.name]);
		// The example has dates and NULLs worth checking explicitly.
		const persons = after.persons as { entry_date: unknown; exit_date: unknown }[];
		expect(persons.some((p) => p.exit_date === null)).toBe(true);
		expect(
			persons.every((p) => typeof p.entry_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.entry_date))
		).toBe(true);
		const types = await engine.query<{ column_name: string; data_type: string }>(
			"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'persons' ORDER BY ordinal_position"
		);
		expect(types.find((c) => c.column_name === 'entry_date')?.data_type).toBe('DATE');
		expect(types.find((c) => c.column_name === 'birth_year')?.data_type).toBe('INTEGER');
	});

	it('empties tables that have no snapshot', async () => {
		await restoreTables(
			engine,
			snaps.filter((s) => s.name !== 'surveys')
		);
		expect((await tableRowCounts(engine)).surveys).toBe(0);
		await restoreTables(engine, snaps);
		expect(await dump(engine)).toEqual(before);
	});

	it('leaves the current tables untouched when a snapshot is corrupt', async () => {
		const persons = snaps.find((s) => s.name === 'persons')!;
		const truncated = { ...persons, ipc: persons.ipc.subarray(0, Math.floor(persons.ipc.length / 2)) };
		await expect(restoreTables(engine, [...snaps.filter((s) => s !== persons), truncated])).rejects.toThrow(
			SnapshotError
		);
		const garbage = { ...persons, ipc: new Uint8Array(200).fill(7) };
		await expectCode(restoreTables(engine, [garbage]), 'snapshot_corrupt');
		expect(await dump(engine)).toEqual(before);
	});

	it('rejects a wrong row count, an unknown or doubled table and a wrong column type, changing nothing', async () => {
		const persons = snaps.find((s) => s.name === 'persons')!;
		await expectCode(restoreTables(engine, [{ ...persons, rows: 1 }]), 'snapshot_row_count');
		await expectCode(
			restoreTables(engine, [{ ...persons, name: 'nope' as never }]),
			'snapshot_unknown_table'
		);
		await expectCode(restoreTables(engine, [persons, persons]), 'snapshot_duplicate_table');
		const wrong = tableFromArrays({
			person_id: ['a'],
			cohort_id: ['c'],
			birth_year: ['not a year'],
			entry_date: ['x']
		});
		await expectCode(
			restoreTables(engine, [{ name: 'persons', rows: 1, ipc: tableToIPC(wrong, 'stream') }]),
			'snapshot_column_type'
		);
		const missing = tableFromArrays({ person_id: ['a'] });
		await expectCode(
			restoreTables(engine, [{ name: 'persons', rows: 1, ipc: tableToIPC(missing, 'stream') }]),
			'snapshot_missing_column'
		);
		expect(await dump(engine)).toEqual(before);
	});

	it('rolls back when the database rejects a value half-way, changing nothing', async () => {
		// Passes every Arrow check, then fails in SQL: 2^40 does not fit the INTEGER birth_year.
		const big = tableFromArrays({
			person_id: ['p1'],
			cohort_id: ['c1'],
			birth_year: new BigInt64Array([2n ** 40n]),
			entry_date: [new Date('2020-01-01T00:00:00Z')]
		});
		const ok = snaps.filter((s) => s.name !== 'persons');
		await expectCode(
			restoreTables(engine, [...ok, { name: 'persons', rows: 1, ipc: tableToIPC(big, 'stream') }]),
			'snapshot_insert_failed'
		);
		expect(await dump(engine)).toEqual(before);
	});

	it('reads a snapshot whose writer did not know an optional column yet (NULL) and ignores extra ones', async () => {
		const ledger = tableFromArrays({
			project_id: ['p'],
			date: ['2020-01-01'],
			entry: ['grant'],
			amount_sek: new Float64Array([1000]),
			future_column: ['x']
		});
		// A date as text is refused; DuckDB's own Arrow (a real date column) is read.
		const fromDuck = await engine.queryArrow(
			"SELECT 'p' AS project_id, DATE '2020-01-01' AS date, 'grant' AS entry, 1000.0::DOUBLE AS amount_sek, 'x' AS future_column"
		);
		await expectCode(
			restoreTables(engine, [{ name: 'fund_ledger', rows: 1, ipc: tableToIPC(ledger, 'stream') }]),
			'snapshot_column_type'
		);
		await restoreTables(engine, [{ name: 'fund_ledger', rows: 1, ipc: tableToIPC(fromDuck, 'stream') }]);
		expect(await engine.query('SELECT * FROM fund_ledger')).toEqual([
			{
				project_id: 'p',
				date: '2020-01-01',
				entry: 'grant',
				amount_sek: 1000,
				note: null,
				plan_version: null
			}
		]);
		await restoreTables(engine, snaps);
		expect(await dump(engine)).toEqual(before);
	});
});

describe('table snapshots on an engine without insertArrowIpc', () => {
	it('restores identically through SQL', async () => {
		const e = await createNodeEngine();
		try {
			await loadExample(e);
			const expected = await dump(e);
			const snapshots = await snapshotTables(e);
			const plain: Engine = { ...e, insertArrowIpc: undefined };
			await e.exec('DELETE FROM persons; DELETE FROM events');
			await restoreTables(plain, snapshots);
			expect(await dump(e)).toEqual(expected);
		} finally {
			await e.close();
		}
	});
});
