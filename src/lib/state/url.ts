import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n';
import { isIsoDate } from '../core/finance/dates';

/**
 * All view state that a link carries, in one module (as Our World in Data's grapher keeps it): the
 * state every page shares (language, dataset, chart or table, cohorts), then each page's own keys.
 * Defaults are left out of URLs and unknown values fall back to them, so a hand-edited or old link
 * never breaks a page and keeps meaning the same view after a default changes.
 */

/** Writes `value` under `key`, or removes the key when the value is the default. */
const setter =
	(out: URLSearchParams) =>
	(key: string, value: string | null, fallback: string | null): void => {
		if (value === null || value === fallback) out.delete(key);
		else out.set(key, value);
	};

// ---------------------------------------------------------------- shared by every page
/**
 * Every piece of view state that a link should carry. Defaults are left out of URLs, so an old
 * link keeps meaning the same view after a default changes only where it named the value.
 */
export interface ViewState {
	lang: Language;
	dataset: string | null;
	view: 'chart' | 'table';
	cohorts: string[];
}

export const DEFAULT_VIEW_STATE: ViewState = {
	lang: DEFAULT_LANGUAGE,
	dataset: null,
	view: 'chart',
	cohorts: []
};

export function parseViewState(params: URLSearchParams): ViewState {
	const lang = params.get('lang');
	const view = params.get('view');
	const cohorts = params.get('cohorts');
	return {
		lang: isLanguage(lang) ? lang : DEFAULT_VIEW_STATE.lang,
		dataset: params.get('dataset') || null,
		view: view === 'table' ? 'table' : 'chart',
		cohorts: cohorts ? cohorts.split(',').filter(Boolean) : []
	};
}

export function serializeViewState(state: ViewState, base = new URLSearchParams()): URLSearchParams {
	const out = new URLSearchParams(base);
	const set = setter(out);
	set('lang', state.lang, DEFAULT_VIEW_STATE.lang);
	set('dataset', state.dataset, null);
	set('view', state.view, DEFAULT_VIEW_STATE.view);
	set('cohorts', state.cohorts.length ? state.cohorts.join(',') : null, null);
	return out;
}

// ---------------------------------------------------------------- the comparison page

/**
 * The comparison page's own URL state. Defaults are left out of URLs; unknown values fall back to
 * the defaults, so a hand-edited link never breaks the page.
 */
export const COMPARE_LEVELS = [90, 95, 99] as const;
export type CompareLevel = (typeof COMPARE_LEVELS)[number];
export const FOLLOW_UPS = ['intention_to_treat', 'completers'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];

export interface CompareUrlState {
	/** Indicator id shown in detail; null = the first with data (eligibility when there is some). */
	indicator: string | null;
	/** 'all' or one baseline: a cohort id, or the reference area ('riket'). */
	baseline: string;
	/** 'all' = every year pooled, else one period label ('2019/20', '2016'). */
	period: string;
	/** Confidence level in per cent. */
	level: CompareLevel;
	followUp: FollowUp;
	/**
	 * Weight cohort baselines to the project's age, sex and level (direct standardisation). Off by
	 * default and left out of URLs when off, so a link from before the toggle existed keeps its meaning.
	 */
	standardise: boolean;
}

export const DEFAULT_COMPARE_STATE: CompareUrlState = {
	indicator: null,
	baseline: 'all',
	period: 'all',
	level: 95,
	followUp: 'intention_to_treat',
	standardise: false
};

const ID = /^[a-z][a-z0-9_]{0,63}$/;
const TOKEN = /^[\p{L}\p{N}_./ -]{1,64}$/u;

export function parseCompareState(params: URLSearchParams): CompareUrlState {
	const indicator = params.get('indicator');
	const baseline = params.get('baseline');
	const period = params.get('period');
	const level = Number(params.get('level'));
	const followUp = params.get('followUp');
	const standardise = params.get('standardise');
	return {
		indicator: indicator && ID.test(indicator) ? indicator : null,
		baseline: baseline && TOKEN.test(baseline) ? baseline : DEFAULT_COMPARE_STATE.baseline,
		period: period && TOKEN.test(period) ? period : DEFAULT_COMPARE_STATE.period,
		level: (COMPARE_LEVELS as readonly number[]).includes(level)
			? (level as CompareLevel)
			: DEFAULT_COMPARE_STATE.level,
		followUp: (FOLLOW_UPS as readonly string[]).includes(followUp ?? '')
			? (followUp as FollowUp)
			: DEFAULT_COMPARE_STATE.followUp,
		standardise: standardise === '1' || standardise === 'true'
	};
}

/** The compare keys written over `base`, keeping every other parameter (language, dataset, view). */
export function serializeCompareState(state: CompareUrlState, base = new URLSearchParams()): URLSearchParams {
	const out = new URLSearchParams(base);
	const set = setter(out);
	set('indicator', state.indicator, null);
	set('baseline', state.baseline, DEFAULT_COMPARE_STATE.baseline);
	set('period', state.period, DEFAULT_COMPARE_STATE.period);
	set('level', String(state.level), String(DEFAULT_COMPARE_STATE.level));
	set('followUp', state.followUp, DEFAULT_COMPARE_STATE.followUp);
	set('standardise', state.standardise ? '1' : null, null);
	return out;
}

// ---------------------------------------------------------------- the fund page

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
	const set = setter(out);
	set('section', state.section, impliedSection(state.project));
	set('project', state.project, null);
	set('asOf', state.asOf, null);
	set('scenario', state.scenario, DEFAULT_FUND_STATE.scenario);
	return out;
}
