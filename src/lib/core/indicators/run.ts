import type { Engine, Row } from '../engine';
import type { TableName } from '../schema/tables';
import type { DefinitionIssue, IndicatorDefinition, Population } from './definition';
import { compileIndicator, CompileError, type CompiledIndicator } from './compile';
import { checkSql } from './sandbox';
import { validateDefinition } from './validate';

/** One result: a cohort (or, for aggregated tables, a breakdown) in one period. */
export interface IndicatorRow {
	indicator_id: string;
	/** null for aggregated sources (contacts, surveys) that have no persons. */
	cohort_id: string | null;
	/** '2016/17', '2016', 'all' or a survey wave. */
	period: string;
	/** Persons (respondents) with data: the denominator; null where there is none. */
	n: number | null;
	numerator: number | null;
	/** Share 0–1, rate per 1,000, or a mean/median/count in the definition's unit; null = no data. */
	value: number | null;
	/** The row's breakdown, e.g. { age_band: '13-15', place: 'Torget' }; null when there is none. */
	breakdown: Record<string, string | null> | null;
}

export interface IndicatorError extends DefinitionIssue {
	indicator_id: string;
	/** DuckDB's message, when the failure came from running the query. */
	message?: string;
}

export interface IndicatorCache {
	/** Results by query text and the versions of the tables it reads. */
	readonly entries: Map<string, Promise<IndicatorRow[]>>;
}

export const createIndicatorCache = (): IndicatorCache => ({ entries: new Map() });

export interface ComputeOptions {
	asOf?: string;
	/** A filter chosen in the UI, overriding the definitions' own population fields (person-level indicators). */
	population?: Partial<Population>;
	/** Reuse results whose query and inputs did not change. */
	cache?: IndicatorCache;
	/** A version per table (e.g. an upload counter): bump one to recompute only what reads it. */
	dataVersions?: Partial<Record<TableName, string | number>>;
}

export interface ComputeResult {
	rows: IndicatorRow[];
	errors: IndicatorError[];
	/** Ids whose query ran this time (the rest came from the cache). */
	computed: string[];
}

const AGGREGATED: readonly string[] = ['surveys', 'contacts'];

const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

function toRow(r: Row, dimensions: string[]): IndicatorRow {
	const breakdown = dimensions.length
		? Object.fromEntries(dimensions.map((d) => [d, r[d] == null ? null : String(r[d])]))
		: null;
	return {
		indicator_id: String(r.indicator_id),
		cohort_id: r.cohort_id == null ? null : String(r.cohort_id),
		period: String(r.period),
		n: num(r.n),
		numerator: num(r.numerator),
		value: num(r.value),
		breakdown
	};
}

function withFilter(input: unknown, population: Partial<Population> | undefined): unknown {
	if (!population || typeof input !== 'object' || input === null) return input;
	const d = input as { measure?: { table?: string }; population?: object };
	const table = d.measure?.table ?? '';
	if (AGGREGATED.includes(table)) return input;
	// Attrition is only meaningful over everyone who entered, whatever the follow-up toggle says.
	const { followUp, ...rest } = population;
	const overlay = table === 'persons' ? rest : { ...rest, ...(followUp ? { followUp } : {}) };
	return { ...d, population: { ...(d.population ?? {}), ...overlay } };
}

/** Compile one definition (validation included). */
export function prepareIndicator(
	input: unknown,
	options: Pick<ComputeOptions, 'asOf' | 'population'> = {}
):
	| { ok: true; definition: IndicatorDefinition; compiled: CompiledIndicator }
	| { ok: false; issues: DefinitionIssue[] } {
	const v = validateDefinition(withFilter(input, options.population));
	if (!v.ok) return v;
	try {
		return { ok: true, definition: v.definition, compiled: compileIndicator(v.definition, options) };
	} catch (e) {
		if (e instanceof CompileError)
			return { ok: false, issues: [{ path: e.path, code: e.code, received: e.token }] };
		throw e;
	}
}

const idOf = (input: unknown) =>
	typeof input === 'object' && input !== null && 'id' in input ? String((input as { id: unknown }).id) : '';

/**
 * Compute every indicator for every cohort and period. A definition that fails validation,
 * the sandbox or DuckDB yields errors, not an exception, so one bad indicator does not blank the rest.
 */
export async function computeIndicators(
	engine: Engine,
	definitions: readonly unknown[],
	options: ComputeOptions = {}
): Promise<ComputeResult> {
	const result: ComputeResult = { rows: [], errors: [], computed: [] };
	const outcomes = await Promise.all(
		definitions.map(async (input) => {
			const id = idOf(input);
			const prepared = prepareIndicator(input, options);
			if (!prepared.ok) return { errors: prepared.issues.map((i) => ({ ...i, indicator_id: id })) };
			const { compiled, definition } = prepared;
			const key = [
				compiled.sql,
				...compiled.tables.map((t) => `${t}=${options.dataVersions?.[t] ?? ''}`)
			].join('\u0000');
			const cached = options.cache?.entries.get(key);
			if (cached) return { rows: await cached };
			const run = (async () => {
				if (definition.measure.sql !== undefined) {
					const check = await checkSql(engine, definition.measure.sql, {
						requiredColumns: ['person_id', 'date', 'value']
					});
					if (!check.ok) throw new CompileError('measure.sql', check.error.code, check.error.token);
				}
				const rows = await engine.query(compiled.sql);
				return rows.map((r) => toRow(r, compiled.dimensions));
			})();
			options.cache?.entries.set(key, run);
			try {
				return { rows: await run, computed: compiled.id };
			} catch (e) {
				options.cache?.entries.delete(key);
				const issue: IndicatorError =
					e instanceof CompileError
						? { indicator_id: id, path: e.path, code: e.code, received: e.token }
						: {
								indicator_id: id,
								path: '',
								code: 'query_failed',
								message: e instanceof Error ? e.message : String(e)
							};
				return { errors: [issue] };
			}
		})
	);
	for (const o of outcomes) {
		if ('rows' in o && o.rows) result.rows.push(...o.rows);
		if ('errors' in o && o.errors) result.errors.push(...o.errors);
		if ('computed' in o && o.computed) result.computed.push(o.computed);
	}
	return result;
}
