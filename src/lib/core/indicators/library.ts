import type { IndicatorDefinitionInput } from './definition';

const OUT_OF_HOME = ['hvb', 'family_home', 'sis', 'supported_housing'];
const calendarYear = { type: 'calendar_year' } as const;
const schoolYear = { type: 'school_year' } as const;

const eligibility = (
	id: string,
	derive:
		'eligible_vocational' | 'eligible_higher_economics' | 'eligible_higher_science' | 'eligible_higher_arts',
	label: { sv: string; en: string },
	rule: { sv: string; en: string }
): IndicatorDefinitionInput => ({
	id,
	label,
	description: {
		sv: `Andel elever i årskurs 9 som är behöriga: ${rule.sv} Räknas bland elever som fått, eller borde ha fått, betyg i minst ett ämne det läsåret.`,
		en: `Share of year-9 pupils who are eligible: ${rule.en} Counted among pupils who got, or should have got, a grade in at least one subject that school year.`
	},
	category: 'effect',
	kind: 'share',
	measure: { table: 'grades', derive },
	period: schoolYear,
	unit: 'share',
	direction: 'higher_better'
});

const careDays = (
	id: string,
	careTypes: string[],
	label: { sv: string; en: string },
	what: { sv: string; en: string },
	unitCost?: string
): IndicatorDefinitionInput => ({
	id,
	label,
	description: {
		sv: `Genomsnittligt antal vårddygn (nätter) i ${what.sv} per person i gruppen och kalenderår. Alla som tillhör gruppen det året räknas, även de utan vård.`,
		en: `Average number of care days (nights) in ${what.en} per person in the group and calendar year. Everyone in the group that year counts, also those without care.`
	},
	category: 'effect',
	kind: 'mean',
	measure: { table: 'care', filter: [{ column: 'care_type', op: 'in', value: careTypes }] },
	period: calendarYear,
	unit: 'days',
	direction: 'lower_better',
	...(unitCost ? { unitCost } : {})
});

