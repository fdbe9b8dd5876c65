/**
 * A project's money at an "as of" date, compared with the repayment plan in force then: the
 * latest plan version decided on or before that date.
 */
import { yearOf } from './dates';
import type { LedgerEntry, ProjectLedger, RepaymentPlan } from './ledger';
import { sumOre, type Ore } from './money';
import { COMPUTED, input, trace, type Trace, type TraceInput } from './trace';

/**
 * Precedence: written_off (a write-off dated on or before the date), repaid (nothing outstanding
 * of a grant), no_plan (no plan in force), then on_plan / behind / ahead by the variance.
 */
export const REPAYMENT_STATUSES = ['written_off', 'repaid', 'no_plan', 'on_plan', 'behind', 'ahead'] as const;
export type RepaymentStatus = (typeof REPAYMENT_STATUSES)[number];

export interface LedgerPosition {
	projectId: string;
	asOf: string;
	grantedOre: Ore;
	disbursedOre: Ore;
	repaidOre: Ore;
	writtenOffOre: Ore;
	/** Version of the plan in force, null when none is. */
	planVersion: number | null;
	plannedOre: Ore;
	/** Repaid − planned: positive = ahead of plan. */
	varianceOre: Ore;
	/** Variance ÷ planned; null when nothing was planned yet. */
	varianceShare: number | null;
	/** Granted − repaid − written off. */
	outstandingOre: Ore;
	status: RepaymentStatus;
	/** Calendar year in which repaid to date plus the plan's later rows reach the grant; null if never. */
	projectedPaybackYear: number | null;
	traces: Record<'granted' | 'disbursed' | 'repaid' | 'planned' | 'variance' | 'outstanding', Trace>;
}

export interface PositionOptions {
	/** A variance within ± this many öre counts as on plan. */
	toleranceOre?: Ore;
}

export interface SeriesPoint {
	date: string;
	cumulativeOre: Ore;
}

export interface PlanSeries {
	version: number;
	decidedOn: string;
	points: SeriesPoint[];
}

export interface RepaymentSeries {
	/** Every plan version on its own, so revisions stay visible. */
	plans: PlanSeries[];
	actual: SeriesPoint[];
}

const lineSource = (line: number) => `fund_ledger.csv:${line}`;

export function planInForce(project: ProjectLedger, asOf: string): RepaymentPlan | null {
	let best: RepaymentPlan | null = null;
	for (const p of project.plans)
		if (
			p.decidedOn <= asOf &&
			(!best || p.decidedOn > best.decidedOn || (p.decidedOn === best.decidedOn && p.version > best.version))
		)
			best = p;
	return best;
}

function sumTrace(
	key: 'granted' | 'disbursed' | 'repaid' | 'written_off',
	entries: { line: number; amountOre: Ore; date: string }[]
): Trace {
	const inputs: TraceInput[] = entries.map((e) => input(e.date, e.amountOre, 'ore', lineSource(e.line)));
	return trace(`sum_${key}`, sumOre(entries.map((e) => e.amountOre)), 'ore', inputs);
}

const upTo = (list: LedgerEntry[], asOf: string) => list.filter((e) => e.date <= asOf);

export function positionAt(
	project: ProjectLedger,
	asOf: string,
	options: PositionOptions = {}
): LedgerPosition {
	const tolerance = options.toleranceOre ?? 0;
	const granted = sumTrace('granted', upTo(project.grants, asOf));
	const disbursed = sumTrace('disbursed', upTo(project.disbursements, asOf));
	const repaidEntries = upTo(project.repayments, asOf);
	const repaid = sumTrace('repaid', repaidEntries);
	const writeOffs = upTo(project.writeOffs, asOf);
	const writtenOffOre = sumOre(writeOffs.map((e) => e.amountOre));

	const plan = planInForce(project, asOf);
	const dueRows = plan ? plan.rows.filter((r) => r.due <= asOf) : [];
	const planned = trace('planned_to_date', sumOre(dueRows.map((r) => r.amountOre)), 'ore', [
		input(
			'plan_version',
			plan?.version ?? null,
			'version',
			plan ? lineSource(plan.revisionLine ?? plan.rows[0].line) : COMPUTED
		),
		input('decided_on', plan?.decidedOn ?? null, 'date', COMPUTED),
		input('as_of', asOf, 'date', COMPUTED),
		...dueRows.map((r) => input(r.due, r.amountOre, 'ore', lineSource(r.line)))
	]);
	const grantedOre = granted.result!;
	const repaidOre = repaid.result!;
	const plannedOre = planned.result!;
	const varianceOre = repaidOre - plannedOre;
	const variance = trace('variance', varianceOre, 'ore', [
		input('repaid', repaidOre, 'ore', COMPUTED, repaid),
		input('planned', plannedOre, 'ore', COMPUTED, planned)
	]);
	const outstandingOre = grantedOre - repaidOre - writtenOffOre;
	const outstanding = trace('outstanding', outstandingOre, 'ore', [
		input('granted', grantedOre, 'ore', COMPUTED, granted),
		input('repaid', repaidOre, 'ore', COMPUTED, repaid),
		input('written_off', writtenOffOre, 'ore', COMPUTED, sumTrace('written_off', writeOffs))
	]);

	let status: RepaymentStatus;
	if (writeOffs.length > 0) status = 'written_off';
	else if (grantedOre > 0 && outstandingOre <= 0) status = 'repaid';
	else if (!plan) status = 'no_plan';
	else if (varianceOre < -tolerance) status = 'behind';
	else if (varianceOre > tolerance) status = 'ahead';
	else status = 'on_plan';

	return {
		projectId: project.projectId,
		asOf,
		grantedOre,
		disbursedOre: disbursed.result!,
		repaidOre,
		writtenOffOre,
		planVersion: plan?.version ?? null,
		plannedOre,
		varianceOre,
		varianceShare: plannedOre === 0 ? null : varianceOre / plannedOre,
		outstandingOre,
		status,
		projectedPaybackYear: writeOffs.length > 0 ? null : paybackYear(grantedOre, repaidEntries, plan, asOf),
		traces: { granted, disbursed, repaid, planned, variance, outstanding }
	};
}

function paybackYear(
	grantedOre: Ore,
	repaid: LedgerEntry[],
	plan: RepaymentPlan | null,
	asOf: string
): number | null {
	if (grantedOre <= 0) return null;
	let total = 0;
	for (const e of repaid) if ((total += e.amountOre) >= grantedOre) return yearOf(e.date);
	for (const r of plan?.rows ?? [])
		if (r.due > asOf && (total += r.amountOre) >= grantedOre) return yearOf(r.due);
	return null;
}

const cumulative = (items: { date: string; amountOre: Ore }[], start: string | null): SeriesPoint[] => {
	const points: SeriesPoint[] = start ? [{ date: start, cumulativeOre: 0 }] : [];
	let total = 0;
	for (const { date, amountOre } of items) {
		total += amountOre;
		const last = points[points.length - 1];
		if (last && last.date === date) last.cumulativeOre = total;
		else points.push({ date, cumulativeOre: total });
	}
	return points;
};

/** Cumulative planned (one series per plan version) and actual repayments, for a step chart. */
export function repaymentSeries(project: ProjectLedger): RepaymentSeries {
	const start = project.grantDate;
	return {
		plans: project.plans.map((p) => ({
			version: p.version,
			decidedOn: p.decidedOn,
			points: cumulative(
				p.rows.map((r) => ({ date: r.due, amountOre: r.amountOre })),
				start && start <= (p.rows[0]?.due ?? start) ? start : null
			)
		})),
		actual: cumulative(project.repayments, start)
	};
}
