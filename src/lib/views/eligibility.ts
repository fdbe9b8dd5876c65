import type { Engine } from '../core/engine';
import { builtInIndicator, computeIndicators, type IndicatorCache } from '../core/indicators';
import { primarySuppression } from '../core/disclosure';
import { wilson } from '../core/stats';

export interface EligibilityCell {
	cohort_id: string;
	label: string;
	role: string;
	period: string;
	/** null when suppressed: fewer than k pupils, or a 0 %/100 % share in a small group. */
	n: number | null;
	numerator: number | null;
	value: number | null;
	ci: [number, number] | null;
	suppressed: boolean;
}

export interface ReferenceRow {
	period: string;
	value: number;
	source: string;
}

/** Eligibility for vocational programmes per cohort and school year, with disclosure control applied. */
export async function eligibilityByCohort(
	engine: Engine,
	k = 10,
	/** The views' shared cache: the board's panel computes the same query, so the first chart need not wait for the whole panel. */
	cache?: IndicatorCache
): Promise<EligibilityCell[]> {
	// Both requests go to the engine at once, so neither queues behind other views' work in between.
	const [{ rows, errors }, cohortRows] = await Promise.all([
		computeIndicators(engine, [builtInIndicator('eligible_vocational')], { cache }),
		engine.query<{ cohort_id: string; label: string; role: string }>(
			'SELECT cohort_id, label, role FROM cohorts'
		)
	]);
	if (errors.length) throw new Error(`eligible_vocational: ${errors.map((e) => e.code).join(', ')}`);
	const cohorts = new Map(cohortRows.map((c) => [c.cohort_id, c]));
	return rows
		.filter((r) => r.cohort_id !== null && r.n !== null && r.numerator !== null)
		.map((r) => {
			const c = cohorts.get(r.cohort_id!);
			const suppressed =
				primarySuppression({ n: r.n!, events: r.numerator! }, { k, sensitive: true }) !== null;
			const w = suppressed ? null : wilson(r.numerator!, r.n!);
			const ci: [number, number] | null = w ? [w.lower, w.upper] : null;
			return {
				cohort_id: r.cohort_id!,
				label: c?.label ?? r.cohort_id!,
				role: c?.role ?? '',
				period: r.period,
				n: suppressed ? null : r.n,
				numerator: suppressed ? null : r.numerator,
				value: suppressed ? null : r.value,
				ci,
				suppressed
			};
		})
		.sort(
			(a, b) =>
				b.role.localeCompare(a.role) || a.label.localeCompare(b.label) || a.period.localeCompare(b.period)
		);
}

export const nationalEligibility = (engine: Engine) =>
	engine.query<ReferenceRow & Record<string, unknown>>(
		`SELECT period, value, source FROM reference_values WHERE indicator_id = 'eligible_vocational' AND area = 'riket' ORDER BY period`
	);
