import type { Report } from './types';

const cell = (v: unknown): string => {
	if (v === null || v === undefined) return '';
	const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
	return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

function table(rows: readonly object[], columns: readonly string[]): string {
	const lines = [columns.join(',')];
	for (const r of rows) lines.push(columns.map((c) => cell((r as Record<string, unknown>)[c])).join(','));
	return lines.join('\n') + '\n';
}

export const INDICATOR_COLUMNS = [
	'indicator_id',
	'cohort_id',
	'period',
	'n',
	'numerator',
	'value',
	'ci_low',
	'ci_high',
	'suppressed',
	'breakdown'
] as const;
export const COMPARISON_COLUMNS = [
	'indicator_id',
	'cohort_id',
	'baseline_id',
	'period',
	'difference',
	'ci_low',
	'ci_high',
	'p_value',
	'verdict'
] as const;
export const FUND_COLUMNS = [
	'project_id',
	'granted_sek',
	'disbursed_sek',
	'repaid_sek',
	'planned_to_date_sek',
	'outstanding_sek',
	'npv_sek',
	'payback_year'
] as const;

/** One CSV table per section. */
export function reportTables(report: Report): Record<'indicators' | 'comparisons' | 'fund', string> {
	return {
		indicators: table(report.indicators, INDICATOR_COLUMNS),
		comparisons: table(report.comparisons, COMPARISON_COLUMNS),
		fund: table(report.fund, FUND_COLUMNS)
	};
}

/** The sections in one stream, each headed by a `# section` line. */
export const reportToCsv = (report: Report): string =>
	Object.entries(reportTables(report))
		.map(([name, text]) => `# ${name}\n${text}`)
		.join('\n');
