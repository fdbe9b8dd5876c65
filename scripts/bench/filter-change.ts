// "Changing one filter recomputes only what changed": the built-in panel through computeIndicators
// with its result cache (run.ts: results keyed by query text and table versions), the way a page
// that keeps one cache per dataset would call it. Scenarios, in order, on one loaded engine:
//   cold          the full panel, empty cache
//   unchanged     the same call again (everything from the cache)
//   one_filter    one definition's population filter changed (CHANGED_ID gets sex = F): only its
//                 query should run
//   undo          that definition back as it was (its first result is still cached)
//   page_filter   the compare page's follow-up toggle (population { followUp: 'completers' }),
//                 which changes every person-level query (attrition and aggregated sources keep theirs)
//   no_cache      the changed panel of one_filter again without the cache: what a filter change
//                 costs when every query reruns (warm engine, so comparable with one_filter)
// For each: wall-clock time, the statements that actually reached the engine and the ids computed.
import type { Engine } from '../../src/lib/core/engine';
import {
	BUILT_IN_INDICATORS,
	computeIndicators,
	createIndicatorCache,
	type ComputeOptions,
	type IndicatorDefinitionInput
} from '../../src/lib/core/indicators';
import { recording, type Statement } from './panel-sql';

export const CHANGED_ID = 'eligible_vocational';

export interface FilterScenario {
	name: 'cold' | 'unchanged' | 'one_filter' | 'undo' | 'page_filter' | 'no_cache';
	ms: number;
	/** Statements sent to the engine. */
	statements: number;
	/** Ids computeIndicators reports as computed (not from the cache). */
	computed: string[];
	rows: number;
	errors: number;
}

export interface FilterResult {
	changedId: string;
	scenarios: FilterScenario[];
	/** The cold panel sent exactly the captured statements (the ones timed in Chromium). */
	sameAsCaptured: boolean | null;
}

export async function filterChange(
	engine: Engine,
	asOf: string,
	captured?: Statement[]
): Promise<FilterResult> {
	const { engine: counted, log } = recording(engine);
	const cache = createIndicatorCache();
	const changed: IndicatorDefinitionInput[] = BUILT_IN_INDICATORS.map((d) =>
		d.id === CHANGED_ID ? { ...d, population: { ...(d.population ?? {}), sex: ['F'] } } : d
	);
	if (!changed.some((d) => d.id === CHANGED_ID)) throw new Error(`no built-in indicator ${CHANGED_ID}`);
	const scenarios: FilterScenario[] = [];
	let coldStatements: Statement[] = [];
	const run = async (
		name: FilterScenario['name'],
		defs: readonly IndicatorDefinitionInput[],
		extra: ComputeOptions = {}
	) => {
		const before = log.statements.length;
		const t0 = performance.now();
		const r = await computeIndicators(counted, defs, { asOf, cache, ...extra });
		const ms = performance.now() - t0;
		const sent = log.statements.slice(before);
		if (name === 'cold') coldStatements = sent;
		scenarios.push({
			name,
			ms,
			statements: sent.length,
			computed: [...r.computed].sort(),
			rows: r.rows.length,
			errors: r.errors.length
		});
	};
	await run('cold', BUILT_IN_INDICATORS);
	await run('unchanged', BUILT_IN_INDICATORS);
	await run('one_filter', changed);
	await run('undo', BUILT_IN_INDICATORS);
	await run('page_filter', BUILT_IN_INDICATORS, { population: { followUp: 'completers' } });
	await run('no_cache', changed, { cache: undefined });
	const key = (s: Statement) => `${s.kind}\u0000${s.sql}`;
	return {
		changedId: CHANGED_ID,
		scenarios,
		sameAsCaptured: captured
			? JSON.stringify(coldStatements.map(key).sort()) === JSON.stringify(captured.map(key).sort())
			: null
	};
}
