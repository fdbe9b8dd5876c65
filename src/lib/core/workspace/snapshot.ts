import { tableFromIPC, tableToIPC, Type, type DataType, type Dictionary, type Table } from 'apache-arrow';
import { arrowToRows } from '../arrow-rows';
import { sqlIdent, sqlString, type Engine } from '../engine';
import { createTableSql } from '../schema/ddl';
import { duckdbType, TABLES, type ColumnSpec, type TableName, type TableSpec } from '../schema/tables';

/** One canonical table as an Arrow IPC stream. */
export interface TableSnapshot {
	name: TableName;
	rows: number;
	/** `tableToIPC(table, 'stream')` of `SELECT * FROM name`. */
	ipc: Uint8Array;
}

/** Why a snapshot set cannot be restored; nothing was changed when this is thrown. */
export type SnapshotErrorCode =
	| 'snapshot_unknown_table'
	| 'snapshot_duplicate_table'
	| 'snapshot_corrupt'
	| 'snapshot_row_count'
	| 'snapshot_missing_column'
	| 'snapshot_column_type'
	| 'snapshot_insert_failed';

export class SnapshotError extends Error {
	constructor(
		readonly code: SnapshotErrorCode,
		readonly table: string,
		detail: string
	) {
		super(`${code} (${table}): ${detail}`);
		this.name = 'SnapshotError';
	}
}

/** Every canonical table as Arrow IPC bytes, in the order of TABLES. */
export async function snapshotTables(engine: Engine): Promise<TableSnapshot[]> {
	const out: TableSnapshot[] = [];
	for (const t of TABLES) {
		const cols = t.columns.map((c) => sqlIdent(c.name)).join(', ');
		const table = await engine.queryArrow(`SELECT ${cols} FROM ${sqlIdent(t.name)}`);
		out.push({ name: t.name, rows: table.numRows, ipc: tableToIPC(table, 'stream') });
	}
	return out;
}

/** Arrow types a snapshot column may have for a canonical column type (older or newer writers included). */
function compatible(c: ColumnSpec, type: DataType): boolean {
	if (type.typeId === Type.Null) return true;
	// Dictionary-encoded text (as apache-arrow's own builders make it) is text.
	if (type.typeId === Type.Dictionary) return compatible(c, (type as Dictionary).dictionary);
	switch (duckdbType(c)) {
		case 'VARCHAR':
			return type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8;
		case 'DATE':
			return type.typeId === Type.Date || type.typeId === Type.Timestamp;
		case 'INTEGER':
			return type.typeId === Type.Int;
		case 'DOUBLE':
			return type.typeId === Type.Float || type.typeId === Type.Int || type.typeId === Type.Decimal;
		default:
			return false;
	}
}

/** SQL type to stage an Arrow column as, before casting it into the canonical table. */
function stageType(type: DataType): string {
	switch (type.typeId) {
		case Type.Dictionary:
			return stageType((type as Dictionary).dictionary);
		case Type.Utf8:
		case Type.LargeUtf8:
			return 'VARCHAR';
		case Type.Date:
			return 'DATE';
		case Type.Timestamp:
			return 'TIMESTAMP';
		case Type.Int:
			return 'BIGINT';
		case Type.Float:
		case Type.Decimal:
			return 'DOUBLE';
		default:
			// Null-typed columns (every value NULL) and anything else.
			return 'VARCHAR';
	}
}

interface Checked {
	spec: TableSpec;
	snapshot: TableSnapshot;
	table: Table;
}

/** Decode and check every snapshot in JS before the database is touched. */
function check(snapshots: readonly TableSnapshot[]): Checked[] {
	const seen = new Set<string>();
	const out: Checked[] = [];
	for (const s of snapshots) {
		const spec = TABLES.find((t) => t.name === s.name);
		if (!spec) throw new SnapshotError('snapshot_unknown_table', s.name, 'not a canonical table');
		if (seen.has(s.name)) throw new SnapshotError('snapshot_duplicate_table', s.name, 'given twice');
		seen.add(s.name);
		let table: Table;
		try {
			table = tableFromIPC(s.ipc);
			// Touch every batch so a truncated body fails here, not half-way through the insert.
			void table.numRows;
		} catch (e) {
			throw new SnapshotError('snapshot_corrupt', s.name, e instanceof Error ? e.message : String(e));
		}
		if (table.numRows !== s.rows)
			throw new SnapshotError(
				'snapshot_row_count',
				s.name,
				`expected ${s.rows} rows, found ${table.numRows}`
			);
		for (const c of spec.columns) {
			const field = table.schema.fields.find((f) => f.name === c.name);
			// A column the writer did not know yet may be absent if it is optional: it becomes NULL.
			if (!field) {
				if (c.required && table.numRows > 0)
					throw new SnapshotError('snapshot_missing_column', s.name, `column ${c.name} is missing`);
				continue;
			}
			if (!compatible(c, field.type))
				throw new SnapshotError('snapshot_column_type', s.name, `column ${c.name} has type ${field.type}`);
		}
		out.push({ spec, snapshot: s, table });
	}
	return out;
}

