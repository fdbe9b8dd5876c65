import type { MaybeInterval } from './types';

export type Direction = 'higher_better' | 'lower_better';
export type VerdictCode = 'better_clear' | 'worse_clear' | 'no_clear_difference' | 'too_few' | 'no_data';
/** What the project is compared with; the wording names it. */
export type BaselineKind = 'comparison' | 'before' | 'national' | 'baseline_measurement';

/** Matches the disclosure threshold k, so a verdict is never given on a group too small to show. */
export const DEFAULT_MIN_N = 10;

export interface VerdictInput {
	/** Project minus baseline (or project / baseline with nullValue 1), with its interval. */
	difference: MaybeInterval | null;
	direction: Direction;
	/** Persons in each group compared (e.g. [project, comparison]). */
	n: readonly number[];
	minN?: number;
	/** The value meaning "no difference": 0 for differences, 1 for ratios. */
	nullValue?: number;
	baseline?: BaselineKind;
}

export interface Verdict {
	code: VerdictCode;
	/** True when the data cannot tell the difference from chance (no clear difference, or too few). */
	chance: boolean;
	/** Parameters for the wording in i18n/<lang>/verdicts.json; n is the smallest group. */
	params: { baseline: BaselineKind; n: number; minN: number };
}

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && !Number.isNaN(x);

/**
 * Classify a comparison without claiming more than its interval allows: "clear" only when the whole
 * interval lies on one side of nullValue (an interval touching it is not clear). Groups smaller than
 * minN give too_few whatever the interval says; an empty group or missing estimate gives no_data.
 */
export function verdict({
	difference,
	direction,
	n,
	minN = DEFAULT_MIN_N,
	nullValue = 0,
	baseline = 'comparison'
}: VerdictInput): Verdict {
	const smallest = n.length ? Math.min(...n) : 0;
	const params = { baseline, n: smallest, minN };
	const result = (code: VerdictCode): Verdict => ({
		code,
		chance: code === 'no_clear_difference' || code === 'too_few',
		params
	});
	if (!difference || !finite(difference.estimate) || !(smallest > 0)) return result('no_data');
	if (smallest < minN) return result('too_few');
	const { lower, upper } = difference;
	if (!finite(lower) || !finite(upper)) return result('no_clear_difference');
	const above = lower > nullValue;
	const below = upper < nullValue;
	if (!above && !below) return result('no_clear_difference');
	return result(above === (direction === 'higher_better') ? 'better_clear' : 'worse_clear');
}
