// One benchmark step in a process of its own (so peak memory is the step's alone), run by
// scripts/bench.ts: `tsx scripts/bench/step.ts <step> <dataset-folder>`; prints one JSON line.
//   wasm | native          instantiate, read files, importDataset (the full import path), panel
//   wasm-load | native-load instantiate, read files, read_csv straight into typed canonical tables
//                          (loadDataset: no sniffing, identity guard or validation), figures in SQL
//   papaparse | arquero    parse persons/grades/care/events and compute the same figures in JS
import type { Engine } from '../../src/lib/core/engine';
import { importDataset } from '../../src/lib/core/import';
import { loadDataset } from '../../src/lib/core/dataset/load';
import { BUILT_IN_INDICATORS, computeIndicators } from '../../src/lib/core/indicators';
import { phase, type PhaseResult } from './memory';
import { readCsvFolder } from '../lib/csv-folder';
import { arqueroFigures, AS_OF, papaparseFigures, sqlFigures, type Figures } from './figures';

export interface StepOutput {
	step: string;
	phases: Record<string, PhaseResult>;
	figures?: Figures;
	panel?: { rows: number; errors: number; computed: number };
	importErrors?: number;
}

async function engineOf(kind: 'wasm' | 'native'): Promise<Engine> {
	if (kind === 'wasm') return (await import('../../src/lib/engine/node')).createNodeEngine();
	return (await import('../../src/lib/engine/native')).createNativeEngine({ threads: 1 });
}

async function main() {
	const [step, folder] = process.argv.slice(2);
	const out: StepOutput = { step, phases: {} };
	if (step === 'wasm' || step === 'native' || step === 'wasm-load' || step === 'native-load') {
		const kind = step.startsWith('wasm') ? 'wasm' : 'native';
		const inst = await phase(() => engineOf(kind));
		out.phases.instantiate = inst.result;
		const engine = inst.value;
		const files = await phase(() => readCsvFolder(folder));
		out.phases.read_files = files.result;
		if (step.endsWith('-load')) {
			const load = await phase(() => loadDataset(engine, files.value));
			out.phases.read_csv = load.result;
			const fig = await phase(() => sqlFigures(engine));
			out.phases.figures = fig.result;
			out.figures = fig.value;
		} else {
			const imp = await phase(() => importDataset(engine, files.value));
			out.phases.import = imp.result;
			out.importErrors = imp.value.errors.length;
			if (!imp.value.ok) throw new Error(`import failed: ${JSON.stringify(imp.value.errors.slice(0, 3))}`);
			const panel = await phase(() => computeIndicators(engine, BUILT_IN_INDICATORS, { asOf: AS_OF }));
			out.phases.panel = panel.result;
			out.panel = {
				rows: panel.value.rows.length,
				errors: panel.value.errors.length,
				computed: panel.value.computed.length
			};
			const fig = await phase(() => sqlFigures(engine));
			out.figures = fig.value;
		}
		await engine.close();
	} else if (step === 'papaparse') {
		const r = await phase(() => papaparseFigures(folder));
		out.phases.parse_and_figures = r.result;
		out.figures = r.value;
	} else if (step === 'arquero') {
		const r = await phase(() => arqueroFigures(folder));
		out.phases.parse_and_figures = r.result;
		out.figures = r.value;
	} else throw new Error(`unknown step ${step}`);
	process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
	process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
