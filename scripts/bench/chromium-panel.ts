// The built-in panel in headless Chromium, on the exact SQL the app compiles (panel-sql.ts):
// a blank same-origin page of the built site starts the duckdb-wasm worker and wasm files the
// build ships through the worker's own message protocol (as the instantiation benchmark in
// browser.ts does), opens it with the app's ENGINE_CONFIG and ENGINE_SETUP_SQL, fetches the CSV
// files of a dataset (served by the benchmark, outside the timed load), replays loadDataset's
// statements (REGISTER_FILE_BUFFER of each file, read_csv INSERTs into the canonical tables), then
// runs the captured statements one after another. Each statement is timed from RUN_QUERY to its
// rows materialised in the page (apache-arrow's tableFromIPC and a row loop, as the app's browser
// engine does), and its result checksummed like the Node engines' (rows, sums of n, numerator, value).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launch } from '../../tests/e2e/browser';
import { createStaticServer } from '../serve.js';
import { ENGINE_CONFIG, ENGINE_SETUP_SQL } from '../../src/lib/core/engine';
import { freshPage, shippedEngine, site } from './browser';
import type { Checksum, PanelSql } from './panel-sql';

export interface ChromiumPanelRun {
	instantiateMs: number;
	/** Fetching the CSV files into the page (not part of the load time). */
	fetchMs: number;
	/** loadDataset's statements: register the buffers, read_csv into the canonical tables. */
	loadMs: number;
	/** All captured panel statements, one after another. */
	panelMs: number;
	sql: { ms: number; checksum: Checksum }[];
	/** performance.memory.usedJSHeapSize of the page after the panel (the worker's wasm memory not included). */
	heapMb: number;
}

const DATA = '/__bench-data/';

