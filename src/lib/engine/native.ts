import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	DuckDBDateValue,
	DuckDBDecimalValue,
	DuckDBInstance,
	DuckDBTimestampValue,
	DuckDBTypeId,
	type DuckDBResultReader,
	type DuckDBType,
	type DuckDBValue
} from '@duckdb/node-api';
import {
	Bool,
	DateDay,
	Float32,
	Float64,
	Int16,
	Int32,
	Int8,
	Table,
	TimestampMillisecond,
	Uint16,
	Uint32,
	Uint8,
	Utf8,
	vectorFromArray,
	type DataType,
	type Vector
} from 'apache-arrow';
import { ENGINE_SETUP_SQL, sqlString, type Engine, type Row } from '../core/engine';

export interface NativeEngineOptions {
	/** DuckDB worker threads; 1 makes comparisons with the single-threaded wasm engine fair. */
	threads?: number;
	/** DuckDB memory_limit, e.g. '8GB'; DuckDB's default (80 % of RAM) when omitted. */
	memoryLimit?: string;
}

const MS_PER_DAY = 86_400_000;
const isoDay = (days: number): string => new Date(days * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * One DuckDB value → the plain JS the wasm engine gives (see arrow-rows.ts and ENGINE_CONFIG):
 * DATE as 'YYYY-MM-DD', TIMESTAMP as an ISO string, BIGINT/HUGEINT/DECIMAL as numbers, NULL as null.
 */
function toPlain(v: DuckDBValue): unknown {
	if (v === null || v === undefined) return null;
	if (typeof v === 'bigint') return Number(v);
	if (typeof v !== 'object') return v;
	if (v instanceof DuckDBDateValue) return isoDay(v.days);
	if (v instanceof DuckDBDecimalValue) return v.toDouble();
	if (v instanceof DuckDBTimestampValue) return new Date(Number(v.micros / 1000n)).toISOString();
	if ('items' in v && Array.isArray((v as { items: unknown }).items))
		return (v as { items: DuckDBValue[] }).items.map(toPlain);
	if ('entries' in v && typeof (v as { entries: unknown }).entries === 'object') {
		const out: Row = {};
		for (const [k, x] of Object.entries((v as { entries: Record<string, DuckDBValue> }).entries))
			out[k] = toPlain(x);
		return out;
	}
	return String(v);
}

/** Arrow type for a DuckDB column, as duckdb-wasm exports it with castBigIntToDouble/castDecimalToDouble. */
function arrowType(t: DuckDBType): DataType {
	switch (t.typeId) {
		case DuckDBTypeId.BOOLEAN:
			return new Bool();
		case DuckDBTypeId.TINYINT:
			return new Int8();
		case DuckDBTypeId.SMALLINT:
			return new Int16();
		case DuckDBTypeId.INTEGER:
			return new Int32();
		case DuckDBTypeId.UTINYINT:
			return new Uint8();
		case DuckDBTypeId.USMALLINT:
			return new Uint16();
		case DuckDBTypeId.UINTEGER:
			return new Uint32();
		case DuckDBTypeId.FLOAT:
			return new Float32();
		case DuckDBTypeId.DOUBLE:
		case DuckDBTypeId.BIGINT:
		case DuckDBTypeId.UBIGINT:
		case DuckDBTypeId.HUGEINT:
		case DuckDBTypeId.UHUGEINT:
		case DuckDBTypeId.DECIMAL:
			return new Float64();
		case DuckDBTypeId.VARCHAR:
		case DuckDBTypeId.ENUM:
		case DuckDBTypeId.UUID:
			return new Utf8();
		case DuckDBTypeId.DATE:
			return new DateDay();
		case DuckDBTypeId.TIMESTAMP:
			return new TimestampMillisecond();
		default:
			throw new Error(
				`queryArrow on the native engine is not supported for ${t.toString()} columns; use query()`
			);
	}
}

/** A reader call whose first argument is a string literal: read_csv('name', …) and kin. */
const READER_CALL =
	/\b(read_csv|read_csv_auto|sniff_csv|read_text|read_blob|read_json|read_json_auto|read_parquet)\s*\(\s*'((?:[^']|'')*)'/gi;

