import { describe, expect, it } from 'vitest';
import { ledgerToCsv } from '$lib/core/finance/export';
import { parseLedger } from '$lib/core/finance/ledger';

describe('ledger export', () => {
	const rows = [
		{
			project_id: 'P1',
			date: '2018-01-15',
			entry: 'grant',
			amount_sek: 500000,
			note: '',
			plan_version: null
		},
		{
			project_id: 'P1',
			date: '2019-12-31',
			entry: 'repayment',
			amount_sek: 0.1,
			note: 'first, small',
			plan_version: null
		},
		{
			project_id: 'P1',
			date: '2020-03-01',
			entry: 'plan_revision',
			amount_sek: 1234.5,
			note: 'said "ok"',
			plan_version: 2
		}
	];

	it('writes the fund_ledger.csv format', () => {
		expect(ledgerToCsv(rows)).toBe(
			'project_id,date,entry,amount_sek,note,plan_version\n' +
				'P1,2018-01-15,grant,500000.00,,\n' +
				'P1,2019-12-31,repayment,0.10,"first, small",\n' +
				'P1,2020-03-01,plan_revision,1234.50,"said ""ok""",2\n'
		);
	});

	it('reads back to the same amounts', () => {
		const [header, ...lines] = ledgerToCsv(rows.slice(0, 1)).trim().split('\n');
		const cols = header.split(',');
		const back = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
		expect(parseLedger(back).projects[0].grants[0].amountOre).toBe(50_000_000);
	});
});
