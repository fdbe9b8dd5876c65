// Time and peak memory of the app's full import path (importDataset) on a dataset folder:
//   npx tsx scripts/measure-import.ts [folder] [--engines wasm,native] [--runs 3] [--src dir]...
// Every run is a process of its own (duckdb-wasm via createNodeEngine, native DuckDB via
// createNativeEngine({ threads: 1 })); runs are interleaved over engines and sources so that other
// work on the machine weighs on each alike. --src (default: this repository's src/) may be given
// more than once to compare two versions of the code, e.g. a copy of the old importer in /tmp.
// Peak JS heap is V8's heap in use, sampled every 10 ms and around every engine call (the wasm
// engine blocks, so a timer alone would not run); peak RSS is Linux's VmHWM of the process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCsvFolder } from './lib/csv-folder';
import type { Engine } from '../src/lib/core/engine';
import type { ImportFile, ImportResult } from '../src/lib/core/import';

const MB = 1024 * 1024;
const script = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(script), '..');

interface Measured {
	engine: string;
	src: string;
	ms: number;
	/** CPU time of the process (all threads: native DuckDB's too), less sensitive to other load than wall time. */
	cpuMs: number;
	peakHeapMb: number;
	peakRssMb: number | null;
	ok: boolean;
	rows: number;
	errors: string[];
}

function vmHwmMb(): number | null {
	try {
		const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		return m ? Number(m[1]) / 1024 : null;
	} catch {
		return null;
	}
}

async function child(folder: string, engineKind: string, src: string): Promise<void> {
	const files: ImportFile[] = readCsvFolder(folder);
	const { importDataset } = (await import(path.join(src, 'lib/core/import/index.ts'))) as {
		importDataset: (e: Engine, f: readonly ImportFile[]) => Promise<ImportResult>;
	};
	const base: Engine =
		engineKind === 'native'
			? await (await import(path.join(src, 'lib/engine/native.ts'))).createNativeEngine({ threads: 1 })
			: await (await import(path.join(src, 'lib/engine/node.ts'))).createNodeEngine();
	let peak = 0;
	const sample = () => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	};
	const around =
		<A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
		async (...a: A): Promise<R> => {
			sample();
			try {
				return await f(...a);
			} finally {
				sample();
			}
		};
	const engine: Engine = {
		query: around(base.query.bind(base)) as Engine['query'],
		queryArrow: around(base.queryArrow.bind(base)),
		exec: around(base.exec.bind(base)),
		registerFile: around(base.registerFile.bind(base)),
		dropFile: around(base.dropFile.bind(base)),
		insertArrowIpc: base.insertArrowIpc ? around(base.insertArrowIpc.bind(base)) : undefined,
		close: base.close.bind(base)
	};
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
	} catch {
		// not Linux: peak RSS is then the whole process's
	}
	peak = 0;
	sample();
	const timer = setInterval(sample, 10);
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const result = await importDataset(engine, files);
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	clearInterval(timer);
	sample();
	const out: Measured = {
		engine: engineKind,
		src,
		ms,
		cpuMs: (cpu.user + cpu.system) / 1000,
		peakHeapMb: peak / MB,
		peakRssMb: vmHwmMb(),
		ok: result.ok,
		rows: result.tables.reduce((s, t) => s + t.rows, 0),
		errors: result.errors.slice(0, 3).map((e) => `${e.code} ${e.file ?? ''}:${e.line ?? ''}`)
	};
	await base.close();
	process.stdout.write(JSON.stringify(out) + '\n');
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			engines: { type: 'string', default: 'wasm,native' },
			runs: { type: 'string', default: '3' },
			src: { type: 'string', multiple: true },
			child: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	if (values.help) {
		console.log(
			'usage: npx tsx scripts/measure-import.ts [folder] [--engines wasm,native] [--runs 3] [--src dir]...'
		);
		return;
	}
	const folder = path.resolve(positionals[0] ?? path.join(root, 'datasets/generated/scale-1m'));
	if (values.child) return child(folder, values.child, path.resolve(values.src![0]));

	const engines = values.engines!.split(',').filter(Boolean);
	const srcs = (values.src?.length ? values.src : [path.join(root, 'src')]).map((s) => path.resolve(s));
	const runs = Number(values.runs);
	const all: Measured[] = [];
	for (let r = 0; r < runs; r++)
		for (const engine of engines)
			for (const src of srcs) {
				const p = spawnSync(
					process.execPath,
					[
						...process.execArgv,
						'--max-old-space-size=12288',
						script,
						folder,
						'--child',
						engine,
						'--src',
						src
					],
					{ encoding: 'utf8', maxBuffer: 64 * MB }
				);
				const line = p.stdout.trim().split('\n').at(-1) ?? '';
				if (p.status !== 0 || !line.startsWith('{')) {
					process.stderr.write(p.stderr);
					throw new Error(`run ${r + 1} (${engine}, ${src}) failed with status ${p.status}`);
				}
				const m = JSON.parse(line) as Measured;
				all.push(m);
				process.stderr.write(
					`run ${r + 1} ${engine} ${path.relative(root, src) || src}: ${(m.ms / 1000).toFixed(2)} s (CPU ${(m.cpuMs / 1000).toFixed(2)} s), heap ${m.peakHeapMb.toFixed(0)} MB, RSS ${m.peakRssMb?.toFixed(0)} MB, ok=${m.ok}, rows=${m.rows}${m.errors.length ? ' ' + m.errors.join('; ') : ''}\n`
				);
			}
	console.log(`\nImport of ${folder}, ${runs} run(s) each, medians:\n`);
	console.log(
		`Load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ')}\n`
	);
	console.log('| engine | src | wall time | CPU time | peak JS heap | peak RSS | ok | rows |');
	console.log('|---|---|---:|---:|---:|---:|---|---:|');
	for (const engine of engines)
		for (const src of srcs) {
			const ms = all.filter((m) => m.engine === engine && m.src === src);
			const rss = ms.map((m) => m.peakRssMb).filter((x): x is number => x !== null);
			console.log(
				`| ${engine} | ${src} | ${(median(ms.map((m) => m.ms)) / 1000).toFixed(2)} s | ${(median(ms.map((m) => m.cpuMs)) / 1000).toFixed(2)} s | ${median(ms.map((m) => m.peakHeapMb)).toFixed(0)} MB | ${rss.length ? median(rss).toFixed(0) + ' MB' : '–'} | ${ms.every((m) => m.ok)} | ${ms[0].rows} |`
			);
		}
}

main().catch((e) => {
	process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
	process.exit(1);
});
