import type { Report } from './types';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

const LOCALE = { sv: 'sv-SE', en: 'en-GB' } as const;

/** A readable report for a board: the headline figures, every comparison's verdict, the money. */
export function reportToMarkdown(report: Report, t: Translate, lang: 'sv' | 'en'): string {
	const nf = (x: number | null, digits = 1) =>
		x === null ? '..' : new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits }).format(x);
	const sek = (x: number | null) =>
		x === null
			? '–'
			: new Intl.NumberFormat(LOCALE[lang], {
					style: 'currency',
					currency: 'SEK',
					maximumFractionDigits: 0
				}).format(x);
	const lines: string[] = [];
	lines.push(`# ${t('report.title', { dataset: report.dataset.title })}`, '');
	lines.push(t('report.generated', { date: report.generated.slice(0, 10), k: report.min_cell }), '');
	lines.push(`## ${t('report.comparisons')}`, '');
	const clear = report.comparisons.filter((c) => c.period === 'all' && c.difference !== null);
	if (clear.length === 0) lines.push(t('report.noComparisons'), '');
	else {
		lines.push(
			`| ${t('report.col.indicator')} | ${t('report.col.cohort')} | ${t('report.col.baseline')} | ${t('report.col.difference')} | ${t('report.col.verdict')} |`
		);
		lines.push('|---|---|---|---:|---|');
		for (const c of clear)
			lines.push(
				`| ${c.indicator_id} | ${c.cohort_id} | ${c.baseline_id} | ${nf(c.difference, 3)} (${nf(c.ci_low, 3)} – ${nf(c.ci_high, 3)}) | ${t(`report.verdict.${c.verdict}`)} |`
			);
		lines.push('');
	}
	lines.push(`## ${t('report.fund')}`, '');
	if (report.fund.length === 0) lines.push(t('report.noFund'), '');
	else {
		lines.push(
			`| ${t('report.col.project')} | ${t('report.col.granted')} | ${t('report.col.repaid')} | ${t('report.col.planned')} | ${t('report.col.outstanding')} | ${t('report.col.npv')} | ${t('report.col.payback')} |`
		);
		lines.push('|---|---:|---:|---:|---:|---:|---:|');
		for (const f of report.fund)
			lines.push(
				`| ${f.project_id} | ${sek(f.granted_sek)} | ${sek(f.repaid_sek)} | ${sek(f.planned_to_date_sek)} | ${sek(f.outstanding_sek)} | ${f.npv_sek === null ? '–' : sek(f.npv_sek)} | ${f.payback_year ?? '–'} |`
			);
		lines.push('', t('report.npvNote'), '');
	}
	const suppressed = report.indicators.filter((r) => r.suppressed).length;
	lines.push(`## ${t('report.indicators')}`, '');
	lines.push(t('report.suppressedNote', { count: suppressed, k: report.min_cell }), '');
	lines.push(
		`| ${t('report.col.indicator')} | ${t('report.col.cohort')} | ${t('report.col.period')} | n | ${t('report.col.value')} |`
	);
	lines.push('|---|---|---|---:|---:|');
	for (const r of report.indicators)
		lines.push(
			`| ${r.indicator_id} | ${r.cohort_id ?? '–'} | ${r.period} | ${r.n ?? '..'} | ${nf(r.value, 3)} |`
		);
	return lines.join('\n') + '\n';
}
