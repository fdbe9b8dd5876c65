import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { importDataset } from '$lib/core/import/import-dataset';
import type { Issue } from '$lib/core/import/issues';
import { createNodeEngine } from '$lib/engine/node';
import { fixture, fixtureDir } from './helpers';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(() => engine.close());

interface Case {
	/** File under tests/fixtures/import/bad/. */
	fixture: string;
	/** The name it is imported under; the good dataset supplies every other table. */
	as: string;
	/** Import this file on its own. */
	alone?: boolean;
	errors: Partial<Issue>[];
}

const P = 'persons.csv';
const CARE_TYPES = 'hvb, family_home, sis, supported_housing, open_care';
const pnr = (fixture: string, value: string, kind = 'personnummer'): Case => ({
	fixture,
	as: P,
	errors: [{ code: 'identity_number', file: P, line: 8, column: 'person_id', value, kind, count: 1 }]
});

const CASES: Case[] = [
	// not text at all
	{ fixture: 'empty.csv', as: P, errors: [{ code: 'file_empty', file: P }] },
	{ fixture: 'whitespace-only.csv', as: P, errors: [{ code: 'file_empty', file: P }] },
	{ fixture: 'zip-renamed.csv', as: P, errors: [{ code: 'file_zip', file: P }] },
	{ fixture: 'xls-renamed.csv', as: P, errors: [{ code: 'file_xls', file: P }] },
	{ fixture: 'binary-junk.csv', as: P, errors: [{ code: 'file_binary', file: P }] },
	{ fixture: 'binary-no-nul.csv', as: P, errors: [{ code: 'file_binary', file: P }] },
	// structure
	{ fixture: 'colon-delimited.csv', as: P, errors: [{ code: 'delimiter_not_found', file: P, line: 1 }] },
	{ fixture: 'header-missing.csv', as: P, errors: [{ code: 'header_missing', file: P, line: 1 }] },
	{
		fixture: 'header-only.csv',
		as: P,
		alone: true,
		errors: [{ code: 'no_rows', file: P, table: 'persons' }]
	},
	{
		fixture: 'ragged-row.csv',
		as: P,
		errors: [{ code: 'csv_ragged_row', file: P, line: 4, expected: 9, found: 10 }]
	},
	{
		fixture: 'short-row.csv',
		as: P,
		errors: [{ code: 'csv_ragged_row', file: P, line: 3, expected: 9, found: 4 }]
	},
	{
		fixture: 'unclosed-quote.csv',
		as: P,
		errors: [{ code: 'csv_unclosed_quote', file: P, line: 5, column: 'area' }]
	},
	{
		fixture: 'stray-quote.csv',
		as: P,
		errors: [{ code: 'csv_stray_quote', file: P, line: 4, column: 'area' }]
	},
	{
		fixture: 'mixed-delimiters.csv',
		as: P,
		errors: [
			{ code: 'csv_ragged_row', file: P, line: 2, expected: 9, found: 1 },
			{ code: 'csv_ragged_row', file: P, line: 3, expected: 9, found: 1 }
		]
	},
	{
		fixture: 'decimal-comma-in-comma-file.csv',
		as: 'fund_ledger.csv',
		errors: [{ code: 'csv_ragged_row', file: 'fund_ledger.csv', line: 3, expected: 6, found: 7 }]
	},
	{
		fixture: 'header-duplicate.csv',
		as: P,
		errors: [{ code: 'header_duplicate', file: P, line: 1, column: 'Person_ID', otherColumn: 'person_id' }]
	},
	{ fixture: 'header-empty.csv', as: P, errors: [{ code: 'header_empty', file: P, line: 1, column: '10' }] },
	{ fixture: 'unknown-table.csv', as: 'data.csv', errors: [{ code: 'table_unknown', file: 'data.csv' }] },
	{
		fixture: 'missing-column.csv',
		as: P,
		errors: [{ code: 'column_missing', file: P, line: 1, column: 'birth_year', table: 'persons' }]
	},
	// values
	{
		fixture: 'impossible-date.csv',
		as: P,
		errors: [{ code: 'date_invalid', file: P, line: 3, column: 'entry_date', value: '2015-02-30' }]
	},
	{
		fixture: 'slash-date.csv',
		as: 'care.csv',
		errors: [{ code: 'date_ambiguous', file: 'care.csv', line: 3, column: 'start_date', value: '8/9/2015' }]
	},
	{
		fixture: 'excel-serial-date.csv',
		as: 'care.csv',
		errors: [{ code: 'date_excel_serial', file: 'care.csv', line: 2, column: 'start_date', value: '42430' }]
	},
	{
		fixture: 'unknown-date-form.csv',
		as: 'events.csv',
		errors: [{ code: 'date_format', file: 'events.csv', line: 2, column: 'date', value: '1 okt 2015' }]
	},
	{
		fixture: 'date-out-of-range.csv',
		as: 'events.csv',
		errors: [
			{
				code: 'date_out_of_range',
				file: 'events.csv',
				line: 2,
				column: 'date',
				value: '0215-10-01',
				min: 1900,
				max: 2100
			}
		]
	},
	{
		fixture: 'old-grade-mvg.csv',
		as: 'grades.csv',
		errors: [
			{
				code: 'grade_old_scale',
				file: 'grades.csv',
				line: 2,
				column: 'grade',
				value: 'MVG',
				allowed: 'A, B, C, D, E, F'
			}
		]
	},
	{
		fixture: 'old-grade-number.csv',
		as: 'grades.csv',
		errors: [
			{
				code: 'grade_old_scale',
				file: 'grades.csv',
				line: 3,
				column: 'grade',
				value: '4',
				allowed: 'A, B, C, D, E, F'
			}
		]
	},
	{
		fixture: 'invalid-enum.csv',
		as: 'care.csv',
		errors: [
			{
				code: 'enum_invalid',
				file: 'care.csv',
				line: 2,
				column: 'care_type',
				value: 'jourhem',
				allowed: CARE_TYPES
			}
		]
	},
	{
		fixture: 'non-numeric-amount.csv',
		as: 'fund_ledger.csv',
		errors: [
			{ code: 'not_a_number', file: 'fund_ledger.csv', line: 2, column: 'amount_sek', value: 'ca 5000' }
		]
	},
	{
		fixture: 'amount-wrong-decimal.csv',
		as: 'fund_ledger.csv',
		errors: [{ code: 'not_a_number', file: 'fund_ledger.csv', line: 3, column: 'amount_sek', value: '1.5' }]
	},
	{
		fixture: 'survey-score-decimal.csv',
		as: 'surveys.csv',
		errors: [{ code: 'not_an_integer', file: 'surveys.csv', line: 2, column: 'score', value: '3.5' }]
	},
	// dataset rules
	{
		fixture: 'missing-value.csv',
		as: P,
		errors: [{ code: 'value_missing', file: P, line: 5, column: 'entry_date' }]
	},
	{
		fixture: 'exit-before-entry.csv',
		as: P,
		errors: [
			{
				code: 'date_order',
				file: P,
				line: 4,
				column: 'exit_date',
				value: '2015-09-15',
				otherColumn: 'entry_date',
				otherValue: '2015-10-01'
			}
		]
	},
	{
		fixture: 'care-end-before-start.csv',
		as: 'care.csv',
		errors: [
			{
				code: 'date_order',
				file: 'care.csv',
				line: 3,
				column: 'end_date',
				value: '2016-01-19',
				otherColumn: 'start_date',
				otherValue: '2016-01-20'
			}
		]
	},
	{
		fixture: 'cohort-end-before-start.csv',
		as: 'cohorts.csv',
		errors: [
			{
				code: 'date_order',
				file: 'cohorts.csv',
				line: 4,
				column: 'end_date',
				value: '2013-08-01',
				otherColumn: 'start_date',
				otherValue: '2014-06-30'
			}
		]
	},
	{
		fixture: 'duplicate-person.csv',
		as: P,
		errors: [{ code: 'duplicate_key', file: P, line: 8, column: 'person_id', value: 'P002', otherLine: 3 }]
	},
	{
		fixture: 'duplicate-grade.csv',
		as: 'grades.csv',
		errors: [
			{
				code: 'duplicate_key',
				file: 'grades.csv',
				line: 4,
				column: 'person_id, school_year, subject',
				value: '1212121213 / 2016/17 / SV',
				otherLine: 2
			}
		]
	},
	{
		fixture: 'dangling-person.csv',
		as: 'care.csv',
		errors: [
			{
				code: 'reference_unknown',
				file: 'care.csv',
				line: 3,
				column: 'person_id',
				value: 'P999',
				table: 'persons',
				otherFile: 'persons.csv'
			}
		]
	},
	{
		fixture: 'unknown-cohort.csv',
		as: P,
		errors: [
			{
				code: 'reference_unknown',
				file: P,
				line: 8,
				column: 'cohort_id',
				value: 'K9',
				table: 'cohorts',
				otherFile: 'cohorts.csv'
			}
		]
	},
	{
		fixture: 'negative-amount.csv',
		as: 'fund_ledger.csv',
		errors: [
			{
				code: 'amount_negative',
				file: 'fund_ledger.csv',
				line: 3,
				column: 'amount_sek',
				value: '-5000.5',
				min: 0
			}
		]
	},
	{
		fixture: 'survey-score-7.csv',
		as: 'surveys.csv',
		errors: [
			{
				code: 'score_out_of_range',
				file: 'surveys.csv',
				line: 3,
				column: 'score',
				value: '7',
				min: 1,
				max: 5
			}
		]
	},
	{
		fixture: 'birth-year-implausible.csv',
		as: P,
		errors: [
			{
				code: 'birth_year_implausible',
				file: P,
				line: 6,
				column: 'birth_year',
				value: '1850',
				min: 1900,
				max: 2025
			}
		]
	},
	// identifying data
	pnr('pnr-12-dash.csv', 'XXXXXXXX-XXXX'),
	pnr('pnr-12.csv', 'XXXXXXXXXXXX'),
	pnr('pnr-10-dash.csv', 'XXXXXX-XXXX'),
	pnr('pnr-10.csv', 'XXXXXXXXXX'),
	pnr('pnr-10-plus.csv', 'XXXXXX+XXXX'),
	pnr('samordningsnummer.csv', 'XXXXXX-XXXX', 'samordningsnummer'),
	{
		fixture: 'pnr-in-note.csv',
		as: 'fund_ledger.csv',
		errors: [
			{
				code: 'identity_number',
				file: 'fund_ledger.csv',
				line: 3,
				column: 'note',
				value: 'XXXXXX-XXXX',
				kind: 'personnummer',
				count: 1
			}
		]
	},
	{
		fixture: 'name-column.csv',
		as: P,
		errors: [{ code: 'identity_column', file: P, line: 1, column: 'Förnamn', kind: 'name' }]
	},
	{
		fixture: 'address-column.csv',
		as: P,
		errors: [{ code: 'identity_column', file: P, line: 1, column: 'Gatuadress', kind: 'address' }]
	}
];

