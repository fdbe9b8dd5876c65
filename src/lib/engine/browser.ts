import type { Table } from 'apache-arrow';
import { ENGINE_CONFIG, ENGINE_SETUP_SQL, type Engine, type Row } from '../core/engine';
import { arrowToRows } from '../core/arrow-rows';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export interface StartProgress {
	stage: 'download' | 'compile' | 'open';
	/** 0–1 where known. */
	fraction: number | null;
}

/**
 * AsyncDuckDB in a Web Worker, with every bundle file served from the app itself:
 * the app must never reach another origin.
 */
export async function createBrowserEngine(onProgress?: (p: StartProgress) => void): Promise<Engine> {
	const duckdb = await import('@duckdb/duckdb-wasm');
	const bundle = await duckdb.selectBundle({
		mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
		eh: { mainModule: ehWasm, mainWorker: ehWorker }
	});
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	onProgress?.({ stage: 'download', fraction: 0 });
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
		const fraction = p.bytesTotal > 0 ? p.bytesLoaded / p.bytesTotal : null;
		onProgress?.({ stage: fraction === 1 ? 'compile' : 'download', fraction });
	});
	onProgress?.({ stage: 'open', fraction: null });
	await db.open({ ...ENGINE_CONFIG, query: { ...ENGINE_CONFIG.query } });
	const conn = await db.connect();
	await conn.query(ENGINE_SETUP_SQL);
	return {
		async query<T extends Row>(sql: string) {
			return arrowToRows<T>((await conn.query(sql)) as unknown as Table);
		},
		async queryArrow(sql: string) {
			return (await conn.query(sql)) as unknown as Table;
		},
		async exec(sql: string) {
			await conn.query(sql);
		},
		async registerFile(name: string, data: Uint8Array) {
			await db.registerFileBuffer(name, data);
		},
		async dropFile(name: string) {
			await db.dropFile(name);
		},
		async close() {
			await conn.close();
			await db.terminate();
			worker.terminate();
		}
	};
}
