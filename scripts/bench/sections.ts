// BENCHMARKS.md sections for the panel in Chromium, the filter change and the separate native
// report run. Each is a block between <!-- bench:NAME --> and <!-- /bench:NAME --> markers, so
// `npm run bench -- --only …` can replace its blocks (and its rows of the targets table) in an
// existing BENCHMARKS.md without touching the sections measured by another run.
import type { ChromiumPanelRun } from './chromium-panel';
import type { SqlStepOutput } from './sql-step';
import type { FilterScenario } from './filter-change';
import type { ImportPageResult } from './browser';
import { sameChecksum, type Checksum } from './panel-sql';

export type Err = { error: string };
export const isErr = (x: unknown): x is Err => typeof x === 'object' && x !== null && 'error' in x;

export interface RunInfo {
	/** ISO time the section started. */
	started: string;
	load0: number[];
	load1: number[];
	/** The command line options of the run, for the reader to repeat it. */
	args: string;
	/** true when written by --only into a file measured by another run. */
	separate: boolean;
	/** Where the generated datasets were read from. */
	dataDir: string;
}

export interface PanelSize {
	size: string;
	rowsIn: number;
	csvMb: number;
	/** Indicator id of each captured statement, in order. */
	ids: string[];
	chromium: (ChromiumPanelRun | Err)[];
	wasm: (SqlStepOutput | Err)[];
	native: (SqlStepOutput | Err)[];
}

export interface SqlCapture {
	/** When the panel's SQL was captured (once per run, before the first measurement). */
	capturedAt: string;
	/** sha256 of the captured statements, first 12 hex digits. */
	digest: string;
	/** Captured again at the end of the section: still the same SQL? (src/ may be edited meanwhile) */
	sameAtEnd: boolean | null;
}

const sqlNote = (sql: SqlCapture) =>
	`The panel's SQL was captured at ${when(sql.capturedAt)} (sha256 ${sql.digest}…); ${sql.sameAtEnd === false ? "**the compiler's output had changed by the end of this section** (src/ was edited during the run): the figures are for the SQL as captured." : sql.sameAtEnd ? 'captured again at the end of the section, it was unchanged.' : ''}`;

export interface PanelSection extends RunInfo {
	sql: SqlCapture;
	chromium: string;
	site: string;
	sizes: PanelSize[];
}

export interface FilterSize {
	size: string;
	wasm: (SqlStepOutput | Err)[];
	native: (SqlStepOutput | Err)[];
}

export interface FilterSection extends RunInfo {
	sql: SqlCapture;
	sizes: FilterSize[];
}

export interface Timed {
	seconds: number;
	maxRssMb: number;
}

export interface NativeReportSection extends RunInfo {
	sizes: { size: string; runs: (Timed | Err)[] }[];
}

export const median = (xs: number[]): number => {
	const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
	const n = s.length;
	return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
export const fmtS = (ms: number) =>
	Number.isFinite(ms)
		? ms < 1000
			? `${Math.round(ms)} ms`
			: `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
		: '–';
export const fmtMb = (mb: number) => (Number.isFinite(mb) ? `${Math.round(mb)} MB` : '–');
export const fmtX = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function runNote(info: RunInfo, what: string | null): string {
	return (
		`${info.separate ? `Measured in a **separate run** (\`npm run bench -- ${info.args}\`), not the one the sections above come from` : `Measured in this run (\`${info.args}\`)`}, started ${when(info.started)}. ` +
		`Data: \`scripts/generate-scale.js\` (seed \`scale\`, deterministic) in \`${info.dataDir}/scale-<size>\`. Load average (1/5/15 min) at its start ${fmtLoad(info.load0)}, at its end ${fmtLoad(info.load1)} on the 2 cores: other work shared the machine, ` +
		(what
			? `so ${what} interleave the engines round by round and every ratio compares medians measured under the same load.`
			: 'and these absolute times include its effect (there is no same-run reference to compare with).')
	);
}