/** The built-in indicators. Ids are stable: saved reports and reference values refer to them. */
export const BUILT_IN_INDICATORS: readonly IndicatorDefinitionInput[] = [
	eligibility(
		'eligible_vocational',
		'eligible_vocational',
		{ sv: 'Behörighet till yrkesprogram', en: 'Eligibility for vocational programmes' },
		{
			sv: 'godkänt (E eller bättre) i svenska eller svenska som andraspråk, engelska och matematik samt i minst fem andra ämnen.',
			en: 'a pass (E or better) in Swedish or Swedish as a second language, English and mathematics, and in at least five other subjects.'
		}
	),
	eligibility(
		'eligible_higher_economics',
		'eligible_higher_economics',
		{
			sv: 'Behörighet till ekonomi-, humanistiska och samhällsvetenskapsprogrammet',
			en: 'Eligibility for economics, humanities and social science programmes'
		},
		{
			sv: 'godkänt i svenska/svenska som andraspråk, engelska och matematik samt i minst nio andra ämnen, bland dem geografi, historia, religionskunskap och samhällskunskap.',
			en: 'a pass in Swedish/Swedish as a second language, English and mathematics, and in at least nine other subjects including geography, history, religion and social studies.'
		}
	),
	eligibility(
		'eligible_higher_science',
		'eligible_higher_science',
		{
			sv: 'Behörighet till naturvetenskaps- och teknikprogrammet',
			en: 'Eligibility for natural science and technology programmes'
		},
		{
			sv: 'godkänt i svenska/svenska som andraspråk, engelska och matematik samt i minst nio andra ämnen, bland dem biologi, fysik och kemi.',
			en: 'a pass in Swedish/Swedish as a second language, English and mathematics, and in at least nine other subjects including biology, physics and chemistry.'
		}
	),
	eligibility(
		'eligible_higher_arts',
		'eligible_higher_arts',
		{ sv: 'Behörighet till estetiska programmet', en: 'Eligibility for the arts programme' },
		{
			sv: 'godkänt i svenska/svenska som andraspråk, engelska och matematik samt i minst nio andra valfria ämnen.',
			en: 'a pass in Swedish/Swedish as a second language, English and mathematics, and in at least nine other subjects of any kind.'
		}
	),
	{
		id: 'passed_all_subjects',
		label: { sv: 'Godkänt i alla ämnen', en: 'Passed all subjects' },
		description: {
			sv: 'Andel elever i årskurs 9 med A–E i alla ämnen de har betygsrader i. Ett tomt betyg (eleven borde ha fått betyg men fick inget) räknas som ej godkänt.',
			en: 'Share of year-9 pupils with A–E in every subject they have a grade row for. An empty grade (the pupil should have had a grade but got none) counts as not passed.'
		},
		category: 'effect',
		kind: 'share',
		measure: { table: 'grades', derive: 'passed_all_subjects' },
		period: schoolYear,
		unit: 'share',
		direction: 'higher_better'
	},
	{
		id: 'merit_value',
		label: { sv: 'Meritvärde, medel', en: 'Merit value, mean' },
		description: {
			sv: 'Summan av de 16 bästa ämnesbetygen (A=20, B=17,5, C=15, D=12,5, E=10, F=0) plus moderna språk som 17:e ämne, högst 340. Medelvärde per läsår.',
			en: 'Sum of the 16 best subject grades (A=20, B=17.5, C=15, D=12.5, E=10, F=0) plus a modern language as a 17th subject, at most 340. Mean per school year.'
		},
		category: 'effect',
		kind: 'mean',
		measure: { table: 'grades', derive: 'merit_value' },
		period: schoolYear,
		unit: 'points',
		direction: 'higher_better'
	},
	{
		id: 'merit_value_median',
		label: { sv: 'Meritvärde, median', en: 'Merit value, median' },
		description: {
			sv: 'Meritvärdet för den elev som står i mitten när alla sorteras. Påverkas mindre än medelvärdet av enstaka mycket höga eller låga värden.',
			en: 'The merit value of the pupil in the middle when all are sorted. Less affected than the mean by a few very high or low values.'
		},
		category: 'effect',
		kind: 'median',
		measure: { table: 'grades', derive: 'merit_value' },
		period: schoolYear,
		unit: 'points',
		direction: 'higher_better'
	},
	careDays(
		'care_days',
		OUT_OF_HOME,
		{ sv: 'Vårddygn utanför hemmet', en: 'Out-of-home care days' },
		{
			sv: 'vård utanför hemmet (HVB, familjehem, SiS, stödboende)',
			en: 'out-of-home care (HVB, family homes, SiS, supported housing)'
		}
	),
	careDays(
		'care_days_hvb',
		['hvb'],
		{ sv: 'Vårddygn på HVB', en: 'Care days in residential homes (HVB)' },
		{ sv: 'hem för vård eller boende (HVB)', en: 'residential care homes (HVB)' },
		'hvb_day'
	),
	careDays(
		'care_days_family_home',
		['family_home'],
		{ sv: 'Vårddygn i familjehem', en: 'Care days in foster families' },
		{ sv: 'familjehem', en: 'foster families' },
		'family_home_day'
	),
	careDays(
		'care_days_sis',
		['sis'],
		{ sv: 'Vårddygn på SiS', en: 'Care days in SiS secure units' },
		{ sv: 'SiS särskilda ungdomshem', en: 'SiS secure units' },
		'sis_day'
	),
	{
		id: 'in_care',
		label: { sv: 'Placerade utanför hemmet', en: 'In out-of-home care' },
		description: {
			sv: 'Andel av personerna i gruppen som var placerade utanför hemmet minst en natt under kalenderåret.',
			en: 'Share of the people in the group who spent at least one night in out-of-home care during the calendar year.'
		},
		category: 'effect',
		kind: 'share',
		measure: { table: 'care', filter: [{ column: 'care_type', op: 'in', value: OUT_OF_HOME }] },
		period: calendarYear,
		unit: 'share',
		direction: 'lower_better'
	},
	{
		id: 'reports_of_concern_per_1000',
		label: { sv: 'Orosanmälningar per 1 000', en: 'Reports of concern per 1,000' },
		description: {
			sv: 'Antal orosanmälningar under kalenderåret per 1 000 personer i gruppen. I riket var det 192 per 1 000 barn år 2021.',
			en: 'Number of reports of concern during the calendar year per 1,000 people in the group. Nationally there were 192 per 1,000 children in 2021.'
		},
		category: 'effect',
		kind: 'rate_per_1000',
		measure: { table: 'events', eventType: 'report_of_concern', aggregate: 'count' },
		period: calendarYear,
		unit: 'per_1000',
		direction: 'lower_better',
		unitCost: 'report_of_concern'
	},
	{
		id: 'persons_with_report',
		label: { sv: 'Personer med orosanmälan', en: 'People with a report of concern' },
		description: {
			sv: 'Andel av personerna i gruppen med minst en orosanmälan under kalenderåret.',
			en: 'Share of the people in the group with at least one report of concern during the calendar year.'
		},
		category: 'effect',
		kind: 'share',
		measure: { table: 'events', eventType: 'report_of_concern', aggregate: 'any' },
		period: calendarYear,
		unit: 'share',
		direction: 'lower_better'
	},
	{
		id: 'consent_to_intervention_days',
		label: { sv: 'Dagar från samtycke till insats', en: 'Days from consent to intervention' },
		description: {
			sv: 'Mediantid i dagar från samtycke till den första insatsen som startar därefter. De som fortfarande väntar ingår inte. Målet är högst 28 dagar.',
			en: 'Median number of days from consent to the first intervention that starts after it. Those still waiting are not included. The target is at most 28 days.'
		},
		category: 'process',
		kind: 'days_between',
		measure: { table: 'events', eventType: 'consent', toEventType: 'intervention_start' },
		period: calendarYear,
		unit: 'days',
		direction: 'lower_better',
		target: { op: '<=', value: 28 }
	},
	{
		id: 'intervention_within_28_days',
		label: { sv: 'Insats inom 28 dagar', en: 'Intervention within 28 days' },
		description: {
			sv: 'Andel av dem som gett samtycke där insatsen startade inom 28 dagar. Den som fortfarande väntar räknas som inte inom tiden när 28 dagar har gått.',
			en: 'Share of those who gave consent whose intervention started within 28 days. Someone still waiting counts as not within once 28 days have passed.'
		},
		category: 'process',
		kind: 'share_within_target',
		measure: {
			table: 'events',
			eventType: 'consent',
			toEventType: 'intervention_start',
			threshold: { op: '<=', value: 28 }
		},
		period: calendarYear,
		unit: 'share',
		direction: 'higher_better'
	},
	{
		id: 'support_talks_per_family',
		label: { sv: 'Stödsamtal per familj', en: 'Support talks per family' },
		description: {
			sv: 'Genomsnittligt antal stödsamtal per familj som haft minst ett samtal.',
			en: 'Average number of support talks per family that had at least one talk.'
		},
		category: 'reach',
		kind: 'mean',
		measure: { table: 'events', eventType: 'support_talk', aggregate: 'count', base: 'with_data' },
		period: { type: 'all' },
		unit: 'talks',
		direction: 'higher_better'
	},
	{
		id: 'support_talks_within_5',
		label: { sv: 'Familjer med högst 5 stödsamtal', en: 'Families with at most 5 support talks' },
		description: {
			sv: 'Andel av familjerna med stödsamtal som klarade sig med högst fem samtal, det antal som erbjuds kostnadsfritt.',
			en: 'Share of families with support talks who needed at most five talks, the number offered free of charge.'
		},
		category: 'process',
		kind: 'share_within_target',
		measure: {
			table: 'events',
			eventType: 'support_talk',
			aggregate: 'count',
			base: 'with_data',
			threshold: { op: '<=', value: 5 }
		},
		period: { type: 'all' },
		unit: 'share',
		direction: 'higher_better'
	},
	{
		id: 'outreach_contacts',
		label: { sv: 'Kontakter i uppsökande arbete', en: 'Outreach contacts' },
		description: {
			sv: 'Antal kontakter som fältarbetare haft med unga, per år, åldersgrupp och plats. Räknas i grupp, utan personuppgifter.',
			en: 'Number of contacts field workers had with young people, per year, age band and place. Counted in aggregate, without personal data.'
		},
		category: 'reach',
		kind: 'count',
		measure: { table: 'contacts', column: 'count', groupBy: ['age_band', 'place'] },
		period: calendarYear,
		unit: 'contacts',
		direction: 'higher_better'
	},
	{
		id: 'survey_score',
		label: { sv: 'Enkätsvar, medel', en: 'Survey score, mean' },
		description: {
			sv: 'Medelvärdet av svaren (1–5) per enkät, fråga och mättillfälle.',
			en: 'The mean answer (1–5) per survey, question and wave.'
		},
		category: 'process',
		kind: 'mean',
		measure: { table: 'surveys', column: 'score' },
		period: { type: 'survey_wave' },
		unit: 'score',
		direction: 'higher_better'
	},
	{
		id: 'in_education_or_work',
		label: { sv: 'Studerar eller arbetar, 18–25 år', en: 'In education or work, aged 18–25' },
		description: {
			sv: 'Andel av de 18–25-åriga i gruppen som studerar, arbetar eller praktiserar, enligt den senaste uppgiften under året. Bara de med en uppgift det året räknas.',
			en: 'Share of those aged 18–25 in the group who are in school, work or training, by the latest record in the year. Only those with a record that year count.'
		},
		category: 'effect',
		kind: 'share',
		population: { age: { min: 18, max: 25, at: 'period_end' } },
		measure: { table: 'events', eventType: 'in_education_or_work', column: 'value', aggregate: 'last' },
		period: calendarYear,
		unit: 'share',
		direction: 'higher_better'
	},
	{
		id: 'attrition',
		label: { sv: 'Avhopp', en: 'Attrition' },
		description: {
			sv: 'Andel som lämnade projektet före slutet, totalt och per avslutsorsak. De som slutfört räknas inte som avhopp.',
			en: 'Share who left the project before its end, in total and by reason. Those who completed do not count as leaving.'
		},
		category: 'process',
		kind: 'share',
		measure: { table: 'persons', derive: 'left_early', groupBy: ['exit_reason'] },
		period: { type: 'all' },
		unit: 'share',
		direction: 'lower_better'
	}
];

export const builtInIndicator = (id: string): IndicatorDefinitionInput | undefined =>
	BUILT_IN_INDICATORS.find((d) => d.id === id);
