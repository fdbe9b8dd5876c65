import { openExample } from '../example-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { loadEngineLedger } from '$lib/views/engine-ledger';
import { readCsv } from '../../oracle/eligibility';

const DATASET = 'datasets/samagera-torshalla';
let engine: Engine;

beforeAll(async () => {
	engine = await openExample(DATASET);
});
afterAll(() => engine?.close());

describe("the loaded dataset's own ledger", () => {
	it('gives the project position the CSV file gives, summed by hand', async () => {
		const ledger = await loadEngineLedger(engine, '2026-11-23');
		const csv = readCsv(DATASET, 'fund_ledger.csv');
		const sum = (entry: string, upTo = ledger.asOf) =>
			csv
				.filter((r) => r.entry === entry && r.date <= upTo)
				.reduce((s, r) => s + Math.round(Number(r.amount_sek) * 100), 0);
		const p = ledger.positions.get('samagera')!;
		expect(p.grantedOre).toBe(sum('grant'));
		expect(p.grantedOre).toBe(380_000_000);
		expect(p.disbursedOre).toBe(sum('disbursement'));
		expect(p.repaidOre).toBe(sum('repayment'));
		expect(p.outstandingOre).toBe(p.grantedOre - p.repaidOre - p.writtenOffOre);
		expect(ledger.rows).toHaveLength(csv.length);
		expect([...ledger.positions.keys()]).toEqual(['samagera']);
	});
});
