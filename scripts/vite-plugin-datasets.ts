import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { TABLES } from '../src/lib/core/schema/tables.ts';

const REQUIRED_MANIFEST_FIELDS = [
	'id',
	'title',
	'municipality',
	'description',
	'synthetic',
	'source',
	'licence'
];

/** Problems that make a bundled dataset unfit to ship; empty when it is fine. */
export function checkBundledDataset(dir: string): string[] {
	const problems: string[] = [];
	const manifestPath = path.join(dir, 'dataset.json');
	if (!fs.existsSync(manifestPath)) return [`${manifestPath}: missing`];
	try {
		const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
		for (const f of REQUIRED_MANIFEST_FIELDS)
			if (!(f in manifest)) problems.push(`${manifestPath}: field "${f}" missing`);
		if (manifest.id !== path.basename(dir))
			problems.push(`${manifestPath}: id "${manifest.id}" differs from the folder name`);
	} catch (e) {
		problems.push(`${manifestPath}: not valid JSON (${(e as Error).message})`);
	}
	for (const table of TABLES) {
		const file = path.join(dir, table.file);
		if (!fs.existsSync(file)) {
			if (table.required) problems.push(`${file}: missing (required)`);
			continue;
		}
		const text = fs.readFileSync(file, 'utf8');
		const header = text.slice(0, text.indexOf('\n')).replace(/\r$/, '');
		const expected = table.columns.map((c) => c.name).join(',');
		if (header !== expected) problems.push(`${file}: header is "${header}", expected "${expected}"`);
		if (text.split('\n').filter((l) => l.trim()).length < 2 && table.required)
			problems.push(`${file}: has no rows`);
	}
	return problems;
}

/** Fails the build with a clear message when the example data is missing or corrupt. */
export function datasetsPlugin(root = 'datasets'): Plugin {
	return {
		name: 'utfall-datasets',
		buildStart() {
			const dir = path.resolve(root);
			const folders = fs.existsSync(dir)
				? fs
						.readdirSync(dir)
						.filter(
							(f) =>
								fs.existsSync(path.join(dir, f, 'dataset.json')) ||
								fs.existsSync(path.join(dir, f, 'persons.csv'))
						)
				: [];
			if (folders.length === 0)
				this.error(`No example dataset found in ${dir}. Run "npm run datasets" to generate them.`);
			const problems = folders.flatMap((f) => checkBundledDataset(path.join(dir, f)));
			if (problems.length)
				this.error(
					`The example data is corrupt; fix it or run "npm run datasets":\n  ${problems.join('\n  ')}`
				);
		}
	};
}
