/**
 * The canonical dataset contract (../shared/design/data-model.md) as data, so the importer,
 * the indicator compiler, the generator and the docs all read one definition.
 */

export type ColumnType = 'text' | 'integer' | 'date' | 'decimal' | 'enum';

export interface ColumnSpec {
	name: string;
	type: ColumnType;
	/** A value must be present in every row. */
	required: boolean;
	/** Allowed values for enum columns ('' = empty allowed when not required). */
	values?: readonly string[];
	/** Column names in users' exports that mean this column (lower-case, Swedish and English). */
	synonyms: readonly string[];
	description: string;
}

export interface TableSpec {
	name: TableName;
	file: string;
	required: boolean;
	/** Person-level tables carry person_id and are checked against persons.csv. */
	personLevel: boolean;
	columns: readonly ColumnSpec[];
	/** Columns whose combined value must be unique. */
	key?: readonly string[];
	description: string;
}

export type TableName =
	| 'cohorts'
	| 'persons'
	| 'grades'
	| 'school_outcomes'
	| 'events'
	| 'care'
	| 'surveys'
	| 'contacts'
	| 'fund_ledger'
	| 'unit_costs'
	| 'reference_values';

const col = (
	name: string,
	type: ColumnType,
	required: boolean,
	synonyms: readonly string[],
	description: string,
	values?: readonly string[]
): ColumnSpec => ({ name, type, required, synonyms, description, values });

export const SEX = ['F', 'M', 'X'] as const;
export const LEVELS = ['green', 'yellow', 'red'] as const;
export const COHORT_ROLES = ['project', 'comparison', 'historical'] as const;
export const EXIT_REASONS = ['completed', 'moved', 'aged_out', 'declined', 'other'] as const;
export const CARE_TYPES = ['hvb', 'family_home', 'sis', 'supported_housing', 'open_care'] as const;
export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const LEDGER_ENTRIES = [
	'grant',
	'disbursement',
	'planned_repayment',
	'repayment',
	'plan_revision'
] as const;
export const EVENT_TYPES = [
	'report_of_concern',
	'investigation_start',
	'investigation_end',
	'consent',
	'sip',
	'intervention_start',
	'support_talk',
	'police_report',
	'school_absence_days',
	'in_education_or_work'
] as const;

