// Lines in the user's file, as the importer reports them: JS only finds where each record starts
// (scanRecords), DuckDB reads the values, and a reported row's line is looked up by its row number.
// These files put quoted multi-line fields, blank lines, CRLF and Windows-1252 in the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { importDataset, type ImportFile } from '$lib/core/import/import-dataset';
import type { Issue } from '$lib/core/import/issues';
import { RecordScanner, scanCsv, scanRecords } from '$lib/core/import/records';
import { createNodeEngine } from '$lib/engine/node';
import { fixture, fixtureDir } from './helpers';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(() => engine.close());

const LEDGER_HEADER = 'project_id,date,entry,amount_sek,note,plan_version';
const PERSONS_HEADER = 'person_id,cohort_id,birth_year,sex,area,level,entry_date,exit_date,exit_reason';

/** Windows-1252 bytes of a text (only characters that encoding has). */
function cp1252(text: string): Uint8Array {
	const high: Record<string, number> = { '€': 0x80, '–': 0x96 };
	return Uint8Array.from([...text].map((c) => high[c] ?? c.charCodeAt(0)));
}

const ENCODINGS: Record<string, (text: string) => Uint8Array> = {
	'utf-8': (t) => new TextEncoder().encode(t),
	'utf-8-bom': (t) => new TextEncoder().encode('\ufeff' + t),
	'windows-1252': cp1252
};

/** The good comma-utf8 dataset with one file replaced. */
const withFile = (name: string, bytes: Uint8Array): ImportFile[] => [
	...fixtureDir('good/comma-utf8').filter((f) => f.name !== name),
	{ name, bytes }
];

const strip = ({ severity, detail, ...rest }: Issue): Partial<Issue> => (void severity, void detail, rest);

