import { describe, expect, it } from 'vitest';
import { LEDGER_ISSUE_CODES, parseLedger, type LedgerIssue } from '$lib/core/finance/ledger';

const r = (
	project_id: string,
	date: string,
	entry: string,
	amount_sek: number | string | null,
	plan_version: number | string | null = null,
	note = ''
) => ({ project_id, date, entry, amount_sek, note, plan_version });

const grant = (amount = 1000, date = '2020-01-01') => r('A', date, 'grant', amount);
const e = (
	severity: LedgerIssue['severity'],
	code: LedgerIssue['code'],
	row: number,
	column: string,
	value: string
): LedgerIssue => ({ severity, code, row, column, value });

// Line numbers: the header is line 1, so the n-th row (0-based) is line n + 2.
const cases: [string, Record<string, unknown>[], LedgerIssue[]][] = [
	[
		'empty required fields',
		[r('', '2020-01-01', 'grant', 100), r('A', '', 'grant', 100), r('A', '2020-01-01', '', 100)],
		[
			e('error', 'missing_value', 2, 'project_id', ''),
			e('error', 'missing_value', 3, 'date', ''),
			e('error', 'missing_value', 4, 'entry', '')
		]
	],
	[
		'an empty amount on a repayment (allowed on a plan revision)',
		[grant(), r('A', '2021-12-31', 'repayment', null)],
		[e('error', 'missing_value', 3, 'amount_sek', '')]
	],
	[
		'an impossible date',
		[r('A', '2020-02-30', 'grant', 100)],
		[e('error', 'invalid_date', 2, 'date', '2020-02-30')]
	],
	[
		'an unknown entry',
		[grant(), r('A', '2020-02-01', 'loan', 5)],
		[e('error', 'unknown_entry', 3, 'entry', 'loan')]
	],
	[
		'a non-numeric amount',
		[grant(), r('A', '2020-02-01', 'repayment', 'ten')],
		[e('error', 'non_numeric_amount', 3, 'amount_sek', 'ten')]
	],
	[
		'a negative amount',
		[grant(), r('A', '2020-02-01', 'repayment', -5)],
		[e('error', 'negative_amount', 3, 'amount_sek', '-5')]
	],
	[
		'an amount below the öre',
		[grant('100.005' as never)],
		[e('warning', 'amount_rounded', 2, 'amount_sek', '100.005')]
	],
	[
		'a plan version that is not a whole number from 1',
		[
			grant(),
			r('A', '2021-12-31', 'planned_repayment', 100, '0'),
			r('A', '2021-12-31', 'planned_repayment', 1, 1.5)
		],
		[
			e('error', 'invalid_plan_version', 3, 'plan_version', '0'),
			e('error', 'invalid_plan_version', 4, 'plan_version', '1.5')
		]
	],
	[
		'a plan version on a grant',
		[r('A', '2020-01-01', 'grant', 100, 2)],
		[e('warning', 'plan_version_ignored', 2, 'plan_version', '2')]
	],
	[
		'a project without a grant',
		[r('B', '2020-01-01', 'repayment', 100)],
		[e('warning', 'missing_grant', 2, 'project_id', 'B')]
	],
	[
		'a repayment before the grant',
		[grant(), r('A', '2019-12-31', 'repayment', 10)],
		[e('error', 'repayment_before_grant', 3, 'date', '2019-12-31')]
	],
	[
		'a disbursement before the grant',
		[grant(), r('A', '2019-12-31', 'disbursement', 10)],
		[e('warning', 'disbursement_before_grant', 3, 'date', '2019-12-31')]
	],
	[
		'a plan revision without an earlier plan',
		[grant(), r('A', '2020-06-01', 'plan_revision', 0, 2)],
		[e('error', 'plan_revision_without_earlier_plan', 3, 'plan_version', '2')]
	],
	[
		'a revision to plan 1',
		[grant(), r('A', '2021-12-31', 'planned_repayment', 100, 1), r('A', '2020-06-01', 'plan_revision', 0, 1)],
		[e('error', 'plan_revision_without_earlier_plan', 4, 'plan_version', '1')]
	],
	[
		'a revision dated before the plan it revises',
		[grant(), r('A', '2021-12-31', 'planned_repayment', 100, 1), r('A', '2019-06-01', 'plan_revision', 0, 2)],
		[e('error', 'plan_revision_out_of_order', 4, 'date', '2019-06-01')]
	],
	[
		'two revisions to the same plan',
		[
			grant(),
			r('A', '2021-12-31', 'planned_repayment', 100, 1),
			r('A', '2020-06-01', 'plan_revision', 0, 2),
			r('A', '2021-12-31', 'planned_repayment', 100, 2),
			r('A', '2020-07-01', 'plan_revision', 0, 2)
		],
		[e('error', 'duplicate_plan_revision', 6, 'plan_version', '2')]
	],
	[
		'a planned repayment with an unknown plan version',
		[
			grant(),
			r('A', '2021-12-31', 'planned_repayment', 100, 1),
			r('A', '2021-12-31', 'planned_repayment', 100, 3)
		],
		[e('error', 'unknown_plan_version', 4, 'plan_version', '3')]
	],
	[
		'a plan revision with no rows',
		[grant(), r('A', '2021-12-31', 'planned_repayment', 100, 1), r('A', '2020-06-01', 'plan_revision', 0, 2)],
		[e('warning', 'empty_plan', 4, 'plan_version', '2')]
	],
	[
		'a declared plan total that differs from its rows (300 declared, 200 planned)',
		[
			grant(),
			r('A', '2021-12-31', 'planned_repayment', 100, 1),
			r('A', '2020-06-01', 'plan_revision', 300, 2),
			r('A', '2021-12-31', 'planned_repayment', 200, 2)
		],
		[e('warning', 'plan_total_mismatch', 4, 'amount_sek', '300.00')]
	],
	[
		'a plan larger than the grant (150 planned, 100 granted)',
		[grant(100), r('A', '2021-12-31', 'planned_repayment', 150, 1)],
		[e('warning', 'plan_exceeds_grant', 3, 'amount_sek', '150.00')]
	],
	[
		'disbursements beyond the grant (60 + 60 = 120 > 100)',
		[grant(100), r('A', '2020-02-01', 'disbursement', 60), r('A', '2020-03-01', 'disbursement', 60)],
		[e('warning', 'disbursed_exceeds_grant', 4, 'amount_sek', '60.00')]
	],
	[
		'repayments beyond the grant (120 > 100)',
		[grant(100), r('A', '2021-12-31', 'repayment', 120)],
		[e('warning', 'repaid_exceeds_grant', 3, 'amount_sek', '120.00')]
	],
	[
		'missing plan versions once a project has revisions',
		[
			grant(),
			r('A', '2021-12-31', 'planned_repayment', 100),
			r('A', '2020-06-01', 'plan_revision', 0),
			r('A', '2021-12-31', 'planned_repayment', 100, 2)
		],
		[
			e('warning', 'plan_version_assumed', 3, 'plan_version', '1'),
			e('warning', 'plan_version_assumed', 4, 'plan_version', '2')
		]
	]
];

