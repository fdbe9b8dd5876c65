/**
 * The example fund's ledger for the board views: every bundled dataset's fund_ledger.csv, fetched
 * as files (no engine needed, so every project's repayment shows at once), read as the fund page
 * reads it, and each project's position at the same "as of" date as the fund page's default.
 */
import { BUNDLED_DATASETS } from '$lib/datasets/bundled';
import type { LedgerPosition } from '$lib/core/finance';
import { defaultAsOf, parseLedgerCsv, portfolioAt, todayIso, validate, type DraftRow } from '$lib/views/fund';

const LEDGER_FILE = 'fund_ledger.csv';

export interface BoardLedger {
	rows: DraftRow[];
	asOf: string;
	positions: Map<string, LedgerPosition>;
}

let cached: Promise<BoardLedger> | null = null;

export function loadBoardLedger(): Promise<BoardLedger> {
	cached ??= Promise.all(
		BUNDLED_DATASETS.filter((d) => d.files[LEDGER_FILE]).map(async (d) => {
			const res = await fetch(d.files[LEDGER_FILE]);
			if (!res.ok) throw new Error(`${d.manifest.id}/${LEDGER_FILE}: HTTP ${res.status}`);
			return parseLedgerCsv(await res.text(), `datasets/${d.manifest.id}/${LEDGER_FILE}`);
		})
	)
		.then((lists) => {
			const rows = lists.flat();
			const asOf = defaultAsOf(rows, todayIso());
			const portfolio = portfolioAt(validate(rows).parsed, asOf);
			return { rows, asOf, positions: new Map(portfolio.positions.map((p) => [p.projectId, p])) };
		})
		.catch((e: unknown) => {
			cached = null;
			throw e;
		});
	return cached;
}