/** JSON indented down to `maxDepth` levels, each deeper value on one line (one run per line, not one number). */
export function compactJson(v: unknown, maxDepth: number, depth = 0, indent = ''): string {
	if (depth >= maxDepth || v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
	const inner = indent + ' ';
	if (Array.isArray(v))
		return v.length
			? `[\n${v.map((x) => inner + compactJson(x, maxDepth, depth + 1, inner)).join(',\n')}\n${indent}]`
			: '[]';
	const entries = Object.entries(v).filter(([, x]) => x !== undefined);
	return entries.length
		? `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${compactJson(x, maxDepth, depth + 1, inner)}`).join(',\n')}\n${indent}}`
		: '{}';
}

/** The end of a block: every run as JSON (the data --rewrite reads back) and the closing marker. */
function closeBlock(name: string, json: string): string[] {
	return [
		'<details><summary>Every run of this section, as measured</summary>',
		'',
		'```json',
		json,
		'```',
		'',
		'</details>',
		`<!-- /bench:${name} -->`
	];
}

const ok = <T>(xs: (T | Err)[]): T[] => xs.filter((x): x is T => !isErr(x));
const errorsOf = (label: string, xs: unknown[]) => xs.filter(isErr).map((x) => `${label}: ${x.error}`);

// ---- the panel in Chromium ----

interface PanelMedians {
	chromium: number;
	wasm: number;
	native: number;
}

const panelTimes = (s: PanelSize): Record<keyof PanelMedians, number[]> => ({
	chromium: ok(s.chromium).map((r) => r.panelMs),
	wasm: ok(s.wasm).map((r) => r.phases.panel_sql?.ms ?? NaN),
	native: ok(s.native).map((r) => r.phases.panel_sql?.ms ?? NaN)
});

export function panelMedians(s: PanelSize): PanelMedians {
	const t = panelTimes(s);
	return { chromium: median(t.chromium), wasm: median(t.wasm), native: median(t.native) };
}

/** The fastest run of each engine: the least disturbed by other work on the machine. */
export function panelFastest(s: PanelSize): PanelMedians {
	const t = panelTimes(s);
	const min = (xs: number[]) => Math.min(...xs.filter(Number.isFinite), Infinity);
	return { chromium: min(t.chromium), wasm: min(t.wasm), native: min(t.native) };
}

/** Met on the medians, and is it robust (the fastest runs' ratio within the target too)? */
function panelVerdict(s: PanelSize): string {
	const m = panelMedians(s);
	const f = panelFastest(s);
	const r = m.chromium / m.native;
	const rf = f.chromium / f.native;
	if (!Number.isFinite(r)) return 'not measured';
	if (r > 2) return '**missed**';
	return rf <= 2 ? '**met**' : `**met on the medians only**: the fastest runs give ${fmtX(rf)}`;
}

/** Do all engines and all runs give every statement the same checksum? */
function agreement(s: PanelSize): { same: boolean; rows: number; differ: string[] } {
	const all: { label: string; sql: { checksum: Checksum }[] }[] = [
		...ok(s.chromium).map((r, i) => ({ label: `Chromium run ${i + 1}`, sql: r.sql })),
		...ok(s.wasm).map((r, i) => ({ label: `wasm run ${i + 1}`, sql: r.sql ?? [] })),
		...ok(s.native).map((r, i) => ({ label: `native run ${i + 1}`, sql: r.sql ?? [] }))
	];
	if (!all.length) return { same: false, rows: 0, differ: ['no run finished'] };
	const ref = all[0];
	const differ: string[] = [];
	for (const x of all.slice(1))
		s.ids.forEach((id, j) => {
			const a = ref.sql[j]?.checksum;
			const b = x.sql[j]?.checksum;
			if (!a || !b || !sameChecksum(a, b))
				differ.push(
					`${id || `statement ${j + 1}`}: ${ref.label} ${JSON.stringify(a)} vs ${x.label} ${JSON.stringify(b)}`
				);
		});
	return { same: differ.length === 0, rows: ref.sql.reduce((n, q) => n + q.checksum.rows, 0), differ };
}

export function panelTargetRow(sec: PanelSection): string | null {
	const s = sec.sizes.find((x) => x.size.toLowerCase() === '1m') ?? sec.sizes[sec.sizes.length - 1];
	if (!s) return null;
	const m = panelMedians(s);
	const f = panelFastest(s);
	return `| whole built-in panel in Chromium ≤ 2× native DuckDB running the same compiled SQL (1 thread) | ${s.size} rows: Chromium ${fmtS(m.chromium)} vs native ${fmtS(m.native)} = **${fmtX(m.chromium / m.native)}** (fastest runs ${fmtS(f.chromium)} vs ${fmtS(f.native)} = ${fmtX(f.chromium / f.native)}; duckdb-wasm in Node ${fmtX(m.wasm / m.native)}); ${sec.separate ? 'separate run, ' : ''}see [the section](#built-in-panel-in-chromium-vs-native-duckdb-same-compiled-sql) | ${panelVerdict(s)} |`;
}
export const PANEL_ROW_PREFIX = '| whole built-in panel in Chromium';

