import type { Table } from 'apache-arrow';

/** A result row as plain JS: numbers, strings (DATE as 'YYYY-MM-DD'), booleans and null. */
export type Row = Record<string, unknown>;

/**
 * The one door between domain code and DuckDB. The browser implementation runs
 * AsyncDuckDB in a Web Worker; the Node one runs the duckdb-wasm blocking bundle,
 * so tests and the report command execute exactly the browser's engine.
 */
export interface Engine {
	/** Run one statement and return its rows as plain objects. */
	query<T extends Row = Row>(sql: string): Promise<T[]>;
	/** Run one statement and return the Arrow table. */
	queryArrow(sql: string): Promise<Table>;
	/** Run statements whose results are not needed (DDL, BEGIN/COMMIT, …). */
	exec(sql: string): Promise<void>;
	/** Make bytes readable by SQL under `name` (e.g. read_csv('name')). */
	registerFile(name: string, data: Uint8Array): Promise<void>;
	dropFile(name: string): Promise<void>;
	/**
	 * Append the rows of an Arrow IPC stream (apache-arrow `tableToIPC(t, 'stream')`) to the
	 * existing table `table`, column by position. Runs on the engine's one connection, so inside
	 * an open transaction. An empty stream is a no-op. Optional: engines without it get the rows
	 * as SQL (see core/workspace/snapshot.ts).
	 */
	insertArrowIpc?(table: string, ipc: Uint8Array): Promise<void>;
	close(): Promise<void>;
}

/** Engine settings shared by every implementation: no extension may be fetched at run time. */
export const ENGINE_CONFIG = {
	query: { castBigIntToDouble: true, castDecimalToDouble: true },
	autoLoadExtensions: false,
	autoInstallExtensions: false
} as const;

/** Run once on every new connection: the config flags alone leave autoload on in some builds. */
export const ENGINE_SETUP_SQL =
	'SET autoload_known_extensions = false; SET autoinstall_known_extensions = false;';

/** Quote an SQL string literal. */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** Quote an SQL identifier. */
export const sqlIdent = (s: string): string => `"${s.replaceAll('"', '""')}"`;
