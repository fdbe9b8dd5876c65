/**
 * fund_ledger rows → per project: grants, disbursements, repayment plan versions, repayments.
 *
 * Conventions (the i18n text finance.convention.* explains them to users):
 * - Plan 1 is made of planned_repayment rows with plan_version 1 (or empty); it is decided on the
 *   first grant date, or on its earliest due date when the project has no grant.
 * - Plan v > 1 is decided by a plan_revision row with plan_version v, on that row's date; its
 *   amount, when not 0, is the plan's declared total and is checked against its rows.
 * - A repayment whose note starts with `written_off` is a write-off: the amount is forgiven, not
 *   paid, and the project's status is written_off from that date.
 */
import { LEDGER_ENTRIES } from '../schema/tables';
import { isIsoDate, minDate } from './dates';
import { formatOre, sumOre, toOre, type Ore } from './money';

export type LedgerEntryKind = (typeof LEDGER_ENTRIES)[number];

/** A row in the fund_ledger.csv shape, as the engine returns it. */
export interface FundLedgerRow {
	project_id: string;
	date: string;
	entry: LedgerEntryKind;
	amount_sek: number;
	note: string;
	plan_version: number | null;
}

export const LEDGER_ISSUE_CODES = [
	'missing_value',
	'invalid_date',
	'unknown_entry',
	'non_numeric_amount',
	'negative_amount',
	'amount_rounded',
	'invalid_plan_version',
	'plan_version_ignored',
	'plan_version_assumed',
	'missing_grant',
	'repayment_before_grant',
	'disbursement_before_grant',
	'plan_revision_without_earlier_plan',
	'plan_revision_out_of_order',
	'duplicate_plan_revision',
	'unknown_plan_version',
	'empty_plan',
	'plan_total_mismatch',
	'plan_exceeds_grant',
	'disbursed_exceeds_grant',
	'repaid_exceeds_grant'
] as const;
export type LedgerIssueCode = (typeof LEDGER_ISSUE_CODES)[number];

export interface LedgerIssue {
	severity: 'error' | 'warning';
	code: LedgerIssueCode;
	/** Line number in the CSV file: the header is line 1, the first data row line 2. */
	row: number;
	column: string;
	value: string;
}

export interface LedgerEntry {
	line: number;
	projectId: string;
	date: string;
	entry: LedgerEntryKind;
	amountOre: Ore;
	note: string;
	planVersion: number | null;
}

export interface PlannedRepayment {
	due: string;
	amountOre: Ore;
	line: number;
}

export interface RepaymentPlan {
	version: number;
	decidedOn: string;
	/** The plan_revision row that decided it; null for plan 1. */
	revisionLine: number | null;
	rows: PlannedRepayment[];
	totalOre: Ore;
}

export interface ProjectLedger {
	projectId: string;
	/** Earliest grant decision, null without a grant. */
	grantDate: string | null;
	grants: LedgerEntry[];
	disbursements: LedgerEntry[];
	/** Cash repayments, write-offs excluded. */
	repayments: LedgerEntry[];
	writeOffs: LedgerEntry[];
	/** By version, ascending. */
	plans: RepaymentPlan[];
}

export interface ParsedLedger {
	projects: ProjectLedger[];
	issues: LedgerIssue[];
}

export const WRITE_OFF_NOTE = 'written_off';

export const isWriteOff = (e: Pick<LedgerEntry, 'entry' | 'note'>): boolean =>
	e.entry === 'repayment' && e.note.trim().toLowerCase().startsWith(WRITE_OFF_NOTE);

export const hasErrors = (issues: readonly LedgerIssue[]): boolean =>
	issues.some((i) => i.severity === 'error');

const text = (v: unknown): string => (v == null ? '' : String(v).trim());

const byDate = (a: { date: string; line: number }, b: { date: string; line: number }) =>
	a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line;

function parsePlanVersion(v: unknown): number | null | undefined {
	const t = text(v);
	if (t === '') return null;
	if (!/^\d+$/.test(t)) return undefined;
	const n = Number(t);
	return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
}

