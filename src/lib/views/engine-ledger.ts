/**
 * The loaded dataset's own fund ledger, read from the engine as the fund page reads a ledger file,
 * with each project's position on the fund page's default date. For the project page's payback
 * summary, which speaks of the data on screen (also the user's own imported data).
 */
import type { Engine } from '../core/engine';
import type { LedgerPosition } from '../core/finance';
import { defaultAsOf, newUid, portfolioAt, todayIso, validate, type DraftRow } from './fund';

/** Ledger rows with every project's position on one date (the fund page's default "as of"). */
export interface LedgerPositions {
	rows: DraftRow[];
	asOf: string;
	positions: Map<string, LedgerPosition>;
}

export function positionsOf(rows: DraftRow[], today = todayIso()): LedgerPositions {
	const asOf = defaultAsOf(rows, today);
	const portfolio = portfolioAt(validate(rows).parsed, asOf);
	return { rows, asOf, positions: new Map(portfolio.positions.map((p) => [p.projectId, p])) };
}

const text = (v: unknown): string => (v == null ? '' : String(v));

export async function loadEngineLedger(engine: Engine, today = todayIso()): Promise<LedgerPositions> {
	const found = await engine.query<Record<string, unknown>>(
		`SELECT project_id, strftime(date, '%Y-%m-%d') AS date, entry, CAST(amount_sek AS VARCHAR) AS amount_sek,
			note, plan_version FROM fund_ledger`
	);
	const rows: DraftRow[] = found.map((r, i) => ({
		uid: newUid(),
		// The canonical table keeps no line numbers: the trace names the table and row.
		origin: { file: 'fund_ledger', line: i + 2 },
		project_id: text(r.project_id),
		date: text(r.date),
		entry: text(r.entry),
		amount_sek: text(r.amount_sek),
		note: text(r.note),
		plan_version: text(r.plan_version)
	}));
	return positionsOf(rows, today);
}
