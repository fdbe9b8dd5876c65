/**
 * Reads the measured differences for the savings model from a loaded dataset: every built-in
 * indicator that is priced (its definition names a unit cost, or EXTRA_PRICED does), each project
 * cohort against its own baseline cohort, pooled over all years, through the comparison core.
 *
 * Shares and rates are pooled as the comparison page pools them (sums of numerators and n), with
 * Newcombe's and the Poisson-normal interval. Means (care days per person-year) are pooled over
 * person-years and get Welch's interval from the per-person-year values, which the indicator rows
 * alone do not carry; person-years of one person are treated as independent (an approximation that
 * narrows the interval when the same child is in care several years running).
 *
 * National reference values are not used as a counterfactual for money: a saving needs the same
 * population without the project.
 */
import type { Engine } from '../engine';
import { compareIndicator, poolPeriods, type CohortInfo, type GroupResult } from '../compare/compare';
import { BUILT_IN_INDICATORS } from '../indicators/library';
import { prepareIndicator } from '../indicators/run';
import { aggregate } from '../indicators/compile';
import { EXTRA_PRICED, type MeasuredDifference } from './measured';

export interface LoadMeasuredOptions {
	asOf?: string;
	level?: number;
	/** Groups below k give no difference (default 10). */
	minN?: number;
}

const SHARES = ['share', 'share_within_target'];
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export async function loadMeasured(
	engine: Engine,
	options: LoadMeasuredOptions = {}
): Promise<MeasuredDifference[]> {
	const level = options.level ?? 0.95;
	const minN = options.minN ?? 10;
	const cohortRows = await engine.query(
		'SELECT cohort_id, project_id, role, label, baseline_for FROM cohorts ORDER BY cohort_id'
	);
	const cohorts: CohortInfo[] = cohortRows.map((c) => ({
		cohort_id: String(c.cohort_id),
		project_id: c.project_id == null || c.project_id === '' ? null : String(c.project_id),
		role: String(c.role),
		baseline_for: c.baseline_for == null || c.baseline_for === '' ? null : String(c.baseline_for),
		label: c.label == null ? String(c.cohort_id) : String(c.label)
	}));
	if (!cohorts.some((c) => c.role === 'project')) return [];

	const out: MeasuredDifference[] = [];
	for (const input of BUILT_IN_INDICATORS) {
		const item = input.unitCost ?? EXTRA_PRICED[input.id];
		if (!item) continue;
		const prepared = prepareIndicator(input, { asOf: options.asOf });
		if (!prepared.ok) continue;
		const { definition: def, compiled } = prepared;
		let pooled: GroupResult[];
		const periods = new Map<string, Set<string>>();
		const seen = (cohort: string, period: string) => {
			if (!periods.has(cohort)) periods.set(cohort, new Set());
			periods.get(cohort)!.add(period);
		};
		try {
			if (def.kind === 'mean') {
				const tail = aggregate(def.id, def.kind);
				if (!compiled.sql.endsWith(tail)) continue;
				const sql =
					compiled.sql.slice(0, -tail.length) +
					'SELECT cohort_id, period, x::DOUBLE AS x FROM pv WHERE x IS NOT NULL ORDER BY cohort_id, period, person_id';
				const values = new Map<string, number[]>();
				for (const r of await engine.query(sql)) {
					const c = String(r.cohort_id);
					if (!values.has(c)) values.set(c, []);
					values.get(c)!.push(Number(r.x));
					seen(c, String(r.period));
				}
				pooled = [...values].map(([cohort_id, xs]) => ({
					cohort_id,
					period: 'all',
					n: xs.length,
					numerator: null,
					value: xs.reduce((s, x) => s + x, 0) / xs.length,
					values: xs
				}));
			} else if (SHARES.includes(def.kind) || def.kind === 'rate_per_1000') {
				const rows = (await engine.query(compiled.sql))
					.filter((r) => r.cohort_id != null && isNum(Number(r.n)) && Number(r.n) > 0)
					.map((r) => ({
						cohort_id: String(r.cohort_id),
						period: String(r.period),
						n: Number(r.n),
						numerator: r.numerator == null ? null : Number(r.numerator),
						value: r.value == null ? null : Number(r.value)
					}));
				for (const r of rows) seen(r.cohort_id, r.period);
				pooled = poolPeriods(rows, def.kind === 'rate_per_1000' ? 1000 : 1);
			} else continue;
		} catch {
			// A dataset without the table (no grades, no care) has nothing to price for this indicator.
			continue;
		}
		const found = compareIndicator(def, pooled, cohorts, [], { level, minN });
		const byProject = new Map<string, typeof found>();
		for (const c of found) {
			if (c.baseline_kind !== 'before' && c.baseline_kind !== 'comparison') continue;
			byProject.set(c.cohort_id, [...(byProject.get(c.cohort_id) ?? []), c]);
		}
		for (const [project, list] of byProject) {
			// Before the project first (the same population), then a concurrent comparison group.
			const c =
				list.find((x) => x.baseline_kind === 'before') ??
				list.sort((a, b) => a.baseline_id.localeCompare(b.baseline_id))[0];
			if (!isNum(c.project.n) || !isNum(c.baseline.n) || !isNum(c.project.value) || !isNum(c.baseline.value))
				continue;
			out.push({
				indicatorId: def.id,
				kind: def.kind,
				direction: def.direction,
				item,
				projectCohort: project,
				baselineCohort: c.baseline_id,
				baselineKind: c.baseline_kind as 'before' | 'comparison',
				periods: [...(periods.get(project) ?? [])].sort(),
				projectN: c.project.n,
				baselineN: c.baseline.n,
				projectValue: c.project.value,
				baselineValue: c.baseline.value,
				difference: c.difference,
				low: c.ci_low,
				high: c.ci_high,
				method: c.method,
				verdict: c.verdict,
				level
			});
		}
	}
	return out;
}

/** The project cohorts of a fund project (cohorts.project_id = the ledger's project_id). */
export async function projectCohorts(engine: Engine): Promise<Record<string, string[]>> {
	const rows = await engine.query("SELECT cohort_id, project_id FROM cohorts WHERE role = 'project'");
	const out: Record<string, string[]> = {};
	for (const r of rows) {
		const p = r.project_id == null ? String(r.cohort_id) : String(r.project_id);
		(out[p] ??= []).push(String(r.cohort_id));
	}
	return out;
}