/** A registered name → a path inside `dir`; names are relative, without '..', NUL or glob characters. */
function privatePath(dir: string, name: string): string {
	if (
		!name ||
		path.isAbsolute(name) ||
		/[\0*?[\]{}]/.test(name) ||
		name.split(/[\\/]/).some((part) => part === '..' || part === '')
	)
		throw new Error(`registerFile: unsupported file name ${JSON.stringify(name)}`);
	return path.join(dir, name);
}

/**
 * Native DuckDB through @duckdb/node-api, behind the same Engine interface as the wasm engines:
 * for data larger than a browser holds (the report command with --engine native, benchmarks).
 *
 * registerFile writes the bytes into a private temporary directory. Domain SQL is unchanged: a
 * reader call naming a registered file (`read_csv('name', …)`, read_csv_auto, sniff_csv, read_text,
 * read_blob, read_json, read_parquet) has that literal replaced by the file's absolute path before
 * the statement runs, because DuckDB resolves a relative name against the working directory
 * before `file_search_path` (which also points at the private directory, as a fallback for other
 * forms). Extension autoload and autoinstall are off. queryArrow builds an Arrow table from
 * the result for scalar column types (as duckdb-wasm exports them: BIGINT/DECIMAL as Float64) and
 * throws "not supported" for nested types. close() removes the temporary directory.
 */
export async function createNativeEngine(options: NativeEngineOptions = {}): Promise<Engine> {
	const threads = options.threads ?? 1;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utfall-duckdb-'));
	const settings: Record<string, string> = {
		threads: String(threads),
		autoload_known_extensions: 'false',
		autoinstall_known_extensions: 'false',
		temp_directory: path.join(dir, '.spill')
	};
	if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
	let instance: DuckDBInstance;
	try {
		instance = await DuckDBInstance.create(':memory:', settings);
	} catch (e) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	const conn = await instance.connect();
	try {
		// Not accepted as a startup option, so set once, on the engine's only connection, before any domain SQL runs.
		await conn.run(`SET file_search_path = ${sqlString(dir)}; ${ENGINE_SETUP_SQL}`);
	} catch (e) {
		conn.closeSync();
		instance.closeSync();
		fs.rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	const registered = new Set<string>();
	let closed = false;

	/**
	 * DuckDB looks a relative name up in the working directory before file_search_path, so a file
	 * of the same name there would shadow a registered one: the first argument of a reader call
	 * that names a registered file is therefore replaced by its absolute path.
	 */
	const resolve = (sql: string): string =>
		registered.size === 0
			? sql
			: sql.replace(READER_CALL, (call, fn: string, literal: string) => {
					const name = literal.replaceAll("''", "'");
					return registered.has(name) ? `${fn}(${sqlString(path.join(dir, name))}` : call;
				});
	const read = (sql: string): Promise<DuckDBResultReader> => conn.runAndReadAll(resolve(sql));

	return {
		async query<T extends Row>(sql: string) {
			const reader = await read(sql);
			const names = reader.columnNames();
			const rows = reader.getRows();
			const out: T[] = new Array(rows.length);
			for (let i = 0; i < rows.length; i++) {
				const row: Row = {};
				const r = rows[i];
				for (let j = 0; j < names.length; j++) row[names[j]] = toPlain(r[j]);
				out[i] = row as T;
			}
			return out;
		},
		async queryArrow(sql: string) {
			const reader = await read(sql);
			const names = reader.columnNames();
			const types = reader.columnTypes().map(arrowType);
			const columns = reader.getColumns();
			const vectors: Record<string, Vector> = {};
			names.forEach((name, j) => {
				const type = types[j];
				const values = columns[j].map((v) => {
					if (v === null || v === undefined) return null;
					if (v instanceof DuckDBDateValue) return new Date(v.days * MS_PER_DAY);
					if (v instanceof DuckDBTimestampValue) return new Date(Number(v.micros / 1000n));
					return toPlain(v);
				});
				vectors[name] = vectorFromArray(values as never[], type);
			});
			return new Table(vectors);
		},
		async exec(sql: string) {
			await conn.run(resolve(sql));
		},
		async registerFile(name: string, data: Uint8Array) {
			const file = privatePath(dir, name);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, data);
			registered.add(name);
		},
		async dropFile(name: string) {
			if (!registered.delete(name)) return;
			fs.rmSync(privatePath(dir, name), { force: true });
		},
		async close() {
			if (closed) return;
			closed = true;
			try {
				conn.closeSync();
				instance.closeSync();
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