export function panelSection(sec: PanelSection): string[] {
	const L: string[] = [];
	const p = (s = '') => L.push(s);
	p('<!-- bench:chromium-panel -->');
	p('## Built-in panel in Chromium vs native DuckDB (same compiled SQL)');
	p();
	p(
		"The built-in panel (`BUILT_IN_INDICATORS`) compiled once in Node by the app's own compiler and captured as the exact statements `computeIndicators` sends (a recording `Engine` around duckdb-wasm; `scripts/bench/panel-sql.ts`), then the **same statements** run one after another on three engines, each over the same CSV files loaded the same way (the statements `loadDataset` sends: `read_csv` of the registered files into the typed canonical tables, DDL from `schema/ddl.ts`):"
	);
	p();
	p(
		`- **Chromium** ${sec.chromium} (headless, Debian's, via playwright-core): a blank same-origin page of the built site (${sec.site}; only its duckdb-wasm files are used, and they come from the duckdb-wasm package, not from the app's sources) starts the duckdb-wasm worker and wasm (eh bundle) the build ships through the worker's message protocol, opened with the app's \`ENGINE_CONFIG\` and \`ENGINE_SETUP_SQL\`; the files are fetched into the page first (not timed), then registered as buffers (\`REGISTER_FILE_BUFFER\`) and loaded; each statement is timed from \`RUN_QUERY\` to its rows materialised in the page (apache-arrow \`tableFromIPC\` and a row loop, as the app's browser engine does). A fresh browser context every run.`
	);
	p(
		'- **Node, duckdb-wasm** (`createNodeEngine`, the blocking bundle: the same wasm, no worker), `engine.query` per statement.'
	);
	p('- **Node, native DuckDB** (`createNativeEngine({ threads: 1 })`), `engine.query` per statement.');
	p();
	p(
		`Each Node engine is a process of its own (\`scripts/bench/sql-step.ts\`); every round runs all three, in an order rotated round by round. ${runNote(sec, 'the rounds')}`
	);
	p();
	p(sqlNote(sec.sql));
	p();
	for (const s of sec.sizes) {
		const m = panelMedians(s);
		p(
			`### ${s.size} (${s.rowsIn.toLocaleString('en')} data rows; ${fmtMb(s.csvMb)} of CSV; ${s.ids.length} statements)`
		);
		p();
		p(
			'| engine | runs | instantiate | load (`read_csv`) | **panel, all statements** | panel, every run | peak RSS (Node) / page JS heap |'
		);
		p('|---|---:|---:|---:|---:|---|---:|');
		const c = ok(s.chromium);
		p(
			`| Chromium, duckdb-wasm worker | ${c.length} | ${fmtS(median(c.map((r) => r.instantiateMs)))} | ${fmtS(median(c.map((r) => r.loadMs)))} | **${fmtS(m.chromium)}** | ${c.map((r) => fmtS(r.panelMs)).join(', ')} | ${fmtMb(median(c.map((r) => r.heapMb)))} heap |`
		);
		for (const [label, runs] of [
			['Node, duckdb-wasm', ok(s.wasm)],
			['Node, native DuckDB, 1 thread', ok(s.native)]
		] as const)
			p(
				`| ${label} | ${runs.length} | ${fmtS(median(runs.map((r) => r.phases.instantiate.ms)))} | ${fmtS(median(runs.map((r) => r.phases.read_csv?.ms ?? NaN)))} | **${fmtS(median(runs.map((r) => r.phases.panel_sql?.ms ?? NaN)))}** | ${runs.map((r) => fmtS(r.phases.panel_sql?.ms ?? NaN)).join(', ')} | ${fmtMb(Math.max(...runs.map((r) => r.phases.panel_sql?.peakRssMb ?? NaN).filter(Number.isFinite), -Infinity))} RSS |`
			);
		p();
		const f = panelFastest(s);
		p(
			`Ratios of the medians (${s.size}): Chromium / native **${fmtX(m.chromium / m.native)}** (target ≤ 2×: ${panelVerdict(s)}); duckdb-wasm in Node / native ${fmtX(m.wasm / m.native)}; Chromium / duckdb-wasm in Node ${fmtX(m.chromium / m.wasm)}. ` +
				`Of the fastest run of each engine (the least disturbed by other work): Chromium / native ${fmtX(f.chromium / f.native)}; duckdb-wasm in Node / native ${fmtX(f.wasm / f.native)}.`
		);
		p();
		// where the time goes: the slowest statements in Chromium
		const per = (runs: { ms: number }[][], j: number) => median(runs.map((x) => x[j]?.ms ?? NaN));
		const cRuns = c.map((x) => x.sql);
		const wRuns = ok(s.wasm).map((x) => x.sql ?? []);
		const nRuns = ok(s.native).map((x) => x.sql ?? []);
		const rows = s.ids
			.map((id, j) => ({ id: id || `#${j + 1}`, c: per(cRuns, j), w: per(wRuns, j), n: per(nRuns, j) }))
			.sort((a, b) => b.c - a.c);
		if (rows.length && Number.isFinite(rows[0].c)) {
			p('<details><summary>Every statement (median time per engine, slowest in Chromium first)</summary>');
			p();
			p('| indicator | Chromium | Node wasm | native | Chromium / native |');
			p('|---|---:|---:|---:|---:|');
			for (const x of rows)
				p(`| ${x.id} | ${fmtS(x.c)} | ${fmtS(x.w)} | ${fmtS(x.n)} | ${fmtX(x.c / x.n)} |`);
			p();
			p('</details>');
			p();
		}
		const a = agreement(s);
		p(
			a.same
				? `Results agree: every statement gives the same number of rows and the same sums of \`n\`, \`numerator\` and \`value\` (to 1e-9 relative) in every run on all three engines (${a.rows} result rows in all).`
				: `**Results differ** between engines or runs:\n\n${a.differ
						.slice(0, 10)
						.map((d) => `- ${d}`)
						.join('\n')}`
		);
		p();
		const errs = [
			...errorsOf(`${s.size} Chromium`, s.chromium),
			...errorsOf(`${s.size} wasm`, s.wasm),
			...errorsOf(`${s.size} native`, s.native)
		];
		if (errs.length) {
			p('Failed runs:');
			p();
			for (const e of errs) p(`- ${e}`);
			p();
		}
	}
	L.push(...closeBlock('chromium-panel', compactJson(sec, 5)));
	return L;
}

