// Measurements in real headless Chromium (Debian's, via playwright-core) against the built site,
// served by scripts/serve.js. Nothing is added to the app: the page is driven as a user would.
//   coldStart      navigation → first cell of the eligibility table visible on the overview page
//                  (example data), in a fresh browser context (empty cache) each run
//   instantiate    the same duckdb-wasm worker and wasm files the build ships, instantiated in a
//                  page of the same origin through the worker's own message protocol: INSTANTIATE,
//                  OPEN, CONNECT and one SELECT 1 — the engine alone, without the app
//   importPage     the import page: files picked → import summary shown (the app's full import
//                  path, decode, sniff, identity guard, typed load, validation, commit, in the page)
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launch, DESKTOP } from '../../tests/e2e/browser';
import { createStaticServer } from '../serve.js';

export interface BrowserTimes {
	chromium: string;
	coldStartMs: number[];
	instantiateMs: number[];
	coldStartHeapMb: number[];
}

export interface ImportPageResult {
	ok: boolean;
	pickMs?: number;
	importMs?: number;
	heapMb?: number;
	/** The page's JS heap after a full garbage collection: what the page keeps once the import is done. */
	heapAfterGcMb?: number;
	/** Peak RSS of the page's renderer process (its worker and wasm memory included), Linux only. */
	rendererMb?: number | null;
	error?: string;
}

/**
 * The largest peak RSS (VmHWM) among the Chromium renderer processes this process started, in MB:
 * a page and its dedicated worker live in one renderer, so this includes duckdb-wasm's memory.
 * null where /proc is not there.
 */
export function rendererPeakMb(): number | null {
	try {
		const parent = new Map<number, number>();
		const renderers: number[] = [];
		for (const d of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(d)) continue;
			try {
				const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
				parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
				if (fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('--type=renderer'))
					renderers.push(Number(d));
			} catch {
				// the process ended while being read
			}
		}
		const ours = (pid: number) => {
			for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === process.pid) return true;
			return false;
		};
		let peak: number | null = null;
		for (const pid of renderers.filter(ours)) {
			const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (m) peak = Math.max(peak ?? 0, Number(m[1]) / 1024);
		}
		return peak;
	} catch {
		return null;
	}
}

let SITE = 'build';
/** The built site to serve (default build/; --site points the benchmark at another build). */
export const setSite = (dir: string) => void (SITE = dir);
export const site = () => SITE;

/** The duckdb-wasm worker and wasm (eh bundle) the build ships, as URL paths on the site. */
export function shippedEngine(): { worker: string; wasm: string } {
	const ASSETS = path.join(SITE, '_app/immutable/assets');
	const files = fs.readdirSync(ASSETS);
	const worker = files.find((f) => /^duckdb-browser-eh\.worker\..*\.js$/.test(f));
	const wasm = files.find((f) => /^duckdb-eh\..*\.wasm$/.test(f));
	if (!worker || !wasm) throw new Error(`no duckdb-wasm eh bundle in ${ASSETS}`);
	return { worker: `/_app/immutable/assets/${worker}`, wasm: `/_app/immutable/assets/${wasm}` };
}

export async function serve(): Promise<{ url: string; close: () => Promise<void> }> {
	const server = createStaticServer(SITE);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	return { url, close: () => new Promise((r) => server.close(() => r())) };
}

export async function freshPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: DESKTOP });
	return context.newPage();
}

// In-page code is passed as text: tsx would otherwise wrap functions in helpers the page lacks.
const heapMb = async (page: Page) =>
	(await page.evaluate('(performance.memory ? performance.memory.usedJSHeapSize : 0) / 1048576')) as number;

async function heapAfterGc(page: Page): Promise<number> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.collectGarbage');
	await cdp.detach();
	return heapMb(page);
}

const FIRST_CHART = `(() => {
	const el = document.querySelector('#eligibility [data-tip]');
	return el && el.checkVisibility() ? performance.now() : false;
})()`;

const IN_PAGE_INSTANTIATE = `(async () => {
	const t0 = performance.now();
	const w = new Worker(WORKER);
	let next = 0;
	const call = (type, data) =>
		new Promise((resolve, reject) => {
			const id = next++;
			const onMessage = (e) => {
				const m = e.data;
				if (m.requestId !== id || m.type === 'INSTANTIATE_PROGRESS' || m.type === 'LOG') return;
				w.removeEventListener('message', onMessage);
				if (m.type === 'ERROR') reject(new Error(JSON.stringify(m.data)));
				else resolve(m.data);
			};
			w.addEventListener('message', onMessage);
			w.addEventListener('error', (e) => reject(new Error(e.message)));
			w.postMessage({ messageId: id, type, data });
		});
	await call('INSTANTIATE', [new URL(WASM, location.href).href, null]);
	await call('OPEN', { query: { castBigIntToDouble: true, castDecimalToDouble: true } });
	const conn = await call('CONNECT', null);
	await call('RUN_QUERY', [conn, 'SELECT 1']);
	const ms = performance.now() - t0;
	w.terminate();
	return ms;
})()`;

