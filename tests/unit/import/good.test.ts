import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { importDataset } from '$lib/core/import/import-dataset';
import { createNodeEngine } from '$lib/engine/node';
import { dumpCanonical, fixtureDir } from './helpers';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(() => engine.close());

const VARIANTS = [
	'comma-utf8',
	'semicolon-cp1252-crlf',
	'utf8-bom-crlf',
	'tab',
	'utf16-tab',
	'pipe',
	'quoted',
	'swedish'
] as const;

async function importVariant(name: string) {
	const result = await importDataset(engine, fixtureDir(`good/${name}`), { thisYear: 2025 });
	expect(result.errors).toEqual([]);
	expect(result.ok).toBe(true);
	return { result, tables: await dumpCanonical(engine) };
}

describe('good files in every supported dialect', () => {
	it('loads the reference dataset (comma, UTF-8) to the hand-written canonical rows', async () => {
		const { result, tables } = await importVariant('comma-utf8');
		expect(result.warnings).toEqual([]);
		expect(result.tables).toEqual([
			{ name: 'cohorts', rows: 3 },
			{ name: 'persons', rows: 6 },
			{ name: 'grades', rows: 5 },
			{ name: 'school_outcomes', rows: 2 },
			{ name: 'events', rows: 4 },
			{ name: 'care', rows: 3 },
			{ name: 'surveys', rows: 3 },
			{ name: 'contacts', rows: 2 },
			{ name: 'fund_ledger', rows: 4 },
			{ name: 'unit_costs', rows: 3 },
			{ name: 'reference_values', rows: 2 }
		]);
		expect(tables.persons).toEqual([
			{
				person_id: '1212121213',
				cohort_id: 'K1',
				birth_year: 2001,
				sex: 'F',
				area: 'Södermalm',
				level: 'red',
				entry_date: '2015-09-08',
				exit_date: '2016-05-31',
				exit_reason: 'completed'
			},
			{
				person_id: 'P002',
				cohort_id: 'K1',
				birth_year: 2001,
				sex: 'M',
				area: 'Södermalm',
				level: 'yellow',
				entry_date: '2015-09-15',
				exit_date: null,
				exit_reason: null
			},
			{
				person_id: 'P003',
				cohort_id: 'K1',
				birth_year: 2002,
				sex: 'X',
				area: 'Norr; östra',
				level: 'green',
				entry_date: '2015-10-01',
				exit_date: '2016-01-15',
				exit_reason: 'moved'
			},
			{
				person_id: 'P004',
				cohort_id: 'K2',
				birth_year: 2001,
				sex: null,
				area: 'Norr',
				level: null,
				entry_date: '2015-09-08',
				exit_date: null,
				exit_reason: null
			},
			{
				person_id: 'P005',
				cohort_id: 'K2',
				birth_year: 2001,
				sex: 'F',
				area: 'Norr',
				level: null,
				entry_date: '2015-09-08',
				exit_date: null,
				exit_reason: null
			},
			{
				person_id: 'P006',
				cohort_id: 'K0',
				birth_year: 1999,
				sex: 'M',
				area: 'Söder',
				level: null,
				entry_date: '2013-09-02',
				exit_date: '2014-06-13',
				exit_reason: 'aged_out'
			}
		]);
		expect(tables.fund_ledger).toEqual([
			{
				project_id: 'P1',
				date: '2015-06-15',
				entry: 'grant',
				amount_sek: 2500000,
				note: 'Beslut KS 2015-06-15, §112; villkor:\nåterbetalning från år 3',
				plan_version: null
			},
			{
				project_id: 'P1',
				date: '2015-06-15',
				entry: 'planned_repayment',
				amount_sek: 500000,
				note: 'Plan "A"',
				plan_version: 1
			},
			{
				project_id: 'P1',
				date: '2015-08-01',
				entry: 'disbursement',
				amount_sek: 1250000.5,
				note: null,
				plan_version: null
			},
			{
				project_id: 'P1',
				date: '2017-12-31',
				entry: 'repayment',
				amount_sek: 312345.75,
				note: 'ref 19850709-9806',
				plan_version: null
			}
		]);
		expect(tables.care).toEqual([
			{ person_id: 'P002', care_type: 'hvb', start_date: '2016-03-01', end_date: '2016-03-10' },
			{ person_id: 'P003', care_type: 'family_home', start_date: '2016-01-20', end_date: null },
			{ person_id: 'P006', care_type: 'sis', start_date: '2014-01-05', end_date: '2014-02-05' }
		]);
		expect(tables.contacts.map((r) => r.count)).toEqual([1250, 14]);
		expect(tables.school_outcomes.map((r) => r.merit_value)).toEqual([212.5, 87.5]);
		expect(tables.reference_values.map((r) => [r.value, r.n])).toEqual([
			[0.856, null],
			[0.837, 98000]
		]);
		expect(tables.grades.map((r) => r.grade)).toEqual(['C', 'A', 'F', 'E', null]);
		expect(tables.unit_costs.map((r) => r.source)).toEqual([
			'Kommunalförbund, prislista',
			'SKL Psynk – Insatskostnader',
			'SiS avgift | 3528 / 0.72'
		]);
	});

	for (const variant of VARIANTS.slice(1))
		it(`loads ${variant} to the same canonical tables`, async () => {
			await importVariant('comma-utf8');
			const reference = await dumpCanonical(engine);
			const { result, tables } = await importVariant(variant);
			expect(tables).toEqual(reference);
			expect(result.files.every((f) => f.mapping)).toBe(true);
		});

	for (const variant of VARIANTS)
		it(`loads ${variant} read in pieces (as a file too long for one string is) to the same tables and report`, async () => {
			const whole = await importVariant(variant);
			const result = await importDataset(engine, fixtureDir(`good/${variant}`), {
				thisYear: 2025,
				pieces: { wholeUpTo: 0, pieceBytes: 7 }
			});
			expect(result).toEqual(whole.result);
			expect(await dumpCanonical(engine)).toEqual(whole.tables);
		});

	it('reports the sniffed dialect and encoding of each variant', async () => {
		const dialect = async (v: string) => {
			const r = await importDataset(engine, fixtureDir(`good/${v}`), { thisYear: 2025 });
			const f = r.files.find((x) => /ledger|fondbok/.test(x.file))!;
			return { encoding: f.encoding, ...f.dialect, dateForms: undefined, header: undefined };
		};
		expect(await dialect('semicolon-cp1252-crlf')).toMatchObject({
			encoding: 'windows-1252',
			delimiter: ';',
			decimal: ',',
			thousands: 'space',
			newline: 'crlf'
		});
		expect(await dialect('comma-utf8')).toMatchObject({
			encoding: 'utf-8',
			delimiter: ',',
			decimal: '.',
			thousands: null,
			newline: 'lf'
		});
		expect(await dialect('utf8-bom-crlf')).toMatchObject({ encoding: 'utf-8-bom', newline: 'crlf' });
		expect(await dialect('utf16-tab')).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
		expect(await dialect('pipe')).toMatchObject({ delimiter: '|' });
		expect(await dialect('swedish')).toMatchObject({ delimiter: ';', decimal: ',', thousands: 'space' });
	});
});
