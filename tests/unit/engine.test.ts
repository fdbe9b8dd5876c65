import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { createNodeEngine } from '$lib/engine/node';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(() => engine.close());

describe('node engine (duckdb-wasm blocking bundle)', () => {
	it('returns plain rows with dates as ISO strings and bigints as numbers', async () => {
		const rows = await engine.query(
			"SELECT 40 + 2 AS n, DATE '2016-03-01' AS d, 7::BIGINT AS big, 1.25::DECIMAL(9,2) AS dec, NULL AS nothing"
		);
		expect(rows).toEqual([{ n: 42, d: '2016-03-01', big: 7, dec: 1.25, nothing: null }]);
	});

	it('reads a registered CSV with a decimal comma', async () => {
		await engine.registerFile('t.csv', new TextEncoder().encode('a;b\n1;2,5\n2;4,25\n'));
		const rows = await engine.query(
			"SELECT sum(b) AS s FROM read_csv('t.csv', delim=';', decimal_separator=',', header=true, columns={'a':'INTEGER','b':'DOUBLE'})"
		);
		expect(rows[0].s).toBe(6.75);
	});

	it('has extension autoload and autoinstall switched off', async () => {
		const rows = await engine.query(
			"SELECT current_setting('autoinstall_known_extensions') AS i, current_setting('autoload_known_extensions') AS l"
		);
		expect(rows[0]).toEqual({ i: false, l: false });
	});

	it('rolls back a failed transaction so earlier state survives', async () => {
		await engine.exec('CREATE TABLE keep(x INTEGER); INSERT INTO keep VALUES (1)');
		await engine.exec('BEGIN TRANSACTION');
		await engine.exec('INSERT INTO keep VALUES (2)');
		await expect(engine.exec("INSERT INTO keep VALUES ('not a number')")).rejects.toThrow(/Conversion/);
		await engine.exec('ROLLBACK');
		expect(await engine.query('SELECT count(*) AS n FROM keep')).toEqual([{ n: 1 }]);
	});
});