const strip = (i: Issue): Partial<Issue> => {
	const { severity, detail, ...rest } = i;
	void severity;
	void detail;
	return rest;
};

describe('bad files: each is refused with its exact code and location', () => {
	it('has a corpus of at least 30 bad files', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(30);
	});

	for (const c of CASES)
		it(`${c.fixture} → ${c.errors.map((e) => e.code).join(', ')}`, async () => {
			const bad = fixture(`bad/${c.fixture}`, c.as);
			const rest = c.alone ? [] : fixtureDir('good/comma-utf8').filter((f) => f.name !== c.as);
			const result = await importDataset(engine, [...rest, bad], { thisYear: 2025 });
			expect(result.ok).toBe(false);
			expect(result.errors.map(strip)).toEqual(c.errors);
		});
});

describe('bad files read in pieces (as a file too long for one string is) get the same refusals', () => {
	for (const c of CASES)
		it(`${c.fixture} in pieces of 5 bytes`, async () => {
			const bad = fixture(`bad/${c.fixture}`, c.as);
			const rest = c.alone ? [] : fixtureDir('good/comma-utf8').filter((f) => f.name !== c.as);
			const result = await importDataset(engine, [...rest, bad], {
				thisYear: 2025,
				pieces: { wholeUpTo: 0, pieceBytes: 5 }
			});
			expect(result.errors.map(strip)).toEqual(c.errors);
		});
});
