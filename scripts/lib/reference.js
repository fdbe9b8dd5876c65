// Shared external baselines and unit costs (from the domain primer), written into every dataset.

export const CREATED = '2025-08-15';
export const LICENCE = 'CC0-1.0';

const SKOLVERKET =
	'Skolverket: slutbetyg årskurs 9, andel elever behöriga till nationellt program, riket (behörighet till yrkesprogram är det lägsta kravet)';
const SOCIALSTYRELSEN = 'Socialstyrelsen: orosanmälningar om barn 2021, riket';

export const referenceValues = () => [
	...[
		['2019/20', 0.856],
		['2020/21', 0.862],
		['2021/22', 0.85],
		['2022/23', 0.852],
		['2023/24', 0.837]
	].map(([period, value]) => ({
		indicator_id: 'eligible_vocational',
		area: 'riket',
		period,
		value,
		n: '',
		source: SKOLVERKET
	})),
	{
		indicator_id: 'reports_of_concern_per_1000',
		area: 'riket',
		period: '2021',
		value: 192,
		n: '',
		source: SOCIALSTYRELSEN + ': anmälningar per 1 000 barn 0–17 år'
	},
	{
		indicator_id: 'share_with_report_of_concern',
		area: 'riket',
		period: '2021',
		value: 0.098,
		n: '',
		source: SOCIALSTYRELSEN + ': andel barn 0–17 år med minst en anmälan'
	}
];

export const unitCosts = () => [
	{
		item: 'hvb_day',
		unit: 'day',
		cost_sek: 4219,
		price_year: 2025,
		source: "Member price for institutional care (HVB) in a municipal association's public price list 2025"
	},
	{
		item: 'family_home_day',
		unit: 'day',
		cost_sek: 1500,
		price_year: 2025,
		source:
			'Assumption (no published national price): remuneration and expenses for a municipally recruited family home plus social-services follow-up; replace with your own cost'
	},
	{
		item: 'sis_day',
		unit: 'day',
		cost_sek: 4900,
		price_year: 2020,
		source: 'SiS fee notice second half of 2020: open youth home subsidised fee 3528 SEK / 0.72 = full fee'
	},
	{
		item: 'investigation',
		unit: 'investigation',
		cost_sek: 30561,
		price_year: 2015,
		source: 'SKL Psynk: Insatskostnader (child-welfare investigation under BBIC)'
	},
	{
		item: 'report_of_concern',
		unit: 'report',
		cost_sek: 7000,
		price_year: 2025,
		source:
			'Assumption (no published national price): about 10 hours of social-worker time for intake and initial assessment (förhandsbedömning) at about 700 SEK an hour; replace with your own cost'
	}
];
