import type { Engine } from '../engine';
import {
	measuredOfProject,
	measuredOutcome,
	oreToSek,
	parseLedger,
	positionAt,
	projectModel,
	savingsModel,
	type OutcomeInput,
	type UnitCostLike
} from '../finance';
import { loadMeasured, projectCohorts } from '../finance/measured-load';
import type { ReportFundRow } from './types';

export interface FundSectionOptions {
	/** Disclosure threshold: groups below it give no difference, hence no saving (default 10). */
	minN?: number;
}

/**
 * Fund figures per project at `asOf` (default: today), and the savings model with its default
 * assumptions fed from the measured comparison (every priced indicator whose project cohort has a
 * baseline cohort and whose unit cost is in unit_costs): `npv_sek` its central NPV at the grant
 * year, `payback_year` the calendar year in which its undiscounted savings first cover the
 * disbursements. Both are null when the project has no such outcome.
 */
export async function fundSection(
	engine: Engine,
	asOf?: string,
	options: FundSectionOptions = {}
): Promise<ReportFundRow[]> {
	const rows = await engine.query('SELECT * FROM fund_ledger');
	if (rows.length === 0) return [];
	const { projects } = parseLedger(rows);
	const today = new Date().toISOString().slice(0, 10);
	const unitCosts = (await engine.query(
		'SELECT item, unit, cost_sek, price_year, source FROM unit_costs ORDER BY item'
	)) as unknown as UnitCostLike[];
	const measured = await loadMeasured(engine, { asOf, minN: options.minN });
	const cohortsOf = await projectCohorts(engine);
	return projects.map((p) => {
		const pos = positionAt(p, asOf ?? today);
		const outcomes = measuredOfProject(measured, cohortsOf[p.projectId] ?? [])
			.map((m) => measuredOutcome(m, unitCosts).outcome)
			.filter((o): o is OutcomeInput => o !== null);
		const model = projectModel(p, outcomes);
		const central = model ? savingsModel(model).central : null;
		return {
			project_id: p.projectId,
			granted_sek: oreToSek(pos.grantedOre),
			disbursed_sek: oreToSek(pos.disbursedOre),
			repaid_sek: oreToSek(pos.repaidOre),
			planned_to_date_sek: oreToSek(pos.plannedOre),
			outstanding_sek: oreToSek(pos.outstandingOre),
			npv_sek: central ? oreToSek(central.npvOre) : null,
			payback_year: central ? (central.payback?.year ?? null) : null
		};
	});
}
