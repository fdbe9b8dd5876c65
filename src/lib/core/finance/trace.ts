/**
 * How an amount was computed. `formula` is an i18n key (finance.formula.*) whose ICU placeholders
 * are the input keys, so the UI can show the formula filled in with the actual numbers.
 */

export type TraceUnit =
	| 'ore'
	| 'ore_per_unit'
	| 'share'
	| 'rate'
	| 'ratio'
	| 'persons'
	| 'indicator'
	| 'years'
	| 'year'
	| 'index'
	| 'date'
	| 'version'
	| 'count';

export interface TraceInput {
	key: string;
	value: number | string | null;
	unit: TraceUnit;
	/**
	 * Where the value comes from: free text (a citation, "fund_ledger.csv line 4"), or an i18n key
	 * when it starts with `finance.` (default assumptions carry those).
	 */
	source: string;
	/** The trace of this input when it is itself computed. */
	trace?: Trace;
}

export interface Trace {
	formula: string;
	inputs: TraceInput[];
	result: number | null;
	unit: TraceUnit;
}

export const FORMULA_NAMES = [
	'sum_granted',
	'sum_disbursed',
	'sum_repaid',
	'sum_written_off',
	'planned_to_date',
	'variance',
	'outstanding',
	'effect_lower_is_better',
	'effect_higher_is_better',
	'effect_interval_lower_is_better',
	'effect_interval_higher_is_better',
	'unit_cost_restated',
	'gross',
	'net_saving',
	'sum_outcomes',
	'sum_costs',
	'present_value',
	'sum_pv_benefits',
	'sum_pv_costs',
	'npv',
	'bcr',
	'roi',
	'payback',
	'discounted_payback',
	'break_even_effect',
	'repaid_carried_over',
	'suggested_repayment'
] as const;
export type FormulaName = (typeof FORMULA_NAMES)[number];

export const FORMULA = 'finance.formula.';

export const trace = (
	formula: FormulaName,
	result: number | null,
	unit: TraceUnit,
	inputs: TraceInput[]
): Trace => ({ formula: FORMULA + formula, inputs, result, unit });

export const input = (
	key: string,
	value: number | string | null,
	unit: TraceUnit,
	source: string,
	from?: Trace
): TraceInput => (from ? { key, value, unit, source, trace: from } : { key, value, unit, source });

/** Source marker for values computed inside the model. */
export const COMPUTED = 'finance.source.computed';