describe('lines of reported values in files with multi-line fields, blank lines and other encodings', () => {
	for (const eol of ['\n', '\r\n'])
		for (const [encoding, encode] of Object.entries(ENCODINGS))
			it(`a bad value after a multi-line record and a blank line (${JSON.stringify(eol)}, ${encoding})`, async () => {
				const text = [
					LEDGER_HEADER,
					'P1,2015-06-15,grant,2500000,"Beslut KS 2015-06-15 – 2 500 000 €; villkor:',
					'återbetalning från år 3",',
					'',
					'P1,2015-08-01,disbursement,ca 5000,,',
					'P1,2015-08-15,disbursement,1000,"rad ett',
					'rad två",',
					'P1,2015-09-01,disbursement,x1,,'
				].join(eol);
				const result = await importDataset(engine, withFile('fund_ledger.csv', encode(text + eol)), {
					thisYear: 2025
				});
				expect(result.files.find((f) => f.file === 'fund_ledger.csv')?.encoding).toBe(encoding);
				expect(result.errors.map(strip)).toEqual([
					{ code: 'not_a_number', file: 'fund_ledger.csv', line: 5, column: 'amount_sek', value: 'ca 5000' },
					{ code: 'not_a_number', file: 'fund_ledger.csv', line: 8, column: 'amount_sek', value: 'x1' }
				]);
			});

	for (const eol of ['\n', '\r\n'])
		it(`an identity number in a quoted multi-line field is reported at its record's first line (${JSON.stringify(eol)})`, async () => {
			const text = [
				LEDGER_HEADER,
				'P1,2015-06-15,grant,2500000,"Beslut KS; villkor:',
				'återbetalning från år 3",',
				'',
				'P1,2015-08-01,disbursement,1250000,"Ring förälder',
				'på',
				'121212-1212 eller 19121212-1212",',
				'P1,2015-09-01,disbursement,1000,"vårdnadshavare 701063-2391",'
			].join(eol);
			const result = await importDataset(engine, withFile('fund_ledger.csv', cp1252(text + eol)), {
				thisYear: 2025
			});
			expect(result.ok).toBe(false);
			expect(result.errors.map(strip)).toEqual([
				{
					code: 'identity_number',
					file: 'fund_ledger.csv',
					line: 5,
					column: 'note',
					value: 'XXXXXX-XXXX',
					kind: 'personnummer',
					count: 2
				}
			]);
		});

	it('finds the first identity number of a column by row order, not by value', async () => {
		const persons = new TextDecoder()
			.decode(fixture('good/comma-utf8/persons.csv').bytes)
			.trimEnd()
			.split('\n');
		// Two different identity numbers in `area`: the later line holds the one that sorts first.
		persons[3] = persons[3].replace(/,[^,]*,(green|red|yellow),/, ',a 701063-2391,$1,');
		persons[2] = persons[2].replace(/,[^,]*,(green|red|yellow),/, ',"tel 121212-1212\nx",$1,');
		const result = await importDataset(
			engine,
			withFile('persons.csv', new TextEncoder().encode(persons.join('\n') + '\n')),
			{ thisYear: 2025 }
		);
		expect(result.errors.map(strip)).toEqual([
			{
				code: 'identity_number',
				file: 'persons.csv',
				line: 3,
				column: 'area',
				value: 'XXXXXX-XXXX',
				kind: 'personnummer',
				count: 2
			}
		]);
	});

	it('gives the same lines for a file without quotes and the same file with every field quoted', async () => {
		const rows = [
			'P001,K1,2001,F,Söder,red,2015-09-08,2016-05-31,completed',
			'',
			'P002,K1,2001,M,Söder,yellow,2015-02-30,,',
			'',
			'',
			'P003,K1,2002,X,Norr,green,2015-10-01,2016-01-15,moved',
			'P002,K1,2002,X,Norr,green,2015-10-01,,'
		];
		const quoteAll = (line: string) =>
			line === ''
				? line
				: line
						.split(',')
						.map((v) => `"${v.replaceAll('"', '""')}"`)
						.join(',');
		const expected = [
			{ code: 'date_invalid', file: 'persons.csv', line: 4, column: 'entry_date', value: '2015-02-30' },
			{
				code: 'duplicate_key',
				file: 'persons.csv',
				line: 8,
				column: 'person_id',
				value: 'P002',
				otherLine: 4
			}
		];
		for (const lines of [rows, rows.map(quoteAll)]) {
			const text = [PERSONS_HEADER, ...lines].join('\r\n') + '\r\n';
			const result = await importDataset(
				engine,
				[
					fixture('good/comma-utf8/cohorts.csv'),
					{ name: 'persons.csv', bytes: new TextEncoder().encode(text) }
				],
				{ thisYear: 2025 }
			);
			expect(result.errors.map(strip)).toEqual(expected);
		}
	});

	it('reports a duplicate key and its first line across multi-line records', async () => {
		const text = [
			PERSONS_HEADER,
			'P001,K1,2001,F,"Söder',
			'malm",red,2015-09-08,2016-05-31,completed',
			'P002,K1,2001,M,"a',
			'',
			'b",yellow,2015-09-15,,',
			'P001,K1,2002,X,Norr,green,2015-10-01,2016-01-15,moved'
		].join('\n');
		const result = await importDataset(
			engine,
			[
				fixture('good/comma-utf8/cohorts.csv'),
				{ name: 'persons.csv', bytes: new TextEncoder().encode(text) }
			],
			{ thisYear: 2025 }
		);
		expect(result.errors.map(strip)).toEqual([
			{
				code: 'duplicate_key',
				file: 'persons.csv',
				line: 7,
				column: 'person_id',
				value: 'P001',
				otherLine: 2
			}
		]);
	});

	it('commits multi-line values unchanged but for line ends, in the order of the file, from CRLF Windows-1252', async () => {
		const eol = '\r\n';
		const text = [
			LEDGER_HEADER,
			'P1,2015-06-15,grant,2500000,"Beslut KS 2015-06-15 – 2 500 000 €; villkor:',
			'återbetalning från år 3",',
			'',
			'P1,2015-08-01,disbursement,1250000,"""citat""',
			'',
			'slut",',
			'P1,2015-09-01,disbursement,1000,,'
		].join(eol);
		const bytes = cp1252(text + eol);
		const copy = bytes.slice();
		const result = await importDataset(engine, withFile('fund_ledger.csv', bytes), { thisYear: 2025 });
		expect(result.errors).toEqual([]);
		expect(bytes).toEqual(copy);
		expect(result.files.find((f) => f.file === 'fund_ledger.csv')).toMatchObject({
			encoding: 'windows-1252',
			rows: 3
		});
		expect(await engine.query('SELECT date, amount_sek, note FROM fund_ledger ORDER BY rowid')).toEqual([
			{
				date: '2015-06-15',
				amount_sek: 2500000,
				note: 'Beslut KS 2015-06-15 – 2 500 000 €; villkor:\nåterbetalning från år 3'
			},
			{ date: '2015-08-01', amount_sek: 1250000, note: '"citat"\n\nslut' },
			{ date: '2015-09-01', amount_sek: 1000, note: null }
		]);
	});
});

