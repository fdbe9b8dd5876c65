/**
 * Headlines for the board: which 3–5 indicators a project shows on its card and in its printed
 * report, and the finding of each said as a title in plain words ("Fler elever behöriga till
 * gymnasiet än före projektet"). Plain TypeScript over the comparison model; no Svelte.
 */
import type { CompareModel, DifferenceFigure, FindingCode, GroupFigure, IndicatorResult } from './compare';
import type { Language } from '../i18n';

/** The example fund: each bundled dataset holds one project (its ledger's and cohorts' project_id). */
export const PROJECT_DATASETS: Readonly<Record<string, string>> = {
	samagera: 'samagera-torshalla',
	sig: 'sig-eslov',
	prisma: 'prisma-ekero'
};
export const BOARD_PROJECTS = Object.keys(PROJECT_DATASETS);
export const datasetOfProject = (project: string): string | null => PROJECT_DATASETS[project] ?? null;
export const projectOfDataset = (dataset: string): string | null =>
	Object.entries(PROJECT_DATASETS).find(([, d]) => d === dataset)?.[0] ?? null;

/** The indicator every card leads with when it has data. */
export const FIRST_INDICATOR = 'eligible_vocational';

/** Indicators that say nearly the same thing; a card shows one of each family before a second. */
const FAMILIES: [RegExp, string][] = [
	[/^eligible_/, 'eligibility'],
	[/^care_days/, 'care_days'],
	[/^merit_value/, 'merit_value'],
	[/^support_talks/, 'support_talks'],
	[/^(consent_to_intervention|intervention_within)/, 'lead_time']
];
export const familyOf = (id: string): string => FAMILIES.find(([re]) => re.test(id))?.[1] ?? id;

/** How clear a finding is: a clear difference first, then one that may be chance, then the rest. */
const CODE_RANK: Record<FindingCode, number> = {
	clear_better: 0,
	clear_worse: 0,
	unclear: 1,
	too_few: 2,
	suppressed: 2,
	no_baseline: 3,
	no_data: 9
};

const hasInterval = (d: DifferenceFigure | null) => d !== null && d.low !== null && d.high !== null;

/** Negative when `a` is the clearer finding. */
export function clearer(a: IndicatorResult, b: IndicatorResult): number {
	const byCode = CODE_RANK[a.finding.code] - CODE_RANK[b.finding.code];
	if (byCode) return byCode;
	const byInterval = Number(hasInterval(b.lead)) - Number(hasInterval(a.lead));
	if (byInterval) return byInterval;
	const pa = a.lead?.p ?? Infinity;
	const pb = b.lead?.p ?? Infinity;
	return pa === pb ? 0 : pa < pb ? -1 : 1;
}

/** A result worth a headline: an indicator with figures for this project that can be pooled over years. */
export const hasData = (r: IndicatorResult): boolean =>
	r.available && r.finding.code !== 'no_data' && (!r.project.empty || r.project.suppressed !== null);

export interface HeadlineOptions {
	/** Fewest headlines wanted (default 3): families are repeated to reach it. */
	min?: number;
	/** Most headlines (default 5). */
	max?: number;
}

/**
 * The 3–5 headline results of a project: one result per indicator (for a project with several
 * cohorts, the cohort with the clearest finding), eligibility first, then the clearest findings, at
 * most one per family of near-identical indicators unless fewer than `min` would be left.
 */
export function pickHeadlines(model: CompareModel, options: HeadlineOptions = {}): IndicatorResult[] {
	const min = options.min ?? 3;
	const max = options.max ?? 5;
	const order = new Map<string, number>();
	model.results.forEach((r) => order.has(r.definition.id) || order.set(r.definition.id, order.size));

	const best = new Map<string, IndicatorResult>();
	for (const r of model.results.filter(hasData)) {
		const seen = best.get(r.definition.id);
		if (!seen || clearer(r, seen) < 0) best.set(r.definition.id, r);
	}
	const sorted = [...best.values()].sort(
		(a, b) =>
			Number(b.definition.id === FIRST_INDICATOR) - Number(a.definition.id === FIRST_INDICATOR) ||
			clearer(a, b) ||
			order.get(a.definition.id)! - order.get(b.definition.id)!
	);

	const chosen: IndicatorResult[] = [];
	const families = new Set<string>();
	for (const r of sorted) {
		if (chosen.length >= max) break;
		const family = familyOf(r.definition.id);
		if (families.has(family)) continue;
		families.add(family);
		chosen.push(r);
	}
	for (const r of sorted) {
		if (chosen.length >= Math.min(min, max)) break;
		if (!chosen.includes(r)) chosen.push(r);
	}
	return chosen;
}

/** Indicators with a title of their own in `board.finding.title.<id>`; others use the generic title. */
export const TITLED_INDICATORS = [
	'eligible_vocational',
	'passed_all_subjects',
	'merit_value',
	'care_days',
	'in_care',
	'reports_of_concern_per_1000',
	'persons_with_report',
	'in_education_or_work',
	'intervention_within_28_days',
	'support_talks_per_family'
] as const;

export type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** The baseline the finding speaks of, as the group the chart shows beside the project. */
export const leadBaseline = (r: IndicatorResult): GroupFigure | null => r.lead?.baseline ?? null;

/**
 * The finding as a title: what the data say, in the indicator's own words where the catalog has
 * them ("Fler elever behöriga till gymnasiet än före projektet"), else "{label}: högre än …".
 */
export function findingTitle(r: IndicatorResult, t: Translate, lang: Language): string {
	const label = r.definition.label[lang];
	const f = r.finding;
	if (f.code === 'clear_better' || f.code === 'clear_worse' || f.code === 'unclear') {
		const versus = t(`board.versus.${f.sign}.${f.baseline}`);
		const titled = (TITLED_INDICATORS as readonly string[]).includes(r.definition.id);
		return titled
			? t(`board.finding.title.${r.definition.id}`, { values: { sign: f.sign, versus } })
			: t('board.finding.generic', { values: { label, sign: f.sign, versus } });
	}
	return t(`board.finding.${f.code}`, { values: { label } });
}

/** The verdict in one short line ("Tydlig förbättring", "Skillnaden kan vara slump"). */
export function verdictLine(r: IndicatorResult, t: Translate, k: number): string {
	return t(`board.verdict.${r.finding.code}`, { values: { k } });
}

/** Counts of the headline findings, for the report's summary. */
export function findingCounts(
	results: readonly IndicatorResult[]
): Record<'clear_better' | 'clear_worse' | 'unclear' | 'other', number> {
	const out = { clear_better: 0, clear_worse: 0, unclear: 0, other: 0 };
	for (const r of results) {
		const c = r.finding.code;
		if (c === 'clear_better' || c === 'clear_worse' || c === 'unclear') out[c]++;
		else out.other++;
	}
	return out;
}

/** Whether a project has more than one project cohort (then each headline names its cohort). */
export const multiCohort = (model: CompareModel): boolean =>
	new Set(model.results.map((r) => r.cohort_id)).size > 1;

/** The sources of the national values an indicator is compared with, for a chart's source line. */
export function nationalSources(
	references: readonly { indicator_id: string; source: string | null }[],
	indicatorId: string
): string {
	return [
		...new Set(references.filter((r) => r.indicator_id === indicatorId && r.source).map((r) => r.source!))
	].join('; ');
}
