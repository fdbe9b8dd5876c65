import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '$lib/core/schema/tables';

const root = fileURLToPath(new URL('../..', import.meta.url));
const datasetsDir = join(root, 'datasets');
const datasetIds = readdirSync(datasetsDir)
	.filter((d) => d !== 'generated' && statSync(join(datasetsDir, d)).isDirectory())
	.sort();

/** RFC 4180 parsing: enough for the generator's output (quoted fields with commas and quotes). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length) rows.push([...row, field]);
	return rows;
}

type Rows = Record<string, string>[];
function readTable(id: string, file: string): Rows | null {
	const path = join(datasetsDir, id, file);
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch {
		return null;
	}
	const [header, ...body] = parseCsv(text);
	return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

// YYMMDD or YYYYMMDD followed by four digits, with or without the separator.
const PERSONNUMMER = /(?<!\d)(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[-+]?\d{4}(?!\d)/;

describe('example datasets', () => {
	let tmp: string;
	beforeAll(() => {
		tmp = mkdtempSync(join(tmpdir(), 'utfall-datasets-'));
		execFileSync(process.execPath, [join(root, 'scripts/generate-datasets.js'), '--out', tmp], { cwd: root });
	});
	afterAll(() => rmSync(tmp, { recursive: true, force: true }));

	it('has the three example datasets', () => {
		expect(datasetIds).toEqual(['prisma-ekero', 'samagera-torshalla', 'sig-eslov']);
	});

	it('regenerates byte for byte', () => {
		expect(readdirSync(tmp).sort()).toEqual(datasetIds);
		for (const id of datasetIds) {
			const committed = readdirSync(join(datasetsDir, id)).sort();
			expect(readdirSync(join(tmp, id)).sort(), id).toEqual(committed);
			for (const f of committed) {
				const a = readFileSync(join(datasetsDir, id, f));
				const b = readFileSync(join(tmp, id, f));
				expect(a.equals(b), `${id}/${f} differs from a fresh build`).toBe(true);
			}
		}
	});

	describe.each(datasetIds)('%s', (id) => {
		const files = readdirSync(join(datasetsDir, id));

		it('has a complete manifest', () => {
			const m = JSON.parse(readFileSync(join(datasetsDir, id, 'dataset.json'), 'utf8'));
			expect(m.id).toBe(id);
			expect(m.synthetic).toBe(true);
			expect(m.municipality.code).toMatch(/^\d{4}$/);
			for (const k of ['title', 'description', 'source', 'licence', 'created']) expect(m[k], k).toBeTruthy();
			expect(m.created).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		});

		it('writes only contract files, UTF-8 without BOM, \\n line ends, headers as in TABLES', () => {
			for (const f of files.filter((x) => x.endsWith('.csv'))) {
				const table = TABLES.find((t) => t.file === f);
				expect(table, `${f} is not a contract table`).toBeDefined();
				const bytes = readFileSync(join(datasetsDir, id, f));
				expect(bytes[0], f).not.toBe(0xef);
				const text = bytes.toString('utf8');
				expect(text.includes('\r'), f).toBe(false);
				expect(text.endsWith('\n'), f).toBe(true);
				const rows = parseCsv(text);
				expect(rows[0], f).toEqual(table!.columns.map((c) => c.name));
				for (const r of rows) expect(r.length, `${f}: ${r.join(',')}`).toBe(rows[0].length);
			}
			expect(files).toContain('persons.csv');
			expect(files).toContain('reference_values.csv');
			expect(files).toContain('unit_costs.csv');
		});

		it('keeps values within the contract', () => {
			for (const table of TABLES) {
				const rows = readTable(id, table.file);
				if (!rows) continue;
				for (const row of rows)
					for (const c of table.columns) {
						const v = row[c.name];
						const where = `${table.file} ${c.name} = '${v}'`;
						if (c.required) expect(v, where).not.toBe('');
						if (v === '') continue;
						if (c.type === 'date') expect(v, where).toMatch(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
						if (c.type === 'integer') expect(v, where).toMatch(/^-?\d+$/);
						if (c.type === 'decimal') expect(v, where).toMatch(/^-?\d+(\.\d+)?$/);
						if (c.values) expect(c.values, where).toContain(v);
					}
			}
		});

		it('is referentially intact', () => {
			const persons = readTable(id, 'persons.csv')!;
			const cohorts = readTable(id, 'cohorts.csv');
			const ids = new Set(persons.map((p) => p.person_id));
			expect(ids.size).toBe(persons.length);
			if (cohorts) {
				const cohortIds = new Set(cohorts.map((c) => c.cohort_id));
				for (const p of persons) expect(cohortIds.has(p.cohort_id), p.person_id).toBe(true);
				for (const c of cohorts) expect(c.end_date >= c.start_date, c.cohort_id).toBe(true);
			}
			for (const p of persons) if (p.exit_date) expect(p.exit_date >= p.entry_date, p.person_id).toBe(true);
			for (const table of TABLES.filter((t) => t.personLevel)) {
				const rows = readTable(id, table.file);
				if (!rows) continue;
				for (const r of rows) expect(ids.has(r.person_id), `${table.file}: ${r.person_id}`).toBe(true);
			}
			for (const c of readTable(id, 'care.csv') ?? [])
				if (c.end_date) expect(c.end_date >= c.start_date, `${c.person_id} ${c.start_date}`).toBe(true);
		});

		it('holds nothing that looks like a personal identity number', () => {
			for (const f of files) {
				const text = readFileSync(join(datasetsDir, id, f), 'utf8');
				const hits = text.split(/[,\n"]/).filter((v) => PERSONNUMMER.test(v) || /\d{10,}/.test(v));
				expect(hits, f).toEqual([]);
			}
		});
	});
});
