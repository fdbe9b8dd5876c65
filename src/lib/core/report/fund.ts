import type { Engine } from '../engine';
import { oreToSek, parseLedger, positionAt } from '../finance';
import type { ReportFundRow } from './types';

/** Fund figures per project at `asOf` (default: the last ledger date or today, whichever is earlier). */
export async function fundSection(engine: Engine, asOf?: string): Promise<ReportFundRow[]> {
	const rows = await engine.query('SELECT * FROM fund_ledger');
	if (rows.length === 0) return [];
	const { projects } = parseLedger(rows);
	const today = new Date().toISOString().slice(0, 10);
	return projects.map((p) => {
		const pos = positionAt(p, asOf ?? today);
		return {
			project_id: p.projectId,
			granted_sek: oreToSek(pos.grantedOre),
			disbursed_sek: oreToSek(pos.disbursedOre),
			repaid_sek: oreToSek(pos.repaidOre),
			planned_to_date_sek: oreToSek(pos.plannedOre),
			outstanding_sek: oreToSek(pos.outstandingOre),
			// NPV needs a savings model with chosen unit costs and effects; the app sets one up per project.
			npv_sek: null,
			payback_year: pos.projectedPaybackYear
		};
	});
}
