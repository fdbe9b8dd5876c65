// The panel-SQL and filter-change steps, each in a process of its own like step.ts (so peak memory
// is the step's alone), run by scripts/bench.ts:
//   `tsx scripts/bench/sql-step.ts <step> <dataset-folder> <panel-sql.json>`; prints one JSON line.
//   panel-sql-wasm | panel-sql-native   instantiate, read the files, load them as loadDataset does
//                          (the captured statements: read_csv into the typed canonical tables), then
//                          run the captured panel statements one after another (panel-sql.ts)
//   filter-wasm | filter-native         the same load, then computeIndicators with its cache through
//                          the scenarios of filter-change.ts
// Kept apart from step.ts so that it needs nothing of the import path.
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../src/lib/core/engine';
import { phase, type PhaseResult } from './memory';
import { checksumOf, readPanelSql, replayLoad, type Checksum } from './panel-sql';
import { filterChange, type FilterResult } from './filter-change';

export interface SqlStepOutput {
	step: string;
	phases: Record<string, PhaseResult>;
	/** panel-sql-*: each captured statement's time and result checksum, in order. */
	sql?: { ms: number; checksum: Checksum }[];
	filter?: FilterResult;
}

async function engineOf(kind: 'wasm' | 'native'): Promise<Engine> {
	if (kind === 'wasm') return (await import('../../src/lib/engine/node')).createNodeEngine();
	return (await import('../../src/lib/engine/native')).createNativeEngine({ threads: 1 });
}

async function main() {
	const [step, folder, sqlFile] = process.argv.slice(2);
	const m = /^(panel-sql|filter)-(wasm|native)$/.exec(step ?? '');
	if (!m || !folder || !sqlFile)
		throw new Error(
			`usage: sql-step.ts panel-sql-wasm|panel-sql-native|filter-wasm|filter-native <folder> <panel-sql.json>`
		);
	const panelSql = readPanelSql(sqlFile);
	const out: SqlStepOutput = { step, phases: {} };
	const inst = await phase(() => engineOf(m[2] as 'wasm' | 'native'));
	out.phases.instantiate = inst.result;
	const engine = inst.value;
	const files = await phase(() => {
		const bytes = new Map<string, Uint8Array>();
		for (const o of panelSql.load)
			if (o.op === 'register') bytes.set(o.file, new Uint8Array(fs.readFileSync(path.join(folder, o.file))));
		return bytes;
	});
	out.phases.read_files = files.result;
	const load = await phase(() => replayLoad(engine, panelSql.load, (f) => files.value.get(f)!));
	out.phases.read_csv = load.result;
	if (m[1] === 'panel-sql') {
		const sql: { ms: number; checksum: Checksum }[] = [];
		const run = await phase(async () => {
			for (const s of panelSql.statements) {
				const t0 = performance.now();
				const rows = await engine.query(s.sql);
				sql.push({ ms: performance.now() - t0, checksum: checksumOf(rows) });
			}
		});
		out.phases.panel_sql = run.result;
		out.sql = sql;
	} else {
		const f = await phase(() => filterChange(engine, panelSql.asOf, panelSql.statements));
		out.phases.filter = f.result;
		out.filter = f.value;
	}
	await engine.close();
	process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
	process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