function parseRow(row: Record<string, unknown>, line: number, issues: LedgerIssue[]): LedgerEntry | null {
	const issue = (severity: LedgerIssue['severity'], code: LedgerIssueCode, column: string, value: string) =>
		issues.push({ severity, code, row: line, column, value });
	let ok = true;

	const projectId = text(row.project_id);
	if (projectId === '') {
		issue('error', 'missing_value', 'project_id', '');
		ok = false;
	}

	const date = text(row.date);
	if (date === '') {
		issue('error', 'missing_value', 'date', '');
		ok = false;
	} else if (!isIsoDate(date)) {
		issue('error', 'invalid_date', 'date', date);
		ok = false;
	}

	const entry = text(row.entry);
	const known = (LEDGER_ENTRIES as readonly string[]).includes(entry);
	if (entry === '') {
		issue('error', 'missing_value', 'entry', '');
		ok = false;
	} else if (!known) {
		issue('error', 'unknown_entry', 'entry', entry);
		ok = false;
	}

	let amountOre = 0;
	const rawAmount = text(row.amount_sek);
	if (rawAmount === '') {
		// A plan_revision's amount is only a declared total, so it may be left out.
		if (entry !== 'plan_revision') {
			issue('error', 'missing_value', 'amount_sek', '');
			ok = false;
		}
	} else {
		const parsed = toOre(typeof row.amount_sek === 'number' ? row.amount_sek : rawAmount);
		if (!parsed) {
			issue('error', 'non_numeric_amount', 'amount_sek', rawAmount);
			ok = false;
		} else if (parsed.ore < 0) {
			issue('error', 'negative_amount', 'amount_sek', rawAmount);
			ok = false;
		} else {
			if (!parsed.exact) issue('warning', 'amount_rounded', 'amount_sek', rawAmount);
			amountOre = parsed.ore;
		}
	}

	const planVersion = parsePlanVersion(row.plan_version);
	if (planVersion === undefined) {
		issue('error', 'invalid_plan_version', 'plan_version', text(row.plan_version));
		ok = false;
	}

	if (!ok || planVersion === undefined) return null;
	const kind = entry as LedgerEntryKind;
	if (planVersion !== null && kind !== 'planned_repayment' && kind !== 'plan_revision') {
		issue('warning', 'plan_version_ignored', 'plan_version', String(planVersion));
	}
	return { line, projectId, date, entry: kind, amountOre, note: text(row.note), planVersion };
}

interface PlanDraft extends RepaymentPlan {
	declaredOre: Ore;
}

