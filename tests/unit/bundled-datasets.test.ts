import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBundledDataset, datasetsPlugin } from '../../scripts/vite-plugin-datasets';

function copyDataset(): string {
	const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'utfall-ds-')), 'samagera-torshalla');
	fs.cpSync('datasets/samagera-torshalla', dir, { recursive: true });
	return dir;
}

describe('build-time check of the bundled example data', () => {
	it('accepts every committed example dataset', () => {
		for (const d of fs.readdirSync('datasets').filter((f) => fs.existsSync(`datasets/${f}/dataset.json`)))
			expect(checkBundledDataset(path.join('datasets', d)), d).toEqual([]);
	});

	it('names a missing required file', () => {
		const dir = copyDataset();
		fs.rmSync(path.join(dir, 'persons.csv'));
		expect(checkBundledDataset(dir)).toEqual([`${path.join(dir, 'persons.csv')}: missing (required)`]);
	});

	it('names a corrupt header and a broken manifest', () => {
		const dir = copyDataset();
		const grades = path.join(dir, 'grades.csv');
		fs.writeFileSync(grades, fs.readFileSync(grades, 'utf8').replace('school_year', 'läsår'));
		fs.writeFileSync(path.join(dir, 'dataset.json'), '{ "id": ');
		const problems = checkBundledDataset(dir);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(/dataset\.json: not valid JSON/);
		expect(problems[1]).toBe(
			`${grades}: header is "person_id,läsår,subject,grade", expected "person_id,school_year,subject,grade"`
		);
	});

	it('fails the build with a message that says what to do', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'utfall-empty-'));
		const plugin = datasetsPlugin(root) as unknown as {
			buildStart: (this: { error: (m: string) => never }) => void;
		};
		const context = {
			error(m: string): never {
				throw new Error(m);
			}
		};
		expect(() => plugin.buildStart.call(context)).toThrow(/No example dataset found .*npm run datasets/);
	});
});
