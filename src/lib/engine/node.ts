import { createRequire } from 'node:module';
import path from 'node:path';
import { Table, tableFromIPC } from 'apache-arrow';
import { ENGINE_CONFIG, ENGINE_SETUP_SQL, type Engine, type Row } from '../core/engine';
import { arrowToRows } from '../core/arrow-rows';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

/**
 * duckdb-wasm's blocking bundle in Node: the same wasm the browser runs, without a worker.
 * Used by tests and the report command.
 */
export async function createNodeEngine(): Promise<Engine> {
	const require = createRequire(import.meta.url);
	const duckdb: Blocking = require('@duckdb/duckdb-wasm/blocking');
	const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
	const db = await duckdb.createDuckDB(
		{
			mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
			eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' }
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	db.open({ ...ENGINE_CONFIG, query: { ...ENGINE_CONFIG.query } });
	// The blocking bundle require()s apache-arrow's CommonJS build: its tables are not instances of
	// the ESM classes app code imports, so tableToIPC & co. would not recognise them. Re-home them.
	const cjsArrow: typeof import('apache-arrow') = require('apache-arrow');
	const ownTable = (t: unknown): Table =>
		t instanceof Table ? t : tableFromIPC(cjsArrow.tableToIPC(t as Table, 'stream'));
	const conn = db.connect();
	conn.query(ENGINE_SETUP_SQL);
	return {
		async query<T extends Row>(sql: string) {
			return arrowToRows<T>(conn.query(sql) as unknown as Table);
		},
		async queryArrow(sql: string) {
			return ownTable(conn.query(sql));
		},
		async exec(sql: string) {
			conn.query(sql);
		},
		async registerFile(name: string, data: Uint8Array) {
			db.registerFileBuffer(name, data);
		},
		async dropFile(name: string) {
			db.dropFile(name);
		},
		async insertArrowIpc(table: string, ipc: Uint8Array) {
			conn.insertArrowFromIPCStream(ipc, { name: table, create: false });
		},
		async close() {
			conn.close();
			db.reset();
		}
	};
}