// ---- changing a filter ----

const SCENARIOS: { name: FilterScenario['name']; label: string }[] = [
	{ name: 'cold', label: 'full panel, empty cache' },
	{ name: 'unchanged', label: 'same panel again' },
	{ name: 'one_filter', label: 'one definition’s filter changed' },
	{ name: 'undo', label: 'that filter changed back' },
	{ name: 'page_filter', label: 'page filter changed (follow-up: completers)' },
	{ name: 'no_cache', label: 'one filter changed, **without** the cache' }
];

const scenario = (runs: SqlStepOutput[], name: FilterScenario['name']) => {
	const xs = runs.map((r) => r.filter?.scenarios.find((s) => s.name === name)).filter((x) => x !== undefined);
	return {
		ms: median(xs.map((x) => x.ms)),
		statements: [...new Set(xs.map((x) => x.statements))],
		computed: [...new Set(xs.map((x) => x.computed.join(',')))]
	};
};

export const FILTER_ROW_PREFIX = '| changing one filter recomputes only what changed';

export function filterTargetRow(sec: FilterSection): string | null {
	const s = sec.sizes.find((x) => x.size.toLowerCase() === '1m') ?? sec.sizes[sec.sizes.length - 1];
	if (!s) return null;
	const cell = (runs: SqlStepOutput[]) => {
		const one = scenario(runs, 'one_filter');
		const cold = scenario(runs, 'cold');
		return {
			one,
			cold,
			text: `${fmtS(one.ms)} (${one.statements.join('/')} of ${cold.statements.join('/')} statements) vs ${fmtS(scenario(runs, 'no_cache').ms)} without the cache (${fmtS(cold.ms)} cold)`
		};
	};
	const w = cell(ok(s.wasm));
	const n = cell(ok(s.native));
	const onlyOne = [w, n].every((x) => x.one.statements.length === 1 && x.one.statements[0] === 1);
	return `${FILTER_ROW_PREFIX} (indicator runner, with its cache) | ${s.size} rows, one definition's filter changed: duckdb-wasm ${w.text}; native ${n.text}; see [the section](#changing-a-filter-recompute-with-the-cache) | ${onlyOne ? '**met**: the pages share one cache per loaded data (`engineState.indicatorCache`)' : '**missed**'} |`;
}

