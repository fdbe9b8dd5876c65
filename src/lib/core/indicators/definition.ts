import * as v from 'valibot';
import { COHORT_ROLES, LEVELS, SEX } from '../schema/tables';

export const CATEGORIES = ['process', 'effect', 'reach', 'economy'] as const;
export const KINDS = [
	'share',
	'mean',
	'median',
	'count',
	'rate_per_1000',
	'days_between',
	'share_within_target'
] as const;
export const DIRECTIONS = ['higher_better', 'lower_better'] as const;
export const FOLLOW_UP = ['intention_to_treat', 'completers'] as const;
export const MEASURE_TABLES = [
	'grades',
	'school_outcomes',
	'events',
	'care',
	'surveys',
	'contacts',
	'persons'
] as const;
export const GRADE_RULES = [
	'eligible_vocational',
	'eligible_higher_economics',
	'eligible_higher_science',
	'eligible_higher_arts',
	'passed_all_subjects',
	'merit_value'
] as const;
export const PERSON_RULES = ['left_early'] as const;
/** How one person's rows in one period become one number. */
export const AGGREGATES = ['count', 'any', 'sum', 'last', 'first', 'mean'] as const;
export const FILTER_OPS = ['=', '<>', '<', '<=', '>', '>=', 'in', 'not_in'] as const;
export const TARGET_OPS = ['<=', '>=', '<', '>'] as const;

const ID = /^[a-z][a-z0-9_]{0,63}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = v.pipe(v.string(), v.trim(), v.nonEmpty());
const bilingual = v.strictObject({ sv: text, en: text });
const nonNegativeInt = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(150));
const isoDate = v.pipe(v.string(), v.regex(ISO_DATE));
const finite = v.pipe(v.number(), v.finite());
const scalar = v.union([v.pipe(v.string(), v.maxLength(200)), finite]);

export const TargetSchema = v.strictObject({ op: v.picklist(TARGET_OPS), value: finite });

export const PopulationSchema = v.strictObject({
	roles: v.optional(v.array(v.picklist(COHORT_ROLES))),
	/** Whole years reached at the reference date (birth is known as a year only). */
	age: v.optional(
		v.strictObject({
			min: v.optional(nonNegativeInt),
			max: v.optional(nonNegativeInt),
			at: v.optional(v.union([v.picklist(['period_start', 'period_end']), isoDate]), 'period_end')
		})
	),
	levels: v.optional(v.array(v.picklist(LEVELS))),
	areas: v.optional(v.array(v.pipe(v.string(), v.maxLength(200)))),
	sex: v.optional(v.array(v.picklist(SEX))),
	followUp: v.optional(v.picklist(FOLLOW_UP), 'intention_to_treat')
});

export const FilterSchema = v.strictObject({
	column: v.pipe(v.string(), v.nonEmpty()),
	op: v.picklist(FILTER_OPS),
	value: v.union([scalar, v.pipe(v.array(scalar), v.nonEmpty())])
});

export const MeasureSchema = v.strictObject({
	table: v.picklist(MEASURE_TABLES),
	column: v.optional(v.pipe(v.string(), v.nonEmpty())),
	/** A built-in computation over the table (grades: eligibility and merit; persons: attrition). */
	derive: v.optional(v.picklist([...GRADE_RULES, ...PERSON_RULES])),
	eventType: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(100))),
	/** days_between and share_within_target: the first event of this type on or after eventType. */
	toEventType: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(100))),
	aggregate: v.optional(v.picklist(AGGREGATES)),
	/** population: everyone in the population counts (0 when nothing happened); with_data: only those with rows. */
	base: v.optional(v.picklist(['population', 'with_data'])),
	/** share_within_target: the per-person condition counted as "within". */
	threshold: v.optional(TargetSchema),
	filter: v.optional(v.array(FilterSchema)),
	/** Result broken down by these columns of the measure's table (aggregated tables only, and attrition). */
	groupBy: v.optional(v.array(v.pipe(v.string(), v.nonEmpty()))),
	/** Advanced mode: a read-only SELECT returning (person_id, date, value), used instead of the events table. */
	sql: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(20_000)))
});

export const PeriodSchema = v.variant('type', [
	v.strictObject({ type: v.literal('school_year') }),
	v.strictObject({ type: v.literal('calendar_year') }),
	v.strictObject({ type: v.literal('cohort_window') }),
	v.strictObject({
		type: v.literal('relative_to_entry'),
		from: v.pipe(v.number(), v.integer(), v.minValue(-20), v.maxValue(50)),
		to: v.pipe(v.number(), v.integer(), v.minValue(-20), v.maxValue(50))
	}),
	v.strictObject({ type: v.literal('survey_wave') }),
	v.strictObject({ type: v.literal('all') })
]);

export const DefinitionSchema = v.strictObject({
	id: v.pipe(v.string(), v.regex(ID)),
	label: bilingual,
	description: bilingual,
	category: v.picklist(CATEGORIES),
	kind: v.picklist(KINDS),
	population: v.optional(PopulationSchema, {}),
	measure: MeasureSchema,
	period: PeriodSchema,
	unit: v.pipe(v.string(), v.nonEmpty(), v.maxLength(40)),
	direction: v.picklist(DIRECTIONS),
	target: v.optional(TargetSchema),
	unitCost: v.optional(v.pipe(v.string(), v.regex(ID)))
});

/** What authors write (defaults may be left out). */
export type IndicatorDefinitionInput = v.InferInput<typeof DefinitionSchema>;
/** A validated definition, defaults filled in. */
export type IndicatorDefinition = v.InferOutput<typeof DefinitionSchema>;
export type Population = v.InferOutput<typeof PopulationSchema>;
export type Measure = v.InferOutput<typeof MeasureSchema>;
export type Period = v.InferOutput<typeof PeriodSchema>;
export type PeriodType = Period['type'];
export type Filter = v.InferOutput<typeof FilterSchema>;
export type Target = v.InferOutput<typeof TargetSchema>;
export type Kind = (typeof KINDS)[number];
export type GradeRule = (typeof GRADE_RULES)[number];

/** A validation problem, pointing at the field at fault (`measure.filter.0.column`). */
export interface DefinitionIssue {
	path: string;
	/** Stable code; wording in i18n `indicators.errors.<code>`. */
	code: string;
	/** The offending value or token, when there is one. */
	received?: string;
	expected?: string;
}

function issueCode(issue: v.BaseIssue<unknown>): string {
	if (issue.received === 'undefined') return 'required';
	switch (issue.type) {
		case 'strict_object':
			return 'unknown_key';
		case 'picklist':
		case 'variant':
		case 'literal':
			return 'invalid_option';
		case 'regex':
			return 'invalid_format';
		case 'non_empty':
			return 'empty';
		case 'max_length':
			return 'too_long';
		case 'integer':
		case 'min_value':
		case 'max_value':
		case 'finite':
			return 'out_of_range';
		default:
			return 'invalid_type';
	}
}

/** Structural validation only; see `validateDefinition` for the checks against the data model. */
export function parseDefinitionShape(
	input: unknown
): { ok: true; definition: IndicatorDefinition } | { ok: false; issues: DefinitionIssue[] } {
	const r = v.safeParse(DefinitionSchema, input);
	if (r.success) return { ok: true, definition: r.output };
	return {
		ok: false,
		issues: r.issues.map((i) => ({
			path: v.getDotPath(i) ?? '',
			code: issueCode(i),
			received: i.received,
			expected: i.expected ?? undefined
		}))
	};
}