/** The built site, plus the dataset's CSV files under /__bench-data/ (same origin). */
async function serveWithData(folder: string): Promise<{ url: string; close: () => Promise<void> }> {
	const siteServer = createStaticServer(site());
	const server = http.createServer((req, res) => {
		const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
		if (!pathname.startsWith(DATA)) return void siteServer.emit('request', req, res);
		const name = pathname.slice(DATA.length);
		const file = path.join(path.resolve(folder), name);
		if (name.includes('/') || !fs.existsSync(file)) {
			res.writeHead(404);
			return void res.end();
		}
		res.writeHead(200, { 'content-type': 'text/csv', 'content-length': fs.statSync(file).size });
		fs.createReadStream(file).pipe(res);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	return { url, close: () => new Promise((r) => server.close(() => r())) };
}

// In-page code is passed as text (tsx would otherwise wrap functions in helpers the page lacks);
// the placeholders __X__ are replaced by JSON values.
const IN_PAGE_PANEL = `(async () => {
	const WORKER = __WORKER__, WASM = __WASM__, CONFIG = __CONFIG__, SETUP = __SETUP__;
	const LOAD = __LOAD__, STATEMENTS = __STATEMENTS__, DATA = __DATA__;
	const t0 = performance.now();
	const w = new Worker(WORKER);
	let next = 0;
	const call = (type, data, transfer) =>
		new Promise((resolve, reject) => {
			const id = next++;
			const onMessage = (e) => {
				const m = e.data;
				if (m.requestId !== id || m.type === 'INSTANTIATE_PROGRESS' || m.type === 'LOG') return;
				w.removeEventListener('message', onMessage);
				if (m.type === 'ERROR') reject(new Error(typeof m.data === 'string' ? m.data : JSON.stringify(m.data)));
				else resolve(m.data);
			};
			w.addEventListener('message', onMessage);
			w.addEventListener('error', (e) => reject(new Error(e.message)));
			w.postMessage({ messageId: id, type, data }, transfer || []);
		});
	await call('INSTANTIATE', [new URL(WASM, location.href).href, null]);
	await call('OPEN', CONFIG);
	const conn = await call('CONNECT', null);
	await call('RUN_QUERY', [conn, SETUP]);
	const instantiateMs = performance.now() - t0;

	const t1 = performance.now();
	const bytes = {};
	for (const o of LOAD)
		if (o.op === 'register')
			bytes[o.file] = new Uint8Array(await (await fetch(DATA + encodeURIComponent(o.file))).arrayBuffer());
	const fetchMs = performance.now() - t1;

	const t2 = performance.now();
	for (const o of LOAD) {
		if (o.op === 'exec') await call('RUN_QUERY', [conn, o.sql]);
		else if (o.op === 'register') {
			const b = bytes[o.file];
			delete bytes[o.file];
			await call('REGISTER_FILE_BUFFER', [o.name, b], [b.buffer]);
		} else await call('DROP_FILE', o.name);
	}
	const loadMs = performance.now() - t2;

	const sum = (rows, key) => rows.reduce((s, r) => s + (r[key] == null ? 0 : Number(r[key])), 0);
	const sql = [];
	const t3 = performance.now();
	for (const s of STATEMENTS) {
		const ts = performance.now();
		const table = Arrow.tableFromIPC(await call('RUN_QUERY', [conn, s]));
		const fields = table.schema.fields;
		const columns = fields.map((f) => table.getChild(f.name));
		const rows = new Array(table.numRows);
		for (let i = 0; i < table.numRows; i++) {
			const row = {};
			for (let j = 0; j < fields.length; j++) {
				const v = columns[j].get(i);
				row[fields[j].name] = typeof v === 'bigint' ? Number(v) : v;
			}
			rows[i] = row;
		}
		const ms = performance.now() - ts;
		sql.push({ ms, checksum: { rows: rows.length, n: sum(rows, 'n'), numerator: sum(rows, 'numerator'), value: sum(rows, 'value') } });
	}
	const panelMs = performance.now() - t3;
	const heapMb = (performance.memory ? performance.memory.usedJSHeapSize : 0) / 1048576;
	await call('DISCONNECT', conn).catch(() => {});
	w.terminate();
	return { instantiateMs, fetchMs, loadMs, panelMs, sql, heapMb };
})()`;

const ARROW_UMD = 'node_modules/apache-arrow/Arrow.es2015.min.js';

export interface ChromiumPanelSession {
	chromium: string;
	run(): Promise<ChromiumPanelRun>;
	close(): Promise<void>;
}

/** One browser and server for a dataset; every run() is a fresh browser context (empty cache). */
export async function chromiumPanelSession(
	folder: string,
	panelSql: PanelSql
): Promise<ChromiumPanelSession> {
	const { url, close } = await serveWithData(folder);
	let browser: Browser;
	try {
		browser = await launch();
	} catch (e) {
		await close();
		throw e;
	}
	const { worker, wasm } = shippedEngine();
	const values: Record<string, unknown> = {
		__WORKER__: worker,
		__WASM__: wasm,
		__CONFIG__: ENGINE_CONFIG,
		__SETUP__: ENGINE_SETUP_SQL,
		__LOAD__: panelSql.load,
		__STATEMENTS__: panelSql.statements.map((s) => s.sql),
		__DATA__: DATA
	};
	const script = IN_PAGE_PANEL.replace(/__[A-Z]+__/g, (k) => JSON.stringify(values[k]));
	const arrow = fs.readFileSync(ARROW_UMD, 'utf8');
	return {
		chromium: browser.version(),
		async run() {
			const page = await freshPage(browser);
			try {
				// a plain same-origin document (the server's 404 text), so nothing of the app runs
				await page.goto(url + '__bench-blank', { waitUntil: 'load' });
				await page.addScriptTag({ content: arrow });
				return (await page.evaluate(script)) as ChromiumPanelRun;
			} finally {
				await page.context().close();
			}
		},
		async close() {
			await browser.close().catch(() => {});
			await close();
		}
	};
}