describe('scanRecords reads records as scanCsv does, without field strings', () => {
	/** A small deterministic PRNG (mulberry32). */
	function rng(seed: number) {
		return () => {
			seed = (seed + 0x6d2b79f5) | 0;
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}
	const PIECES = ['a', 'bc', '12', ';', ';', '"', '""', '\n', '\r\n', '\r', ' ', 'å'];

	it('agrees on header, record lines and issues for 3000 random texts', () => {
		const random = rng(42);
		let withIssues = 0;
		let multiLine = 0;
		for (let k = 0; k < 3000; k++) {
			const length = 1 + Math.floor(random() * 40);
			const text = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
			const opts = { delimiter: ';', quote: '"', maxIssues: 3 };
			const old = scanCsv(text, 'f.csv', opts);
			const now = scanRecords(text, 'f.csv', opts);
			expect(now.issues, JSON.stringify(text)).toEqual(old.issues);
			expect(now.header, JSON.stringify(text)).toEqual(old.records[0]?.fields ?? []);
			expect([...now.lines], JSON.stringify(text)).toEqual(old.records.slice(1).map((r) => r.line));
			// The same text in random pieces (as a file too long for one string is read) reads the same.
			const scanner = new RecordScanner('f.csv', opts);
			for (let at = 0; at < text.length;) {
				const next = at + 1 + Math.floor(random() * 6);
				scanner.push(text.slice(at, next));
				at = next;
			}
			expect(scanner.finish(), `pieces of ${JSON.stringify(text)}`).toEqual(now);
			if (old.issues.length) withIssues++;
			if (old.records.some((r, i) => i > 0 && r.line > old.records[i - 1].line + 1)) multiLine++;
		}
		// The corpus exercises both clean and broken files, and records that do not start on the next line.
		expect(withIssues).toBeGreaterThan(300);
		expect(multiLine).toBeGreaterThan(300);
	});

	it('stops at an unclosed quote in a long file read in pieces instead of holding the rest as one record', () => {
		const scanner = new RecordScanner('f.csv', { delimiter: ';', quote: '"' });
		scanner.push('id;note\n1;ok\n2;"never closed\n');
		const filler = 'x;y\n'.repeat(1 << 20);
		// Ten pieces of 4 MB: more than MAX_PENDING_CHARS after the open quote.
		for (let k = 0; k < 10; k++) scanner.push(filler);
		// A quote this late would close it; the scanner has stopped by then.
		scanner.push('"\n3;z\n');
		const expected = [
			{ code: 'csv_unclosed_quote', severity: 'error', file: 'f.csv', line: 3, column: 'note' }
		];
		expect(scanner.finish()).toEqual({
			header: ['id', 'note'],
			lines: Int32Array.from([2]),
			issues: expected
		});
		expect(
			scanRecords('id;note\n1;ok\n2;"never closed\n' + filler, 'f.csv', { delimiter: ';', quote: '"' }).issues
		).toEqual(expected);
	});

	it('reports a stray quote once, however long the rest of the file (regression)', () => {
		// The scan stopped at the quote, but the rest after it was kept as a pending record and, being
		// longer than MAX_PENDING_CHARS, reported a second, false csv_unreadable.
		const text = 'a,b\n"x"y,1\n' + '1,2\n'.repeat(9e6);
		const expected = [{ code: 'csv_stray_quote', severity: 'error', file: 'f.csv', line: 2, column: 'a' }];
		expect(scanRecords(text, 'f.csv', { delimiter: ',', quote: '"' }).issues).toEqual(expected);
		const scanner = new RecordScanner('f.csv', { delimiter: ',', quote: '"' });
		scanner.push(text.slice(0, 20));
		expect(scanner.done).toBe(true);
		scanner.push(text.slice(20));
		expect(scanner.finish().issues).toEqual(expected);
	});

	it('takes the quote-free path when the text has no quote, with the same result', () => {
		const text = 'a,b\r\n\r\n1,2\n3,4,5\r6,7\n';
		const r = scanRecords(text, 'f.csv', { delimiter: ',', quote: '"' });
		expect(r.header).toEqual(['a', 'b']);
		expect([...r.lines]).toEqual([3, 4, 5]);
		expect(r.issues).toEqual([
			{ code: 'csv_ragged_row', severity: 'error', file: 'f.csv', line: 4, expected: 2, found: 3 }
		]);
		// With "'" as the quote (no "'" in the text) nothing is read as quoted either.
		expect(scanRecords('x;y\n"a;b"\n', 'f.csv', { delimiter: ';', quote: "'" })).toEqual({
			header: ['x', 'y'],
			lines: Int32Array.from([2]),
			issues: []
		});
	});
});
