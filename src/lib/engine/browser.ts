import type { Table } from 'apache-arrow';
import * as duckdb from '@duckdb/duckdb-wasm';
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
 * the app must never reach another origin. This module is only ever imported dynamically, in the
 * browser; duckdb-wasm is imported statically here so both chunks download at once.
 */
export async function createBrowserEngine(
	onProgress?: (p: StartProgress) => void,
	stallMs = 45_000
): Promise<Engine> {
	if (typeof WebAssembly === 'undefined') throw new Error('WebAssembly is not available in this browser.');
	const bundle = await duckdb.selectBundle({
		mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
		eh: { mainModule: ehWasm, mainWorker: ehWorker }
	});
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	onProgress?.({ stage: 'download', fraction: 0 });
	await new Promise<void>((resolve, reject) => {
		let timer = setTimeout(stalled, stallMs);
		function stalled() {
			fail(new Error(`The engine did not finish starting: no progress for ${stallMs / 1000} s.`));
		}
		function fail(e: unknown) {
			clearTimeout(timer);
			reject(e);
		}
		// duckdb-wasm never settles instantiate() when its worker cannot fetch the wasm, so probe the
		// file alongside it, and fail on worker errors or a stalled download.
		fetch(bundle.mainModule, { method: 'HEAD' }).then(
			(probe) => {
				if (!probe.ok) fail(new Error(`The engine file could not be loaded (HTTP ${probe.status}).`));
			},
			(e: unknown) => fail(new Error(`The engine file could not be loaded (${String(e)}).`))
		);
		worker.addEventListener('error', (e) => fail(new Error(`The engine worker failed: ${e.message}`)));
		db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
			clearTimeout(timer);
			timer = setTimeout(stalled, stallMs);
			const fraction = p.bytesTotal > 0 ? p.bytesLoaded / p.bytesTotal : null;
			onProgress?.({ stage: fraction === 1 ? 'compile' : 'download', fraction });
		}).then(() => {
			clearTimeout(timer);
			resolve();
		}, fail);
	}).catch((e: unknown) => {
		worker.terminate();
		throw e;
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
		async insertArrowIpc(table: string, ipc: Uint8Array) {
			// The worker takes ownership of (detaches) the whole underlying buffer: send a copy,
			// so a view into a larger file stays readable for the caller.
			await conn.insertArrowFromIPCStream(ipc.slice(), { name: table, create: false });
		},
		async close() {
			await conn.close();
			await db.terminate();
			worker.terminate();
		}
	};
}
