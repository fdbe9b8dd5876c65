// npm run bench [-- --sizes 100k,1m,5m] [--runs 3] [--large-runs 1] [--report-size 1m] [--report-runs n]
//                  [--native-report-sizes 5m] [--page-sizes 1m,5m] [--page-timeout-min 12]
//                  [--no-build] [--no-browser] [--out BENCHMARKS.md]
// Benchmarks (not part of npm test): writes BENCHMARKS.md. Every measured step runs in a process
// of its own (scripts/bench/step.ts) so its peak memory is its own; rounds interleave the steps so
// all of them see the same machine load, and medians are taken over the rounds.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { StepOutput } from './bench/step';
import { sameFigures } from './bench/figures';
import { browserTimes, importInPage, type BrowserTimes, type ImportPageResult } from './bench/browser';

const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '100k,1m,5m' },
		runs: { type: 'string', default: '3' },
		'large-runs': { type: 'string', default: '1' },
		'report-size': { type: 'string', default: '1m' },
		'native-report-sizes': { type: 'string', default: '5m' },
		'report-runs': { type: 'string' },
		'page-sizes': { type: 'string' },
		'page-timeout-min': { type: 'string', default: '12' },
		'no-build': { type: 'boolean', default: false },
		'no-browser': { type: 'boolean', default: false },
		out: { type: 'string', default: 'BENCHMARKS.md' }
	}
});

const RUNS = Number(values.runs);
const LARGE_RUNS = Number(values['large-runs']);
const HEAP_FLAG = '--max-old-space-size=12288';
const TSX = path.resolve('node_modules/.bin/tsx');
const STEP_TIMEOUT = 30 * 60_000;
const log = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

const rowsOf = (size: string): number => {
	const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(size);
	if (!m) throw new Error(`bad size ${size}`);
	return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1));
};
const folderOf = (size: string) => `datasets/generated/scale-${size.toLowerCase()}`;

function ensureDataset(size: string) {
	const folder = folderOf(size);
	if (fs.existsSync(path.join(folder, 'events.csv'))) return;
	log(`generating ${folder}`);
	execFileSync('node', ['scripts/generate-scale.js', '--rows', String(rowsOf(size)), '--out', folder], {
		stdio: ['ignore', 'ignore', 'inherit']
	});
}

