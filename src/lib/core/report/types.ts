/** The report document: the shape outside users rely on (docs/report.md, docs/report.schema.json). */
export interface Report {
	dataset: { id: string; title: string };
	generated: string;
	min_cell: number;
	indicators: ReportIndicatorRow[];
	comparisons: ReportComparisonRow[];
	fund: ReportFundRow[];
}

export interface ReportIndicatorRow {
	indicator_id: string;
	cohort_id: string | null;
	period: string;
	n: number | null;
	numerator: number | null;
	value: number | null;
	ci_low: number | null;
	ci_high: number | null;
	suppressed: boolean;
	/** Aggregated indicators (outreach contacts, surveys) are broken down instead of by cohort. */
	breakdown?: Record<string, string | null> | null;
}

export interface ReportComparisonRow {
	indicator_id: string;
	cohort_id: string;
	baseline_id: string;
	period: string;
	difference: number | null;
	ci_low: number | null;
	ci_high: number | null;
	p_value: number | null;
	verdict: string;
}

export interface ReportFundRow {
	project_id: string;
	granted_sek: number;
	disbursed_sek: number;
	repaid_sek: number;
	planned_to_date_sek: number;
	outstanding_sek: number;
	npv_sek: number | null;
	payback_year: number | null;
}
