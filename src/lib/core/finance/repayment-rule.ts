/**
 * A repayment plan proposed from a rule ("50 % of realised savings from year 3, at most what is
 * outstanding"), in fund_ledger rows an administrator may adopt as the next plan version.
 *
 * Cash repaid on or before the decision date is carried into the new plan on its own dates, so the
 * plan is on plan the day it is adopted (as in the INDIGO worked example); the rule only shapes the
 * rows due after the decision date, and the cap applies to those.
 */
import { yearOf } from './dates';
import type { FundLedgerRow, ProjectLedger } from './ledger';
import { oreToSek, roundOre, sumOre, type Ore } from './money';
import { positionAt } from './position';
import { COMPUTED, input, trace, type Trace } from './trace';

export interface RepaymentRule {
	/** Share of a year's realised savings to pay back, e.g. 0.5. */
	share: number;
	/** First repayment year, as years after the grant year (year 0). */
	fromYear: number;
	/** Limit on the rows due after the decision: 'outstanding' (default), an amount in öre, or null for none. */
	cap?: 'outstanding' | Ore | null;
	/** Due date within each year, 'MM-DD'; default '12-31'. */
	dueMonthDay?: string;
}

export interface YearlySaving {
	/** Calendar year. */
	year: number;
	amountOre: Ore;
	source?: string;
}

export interface SuggestedPlan {
	version: number;
	/** The plan_revision row (absent for a first plan), then planned_repayment rows by due date. */
	rows: FundLedgerRow[];
	totalOre: Ore;
	/** One per planned_repayment row, in the same order. */
	traces: Trace[];
	issues: ('missing_grant' | 'nothing_planned')[];
}

export const ruleNote = (rule: RepaymentRule): string =>
	`suggested:share=${rule.share};from_year=${rule.fromYear};cap=${rule.cap === undefined ? 'outstanding' : rule.cap}`;

export function suggestRepaymentPlan(
	project: ProjectLedger,
	savings: readonly YearlySaving[],
	rule: RepaymentRule,
	decidedOn: string
): SuggestedPlan {
	const version = Math.max(0, ...project.plans.map((p) => p.version)) + 1;
	if (!project.grantDate) return { version, rows: [], totalOre: 0, traces: [], issues: ['missing_grant'] };

	const row = (date: string, entry: FundLedgerRow['entry'], ore: Ore, note = ''): FundLedgerRow => ({
		project_id: project.projectId,
		date,
		entry,
		amount_sek: oreToSek(ore),
		note,
		plan_version: version
	});
	const planned: { row: FundLedgerRow; ore: Ore; trace: Trace }[] = [];

	for (const r of project.repayments.filter((e) => e.date <= decidedOn)) {
		planned.push({
			row: row(r.date, 'planned_repayment', r.amountOre),
			ore: r.amountOre,
			trace: trace('repaid_carried_over', r.amountOre, 'ore', [
				input('repaid', r.amountOre, 'ore', `fund_ledger.csv:${r.line}`)
			])
		});
	}

	const outstanding = positionAt(project, decidedOn).outstandingOre;
	const cap = rule.cap === undefined || rule.cap === 'outstanding' ? outstanding : rule.cap;
	const capSource = rule.cap === undefined || rule.cap === 'outstanding' ? COMPUTED : 'finance.source.rule';
	const firstYear = yearOf(project.grantDate) + rule.fromYear;
	let future = 0;
	for (const s of [...savings].sort((x, y) => x.year - y.year)) {
		const due = `${s.year}-${rule.dueMonthDay ?? '12-31'}`;
		if (s.year < firstYear || due <= decidedOn) continue;
		const byShare = roundOre(rule.share * s.amountOre);
		const remaining = cap === null ? null : Math.max(0, cap - future);
		const ore = Math.max(0, remaining === null ? byShare : Math.min(byShare, remaining));
		if (ore === 0) continue;
		future += ore;
		planned.push({
			row: row(due, 'planned_repayment', ore),
			ore,
			trace: trace('suggested_repayment', ore, 'ore', [
				input('share', rule.share, 'share', 'finance.source.rule'),
				input('saving', s.amountOre, 'ore', s.source ?? COMPUTED),
				input('remaining_cap', remaining, 'ore', capSource)
			])
		});
	}

	planned.sort((x, y) => (x.row.date < y.row.date ? -1 : x.row.date > y.row.date ? 1 : 0));
	const totalOre = sumOre(planned.map((p) => p.ore));
	const rows = planned.map((p) => p.row);
	if (version > 1) rows.unshift(row(decidedOn, 'plan_revision', totalOre, ruleNote(rule)));
	return {
		version,
		rows,
		totalOre,
		traces: planned.map((p) => p.trace),
		issues: planned.length === 0 ? ['nothing_planned'] : []
	};
}