const STAGE_PREFIX = '__utfall_restore_';

/**
 * Replace the canonical tables with the snapshots, wholly or not at all: every snapshot is decoded
 * and checked first, then all tables are recreated and filled in one transaction. Canonical tables
 * without a snapshot become empty. Throws SnapshotError and leaves the tables as they were.
 */
export async function restoreTables(engine: Engine, snapshots: readonly TableSnapshot[]): Promise<void> {
	const checked = check(snapshots);
	await engine.exec('BEGIN TRANSACTION');
	try {
		for (const t of TABLES) await engine.exec(createTableSql(t));
		for (const { spec, snapshot, table } of checked) {
			if (table.numRows === 0) continue;
			const fields = table.schema.fields;
			const stage = STAGE_PREFIX + spec.name;
			await engine.exec(
				`CREATE OR REPLACE TEMP TABLE ${sqlIdent(stage)} (${fields
					.map((f) => `${sqlIdent(f.name)} ${stageType(f.type)}`)
					.join(', ')})`
			);
			try {
				if (engine.insertArrowIpc) await engine.insertArrowIpc(stage, snapshot.ipc);
				else await insertAsSql(engine, stage, table);
			} catch (e) {
				throw new SnapshotError(
					'snapshot_insert_failed',
					spec.name,
					e instanceof Error ? e.message : String(e)
				);
			}
			const names = new Set(fields.map((f) => f.name));
			const select = spec.columns
				.map((c) =>
					names.has(c.name)
						? `CAST(${sqlIdent(c.name)} AS ${duckdbType(c)})`
						: `CAST(NULL AS ${duckdbType(c)})`
				)
				.join(', ');
			await engine.exec(`INSERT INTO ${sqlIdent(spec.name)} SELECT ${select} FROM ${sqlIdent(stage)}`);
			await engine.exec(`DROP TABLE ${sqlIdent(stage)}`);
			const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${sqlIdent(spec.name)}`);
			if (n !== snapshot.rows)
				throw new SnapshotError('snapshot_row_count', spec.name, `inserted ${n} of ${snapshot.rows} rows`);
		}
		await engine.exec('COMMIT');
	} catch (e) {
		await engine.exec('ROLLBACK');
		if (e instanceof SnapshotError) throw e;
		throw new SnapshotError('snapshot_insert_failed', '', e instanceof Error ? e.message : String(e));
	}
}

const literal = (v: unknown): string => {
	if (v === null || v === undefined) return 'NULL';
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
	if (typeof v === 'bigint') return v.toString();
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
	return sqlString(String(v));
};

/** For engines without insertArrowIpc: the rows as INSERT … VALUES, a few hundred at a time. */
async function insertAsSql(engine: Engine, stage: string, table: Table): Promise<void> {
	const rows = arrowToRows(table);
	const names = table.schema.fields.map((f) => f.name);
	for (let i = 0; i < rows.length; i += 500) {
		const values = rows
			.slice(i, i + 500)
			.map((r) => `(${names.map((n) => literal(r[n])).join(', ')})`)
			.join(', ');
		await engine.exec(`INSERT INTO ${sqlIdent(stage)} VALUES ${values}`);
	}
}

/** Row counts of the canonical tables now loaded. */
export async function tableRowCounts(engine: Engine): Promise<Record<TableName, number>> {
	const sql = TABLES.map(
		(t) => `SELECT ${sqlString(t.name)} AS name, count(*) AS n FROM ${sqlIdent(t.name)}`
	).join(' UNION ALL ');
	const rows = await engine.query<{ name: TableName; n: number }>(sql);
	return Object.fromEntries(rows.map((r) => [r.name, r.n])) as Record<TableName, number>;
}