export const TABLES: readonly TableSpec[] = [
	{
		name: 'cohorts',
		file: 'cohorts.csv',
		required: false,
		personLevel: false,
		key: ['cohort_id'],
		description: 'Groups of persons followed together: the project cohort and its baselines.',
		columns: [
			col('cohort_id', 'text', true, ['cohort_id', 'kohort', 'kohort_id', 'grupp', 'cohort'], 'Key.'),
			col(
				'project_id',
				'text',
				false,
				['project_id', 'projekt', 'projekt_id', 'project'],
				'The funded project.'
			),
			col(
				'label',
				'text',
				true,
				['label', 'namn_kohort', 'benämning', 'beskrivning', 'etikett'],
				'Shown to users.'
			),
			col('role', 'enum', true, ['role', 'roll', 'typ'], 'project, comparison or historical.', COHORT_ROLES),
			col(
				'start_date',
				'date',
				true,
				['start_date', 'startdatum', 'från', 'from'],
				'Observation window start.'
			),
			col('end_date', 'date', true, ['end_date', 'slutdatum', 'till', 'to'], 'Observation window end.'),
			col(
				'baseline_for',
				'text',
				false,
				['baseline_for', 'jämförelse_för', 'jamforelse_for', 'baslinje_för'],
				'Extension: the project cohort this cohort is a baseline for (e.g. the comparison group of the same ages); empty = every project cohort of the same project.'
			)
		]
	},
	{
		name: 'persons',
		file: 'persons.csv',
		required: true,
		personLevel: false,
		key: ['person_id'],
		description: 'One row per pseudonymous person.',
		columns: [
			col(
				'person_id',
				'text',
				true,
				['person_id', 'personid', 'löpnummer', 'lopnummer', 'pseudonym', 'id'],
				'Pseudonym, never a personal identity number.'
			),
			col(
				'cohort_id',
				'text',
				true,
				['cohort_id', 'kohort', 'kohort_id', 'grupp'],
				'The cohort the person belongs to.'
			),
			col(
				'birth_year',
				'integer',
				true,
				['birth_year', 'födelseår', 'fodelsear', 'född', 'year_of_birth'],
				'Year of birth.'
			),
			col('sex', 'enum', false, ['sex', 'kön', 'kon', 'gender'], 'F, M, X or empty.', SEX),
			col(
				'area',
				'text',
				false,
				['area', 'område', 'omrade', 'skolområde', 'stadsdel', 'district'],
				'District or school area.'
			),
			col(
				'level',
				'enum',
				false,
				['level', 'nivå', 'niva', 'insatsnivå'],
				'green, yellow, red or empty.',
				LEVELS
			),
			col(
				'entry_date',
				'date',
				true,
				['entry_date', 'startdatum', 'inskrivning', 'inskrivningsdatum', 'start'],
				'Entered the cohort.'
			),
			col(
				'exit_date',
				'date',
				false,
				['exit_date', 'slutdatum', 'utskrivning', 'utskrivningsdatum', 'slut'],
				'Left it (still followed).'
			),
			col(
				'exit_reason',
				'enum',
				false,
				['exit_reason', 'avslutsorsak', 'orsak'],
				'Why the person left.',
				EXIT_REASONS
			)
		]
	},
	{
		name: 'grades',
		file: 'grades.csv',
		required: false,
		personLevel: true,
		key: ['person_id', 'school_year', 'subject'],
		description: 'Year-9 final grades, one row per person, school year and subject.',
		columns: [
			col('person_id', 'text', true, ['person_id', 'personid', 'löpnummer', 'pseudonym'], 'Pseudonym.'),
			col('school_year', 'text', true, ['school_year', 'läsår', 'lasar'], 'School year, e.g. 2016/17.'),
			col('subject', 'text', true, ['subject', 'ämne', 'amne', 'ämneskod'], 'Subject code (SV, EN, MA, …).'),
			col('grade', 'enum', false, ['grade', 'betyg'], 'A–F or empty.', GRADES)
		]
	},
	{
		name: 'school_outcomes',
		file: 'school_outcomes.csv',
		required: false,
		personLevel: true,
		key: ['person_id', 'school_year'],
		description: 'Results only, for datasets without grade rows.',
		columns: [
			col('person_id', 'text', true, ['person_id', 'personid', 'löpnummer'], 'Pseudonym.'),
			col('school_year', 'text', true, ['school_year', 'läsår', 'lasar'], 'School year.'),
			col('eligible_vocational', 'integer', false, ['eligible_vocational', 'behörig_yrkesprogram'], '0/1.'),
			col('eligible_higher', 'integer', false, ['eligible_higher', 'behörig_högskoleförberedande'], '0/1.'),
			col('merit_value', 'decimal', false, ['merit_value', 'meritvärde', 'meritvarde'], 'Merit value, 0–340.')
		]
	},
	{
		name: 'events',
		file: 'events.csv',
		required: false,
		personLevel: true,
		description: 'Dated things that happen to a person.',
		columns: [
			col('person_id', 'text', true, ['person_id', 'personid', 'löpnummer'], 'Pseudonym.'),
			col('date', 'date', true, ['date', 'datum'], 'When.'),
			col('type', 'text', true, ['type', 'typ', 'händelse', 'handelse', 'event'], 'Event type.'),
			col('value', 'decimal', false, ['value', 'värde', 'varde', 'antal'], 'Optional number.')
		]
	},
	{
		name: 'care',
		file: 'care.csv',
		required: false,
		personLevel: true,
		description: 'Episodes of care or intervention.',
		columns: [
			col('person_id', 'text', true, ['person_id', 'personid', 'löpnummer'], 'Pseudonym.'),
			col(
				'care_type',
				'enum',
				true,
				['care_type', 'insatstyp', 'placeringsform', 'vårdform'],
				'Kind of care.',
				CARE_TYPES
			),
			col('start_date', 'date', true, ['start_date', 'startdatum', 'från', 'placeringsdatum'], 'Start.'),
			col(
				'end_date',
				'date',
				false,
				['end_date', 'slutdatum', 'till', 'avslutsdatum'],
				'End (empty = ongoing).'
			)
		]
	},
	{
		name: 'surveys',
		file: 'surveys.csv',
		required: false,
		personLevel: false,
		description: 'Anonymous survey answers.',
		columns: [
			col('survey_id', 'text', true, ['survey_id', 'enkät', 'enkat'], 'Survey.'),
			col('project_id', 'text', false, ['project_id', 'projekt'], 'Project.'),
			col('wave', 'text', true, ['wave', 'omgång', 'omgang', 'mättillfälle'], 'baseline, follow_up_1, …'),
			col('date', 'date', true, ['date', 'datum'], 'When answered.'),
			col(
				'respondent_group',
				'text',
				false,
				['respondent_group', 'respondentgrupp', 'grupp'],
				'Staff, parents, …'
			),
			col(
				'respondent_id',
				'text',
				true,
				['respondent_id', 'respondent', 'svarande'],
				'Anonymous respondent key.'
			),
			col('question_id', 'text', true, ['question_id', 'fråga', 'fraga'], 'Question.'),
			col('score', 'integer', true, ['score', 'svar', 'poäng', 'poang'], 'Likert score 1–5.')
		]
	},
	{
		name: 'contacts',
		file: 'contacts.csv',
		required: false,
		personLevel: false,
		description: 'Aggregated outreach counts (no persons).',
		columns: [
			col('date', 'date', true, ['date', 'datum'], 'When.'),
			col('area', 'text', false, ['area', 'område', 'omrade'], 'Area.'),
			col('place', 'text', false, ['place', 'plats'], 'Place.'),
			col('age_band', 'text', true, ['age_band', 'åldersgrupp', 'alder', 'ålder'], 'E.g. 13-15.'),
			col('count', 'integer', true, ['count', 'antal'], 'Number of contacts.')
		]
	},
	{
		name: 'fund_ledger',
		file: 'fund_ledger.csv',
		required: false,
		personLevel: false,
		description: 'Grant, disbursements, repayment plan, revisions, repayments.',
		columns: [
			col('project_id', 'text', true, ['project_id', 'projekt'], 'Project.'),
			col('date', 'date', true, ['date', 'datum'], 'When.'),
			col('entry', 'enum', true, ['entry', 'post', 'typ'], 'Kind of entry.', LEDGER_ENTRIES),
			col('amount_sek', 'decimal', true, ['amount_sek', 'belopp', 'belopp_kr', 'amount'], 'SEK.'),
			col('note', 'text', false, ['note', 'anteckning', 'kommentar'], 'Note.'),
			col(
				'plan_version',
				'integer',
				false,
				['plan_version', 'planversion', 'plan'],
				'Extension: which repayment plan a planned_repayment or plan_revision row belongs to (1, 2, …).'
			)
		]
	},
	{
		name: 'unit_costs',
		file: 'unit_costs.csv',
		required: false,
		personLevel: false,
		key: ['item'],
		description: 'Unit costs with price year and source.',
		columns: [
			col('item', 'text', true, ['item', 'post'], 'E.g. hvb_day.'),
			col('unit', 'text', true, ['unit', 'enhet'], 'Per what.'),
			col('cost_sek', 'decimal', true, ['cost_sek', 'kostnad', 'kostnad_kr'], 'SEK.'),
			col('price_year', 'integer', true, ['price_year', 'prisår', 'prisar'], 'Price year.'),
			col('source', 'text', true, ['source', 'källa', 'kalla'], 'Source.')
		]
	},
	{
		name: 'reference_values',
		file: 'reference_values.csv',
		required: false,
		personLevel: false,
		description: 'External baselines: national or municipal statistics.',
		columns: [
			col('indicator_id', 'text', true, ['indicator_id', 'indikator'], 'Indicator id.'),
			col('area', 'text', true, ['area', 'område'], 'riket or a municipality code.'),
			col('period', 'text', true, ['period', 'år', 'läsår'], 'Period.'),
			col('value', 'decimal', true, ['value', 'värde', 'varde'], 'Value (shares as 0–1).'),
			col('n', 'integer', false, ['n', 'antal'], 'Base, if known.'),
			col('source', 'text', true, ['source', 'källa', 'kalla'], 'Source.')
		]
	}
];

export const tableByName = (name: TableName): TableSpec => {
	const t = TABLES.find((x) => x.name === name);
	if (!t) throw new Error(`unknown table ${name}`);
	return t;
};

/** DuckDB type of a canonical column. */
export const duckdbType = (c: ColumnSpec): string =>
	c.type === 'integer' ? 'INTEGER' : c.type === 'decimal' ? 'DOUBLE' : c.type === 'date' ? 'DATE' : 'VARCHAR';

export interface DatasetManifest {
	id: string;
	title: string;
	municipality: { name: string; code: string };
	description: string;
	synthetic: boolean;
	source: string;
	licence: string;
	created: string;
}
