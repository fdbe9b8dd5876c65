import { isIsoDate } from '../core/finance/dates';

/**
 * The fund page's own URL state: which project's ledger is open, the "as of" date and the savings
 * scenario whose year-by-year table is shown. Defaults are left out of URLs.
 */
export const FUND_SCENARIOS = ['pessimistic', 'central', 'optimistic'] as const;
export type FundScenario = (typeof FUND_SCENARIOS)[number];

export interface FundUrlState {
	/** null = the first project of the portfolio. */
	project: string | null;
	/** 'YYYY-MM-DD'; null = the default (today if the ledger reaches it, else its last date). */
	asOf: string | null;
	scenario: FundScenario;
}

export const DEFAULT_FUND_STATE: FundUrlState = { project: null, asOf: null, scenario: 'central' };

export function parseFundState(params: URLSearchParams): FundUrlState {
	const asOf = params.get('asOf');
	const scenario = params.get('scenario');
	return {
		project: params.get('project') || null,
		asOf: asOf && isIsoDate(asOf) ? asOf : null,
		scenario: (FUND_SCENARIOS as readonly string[]).includes(scenario ?? '')
			? (scenario as FundScenario)
			: DEFAULT_FUND_STATE.scenario
	};
}

/** The fund keys written over `base`, keeping every other parameter (language, view, dataset). */
export function serializeFundState(state: FundUrlState, base = new URLSearchParams()): URLSearchParams {
	const out = new URLSearchParams(base);
	const set = (key: string, value: string | null, fallback: string | null) => {
		if (value === null || value === fallback) out.delete(key);
		else out.set(key, value);
	};
	set('project', state.project, null);
	set('asOf', state.asOf, null);
	set('scenario', state.scenario, DEFAULT_FUND_STATE.scenario);
	return out;
}
