import { describe, expect, it } from 'vitest';
import { checkMapping, headerSignature, suggestMapping } from '$lib/core/import/mapping';

describe('suggestMapping', () => {
	it('recognises a Swedish persons export by its headers and file name', () => {
		const headers = ['Löpnummer', 'Kohort', 'Födelseår', 'Kön', 'Område', 'Inskrivningsdatum', 'Anteckning'];
		const s = suggestMapping('personer_2016.csv', headers);
		expect(s.table).toBe('persons');
		expect(s.confidence).toBeGreaterThan(0.8);
		expect(s.columns).toEqual([
			{ header: 'Löpnummer', target: 'person_id', confidence: 0.9 },
			{ header: 'Kohort', target: 'cohort_id', confidence: 0.9 },
			{ header: 'Födelseår', target: 'birth_year', confidence: 0.9 },
			{ header: 'Kön', target: 'sex', confidence: 0.9 },
			{ header: 'Område', target: 'area', confidence: 0.9 },
			{ header: 'Inskrivningsdatum', target: 'entry_date', confidence: 0.9 },
			{ header: 'Anteckning', target: null, confidence: 0 }
		]);
		expect(s.mapping).toEqual({
			table: 'persons',
			signature: headerSignature(headers),
			columns: {
				Löpnummer: 'person_id',
				Kohort: 'cohort_id',
				Födelseår: 'birth_year',
				Kön: 'sex',
				Område: 'area',
				Inskrivningsdatum: 'entry_date',
				Anteckning: null
			}
		});
		// A mapping is plain JSON, to be remembered per source.
		expect(JSON.parse(JSON.stringify(s.mapping))).toEqual(s.mapping);
	});

	it('tells tables apart by headers alone, in English', () => {
		expect(suggestMapping('export.csv', ['person_id', 'care_type', 'start_date', 'end_date']).table).toBe(
			'care'
		);
		expect(suggestMapping('export.csv', ['person_id', 'date', 'type', 'value']).table).toBe('events');
		expect(suggestMapping('x.csv', ['Projekt', 'Datum', 'Post', 'Belopp']).table).toBe('fund_ledger');
		expect(suggestMapping('betyg.csv', ['elev_löpnummer', 'läsår', 'ämne', 'betyg']).columns[0]).toEqual({
			header: 'elev_löpnummer',
			target: 'person_id',
			confidence: 0.6
		});
	});

	it('proposes nothing for an unknown file', () => {
		const s = suggestMapping('data.csv', ['foo', 'bar']);
		expect(s.table).toBeNull();
		expect(s.mapping).toBeNull();
	});

	it('signs header rows regardless of case and diacritics', () => {
		expect(headerSignature(['Födelseår', 'KÖN'])).toBe(headerSignature(['fodelsear', 'kon']));
		expect(headerSignature(['a', 'b'])).not.toBe(headerSignature(['b', 'a']));
	});
});

describe('checkMapping', () => {
	const headers = ['id', 'grupp', 'år', 'start'];
	const base = { table: 'persons' as const, signature: headerSignature(headers) };

	it('accepts a complete mapping', () => {
		const columns = { id: 'person_id', grupp: 'cohort_id', år: 'birth_year', start: 'entry_date' };
		expect(checkMapping('p.csv', headers, { ...base, columns })).toEqual([]);
	});

	it('reports missing, doubled, unknown and ignored columns', () => {
		const columns = { id: 'person_id', grupp: 'person_id', år: 'shoe_size', start: null };
		expect(checkMapping('p.csv', headers, { ...base, columns })).toEqual([
			{
				code: 'mapping_invalid',
				severity: 'error',
				file: 'p.csv',
				line: 1,
				column: 'grupp',
				value: 'person_id',
				otherColumn: 'id',
				table: 'persons'
			},
			{
				code: 'mapping_invalid',
				severity: 'error',
				file: 'p.csv',
				line: 1,
				column: 'år',
				value: 'shoe_size',
				table: 'persons'
			},
			{
				code: 'column_ignored',
				severity: 'warning',
				file: 'p.csv',
				line: 1,
				column: 'start',
				table: 'persons'
			},
			{
				code: 'column_missing',
				severity: 'error',
				file: 'p.csv',
				line: 1,
				column: 'cohort_id',
				table: 'persons'
			},
			{
				code: 'column_missing',
				severity: 'error',
				file: 'p.csv',
				line: 1,
				column: 'birth_year',
				table: 'persons'
			},
			{
				code: 'column_missing',
				severity: 'error',
				file: 'p.csv',
				line: 1,
				column: 'entry_date',
				table: 'persons'
			}
		]);
	});

	it('refuses a mapping made for other headers', () => {
		expect(checkMapping('p.csv', ['x', 'y'], { ...base, columns: {} })).toEqual([
			{ code: 'mapping_mismatch', severity: 'error', file: 'p.csv', table: 'persons' }
		]);
	});
});