async function coldStart(browser: Browser, url: string): Promise<{ ms: number; heap: number }> {
	const page = await freshPage(browser);
	try {
		await page.goto(url, { waitUntil: 'commit' });
		const handle = await page.waitForFunction(FIRST_CHART, null, { polling: 'raf', timeout: 120_000 });
		const ms = (await handle.jsonValue()) as number;
		return { ms, heap: await heapMb(page) };
	} finally {
		await page.context().close();
	}
}

async function instantiate(browser: Browser, url: string): Promise<number> {
	const page = await freshPage(browser);
	try {
		// a plain same-origin document (the server's 404 text), so nothing of the app runs
		await page.goto(url + '__bench-blank', { waitUntil: 'load' });
		const { worker, wasm } = shippedEngine();
		return (await page.evaluate(
			IN_PAGE_INSTANTIATE.replace('WORKER', JSON.stringify(worker)).replace('WASM', JSON.stringify(wasm))
		)) as number;
	} finally {
		await page.context().close();
	}
}

/** Cold start and engine instantiation, alternated run by run so both see the same machine load. */
export async function browserTimes(runs: number): Promise<BrowserTimes> {
	const { url, close } = await serve();
	const browser = await launch();
	try {
		const out: BrowserTimes = {
			chromium: browser.version(),
			coldStartMs: [],
			instantiateMs: [],
			coldStartHeapMb: []
		};
		// one unmeasured round so the OS file cache holds build/ for both
		await coldStart(browser, url);
		for (let i = 0; i < runs; i++) {
			out.instantiateMs.push(await instantiate(browser, url));
			const c = await coldStart(browser, url);
			out.coldStartMs.push(c.ms);
			out.coldStartHeapMb.push(c.heap);
		}
		return out;
	} finally {
		await browser.close();
		await close();
	}
}

/** The import page with every CSV of a folder: does it load in Chromium, and how long does it take? */
export async function importInPage(folder: string, timeoutMs: number): Promise<ImportPageResult> {
	const { url, close } = await serve();
	const browser = await launch();
	const page = await freshPage(browser);
	try {
		await page.goto(url + 'import/');
		const files = fs
			.readdirSync(folder)
			.filter((f) => f.endsWith('.csv'))
			.sort()
			.map((f) => path.resolve(folder, f));
		const t0 = Date.now();
		await page.locator('#pick-files').setInputFiles(files);
		await page.locator('section.file').first().waitFor({ timeout: timeoutMs });
		const button = page.getByRole('button', { name: 'Importera', exact: true });
		await button.waitFor({ timeout: timeoutMs });
		const pickMs = Date.now() - t0;
		const t1 = Date.now();
		await button.click({ timeout: timeoutMs });
		const done = await Promise.race([
			page
				.getByTestId('import-summary')
				.waitFor({ timeout: timeoutMs })
				.then(() => 'ok'),
			page
				.getByTestId('import-errors')
				.waitFor({ timeout: timeoutMs })
				.then(() => 'errors')
		]);
		const importMs = Date.now() - t1;
		const heap = await heapMb(page);
		const heapAfterGcMb = await heapAfterGc(page);
		const rendererMb = rendererPeakMb();
		if (done !== 'ok') {
			const errors = page.getByTestId('import-errors');
			const items = await errors.locator('li[data-code]').all();
			const codes = await Promise.all(items.map((li) => li.getAttribute('data-code')));
			const detail = (
				await errors
					.locator('details code')
					.first()
					.textContent({ timeout: 1000 })
					.catch(() => null)
			)
				?.split('\n')[0]
				.slice(0, 160);
			const text = `${codes.join(', ')}${detail ? ` (${detail})` : ''}`;
			return {
				ok: false,
				pickMs,
				importMs,
				heapMb: heap,
				heapAfterGcMb,
				rendererMb,
				error: `the page reported errors: ${text}`
			};
		}
		return { ok: true, pickMs, importMs, heapMb: heap, heapAfterGcMb, rendererMb };
	} catch (e) {
		return { ok: false, error: (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300) };
	} finally {
		await browser.close().catch(() => {});
		await close();
	}
}