export function filterSection(sec: FilterSection): string[] {
	const L: string[] = [];
	const p = (s = '') => L.push(s);
	p('<!-- bench:filter-change -->');
	p('## Changing a filter: recompute with the cache');
	p();
	p(
		"`computeIndicators` (src/lib/core/indicators/run.ts) keeps results in an optional cache keyed by each indicator's compiled SQL and the versions of the tables it reads, so a call after a filter change should run only the queries whose SQL changed. Measured on one engine per process (`scripts/bench/sql-step.ts`, `scripts/bench/filter-change.ts`): the dataset loaded with `read_csv` into the canonical tables (as `loadDataset` does), then, on one cache, in order:"
	);
	p();
	p('1. the full built-in panel with an empty cache (cold);');
	p('2. the same call again;');
	p('3. one definition changed: `eligible_vocational` gets the population filter `sex: [F]`;');
	p('4. that definition back as it was;');
	p(
		"5. the compare page's follow-up toggle (`population: { followUp: 'completers' }` for the whole panel), which changes every person-level query;"
	);
	p(
		'6. the panel of step 3 once more **without** a cache: what the same filter change costs when every query reruns.'
	);
	p();
	p(
		'Each cell: median wall-clock time of the `computeIndicators` call and, in brackets, the statements that actually reached the engine (counted by a recording `Engine` wrapper). The statements of the cold panel are checked against the ones timed in Chromium above.'
	);
	p();
	p(runNote(sec, 'the runs'));
	p();
	p(sqlNote(sec.sql));
	p();
	p(`| data | engine | runs | ${SCENARIOS.map((s) => s.label).join(' | ')} |`);
	p(`|---|---|---:|${SCENARIOS.map(() => '---:').join('|')}|`);
	for (const s of sec.sizes)
		for (const [label, runs] of [
			['duckdb-wasm (Node)', ok(s.wasm)],
			['native, 1 thread', ok(s.native)]
		] as const)
			p(
				`| ${s.size} | ${label} | ${runs.length} | ${SCENARIOS.map((x) => {
					const v = scenario(runs, x.name);
					return `${fmtS(v.ms)} (${v.statements.join('/')})`;
				}).join(' | ')} |`
			);
	p();
	const all = sec.sizes.flatMap((s) => [...ok(s.wasm), ...ok(s.native)]);
	const one = [
		...new Set(all.map((r) => r.filter?.scenarios.find((x) => x.name === 'one_filter')?.computed.join(',')))
	];
	const page = [
		...new Set(all.map((r) => r.filter?.scenarios.find((x) => x.name === 'page_filter')?.computed.length))
	];
	const same = [...new Set(all.map((r) => r.filter?.sameAsCaptured))];
	const rows = [
		...new Set(all.flatMap((r) => r.filter?.scenarios.map((x) => `${x.rows} rows, ${x.errors} errors`) ?? []))
	];
	const share = (runs: SqlStepOutput[], a: FilterScenario['name'], b: FilterScenario['name']) =>
		median(
			runs.map((r) => {
				const x = r.filter?.scenarios.find((v) => v.name === a)?.ms ?? NaN;
				const y = r.filter?.scenarios.find((v) => v.name === b)?.ms ?? NaN;
				return x / y;
			})
		);
	const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(x < 0.1 ? 1 : 0)} %` : '–');
	p(
		`- Within each run (one process, so the same load for both): one definition's filter changed with the cache took, as a median over the runs, ${sec.sizes
			.map(
				(s) =>
					`${s.size}: ${pct(share(ok(s.wasm), 'one_filter', 'no_cache'))} (duckdb-wasm) and ${pct(share(ok(s.native), 'one_filter', 'no_cache'))} (native)`
			)
			.join('; ')} of the time of the same change without the cache.`
	);
	p(
		`- One definition changed: computed ${one.map((x) => `\`${x || 'nothing'}\``).join(' / ')}; every other result came from the cache.`
	);
	p(
		`- Page filter changed: ${page.join('/')} indicators recomputed; the ones whose query does not depend on the follow-up (attrition counts everyone who entered; surveys and contacts have no persons) came from the cache.`
	);
	p(
		`- The cold panel sent exactly the captured statements (the ones timed in Chromium when both sections ran together): ${same.map((x) => (x === true ? 'yes' : x === false ? '**no** (the steps compile the panel themselves, so a change to the compiler during the run shows here)' : 'not checked')).join(' / ')}. Every call returned ${rows.join('; ')}.`
	);
	p(
		"- The cold panel includes the engine's first-touch costs (first scan of each table); the warm recompute without the cache (last column) is the fair comparison for a filter change."
	);
	p(
		'- The app keeps one cache per loaded data (`engineState.indicatorCache`, renewed when the data changes) and passes it to `loadCompareData` from the overview cards, the comparison page and the board report, so moving between them, or toggling an option that changes some queries, reruns only those. The indicator preview computes its one definition afresh.'
	);
	p();
	const errs = sec.sizes.flatMap((s) => [
		...errorsOf(`${s.size} wasm`, s.wasm),
		...errorsOf(`${s.size} native`, s.native)
	]);
	if (errs.length) {
		p('Failed runs:');
		p();
		for (const e of errs) p(`- ${e}`);
		p();
	}
	L.push(
		...closeBlock(
			'filter-change',
			compactJson(
				{
					...sec,
					sizes: sec.sizes.map((s) => ({ ...s, wasm: s.wasm.map(strip), native: s.native.map(strip) }))
				},
				6
			)
		)
	);
	return L;
}

const strip = (r: SqlStepOutput | Err) =>
	isErr(r) ? r : { step: r.step, phases: r.phases, filter: r.filter };

// ---- the native report at large sizes, run on its own ----

export function nativeReportSection(sec: NativeReportSection): string[] {
	const L: string[] = [];
	const p = (s = '') => L.push(s);
	p('<!-- bench:native-report -->');
	p('## Report command, native DuckDB, large datasets');
	p();
	p(
		'`npm run report -- <folder> --format json --engine native --as-of 2025-06-30` (1 thread; run as `node tsx scripts/report.ts`), wall-clock and peak RSS of the process (`/usr/bin/time`); the datasets generated by `scripts/generate-scale.js` when missing.'
	);
	p();
	p(runNote(sec, null));
	p();
	p('| data | runs | median time | peak RSS | every run |');
	p('|---|---:|---:|---:|---|');
	for (const s of sec.sizes) {
		const good = ok(s.runs);
		p(
			`| ${s.size} | ${good.length} | ${good.length ? fmtS(median(good.map((r) => r.seconds * 1000))) : 'failed'} | ${good.length ? fmtMb(Math.max(...good.map((r) => r.maxRssMb))) : '–'} | ${s.runs.map((r) => (isErr(r) ? `failed: ${r.error}` : fmtS(r.seconds * 1000))).join(', ')} |`
		);
	}
	p();
	L.push(...closeBlock('native-report', compactJson(sec, 4)));
	return L;
}

export const NATIVE_REPORT_ROW_PREFIX = '| report command on native DuckDB at large sizes';

export function nativeReportTargetRow(sec: NativeReportSection): string | null {
	if (!sec.sizes.length) return null;
	const cells = sec.sizes.map((s) => {
		const good = ok(s.runs);
		return good.length
			? `${s.size}: ${fmtS(median(good.map((r) => r.seconds * 1000)))}, ${fmtMb(Math.max(...good.map((r) => r.maxRssMb)))} peak RSS`
			: `${s.size}: **failed** (${s.runs.filter(isErr)[0]?.error ?? 'no run'})`;
	});
	const allOk = sec.sizes.every((s) => ok(s.runs).length > 0);
	return `${NATIVE_REPORT_ROW_PREFIX} (1 thread) | ${cells.join('; ')}; ${sec.separate ? 'separate run, ' : ''}see [the section](#report-command-native-duckdb-large-datasets) | ${allOk ? 'completes' : '**fails**'} |`;
}

