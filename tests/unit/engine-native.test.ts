import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { createNativeEngine } from '$lib/engine/native';
import { createNodeEngine } from '$lib/engine/node';

let engine: Engine;
beforeAll(async () => {
	engine = await createNativeEngine({ threads: 1 });
});
afterAll(() => engine.close());

describe('native engine (@duckdb/node-api)', () => {
	it('returns plain rows with dates as ISO strings and bigints as numbers', async () => {
		const rows = await engine.query(
			"SELECT 40 + 2 AS n, DATE '2016-03-01' AS d, 7::BIGINT AS big, 1.25::DECIMAL(9,2) AS dec, NULL AS nothing"
		);
		expect(rows).toEqual([{ n: 42, d: '2016-03-01', big: 7, dec: 1.25, nothing: null }]);
	});

	it('converts hugeints, booleans, doubles and typed nulls like the wasm engine', async () => {
		const sql = `SELECT sum(x) AS huge, true AS yes, false AS no, 0.1::DOUBLE + 0.2::DOUBLE AS dbl,
			CAST(NULL AS DATE) AS nd, CAST(NULL AS BIGINT) AS nb, 'å' AS s, DATE '1969-12-31' AS before_epoch,
			avg(x) AS mean, count(*) AS n
			FROM range(1, 4) t(x)`;
		const rows = await engine.query(sql);
		expect(rows).toEqual([
			{
				huge: 6,
				yes: true,
				no: false,
				dbl: 0.30000000000000004,
				nd: null,
				nb: null,
				s: 'å',
				before_epoch: '1969-12-31',
				mean: 2,
				n: 3
			}
		]);
		const wasm = await createNodeEngine();
		try {
			expect(await wasm.query(sql)).toEqual(rows);
		} finally {
			await wasm.close();
		}
	});

	it('reads a registered CSV with a decimal comma', async () => {
		await engine.registerFile('t.csv', new TextEncoder().encode('a;b\n1;2,5\n2;4,25\n'));
		const rows = await engine.query(
			"SELECT sum(b) AS s FROM read_csv('t.csv', delim=';', decimal_separator=',', header=true, columns={'a':'INTEGER','b':'DOUBLE'})"
		);
		expect(rows[0].s).toBe(6.75);
	});

	it('resolves registered names with a folder, and forgets dropped ones', async () => {
		await engine.registerFile('canonical/x.csv', new TextEncoder().encode('v\n3\n'));
		expect(
			await engine.query("SELECT v FROM read_csv('canonical/x.csv', header=true, columns={'v':'INTEGER'})")
		).toEqual([{ v: 3 }]);
		await engine.dropFile('canonical/x.csv');
		await expect(engine.query("SELECT * FROM read_csv('canonical/x.csv')")).rejects.toThrow();
	});

	it('reads a registered name even when the working directory has a file of that name', async () => {
		expect(fs.existsSync('package.json')).toBe(true);
		await engine.registerFile('package.json', new TextEncoder().encode("v;w\nit's mine;1\n"));
		expect(
			await engine.query(
				"SELECT v FROM read_csv( 'package.json' , delim=';', header=true, columns={'v':'VARCHAR','w':'INTEGER'})"
			)
		).toEqual([{ v: "it's mine" }]);
		await engine.registerFile("o'brien.csv", new TextEncoder().encode('v\n5\n'));
		expect(await engine.query("SELECT v FROM READ_CSV('o''brien.csv', header=true)")).toEqual([{ v: 5 }]);
		await engine.dropFile('package.json');
		await engine.dropFile("o'brien.csv");
	});

	it('refuses names that escape its private folder', async () => {
		const bytes = new TextEncoder().encode('a\n1\n');
		for (const name of ['../x.csv', '/tmp/x.csv', 'a/../../x.csv', '*.csv', ''])
			await expect(engine.registerFile(name, bytes)).rejects.toThrow(/unsupported file name/);
	});

	it('has extension autoload and autoinstall switched off', async () => {
		const rows = await engine.query(
			"SELECT current_setting('autoinstall_known_extensions') AS i, current_setting('autoload_known_extensions') AS l"
		);
		expect(rows[0]).toEqual({ i: false, l: false });
	});

	it('runs on the number of threads it was given', async () => {
		expect(await engine.query("SELECT current_setting('threads') AS t")).toEqual([{ t: 1 }]);
	});

	it('rolls back a failed transaction so earlier state survives', async () => {
		await engine.exec('CREATE TABLE keep(x INTEGER); INSERT INTO keep VALUES (1)');
		await engine.exec('BEGIN TRANSACTION');
		await engine.exec('INSERT INTO keep VALUES (2)');
		await expect(engine.exec("INSERT INTO keep VALUES ('not a number')")).rejects.toThrow(/Conversion/);
		await engine.exec('ROLLBACK');
		expect(await engine.query('SELECT count(*) AS n FROM keep')).toEqual([{ n: 1 }]);
	});

	it('returns Arrow tables typed like duckdb-wasm for scalar columns', async () => {
		const table = await engine.queryArrow(
			"SELECT 1::INTEGER AS i, 2::BIGINT AS b, 'x' AS s, DATE '2020-01-02' AS d UNION ALL SELECT NULL, NULL, NULL, NULL"
		);
		expect(table.numRows).toBe(2);
		expect(table.schema.fields.map((f) => String(f.type))).toEqual([
			'Int32',
			'Float64',
			'Utf8',
			'Date32<DAY>'
		]);
		const first = table.get(0)!.toJSON();
		expect({ ...first, d: new Date(Number(first.d)).toISOString().slice(0, 10) }).toEqual({
			i: 1,
			b: 2,
			s: 'x',
			d: '2020-01-02'
		});
		expect(table.get(1)!.toJSON()).toEqual({ i: null, b: null, s: null, d: null });
		await expect(engine.queryArrow('SELECT [1, 2] AS l')).rejects.toThrow(/not supported/);
	});

	it('removes its private folder on close', async () => {
		const other = await createNativeEngine();
		await other.registerFile('y.csv', new TextEncoder().encode('a\n1\n'));
		const [{ dir }] = await other.query<{ dir: string }>("SELECT current_setting('file_search_path') AS dir");
		expect(fs.existsSync(`${dir}/y.csv`)).toBe(true);
		await other.close();
		expect(fs.existsSync(dir)).toBe(false);
	});
});
