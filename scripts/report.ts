// npm run report -- <dataset-folder> [--indicators defs.json] [--format json|csv|md] [--out path]
//                    [--min-cell k] [--engine wasm|native] [--lang sv|en] [--as-of YYYY-MM-DD]
// The app's own import, indicator, statistics, disclosure and finance code, without a browser.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IntlMessageFormat } from 'intl-messageformat';
import { importDataset, messageParams } from '../src/lib/core/import';
import { readCsvFolder } from './lib/csv-folder';
import { buildReport } from '../src/lib/core/report/build';
import { reportToCsv } from '../src/lib/core/report/csv';
import { reportToMarkdown, type Translate } from '../src/lib/core/report/markdown';
import type { DatasetManifest } from '../src/lib/core/schema/tables';
import type { Engine } from '../src/lib/core/engine';

const USAGE = `usage: npm run report -- <dataset-folder> [--indicators defs.json] [--format json|csv|md]
       [--out path] [--min-cell k] [--engine wasm|native] [--lang sv|en] [--as-of YYYY-MM-DD]
  --engine wasm    duckdb-wasm, the browser's engine (default)
  --engine native  native DuckDB, for data larger than a browser holds; 1 thread unless
                   UTFALL_DUCKDB_THREADS=n is set`;

function fail(message: string, code = 2): never {
	process.stderr.write(message.endsWith('\n') ? message : message + '\n');
	process.exit(code);
}

function translator(lang: 'sv' | 'en'): Translate {
	const dir = path.resolve(import.meta.dirname, '../src/lib/i18n', lang);
	const catalog: Record<string, unknown> = {};
	for (const f of fs.readdirSync(dir))
		catalog[f.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
	const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
	return (key, values) => {
		const message = key
			.split('.')
			.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], catalog);
		if (typeof message !== 'string') return key;
		return String(new IntlMessageFormat(message, locale).format(values ?? {}));
	};
}

async function createEngine(kind: string): Promise<Engine> {
	if (kind === 'wasm') return (await import('../src/lib/engine/node')).createNodeEngine();
	if (kind === 'native') {
		// Native DuckDB (@duckdb/node-api) for data larger than a browser holds. One thread by default
		// so the figures do not depend on the order parallel workers add doubles in.
		const threads = Number(process.env.UTFALL_DUCKDB_THREADS ?? 1);
		if (!Number.isInteger(threads) || threads < 1)
			fail('UTFALL_DUCKDB_THREADS must be a whole number of at least 1');
		return (await import('../src/lib/engine/native')).createNativeEngine({ threads });
	}
	fail(`--engine must be wasm or native, not "${kind}"\n${USAGE}`);
}

async function main() {
	let parsed;
	try {
		parsed = parseArgs({
			allowPositionals: true,
			options: {
				indicators: { type: 'string' },
				format: { type: 'string', default: 'json' },
				out: { type: 'string' },
				'min-cell': { type: 'string', default: '10' },
				engine: { type: 'string', default: 'wasm' },
				lang: { type: 'string', default: 'sv' },
				'as-of': { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			}
		});
	} catch (e) {
		fail(`${(e as Error).message}\n${USAGE}`);
	}
	const { values, positionals } = parsed;
	if (values.help) return console.log(USAGE);
	if (positionals.length !== 1) fail(USAGE);
	const folder = path.resolve(positionals[0]);
	if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) fail(`${positionals[0]}: no such folder`);
	const format = values.format!;
	if (!['json', 'csv', 'md'].includes(format)) fail(`--format must be json, csv or md\n${USAGE}`);
	const lang = values.lang === 'en' ? 'en' : 'sv';
	const minCell = Number(values['min-cell']);
	if (!Number.isInteger(minCell) || minCell < 3) fail('--min-cell must be a whole number of at least 3');
	if (minCell < 10)
		process.stderr.write(
			`warning: --min-cell ${minCell} is below 10: cells with fewer than 10 persons are shown; the output is for internal use only.\n`
		);
	const t = translator(lang);

	const manifestPath = path.join(folder, 'dataset.json');
	const manifest: Partial<DatasetManifest> = fs.existsSync(manifestPath)
		? JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
		: { id: path.basename(folder), title: path.basename(folder) };
	let definitions: unknown[] = [];
	if (values.indicators) {
		try {
			const doc = JSON.parse(fs.readFileSync(values.indicators, 'utf8'));
			definitions = Array.isArray(doc) ? doc : (doc.indicators ?? [doc]);
		} catch (e) {
			fail(`${values.indicators}: ${(e as Error).message}`);
		}
	}

	const files = readCsvFolder(folder);
	const engine = await createEngine(values.engine!);
	try {
		const imported = await importDataset(engine, files);
		for (const w of imported.warnings)
			process.stderr.write(`warning: ${t(`import.issue.${w.code}`, messageParams(w))}\n`);
		if (!imported.ok) {
			for (const e of imported.errors)
				process.stderr.write(`error: ${t(`import.issue.${e.code}`, messageParams(e))}\n`);
			fail(`${imported.errors.length} error(s): nothing was computed.`);
		}
		const report = await buildReport(engine, {
			dataset: { id: manifest.id ?? path.basename(folder), title: manifest.title ?? '' },
			extraDefinitions: definitions,
			minCell,
			asOf: values['as-of']
		});
		for (const e of report.errors)
			process.stderr.write(
				`error: indicator ${e.indicator_id}, field ${e.path}: ${e.code}${e.message ? ` (${e.message})` : ''}\n`
			);
		const text =
			format === 'json'
				? JSON.stringify(report.report, null, 2) + '\n'
				: format === 'csv'
					? reportToCsv(report.report)
					: reportToMarkdown(report.report, t, lang);
		if (values.out) fs.writeFileSync(values.out, text);
		else process.stdout.write(text);
		if (report.errors.length) process.exitCode = 2;
	} finally {
		await engine.close();
	}
}

main().catch((e) => fail(`error: ${e instanceof Error ? e.message : String(e)}`));