describe('ledger validation', () => {
	it.each(cases)('reports %s', (_name, rows, expected) => {
		expect(parseLedger(rows).issues).toEqual(expected);
	});

	it('has a case for every issue code', () => {
		const covered = new Set(cases.flatMap(([, , issues]) => issues.map((i) => i.code)));
		expect([...LEDGER_ISSUE_CODES].filter((c) => !covered.has(c))).toEqual([]);
	});

	it('keeps rounded amounts and leaves rows with errors out', () => {
		const { projects } = parseLedger([grant('100.005' as never), r('A', '2020-02-01', 'repayment', 'ten')]);
		// 100.005 SEK → 10,000.5 öre → 10,001 öre (half away from zero).
		expect(projects[0].grants[0].amountOre).toBe(10_001);
		expect(projects[0].repayments).toEqual([]);
	});

	it('builds plans, repayments and write-offs per project', () => {
		const { projects, issues } = parseLedger([
			r('A', '2020-01-01', 'grant', 1000),
			r('A', '2021-12-31', 'planned_repayment', 400, 1),
			r('A', '2020-06-01', 'plan_revision', 0, 2),
			r('A', '2021-12-31', 'planned_repayment', 250, 2),
			r('A', '2020-12-31', 'planned_repayment', 150, 2),
			r('A', '2020-12-31', 'repayment', 150),
			r('A', '2022-03-01', 'repayment', 500, null, 'written_off: project closed'),
			r('B', '2019-05-01', 'grant', 10)
		]);
		expect(issues).toEqual([]);
		const [a, b] = projects;
		expect(a.grantDate).toBe('2020-01-01');
		expect(a.plans.map((p) => [p.version, p.decidedOn, p.revisionLine, p.totalOre])).toEqual([
			[1, '2020-01-01', null, 40_000],
			[2, '2020-06-01', 4, 40_000]
		]);
		// Plan 2's rows by due date: 150 (2020) then 250 (2021).
		expect(a.plans[1].rows.map((x) => [x.due, x.amountOre, x.line])).toEqual([
			['2020-12-31', 15_000, 6],
			['2021-12-31', 25_000, 5]
		]);
		expect(a.repayments.map((x) => x.line)).toEqual([7]);
		expect(a.writeOffs.map((x) => x.line)).toEqual([8]);
		expect(b.projectId).toBe('B');
	});
});
