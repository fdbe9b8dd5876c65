/** Ledger rows → fund_ledger.csv text: comma, header, ISO dates, amounts with a dot and two decimals. */
import { tableByName } from '../schema/tables';
import { formatOre, toOre } from './money';

export const LEDGER_COLUMNS = tableByName('fund_ledger').columns.map((c) => c.name);

const field = (value: string): string =>
	/[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;

const amount = (value: unknown): string => {
	const parsed = toOre(value);
	if (!parsed) throw new Error(`not an amount: ${String(value)}`);
	return formatOre(parsed.ore);
};

export function ledgerToCsv(rows: readonly Record<string, unknown>[]): string {
	const lines = [LEDGER_COLUMNS.join(',')];
	for (const row of rows) {
		lines.push(
			LEDGER_COLUMNS.map((name) => {
				const v = row[name];
				if (v == null || v === '') return '';
				return field(name === 'amount_sek' ? amount(v) : String(v));
			}).join(',')
		);
	}
	return lines.join('\n') + '\n';
}
