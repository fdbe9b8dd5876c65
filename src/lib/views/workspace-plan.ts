/**
 * The project lead's desk: what is loaded, which projects it holds, what each project is compared
 * with, how much of each cohort the data covers, and which indicators carry a target. Plain
 * TypeScript over the engine; the workspace page renders it.
 */
import type { Engine } from '../core/engine';
import { baselineCohortsFor, type CohortInfo } from '../core/compare/compare';
import { DIRECTIONS, TARGET_OPS, type IndicatorDefinitionInput } from '../core/indicators/definition';
import { validateDefinition } from '../core/indicators/validate';
import type { Language } from '../i18n';

/** Person-level tables whose coverage a project lead checks before trusting a figure. */
export const COVERAGE_TABLES = ['grades', 'school_outcomes', 'care', 'events'] as const;
export type CoverageTable = (typeof COVERAGE_TABLES)[number];

export interface PlanBaseline {
	/** A cohort id, or a reference area such as `riket`. */
	id: string;
	label: string;
	kind: 'historical' | 'comparison' | 'reference';
	/** Persons in the cohort; null for reference values (no person data). */
	persons: number | null;
	/** For reference values: the indicators they exist for. */
	indicators?: string[];
}

export interface PlanProject {
	cohortId: string;
	projectId: string | null;
	label: string;
	persons: number;
	/** Persons with at least one row in each person-level table. */
	coverage: Record<CoverageTable, number>;
	baselines: PlanBaseline[];
}

export interface PlanTarget {
	id: string;
	label: string;
	own: boolean;
	op: (typeof TARGET_OPS)[number];
	value: number;
	unit: string;
	direction: (typeof DIRECTIONS)[number];
}

export interface WorkspacePlan {
	projects: PlanProject[];
	targets: PlanTarget[];
}

type Row = Record<string, unknown>;
const str = (x: unknown): string | null => (x === null || x === undefined ? null : String(x));

interface CohortCount {
	persons: number;
	coverage: Record<CoverageTable, number>;
}

async function countCohorts(engine: Engine): Promise<Map<string, CohortCount>> {
	const parts = COVERAGE_TABLES.map(
		(t) => `count(*) FILTER (WHERE p.person_id IN (SELECT person_id FROM ${t})) AS ${t}`
	).join(', ');
	const rows = await engine.query<Row>(
		`SELECT p.cohort_id, count(*) AS persons, ${parts} FROM persons p GROUP BY p.cohort_id`
	);
	return new Map(
		rows.map((r) => [
			String(r.cohort_id),
			{
				persons: Number(r.persons),
				coverage: Object.fromEntries(COVERAGE_TABLES.map((t) => [t, Number(r[t])])) as Record<
					CoverageTable,
					number
				>
			}
		])
	);
}

const NO_COVERAGE = Object.fromEntries(COVERAGE_TABLES.map((t) => [t, 0])) as Record<CoverageTable, number>;

/** Every project cohort with its baselines and coverage. */
export async function loadPlanProjects(engine: Engine): Promise<PlanProject[]> {
	const cohortRows = await engine.query<Row>(
		'SELECT cohort_id, project_id, role, label, baseline_for FROM cohorts ORDER BY cohort_id'
	);
	const cohorts: CohortInfo[] = cohortRows.map((c) => ({
		cohort_id: String(c.cohort_id),
		project_id: str(c.project_id),
		role: String(c.role),
		label: str(c.label) ?? String(c.cohort_id),
		baseline_for: str(c.baseline_for)
	}));
	const refRows = await engine.query<Row>(
		'SELECT area, list(DISTINCT indicator_id ORDER BY indicator_id) AS indicators FROM reference_values GROUP BY area ORDER BY area'
	);
	const references: PlanBaseline[] = refRows.map((r) => ({
		id: String(r.area),
		label: String(r.area),
		kind: 'reference',
		persons: null,
		indicators: Array.from(r.indicators as Iterable<unknown>, String)
	}));
	const counts = await countCohorts(engine);
	const personsOf = (id: string): number => counts.get(id)?.persons ?? 0;

	return cohorts
		.filter((c) => c.role === 'project')
		.map((p) => ({
			cohortId: p.cohort_id,
			projectId: p.project_id,
			label: p.label ?? p.cohort_id,
			persons: personsOf(p.cohort_id),
			coverage: counts.get(p.cohort_id)?.coverage ?? NO_COVERAGE,
			baselines: [
				...baselineCohortsFor(p, cohorts).map((b): PlanBaseline => ({
					id: b.cohort_id,
					label: b.label ?? b.cohort_id,
					kind: b.role === 'historical' ? 'historical' : 'comparison',
					persons: personsOf(b.cohort_id)
				})),
				...references
			]
		}));
}

/** Indicators with a target: the library's and the user's own, in that order. */
export function planTargets(
	builtIn: readonly IndicatorDefinitionInput[],
	own: readonly IndicatorDefinitionInput[],
	lang: Language
): PlanTarget[] {
	const out: PlanTarget[] = [];
	const add = (input: IndicatorDefinitionInput, isOwn: boolean) => {
		const v = validateDefinition(input);
		if (!v.ok) return;
		const d = v.definition;
		if (!d.target) return;
		out.push({
			id: d.id,
			label: d.label[lang],
			own: isOwn,
			op: d.target.op,
			value: d.target.value,
			unit: d.unit,
			direction: d.direction
		});
	};
	builtIn.forEach((d) => add(d, false));
	own.forEach((d) => add(d, true));
	return out;
}
