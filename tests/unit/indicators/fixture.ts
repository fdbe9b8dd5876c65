import type { Engine } from '$lib/core/engine';
import { createNodeEngine } from '$lib/engine/node';
import { createCanonicalTablesSql } from '$lib/core/schema/ddl';
import { builtInIndicator } from '$lib/core/indicators/library';
import { computeIndicators, type ComputeOptions, type IndicatorRow } from '$lib/core/indicators/run';

export const newEngine = (): Promise<Engine> => createNodeEngine();

/** Empty canonical tables, then the fixture's INSERTs. */
export async function load(engine: Engine, inserts: string): Promise<void> {
	await engine.exec(createCanonicalTablesSql());
	if (inserts.trim()) await engine.exec(inserts);
}

/** Rows of one built-in (by id) or ad-hoc definition; fails the test on any error. */
export async function rowsOf(
	engine: Engine,
	def: string | object,
	options: ComputeOptions = {}
): Promise<IndicatorRow[]> {
	const d = typeof def === 'string' ? builtInIndicator(def) : def;
	if (!d) throw new Error(`no built-in ${String(def)}`);
	const r = await computeIndicators(engine, [d], options);
	if (r.errors.length) throw new Error(JSON.stringify(r.errors));
	return r.rows;
}

/** [cohort, period, n, numerator, value] for compact assertions. */
export const compact = (rows: IndicatorRow[]) =>
	rows.map((r) => [r.cohort_id, r.period, r.n, r.numerator, r.value]);