function newestMtime(p: string): number {
	if (!fs.existsSync(p)) return 0;
	const st = fs.statSync(p);
	if (!st.isDirectory()) return st.mtimeMs;
	return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

function ensureBuild(): string {
	const index = 'build/index.html';
	const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
	const sources = Math.max(...['src', 'static', 'svelte.config.js', 'vite.config.ts'].map(newestMtime));
	if (built && (values['no-build'] || built >= sources))
		return `build/ as found (built ${new Date(built).toISOString()}${built < sources ? ', older than the newest source file: --no-build' : ''})`;
	log('building the site (npm run build)');
	execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	return `build/ rebuilt by the benchmark (${new Date().toISOString()})`;
}

function runStep(step: string, folder: string): StepOutput | { error: string } {
	const r = spawnSync('node', [HEAP_FLAG, TSX, 'scripts/bench/step.ts', step, folder], {
		encoding: 'utf8',
		timeout: STEP_TIMEOUT,
		maxBuffer: 16 * 1024 * 1024
	});
	if (r.status !== 0) {
		const why = r.error?.message ?? r.stderr.trim().split('\n').slice(0, 2).join(' ').slice(0, 300);
		return { error: `${step} failed (exit ${r.status ?? r.signal}): ${why}` };
	}
	return JSON.parse(r.stdout.trim().split('\n').pop()!) as StepOutput;
}

interface Timed {
	seconds: number;
	maxRssMb: number;
}

function runReport(engine: 'wasm' | 'native', folder: string): Timed | { error: string } {
	const out = path.join(os.tmpdir(), `utfall-bench-report-${engine}.json`);
	const r = spawnSync(
		'/usr/bin/time',
		[
			'-f',
			'BENCH %e %M',
			'node',
			HEAP_FLAG,
			TSX,
			'scripts/report.ts',
			folder,
			'--format',
			'json',
			'--engine',
			engine,
			'--as-of',
			'2025-06-30',
			'--out',
			out
		],
		{ encoding: 'utf8', timeout: STEP_TIMEOUT }
	);
	const m = /BENCH ([\d.]+) (\d+)/.exec(r.stderr ?? '');
	fs.rmSync(out, { force: true });
	if (r.status !== 0 || !m)
		return {
			error: `report --engine ${engine} failed: ${(r.stderr ?? r.error?.message ?? '').trim().split('\n')[0].slice(0, 300)}`
		};
	return { seconds: Number(m[1]), maxRssMb: Number(m[2]) / 1024 };
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	const n = s.length;
	return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmtS = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s` : '–');
const fmtMb = (mb: number) => (Number.isFinite(mb) ? `${Math.round(mb)} MB` : '–');
const fmtX = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');

const STEPS = ['wasm', 'native', 'wasm-load', 'native-load', 'papaparse', 'arquero'] as const;
type Step = (typeof STEPS)[number];

async function main() {
	const sizes = values.sizes!.split(',').filter(Boolean);
	const started = new Date();
	const load0 = os.loadavg();
	for (const s of sizes) ensureDataset(s);
	const reportSize = values['report-size']!;
	ensureDataset(reportSize);
	const nativeReportSizes = values['native-report-sizes']!.split(',').filter(Boolean);
	for (const s of nativeReportSizes) ensureDataset(s);

	const results: Record<string, Record<Step, (StepOutput | { error: string })[]>> = {};
	const rowsIn: Record<string, number> = {};
	for (const size of sizes) {
		const folder = folderOf(size);
		rowsIn[size] = ['persons.csv', 'grades.csv', 'care.csv', 'events.csv']
			.map((f) => fs.readFileSync(path.join(folder, f)).reduce((n, b) => n + (b === 10 ? 1 : 0), 0) - 1)
			.reduce((a, b) => a + b, 0);
		const runs = rowsOf(size) >= 5e6 ? LARGE_RUNS : RUNS;
		results[size] = Object.fromEntries(STEPS.map((s) => [s, []])) as unknown as Record<Step, StepOutput[]>;
		for (let round = 0; round < runs; round++)
			for (const step of STEPS) {
				// the wasm steps at the large sizes once only (they take minutes each)
				if (round >= LARGE_RUNS && rowsOf(size) >= 5e6 && step.startsWith('wasm')) continue;
				log(`${size} round ${round + 1}/${runs}: ${step}`);
				results[size][step].push(runStep(step, folder));
			}
		if (rowsOf(size) >= 5e6 && RUNS > LARGE_RUNS)
			for (let round = LARGE_RUNS; round < RUNS; round++)
				for (const step of STEPS.filter((s) => !s.startsWith('wasm'))) {
					log(`${size} extra round ${round + 1}/${RUNS}: ${step}`);
					results[size][step].push(runStep(step, folder));
				}
	}

	log(`report command at ${reportSize}`);
	const reports: Record<string, Record<string, (Timed | { error: string })[]>> = {
		[reportSize]: { wasm: [], native: [] }
	};
	for (let round = 0; round < Number(values['report-runs'] ?? RUNS); round++)
		for (const engine of ['wasm', 'native'] as const)
			reports[reportSize][engine].push(runReport(engine, folderOf(reportSize)));
	for (const s of nativeReportSizes) {
		log(`report command, native, at ${s}`);
		if (reports[s]) reports[s].native.push(runReport('native', folderOf(s)));
		else reports[s] = { native: [runReport('native', folderOf(s))] };
	}

	let browser: BrowserTimes | { error: string } | null = null;
	let buildNote = '';
	const inPage: Record<string, ImportPageResult> = {};
	if (!values['no-browser']) {
		buildNote = ensureBuild();
		log('Chromium: cold start and engine instantiation');
		try {
			browser = await browserTimes(RUNS);
		} catch (e) {
			browser = { error: (e as Error).message.split('\n')[0] };
		}
		for (const size of (values['page-sizes'] ?? values.sizes!).split(',').filter(Boolean)) {
			ensureDataset(size);
			log(`Chromium: import page with ${size}`);
			inPage[size] = await importInPage(folderOf(size), Number(values['page-timeout-min']) * 60_000);
		}
	}
	const load1 = os.loadavg();

	// ---- write BENCHMARKS.md ----
	const ok = (x: StepOutput | { error: string }): x is StepOutput => !('error' in x);
	const phaseMs = (size: string, step: Step, ...phases: string[]) => {
		const runs = results[size][step].filter(ok);
		return median(runs.map((r) => phases.reduce((t, p) => t + (r.phases[p]?.ms ?? NaN), 0)));
	};
	const peak = (size: string, step: Step, key: 'peakRssMb' | 'peakHeapMb', ...phases: string[]) =>
		Math.max(
			...results[size][step]
				.filter(ok)
				.flatMap((r) => phases.map((p) => (r.phases[p]?.[key] as number | null) ?? NaN))
				.filter(Number.isFinite),
			-Infinity
		);
	const nRuns = (size: string, step: Step) => results[size][step].filter(ok).length;
	const errors = Object.entries(results).flatMap(([size, r]) =>
		Object.values(r)
			.flat()
			.filter((x) => !ok(x))
			.map((x) => `${size}: ${(x as { error: string }).error}`)
	);
	const reportErrors = Object.entries(reports).flatMap(([size, r]) =>
		Object.values(r)
			.flat()
			.filter((x) => 'error' in x)
			.map((x) => `${size}: ${(x as { error: string }).error}`)
	);

	// do all ways of computing agree?
	const agreement = sizes.map((size) => {
		const figs = STEPS.flatMap((s) => results[size][s].filter(ok).map((r) => ({ s, f: r.figures! })));
		const allSame = figs.every((x) => sameFigures(x.f, figs[0].f));
		const panels = (['wasm', 'native'] as Step[]).flatMap((s) =>
			results[size][s].filter(ok).map((r) => r.panel!)
		);
		return {
			size,
			allSame,
			figs: figs[0]?.f,
			panelRows: [...new Set(panels.map((p) => `${p.rows} rows, ${p.errors} errors`))]
		};
	});

	const L: string[] = [];
	const p = (s = '') => L.push(s);
	const cpus = os.cpus();
	p('# Benchmarks');
	p();
	p(
		`Written by \`npm run bench\` (scripts/bench.ts) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC; not part of \`npm test\`.`
	);
	p(
		'Every figure is the median over the runs shown, all measured in this one run of the benchmark, and every'
	);
	p('ratio is against a reference measured in the same run. Times are wall-clock.');
	p();
	p('## Machine');
	p();
	p(`- CPU: ${cpus.length} × ${cpus[0]?.model.trim() ?? '?'}`);
	p(`- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`);
	p(`- Node ${process.version}, ${os.type()} ${os.release()} (${os.arch()})`);
	p(
		`- Chromium: ${browser && !('error' in browser) ? browser.chromium : 'not run'} (headless, Debian's, via playwright-core)`
	);
	p(
		`- duckdb-wasm ${JSON.parse(fs.readFileSync('node_modules/@duckdb/duckdb-wasm/package.json', 'utf8')).version}; @duckdb/node-api ${JSON.parse(fs.readFileSync('node_modules/@duckdb/node-api/package.json', 'utf8')).version}`
	);
	p(
		`- Load average (1/5/15 min) at start ${load0.map((x) => x.toFixed(1)).join(' / ')}, at end ${load1.map((x) => x.toFixed(1)).join(' / ')}: other work shared the machine; the interleaved rounds expose every step to the same load, so ratios are fairer than absolute times.`
	);
	p(`- Child processes run with \`${HEAP_FLAG}\` (the same for every step).`);
	p();
	p('## What ran where');
	p();
	p(
		'- **Node, duckdb-wasm** (`createNodeEngine`, the blocking bundle: the same wasm the browser runs, without a worker): import through the full path (`importDataset`: decode, sniff, identity guard, typed load via read_csv, validation, atomic commit) and the full built-in panel (`computeIndicators(engine, BUILT_IN_INDICATORS)`).'
	);
	p(
		'- **Node, native DuckDB** (`createNativeEngine({ threads: 1 })`, @duckdb/node-api): the same import and panel; and `read_csv` of the same files straight into the typed canonical tables (`loadDataset`: no sniffing, identity guard or validation).'
	);
	p(
		'- **Node, JS**: papaparse (header rows) + a JS loop, and arquero (`fromCSV`, type inference on) + its verbs, each parsing persons, grades, care and events and computing the same two figures (share of persons whose exit reason is *completed*; care days per person, open episodes counted to 2025-06-30). The figures are also computed in SQL after every DuckDB load; the benchmark checks that all agree.'
	);
	p(
		"- **Chromium**: cold start to first chart (fresh browser context, so an empty cache: navigation → first `[data-testid=eligibility-table] td[data-cohort]` visible on the overview page, example data) against duckdb-wasm instantiation alone, measured **in the same kind of page**: the worker and wasm files the build ships, driven through the worker's message protocol (INSTANTIATE, OPEN, CONNECT, `SELECT 1`) from a blank same-origin document. And the import page with each generated dataset (files picked → import summary shown), which is the full import path in the page."
	);
	p(
		`- Peak memory: each step is a process of its own; RSS is the Linux high-water mark (VmHWM, reset between phases), so wasm memory and native DuckDB are included; JS heap is V8's heap in use, sampled every 10 ms and at phase ends. In Chromium: \`performance.memory.usedJSHeapSize\` of the page (the worker's wasm memory is not included).`
	);
	p(`- Site: ${buildNote || 'not used'}.`);
	p();

	p('## Import and panel');
	p();
	for (const size of sizes) {
		p(
			`### ${size} (${rowsIn[size].toLocaleString('en')} data rows in persons, grades, care and events; ${fmtMb(['persons.csv', 'grades.csv', 'care.csv', 'events.csv', 'cohorts.csv'].reduce((n, f) => n + fs.statSync(path.join(folderOf(size), f)).size, 0) / 2 ** 20)} of CSV)`
		);
		p();
		p('| step | engine | runs | median time | peak RSS | peak JS heap |');
		p('|---|---|---:|---:|---:|---:|');
		const row = (label: string, engine: string, step: Step, phases: string[]) =>
			p(
				`| ${label} | ${engine} | ${nRuns(size, step)} | ${fmtS(phaseMs(size, step, ...phases))} | ${fmtMb(peak(size, step, 'peakRssMb', ...phases))} | ${fmtMb(peak(size, step, 'peakHeapMb', ...phases))} |`
			);
		row('instantiate', 'duckdb-wasm (Node)', 'wasm', ['instantiate']);
		row('instantiate', 'native, 1 thread', 'native', ['instantiate']);
		row('import, full path', 'duckdb-wasm (Node)', 'wasm', ['import']);
		row('import, full path', 'native, 1 thread', 'native', ['import']);
		row('built-in panel', 'duckdb-wasm (Node)', 'wasm', ['panel']);
		row('built-in panel', 'native, 1 thread', 'native', ['panel']);
		row('**import + panel**', 'duckdb-wasm (Node)', 'wasm', ['import', 'panel']);
		row('**import + panel**', 'native, 1 thread', 'native', ['import', 'panel']);
		row('read_csv into typed tables', 'duckdb-wasm (Node)', 'wasm-load', ['read_csv']);
		row('read_csv into typed tables', 'native, 1 thread', 'native-load', ['read_csv']);
		row('read_csv + 2 figures (SQL)', 'duckdb-wasm (Node)', 'wasm-load', ['read_csv', 'figures']);
		row('read_csv + 2 figures (SQL)', 'native, 1 thread', 'native-load', ['read_csv', 'figures']);
		row('parse + 2 figures', 'papaparse + JS loop', 'papaparse', ['parse_and_figures']);
		row('parse + 2 figures', 'arquero', 'arquero', ['parse_and_figures']);
		const ip = phaseMs(size, 'wasm', 'import', 'panel');
		const nip = phaseMs(size, 'native', 'import', 'panel');
		const pp = phaseMs(size, 'papaparse', 'parse_and_figures');
		const aqm = phaseMs(size, 'arquero', 'parse_and_figures');
		const wl = phaseMs(size, 'wasm-load', 'read_csv', 'figures');
		const nl = phaseMs(size, 'native-load', 'read_csv', 'figures');
		p();
		p(`Ratios (${size}):`);
		p();
		p(`- wasm import + panel / native 1-thread import + panel: **${fmtX(ip / nip)}** (target ≤ 1.3×)`);
		p(
			`- native full import path / native read_csv: ${fmtX(phaseMs(size, 'native', 'import') / phaseMs(size, 'native-load', 'read_csv'))}; wasm full import path / wasm read_csv: ${fmtX(phaseMs(size, 'wasm', 'import') / phaseMs(size, 'wasm-load', 'read_csv'))}`
		);
		p(
			`- papaparse + JS / wasm import + panel: **${fmtX(pp / ip)}** (target ≥ 5×: wasm import + panel five times faster)`
		);
		p(
			`- papaparse + JS / wasm read_csv + the same 2 figures: ${fmtX(pp / wl)}; / native read_csv + 2 figures: ${fmtX(pp / nl)}`
		);
		p(`- arquero / papaparse + JS: ${fmtX(aqm / pp)}`);
		p();
	}
	p('All ways of computing agree:');
	p();
	for (const a of agreement)
		p(
			`- ${a.size}: figures ${a.allSame ? 'identical' : '**DIFFER**'} across papaparse, arquero, wasm and native (${a.figs ? `share completed ${a.figs.share_completed.toFixed(4)}, care days per person ${a.figs.care_days_per_person.toFixed(2)}, ${a.figs.persons} persons` : 'no result'}); panel: ${a.panelRows.join('; ')}`
		);
	p();

	p('## Report command');
	p();
	p(
		'`npm run report -- <folder> --format json --engine wasm|native` (run as `node tsx scripts/report.ts`), wall-clock and peak RSS of the process (`/usr/bin/time`).'
	);
	p();
	p('| data | engine | runs | median time | peak RSS |');
	p('|---|---|---:|---:|---:|');
	for (const [size, byEngine] of Object.entries(reports))
		for (const [engine, runs] of Object.entries(byEngine)) {
			const good = runs.filter((r): r is Timed => !('error' in r));
			p(
				`| ${size} | ${engine === 'native' ? 'native, 1 thread' : 'duckdb-wasm (Node)'} | ${good.length} | ${good.length ? fmtS(median(good.map((r) => r.seconds * 1000))) : 'failed'} | ${good.length ? fmtMb(Math.max(...good.map((r) => r.maxRssMb))) : '–'} |`
			);
		}
	const rw = reports[reportSize].wasm.filter((r): r is Timed => !('error' in r));
	const rn = reports[reportSize].native.filter((r): r is Timed => !('error' in r));
	if (rw.length && rn.length)
		p(
			`\nAt ${reportSize}: wasm / native = ${fmtX(median(rw.map((r) => r.seconds)) / median(rn.map((r) => r.seconds)))}.`
		);
	p();

	p('## Chromium');
	p();
	if (!browser) p('Not run (--no-browser).');
	else if ('error' in browser) p(`Failed: ${browser.error}`);
	else {
		const cs = median(browser.coldStartMs);
		const inst = median(browser.instantiateMs);
		p('| measurement | runs | median | all runs |');
		p('|---|---:|---:|---|');
		p(
			`| cold start → first chart (overview, example data) | ${browser.coldStartMs.length} | ${fmtS(cs)} | ${browser.coldStartMs.map(fmtS).join(', ')} |`
		);
		p(
			`| duckdb-wasm instantiation alone (worker + wasm + open + connect + SELECT 1) | ${browser.instantiateMs.length} | ${fmtS(inst)} | ${browser.instantiateMs.map(fmtS).join(', ')} |`
		);
		p();
		p(
			`Cold start / instantiation alone: **${fmtX(cs / inst)}** (target ≤ 1.3×). Page JS heap at first chart: ${fmtMb(median(browser.coldStartHeapMb))}.`
		);
	}
	p();
	if (Object.keys(inPage).length) {
		p('Import page (files picked → summary shown), one run each:');
		p();
		p('| data | loads? | pick → ready | import → summary | page JS heap after |');
		p('|---|---|---:|---:|---:|');
		for (const [size, r] of Object.entries(inPage))
			p(
				`| ${size} | ${r.ok ? 'yes' : `**no**: ${r.error}`} | ${r.pickMs != null ? fmtS(r.pickMs) : '–'} | ${r.importMs != null ? fmtS(r.importMs) : '–'} | ${r.heapMb != null ? fmtMb(r.heapMb) : '–'} |`
			);
		p();
	}
	if (errors.length || reportErrors.length) {
		p('## Failures');
		p();
		for (const e of [...errors, ...reportErrors]) p(`- ${e}`);
		p();
	}
	p('## Raw');
	p();
	p('<details><summary>Every run, as measured</summary>');
	p();
	p('```json');
	p(JSON.stringify({ results, reports, browser, inPage }, null, 1));
	p('```');
	p();
	p('</details>');
	fs.writeFileSync(values.out!, L.join('\n') + '\n');
	log(`wrote ${values.out}`);
}

main().catch((e) => {
	process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
