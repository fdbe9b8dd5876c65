import type { Engine } from '../engine';
import { computeIndicators, type IndicatorError, type IndicatorRow } from '../indicators/run';
import { BUILT_IN_INDICATORS } from '../indicators/library';
import { validateDefinition } from '../indicators/validate';
import { compareIndicator, poolPeriods, type CohortInfo, type ReferenceValue } from '../compare/compare';
import { primarySuppression, resolveK } from '../disclosure';
import { poissonRate, wilson } from '../stats';
import { fundSection } from './fund';
import type { Report, ReportComparisonRow, ReportIndicatorRow } from './types';

export interface BuildReportOptions {
	dataset: { id: string; title: string };
	/** Definitions beyond the built-in library (e.g. a project lead's own). */
	extraDefinitions?: readonly unknown[];
	minCell?: number;
	asOf?: string;
	level?: number;
	/** Fixed for reproducible output in tests; default now. */
	generated?: string;
}

const SHARE_KINDS = ['share', 'share_within_target'];

/** The interval that suits the kind; null where the row alone cannot give one (means, medians). */
function interval(kind: string, r: IndicatorRow, level: number): [number | null, number | null] {
	if (r.n === null || r.numerator === null || r.n === 0) return [null, null];
	if (SHARE_KINDS.includes(kind)) {
		const w = wilson(r.numerator, r.n, level);
		return w ? [w.lower, w.upper] : [null, null];
	}
	if (kind === 'rate_per_1000') {
		const p = poissonRate(r.numerator, r.n, 1000, level);
		return p ? [p.lower, p.upper] : [null, null];
	}
	return [null, null];
}

/**
 * Every built-in (and extra) indicator for every cohort and period, with intervals and disclosure
 * control, every comparison against the baselines present, and the fund figures.
 */
export async function buildReport(
	engine: Engine,
	options: BuildReportOptions
): Promise<{ report: Report; errors: IndicatorError[] }> {
	const k = resolveK(options.minCell);
	const level = options.level ?? 0.95;
	const inputs = [...BUILT_IN_INDICATORS, ...(options.extraDefinitions ?? [])];
	const { rows, errors } = await computeIndicators(engine, inputs, { asOf: options.asOf });
	const definitions = new Map(
		inputs.flatMap((i) => {
			const v = validateDefinition(i);
			return v.ok ? [[v.definition.id, v.definition] as const] : [];
		})
	);

	const indicators: ReportIndicatorRow[] = rows.map((r) => {
		const kind = definitions.get(r.indicator_id)?.kind ?? '';
		const personal = r.cohort_id !== null || r.indicator_id === 'survey_score';
		const reason =
			personal && r.n !== null
				? primarySuppression(
						{ n: r.n, events: SHARE_KINDS.includes(kind) ? (r.numerator ?? undefined) : undefined },
						{ k, sensitive: SHARE_KINDS.includes(kind) }
					)
				: null;
		const [lo, hi] = interval(kind, r, level);
		const hidden = reason !== null;
		return {
			indicator_id: r.indicator_id,
			cohort_id: r.cohort_id,
			period: r.period,
			n: hidden ? null : r.n,
			numerator: hidden ? null : r.numerator,
			value: hidden ? null : r.value,
			ci_low: hidden ? null : lo,
			ci_high: hidden ? null : hi,
			suppressed: hidden,
			...(r.breakdown ? { breakdown: r.breakdown } : {})
		};
	});

	const cohorts = await engine.query<CohortInfo & Record<string, unknown>>(
		'SELECT cohort_id, project_id, role, label, baseline_for FROM cohorts ORDER BY cohort_id'
	);
	const references = await engine.query<ReferenceValue & Record<string, unknown>>(
		'SELECT indicator_id, area, period, value, n FROM reference_values'
	);
	const comparisons: ReportComparisonRow[] = [];
	for (const [id, def] of definitions) {
		const results = rows
			.filter((r) => r.indicator_id === id && r.cohort_id !== null && !r.breakdown)
			.map((r) => ({ ...r, cohort_id: r.cohort_id! }));
		if (results.length === 0) continue;
		const pooled = SHARE_KINDS.includes(def.kind)
			? poolPeriods(results)
			: def.kind === 'rate_per_1000'
				? poolPeriods(results, 1000)
				: [];
		const found = compareIndicator(
			{ id, kind: def.kind, direction: def.direction },
			[...results, ...pooled],
			cohorts,
			references,
			{ level, minN: k }
		);
		for (const c of found)
			comparisons.push({
				indicator_id: c.indicator_id,
				cohort_id: c.cohort_id,
				baseline_id: c.baseline_id,
				period: c.period,
				difference: c.difference,
				ci_low: c.ci_low,
				ci_high: c.ci_high,
				p_value: c.p_value,
				verdict: c.verdict
			});
	}

	return {
		report: {
			dataset: options.dataset,
			generated: options.generated ?? new Date().toISOString(),
			min_cell: k,
			indicators,
			comparisons,
			fund: await fundSection(engine, options.asOf, { minN: k })
		},
		errors
	};
}