export interface ColdStartSection extends RunInfo {
	chromium: string;
	coldStartMs: number[];
	instantiateMs: number[];
	coldStartHeapMb: number[];
	/** Which build was measured (ensureBuild's note). */
	site: string;
}

export function coldStartSection(sec: ColdStartSection): string[] {
	const L: string[] = [];
	const p = (s = '') => L.push(s);
	const cs = median(sec.coldStartMs);
	const inst = median(sec.instantiateMs);
	p('<!-- bench:cold-start -->');
	p('## Cold start in Chromium');
	p();
	p(
		`${sec.separate ? `Measured in a **separate run** (\`npm run bench -- ${sec.args}\`), after the code changes named in the notes, not the run the sections above come from` : `Measured in this run (\`${sec.args}\`)`}, started ${when(sec.started)}, Chromium ${sec.chromium}. ` +
			`Each round opens a fresh browser context (empty cache) twice, in turn: the overview page on the example data until the first data point of the eligibility chart (\`#eligibility [data-tip]\`), and duckdb-wasm instantiation alone in a blank same-origin page (the worker and wasm the build ships: INSTANTIATE, OPEN, CONNECT, \`SELECT 1\`). ` +
			`Load average (1/5/15 min) at its start ${fmtLoad(sec.load0)}, at its end ${fmtLoad(sec.load1)} on the 2 cores; both measurements share each round's load. Site: ${sec.site}.`
	);
	p();
	p('| measurement | runs | median | every run |');
	p('|---|---:|---:|---|');
	p(
		`| cold start → first chart (overview, example data) | ${sec.coldStartMs.length} | ${fmtS(cs)} | ${sec.coldStartMs.map(fmtS).join(', ')} |`
	);
	p(
		`| duckdb-wasm instantiation alone | ${sec.instantiateMs.length} | ${fmtS(inst)} | ${sec.instantiateMs.map(fmtS).join(', ')} |`
	);
	p();
	p(
		`Cold start / instantiation alone: **${fmtX(cs / inst)}** (target ≤ 1.3×). Page JS heap at first chart: ${fmtMb(median(sec.coldStartHeapMb))}.`
	);
	p();
	L.push(...closeBlock('cold-start', compactJson(sec, 1)));
	return L;
}

export const COLD_START_ROW_PREFIX = '| cold start ≤ 1.3× engine instantiation alone';

export function coldStartTargetRow(sec: ColdStartSection): string {
	const cs = median(sec.coldStartMs);
	const inst = median(sec.instantiateMs);
	const ratio = cs / inst;
	return `${COLD_START_ROW_PREFIX} | Chromium: ${fmtS(cs)} to first chart vs ${fmtS(inst)} instantiation = **${fmtX(ratio)}**; ${sec.separate ? 'separate run, ' : ''}see [the section](#cold-start-in-chromium) | ${ratio <= 1.3 ? '**met**' : '**missed**'} |`;
}

export function importPageTable(runs: Record<string, ImportPageResult>): string[] {
	const opt = (x: number | null | undefined, f: (x: number) => string) => (x != null ? f(x) : '–');
	return [
		'| data | loads? | pick → ready | import → summary | page JS heap after | after a full GC | renderer peak RSS |',
		'|---|---|---:|---:|---:|---:|---:|',
		...Object.entries(runs).map(
			([size, r]) =>
				`| ${size} | ${r.ok ? 'yes' : `**no**: ${r.error}`} | ${opt(r.pickMs, fmtS)} | ${opt(r.importMs, fmtS)} | ${opt(r.heapMb, fmtMb)} | ${opt(r.heapAfterGcMb, fmtMb)} | ${opt(r.rendererMb, fmtMb)} |`
		)
	];
}

export interface ImportPageSection extends RunInfo {
	runs: Record<string, ImportPageResult>;
}

export function importPageSection(sec: ImportPageSection): string[] {
	return [
		'<!-- bench:import-page -->',
		'## Import page in Chromium',
		'',
		`${runNote(sec, null)} One run per size: the import page of the built site, every CSV of the dataset picked → the import summary shown (decode, sniff, identity guard, typed load, validation, commit, in the page). Page JS heap: \`performance.memory.usedJSHeapSize\` as the summary shows, and again after a full garbage collection (DevTools protocol \`HeapProfiler.collectGarbage\`), which is what the page keeps. Renderer peak RSS: the high-water mark (VmHWM) of the page's renderer process, which also holds the engine's worker and its wasm memory.`,
		'',
		...importPageTable(sec.runs),
		'',
		...closeBlock('import-page', compactJson(sec, 2))
	];
}

// ---- merging into an existing BENCHMARKS.md ----

/** The raw JSON of a block in `md` (its "Every run of this section" details), or null. */
export function blockData<T>(md: string, name: string): T | null {
	const i = md.indexOf(`<!-- bench:${name} -->`);
	const j = md.indexOf(`<!-- /bench:${name} -->`);
	if (i < 0 || j < i) return null;
	const m = /```json\n([\s\S]*?)\n```/.exec(md.slice(i, j));
	return m ? (JSON.parse(m[1]) as T) : null;
}

/** Replace the block named `name` in `md`, or insert it before the Failures/Raw sections (else at the end). */
export function upsertBlock(md: string, name: string, block: string[]): string {
	const start = `<!-- bench:${name} -->`;
	const end = `<!-- /bench:${name} -->`;
	const text = block.join('\n');
	const i = md.indexOf(start);
	const j = md.indexOf(end);
	if (i >= 0 && j > i) return md.slice(0, i) + text + md.slice(j + end.length);
	const lines = md.split('\n');
	const at = lines.findIndex((l) => l === '## Failures' || l === '## Raw');
	if (at < 0) return `${md.replace(/\n*$/, '')}\n\n${text}\n`;
	return [...lines.slice(0, at), ...block, '', ...lines.slice(at)].join('\n');
}

/** Replace the targets-table row starting with `prefix`, or add it at the end of that table. */
export function upsertTargetRow(md: string, prefix: string, row: string): string {
	const lines = md.split('\n');
	const existing = lines.findIndex((l) => l.startsWith(prefix));
	if (existing >= 0) {
		lines[existing] = row;
		return lines.join('\n');
	}
	const heading = lines.findIndex((l) => l.startsWith('## Targets from the issues'));
	if (heading < 0) return md;
	let k = heading + 1;
	while (k < lines.length && !lines[k].startsWith('|')) k++;
	while (k < lines.length && lines[k].startsWith('|')) k++;
	lines.splice(k, 0, row);
	return lines.join('\n');
}

/** The text of block `name` in `md` (markers included), or null. */
function blockText(md: string, name: string): string | null {
	const start = `<!-- bench:${name} -->`;
	const end = `<!-- /bench:${name} -->`;
	const i = md.indexOf(start);
	const j = md.indexOf(end);
	return i >= 0 && j > i ? md.slice(i, j + end.length) : null;
}

/**
 * What a full run does not measure again but must not lose, from the previous BENCHMARKS.md: the
 * hand-written notes (block `notes`, kept right after the targets table), the separately run
 * report at large sizes (block `native-report` and its target row, marked as a separate run), and a
 * separately run cold start when the new run measured none (--no-browser).
 */
export function carryOver(previous: string, md: string): string {
	const notes = blockText(previous, 'notes');
	if (notes && !blockText(md, 'notes')) {
		const lines = md.split('\n');
		const heading = lines.findIndex((l) => l.startsWith('## Targets from the issues'));
		if (heading >= 0) {
			let k = heading + 1;
			while (k < lines.length && !lines[k].startsWith('|')) k++;
			while (k < lines.length && lines[k].startsWith('|')) k++;
			lines.splice(k, 0, '', notes);
			md = lines.join('\n');
		}
	}
	// A full run measures the cold start itself, unless it ran without a browser.
	const cold = blockData<ColdStartSection>(previous, 'cold-start');
	if (cold && !md.split('\n').some((l) => l.startsWith(COLD_START_ROW_PREFIX))) {
		const kept = { ...cold, separate: true };
		md = upsertBlock(md, 'cold-start', coldStartSection(kept));
		md = upsertTargetRow(md, COLD_START_ROW_PREFIX, coldStartTargetRow(kept));
	}
	const report = blockData<NativeReportSection>(previous, 'native-report');
	if (report && !blockText(md, 'native-report')) {
		const kept = { ...report, separate: true };
		md = upsertBlock(md, 'native-report', nativeReportSection(kept));
		const row = nativeReportTargetRow(kept);
		if (row) md = upsertTargetRow(md, NATIVE_REPORT_ROW_PREFIX, row);
	}
	return md;
}