function buildProject(projectId: string, entries: LedgerEntry[], issues: LedgerIssue[]): ProjectLedger {
	const issue = (
		severity: LedgerIssue['severity'],
		code: LedgerIssueCode,
		row: number,
		column: string,
		value: string
	) => issues.push({ severity, code, row, column, value });
	const of = (kind: LedgerEntryKind) => entries.filter((e) => e.entry === kind).sort(byDate);

	const grants = of('grant');
	const grantDate = grants[0]?.date ?? null;
	if (!grantDate) issue('warning', 'missing_grant', entries[0].line, 'project_id', projectId);

	const disbursements = of('disbursement');
	const allRepayments = of('repayment');
	if (grantDate) {
		for (const e of disbursements)
			if (e.date < grantDate) issue('warning', 'disbursement_before_grant', e.line, 'date', e.date);
		for (const e of allRepayments)
			if (e.date < grantDate) issue('error', 'repayment_before_grant', e.line, 'date', e.date);
	}

	const revisions = of('plan_revision');
	const planned = of('planned_repayment');
	const versionOf = new Map<LedgerEntry, number>();
	let highest = 1;
	for (const r of revisions) {
		let v = r.planVersion;
		if (v === null) {
			v = highest + 1;
			issue('warning', 'plan_version_assumed', r.line, 'plan_version', String(v));
		}
		highest = Math.max(highest, v);
		versionOf.set(r, v);
	}
	for (const p of planned) {
		if (p.planVersion === null && revisions.length > 0)
			issue('warning', 'plan_version_assumed', p.line, 'plan_version', '1');
		versionOf.set(p, p.planVersion ?? 1);
	}

	const plans = new Map<number, PlanDraft>();
	const plan1Rows = planned.filter((p) => versionOf.get(p) === 1);
	if (plan1Rows.length > 0) {
		const decidedOn = grantDate ?? minDate(plan1Rows.map((p) => p.date))!;
		plans.set(1, { version: 1, decidedOn, revisionLine: null, rows: [], totalOre: 0, declaredOre: 0 });
	}
	for (const r of revisions) {
		const v = versionOf.get(r)!;
		const value = String(v);
		if (plans.get(v)?.revisionLine != null) {
			issue('error', 'duplicate_plan_revision', r.line, 'plan_version', value);
			continue;
		}
		const others = [...plans.values()];
		if (v <= 1 || !others.some((p) => p.version < v)) {
			issue('error', 'plan_revision_without_earlier_plan', r.line, 'plan_version', value);
			continue;
		}
		if (
			others.some((p) => (p.version < v && p.decidedOn > r.date) || (p.version > v && p.decidedOn < r.date))
		) {
			issue('error', 'plan_revision_out_of_order', r.line, 'date', r.date);
			continue;
		}
		plans.set(v, {
			version: v,
			decidedOn: r.date,
			revisionLine: r.line,
			rows: [],
			totalOre: 0,
			declaredOre: r.amountOre
		});
	}
	for (const p of planned) {
		const v = versionOf.get(p)!;
		const plan = plans.get(v);
		if (!plan) {
			issue('error', 'unknown_plan_version', p.line, 'plan_version', String(v));
			continue;
		}
		plan.rows.push({ due: p.date, amountOre: p.amountOre, line: p.line });
	}

	const grantedOre = sumOre(grants.map((g) => g.amountOre));
	const finished: RepaymentPlan[] = [];
	for (const plan of [...plans.values()].sort((a, b) => a.version - b.version)) {
		plan.totalOre = sumOre(plan.rows.map((r) => r.amountOre));
		const at = plan.revisionLine ?? plan.rows[0].line;
		if (plan.rows.length === 0) issue('warning', 'empty_plan', at, 'plan_version', String(plan.version));
		if (plan.declaredOre !== 0 && plan.declaredOre !== plan.totalOre)
			issue('warning', 'plan_total_mismatch', at, 'amount_sek', formatOre(plan.declaredOre));
		if (grantedOre > 0 && plan.totalOre > grantedOre)
			issue('warning', 'plan_exceeds_grant', at, 'amount_sek', formatOre(plan.totalOre));
		const { declaredOre: _declared, ...rest } = plan;
		finished.push(rest);
	}

	const firstExceeding = (list: LedgerEntry[]): LedgerEntry | undefined => {
		let total = 0;
		return list.find((e) => (total += e.amountOre) > grantedOre);
	};
	if (grantDate) {
		const d = firstExceeding(disbursements);
		if (d) issue('warning', 'disbursed_exceeds_grant', d.line, 'amount_sek', formatOre(d.amountOre));
		const r = firstExceeding(allRepayments);
		if (r) issue('warning', 'repaid_exceeds_grant', r.line, 'amount_sek', formatOre(r.amountOre));
	}

	return {
		projectId,
		grantDate,
		grants,
		disbursements,
		repayments: allRepayments.filter((e) => !isWriteOff(e)),
		writeOffs: allRepayments.filter(isWriteOff),
		plans: finished
	};
}

/** Parse and validate fund_ledger rows. Rows with an error in a field are left out of the projects. */
export function parseLedger(rows: readonly Record<string, unknown>[]): ParsedLedger {
	const issues: LedgerIssue[] = [];
	const byProject = new Map<string, LedgerEntry[]>();
	rows.forEach((row, i) => {
		const e = parseRow(row, i + 2, issues);
		if (!e) return;
		const list = byProject.get(e.projectId) ?? [];
		list.push(e);
		byProject.set(e.projectId, list);
	});
	const projects = [...byProject].map(([id, entries]) => buildProject(id, entries, issues));
	issues.sort((a, b) => a.row - b.row);
	return { projects, issues };
}
