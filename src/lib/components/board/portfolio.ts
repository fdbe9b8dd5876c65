/**
 * The example fund's ledger for the board views: every bundled dataset's fund_ledger.csv, fetched
 * as files (no engine needed, so every project's repayment shows at once), read as the fund page
 * reads it, and each project's position at the same "as of" date as the fund page's default.
 */
import { BUNDLED_DATASETS } from '$lib/datasets/bundled';
import { parseLedgerCsv } from '$lib/views/fund';
import { positionsOf, type LedgerPositions } from '$lib/views/engine-ledger';

const LEDGER_FILE = 'fund_ledger.csv';

export type BoardLedger = LedgerPositions;

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
			return positionsOf(lists.flat());
		})
		.catch((e: unknown) => {
			cached = null;
			throw e;
		});
	return cached;
}
