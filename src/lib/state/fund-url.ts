import { isIsoDate } from '../core/finance/dates';

/**
 * The fund page's own URL state: the section shown, which project's ledger is open, the "as of" date and the savings
 * scenario whose year-by-year table is shown. Defaults are left out of URLs.
 */
export const FUND_SCENARIOS = ['pessimistic', 'central', 'optimistic'] as const;
export type FundScenario = (typeof FUND_SCENARIOS)[number];

/** The page's sections, in tab order. */
export const FUND_SECTIONS = ['portfolio', 'ledger', 'savings', 'sensitivity', 'repayment'] as const;
export type FundSection = (typeof FUND_SECTIONS)[number];

export interface FundUrlState {
	/** The section shown; links from before sections existed have none and open the portfolio. */
	section: FundSection;
	/** null = the first project of the portfolio. */
	project: string | null;
	/** 'YYYY-MM-DD'; null = the default (today if the ledger reaches it, else its last date). */
	asOf: string | null;
	scenario: FundScenario;
}

export const DEFAULT_FUND_STATE: FundUrlState = {
	section: 'portfolio',
	project: null,
	asOf: null,
	scenario: 'central'
};

/**
 * The section a URL without one means: a link naming a project (as the overview's links, and the
 * page's own links before it had sections) opens that project's ledger; otherwise the portfolio.
 */
export const impliedSection = (project: string | null): FundSection => (project ? 'ledger' : 'portfolio');

export function parseFundState(params: URLSearchParams): FundUrlState {
	const asOf = params.get('asOf');
	const scenario = params.get('scenario');
	const section = params.get('section');
	const project = params.get('project') || null;
	return {
		section: (FUND_SECTIONS as readonly string[]).includes(section ?? '')
			? (section as FundSection)
			: impliedSection(project),
		project,
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
	set('section', state.section, impliedSection(state.project));
	set('project', state.project, null);
	set('asOf', state.asOf, null);
	set('scenario', state.scenario, DEFAULT_FUND_STATE.scenario);
	return out;
}
