import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Report } from '$lib/core/report/types';
import { pooledEligibility } from '../../oracle/eligibility';

const DATASET = 'datasets/samagera-torshalla';
const csv = (file: string) =>
	Papa.parse<Record<string, string>>(fs.readFileSync(path.join(DATASET, file), 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;

function runReport(args: string[]) {
	return spawnSync('npx', ['tsx', 'scripts/report.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
}

describe('report command (duckdb-wasm in Node)', () => {
	const r = runReport([DATASET, '--format', 'json', '--as-of', '2024-12-31']);
	const report: Report = JSON.parse(r.stdout);

	it('writes the documented JSON document', () => {
		expect(r.status).toBe(0);
		expect(report.dataset).toEqual({ id: 'samagera-torshalla', title: 'Team Samagera, Torshälla' });
		expect(report.min_cell).toBe(10);
		expect(Object.keys(report.indicators[0]).slice(0, 9)).toEqual([
			'indicator_id',
			'cohort_id',
			'period',
			'n',
			'numerator',
			'value',
			'ci_low',
			'ci_high',
			'suppressed'
		]);
	});

	it('conforms to the published JSON Schema (docs/report.schema.json)', () => {
		const ajv = new Ajv({ allErrors: true });
		addFormats(ajv);
		const validate = ajv.compile(JSON.parse(fs.readFileSync('docs/report.schema.json', 'utf8')));
		expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
		// and the schema is not vacuous: a row without its interval fails
		const broken = structuredClone(report);
		delete (broken.indicators[0] as Partial<(typeof broken.indicators)[0]>).ci_low;
		expect(validate(broken)).toBe(false);
	});

	it('suppresses every person-level cell below k = 10 and shows the rest', () => {
		for (const row of report.indicators.filter((x) => x.cohort_id !== null)) {
			if (row.suppressed) expect([row.n, row.numerator, row.value]).toEqual([null, null, null]);
			else if (row.n !== null) expect(row.n).toBeGreaterThanOrEqual(10);
		}
		expect(report.indicators.some((x) => x.suppressed)).toBe(true);
		expect(report.indicators.some((x) => !x.suppressed && x.value !== null)).toBe(true);
	});

	it('compares eligibility over all years with the historical cohort, matching a count from the CSV files', () => {
		// Independent count: pupil-years with a pass in SV/SVA, EN, MA and ≥ 5 other subjects.
		const tally = pooledEligibility(DATASET);
		const p = tally.get('samagera')!;
		const h = tally.get('torshalla-2010')!;
		const c = report.comparisons.find(
			(x) =>
				x.indicator_id === 'eligible_vocational' && x.period === 'all' && x.baseline_id === 'torshalla-2010'
		)!;
		expect(c.difference).toBeCloseTo(p.x / p.n - h.x / h.n, 10);
		expect(c.ci_low!).toBeLessThan(c.difference!);
		expect(c.ci_high!).toBeGreaterThan(c.difference!);
		expect(c.verdict).toBe(c.ci_low! > 0 ? 'better_clear' : 'no_clear_difference');
	});

	it('reports the fund position from the ledger', () => {
		const ledger = csv('fund_ledger.csv');
		const sum = (entry: string, until = '9999') =>
			ledger
				.filter((l) => l.entry === entry && l.date <= until && !l.note.startsWith('written_off'))
				.reduce((s, l) => s + Math.round(Number(l.amount_sek) * 100), 0) / 100;
		const [f] = report.fund;
		expect(f.project_id).toBe('samagera');
		expect(f.granted_sek).toBe(3_800_000);
		expect(f.granted_sek).toBe(sum('grant'));
		expect(f.disbursed_sek).toBe(sum('disbursement', '2024-12-31'));
		expect(f.repaid_sek).toBe(sum('repayment', '2024-12-31'));
		expect(f.outstanding_sek).toBe(f.granted_sek - f.repaid_sek);
	});

	it('warns that output below k = 10 is for internal use only', () => {
		const low = runReport([DATASET, '--format', 'csv', '--min-cell', '5']);
		expect(low.status).toBe(0);
		expect(low.stderr).toMatch(/internal use only/);
		expect(low.stdout).toMatch(/^# indicators\nindicator_id,cohort_id,period,n,numerator,value/);
	});

	it('refuses a folder with a personal identity number: exit 2, nothing written, the file and column named', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utfall-report-'));
		fs.writeFileSync(
			path.join(dir, 'persons.csv'),
			'person_id,cohort_id,birth_year,sex,area,level,entry_date,exit_date,exit_reason\n' +
				'19121212-1212,a,2005,F,,,2015-01-01,,\n'
		);
		const out = path.join(dir, 'out.json');
		const bad = runReport([dir, '--out', out]);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('persons.csv');
		expect(bad.stderr).toContain('person_id');
		expect(fs.existsSync(out)).toBe(false);
	});

	it('writes a Swedish markdown report by default and English on request', () => {
		const sv = execFileSync('npx', ['tsx', 'scripts/report.ts', DATASET, '--format', 'md'], {
			encoding: 'utf8'
		});
		expect(sv).toContain('# Utfallsrapport: Team Samagera, Torshälla');
		const en = execFileSync('npx', ['tsx', 'scripts/report.ts', DATASET, '--format', 'md', '--lang', 'en'], {
			encoding: 'utf8'
		});
		expect(en).toContain('# Outcome report: Team Samagera, Torshälla');
	});
});
