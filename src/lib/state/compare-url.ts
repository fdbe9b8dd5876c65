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
	const set = (key: string, value: string | null, fallback: string | null) => {
		if (value === null || value === fallback) out.delete(key);
		else out.set(key, value);
	};
	set('indicator', state.indicator, null);
	set('baseline', state.baseline, DEFAULT_COMPARE_STATE.baseline);
	set('period', state.period, DEFAULT_COMPARE_STATE.period);
	set('level', String(state.level), String(DEFAULT_COMPARE_STATE.level));
	set('followUp', state.followUp, DEFAULT_COMPARE_STATE.followUp);
	set('standardise', state.standardise ? '1' : null, null);
	return out;
}
