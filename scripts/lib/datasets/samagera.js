import { createIdMaker, createRng } from '../prng.js';
import { day, iso, max, min, schoolYear, yearOf } from '../dates.js';
import { careEpisodes, drawSex, eventDays, gradeRows, reportsWithInvestigations, sortByPerson, createQuota, byDate, ledgerRowOf, plannedRepayments, repaymentsPaid } from '../common.js';
import { CREATED, LICENCE, referenceValues, unitCosts } from '../reference.js';

const PROJECT = 'samagera';
const CUTOFF = day(2025, 6, 30);
const PROJECT_END = day(2017, 12, 31);
const AREAS = [
	['Torshälla centrum', 0.4],
	['Torshälla norr', 0.25],
	['Torshälla söder', 0.25],
	['Torshälla landsbygd', 0.1]
];

// The historical cohort's rates are higher: that is the built-in effect of the project.
const RATES = {
	project: { eligible: { green: 0.9, yellow: 0.85, red: 0.74 }, roc: 1, care: 1, careDuration: 0.8, gradeShift: 0.1 },
	historical: { eligible: { green: 0.8, yellow: 0.72, red: 0.6 }, roc: 1.4, care: 1.5, careDuration: 1, gradeShift: 0 }
};
const ROC_PER_YEAR = { green: 0.05, yellow: 0.28, red: 0.6 };
const CARE_PER_YEAR = { green: 0.006, yellow: 0.04, red: 0.13 };

function careTypes(birthYear) {
	return (d) => {
		const age = yearOf(d) - birthYear;
		return [
			['open_care', 0.5],
			['family_home', 0.28],
			['hvb', age >= 10 ? 0.17 : 0.02],
			['sis', age >= 13 ? 0.07 : 0]
		];
	};
}

function projectExit(rng, level, entry, birthYear) {
	const targeted = level !== 'green';
	let reason = rng.weighted(
		targeted
			? [
					['completed', 0.66],
					['moved', 0.15],
					['declined', 0.13],
					['other', 0.06]
				]
			: [
					['completed', 0.72],
					['moved', 0.12],
					['declined', 0.12],
					['other', 0.04]
				]
	);
	let exit =
		entry +
		(reason === 'completed' ? (targeted ? rng.int(240, 900) : rng.int(120, 540)) : rng.int(30, 420));
	// The project serves children up to 12: they leave at the end of the spring term they turn 13.
	const agedOut = day(birthYear + 13, 6, 15);
	if (exit > agedOut) [exit, reason] = [agedOut, 'aged_out'];
	if (exit > PROJECT_END) [exit, reason] = [PROJECT_END, 'completed'];
	return { exit, reason };
}

export function samagera(seed = 'samagera-torshalla') {
	const rng = createRng(seed);
	const quota = createQuota(rng);
	const newId = createIdMaker(rng, 'TS');
	const cohorts = [
		{
			cohort_id: 'samagera',
			project_id: PROJECT,
			label: 'Team Samagera 2014–2017',
			role: 'project',
			start_date: '2014-10-01',
			end_date: '2018-09-30'
		},
		{
			cohort_id: 'torshalla-2010',
			project_id: PROJECT,
			label: 'Torshälla före projektet 2010–2014',
			role: 'historical',
			start_date: '2010-10-01',
			end_date: '2014-09-30'
		}
	];
	const plan = [
		{ cohort: 'samagera', role: 'project', n: 136, from: day(2014, 10, 1), to: day(2017, 6, 30) },
		{ cohort: 'torshalla-2010', role: 'historical', n: 128, from: day(2010, 10, 1), to: day(2013, 6, 30) }
	];

	const persons = [];
	const events = [];
	const care = [];
	const grades = [];
	for (const c of plan) {
		const rates = RATES[c.role];
		const entries = Array.from({ length: c.n }, () => rng.int(c.from, c.to)).sort((a, b) => a - b);
		// Same level mix in both cohorts, so the comparison is not confounded by chance in who was targeted.
		const greens = Math.round(c.n * 0.5);
		const yellows = Math.round(c.n * 0.34);
		const levels = rng.shuffle(
			Array.from({ length: c.n }, (_, i) => (i < greens ? 'green' : i < greens + yellows ? 'yellow' : 'red'))
		);
		for (const [i, entry] of entries.entries()) {
			const id = newId();
			const level = levels[i];
			const age = level === 'green' ? rng.int(0, 6) : rng.int(6, 12);
			const birthYear = yearOf(entry) - age;
			let exit = null;
			let reason = '';
			if (c.role === 'project') ({ exit, reason } = projectExit(rng, level, entry, birthYear));
			else if (rng.chance(0.12)) [exit, reason] = [entry + rng.int(100, 1500), 'moved'];
			persons.push({
				person_id: id,
				cohort_id: c.cohort,
				birth_year: birthYear,
				sex: drawSex(rng),
				area: rng.weighted(AREAS),
				level,
				entry_date: iso(entry),
				exit_date: exit === null ? '' : iso(exit),
				exit_reason: reason
			});

			// Registers stop following a child who moves away; everyone else is followed to the extract date.
			const followEnd = reason === 'moved' ? exit : CUTOFF;
			const frailty = Math.exp(rng.normal(0, 0.5));

			const before = level === 'red' ? rng.int(1, 2) : level === 'yellow' ? rng.int(0, 1) : 0;
			const rocDays = Array.from({ length: before }, () => entry - rng.int(10, 365));
			const rocEnd = min(followEnd, day(birthYear + 18, 1, 1));
			rocDays.push(...eventDays(rng, entry, rocEnd, ROC_PER_YEAR[level] * rates.roc * frailty));
			events.push(...reportsWithInvestigations(rng, id, rocDays.sort((a, b) => a - b), CUTOFF));

			if (level !== 'green') {
				if (c.role === 'project' && rng.chance(0.9)) {
					const sip = entry + rng.int(0, 30);
					events.push({ person_id: id, date: iso(sip), type: 'sip', value: '' });
					events.push({ person_id: id, date: iso(sip + rng.int(3, 25)), type: 'intervention_start', value: '' });
				} else if (c.role === 'historical' && rng.chance(0.25)) {
					const sip = entry + rng.int(30, 400);
					if (sip < followEnd) events.push({ person_id: id, date: iso(sip), type: 'sip', value: '' });
				}
			}

			const careEnd = min(followEnd, day(birthYear + 19, 1, 1));
			care.push(
				...careEpisodes(
					rng,
					id,
					entry,
					careEnd,
					CARE_PER_YEAR[level] * rates.care * frailty,
					careTypes(birthYear),
					CUTOFF,
					rates.careDuration
				)
			);

			// Year 9 ends in the spring of the year the pupil turns 16.
			const spring = birthYear + 16;
			const lostToFollowUp = reason === 'moved' && rng.chance(0.7);
			if (day(spring, 6, 15) <= CUTOFF && !lostToFollowUp) {
				const eligible = quota(`${c.role}-${level}`, rates.eligible[level]);
				grades.push(...gradeRows(rng, id, schoolYear(spring), eligible, rates.gradeShift));
			}
		}
	}

	return {
		manifest: {
			id: 'samagera-torshalla',
			title: 'Team Samagera, Torshälla',
			municipality: { name: 'Eskilstuna', code: '0484' },
			description:
				'Synthetic data after Torshälla stads nämnd’s report on Team Samagera (3.8 MSEK from Eskilstuna’s social investment fund, September 2014): children 0–12, general parent support 0–6 (green) and targeted support 6–12 from a SIP (yellow/red), compared with a historical cohort from 2010–2014. Children leave the project before it ends and are followed afterwards: year-9 grades up to 2024/25, care episodes, reports of concern, a staff survey (baseline 2016) and the fund ledger with a revised repayment plan.',
			synthetic: true,
			source:
				'Generated by scripts/generate-datasets.js; structure and figures after Torshälla stads nämnd, "Team Samagera" (about 2016). No real persons.',
			licence: LICENCE,
			created: CREATED
		},
		tables: {
			cohorts,
			persons,
			grades: sortByPerson(grades, persons, []),
			events: sortByPerson(events, persons, ['date', 'type']),
			care: sortByPerson(care, persons, ['start_date']),
			surveys: staffSurvey(rng),
			fund_ledger: ledger(),
			unit_costs: unitCosts(),
			reference_values: referenceValues()
		}
	};
}

const QUESTIONS = [
	['secure_in_role', 3.3],
	['able_to_support', 3.1],
	['know_where_to_turn', 2.8],
	['school_social_services_cooperation', 3.0],
	['acts_on_first_signs', 2.9],
	['knows_sip', 2.6]
];

function staffSurvey(rng) {
	const pool = Array.from({ length: 34 }, (_, i) => ({
		id: `staff-${String(i + 1).padStart(2, '0')}`,
		level: rng.normal(0, 0.45),
		// Staff turnover: some answer only the early waves, some join later.
		joins: i < 26 ? 0 : rng.int(1, 2),
		leaves: rng.chance(0.2) ? rng.int(1, 2) : 3
	}));
	const waves = [
		['baseline', '2016-03-15', 0],
		['follow_up_1', '2017-03-15', 0.2],
		['follow_up_2', '2018-03-15', 0.35]
	];
	const rows = [];
	waves.forEach(([wave, date, lift], w) => {
		for (const r of pool) {
			if (w < r.joins || w >= r.leaves || rng.chance(0.12)) continue;
			for (const [q, mean] of QUESTIONS) {
				if (rng.chance(0.015)) continue;
				const score = Math.min(5, Math.max(1, Math.round(mean + r.level + lift + rng.normal(0, 0.65))));
				rows.push({
					survey_id: 'samagera-staff',
					project_id: PROJECT,
					wave,
					date,
					respondent_group: 'staff',
					respondent_id: r.id,
					question_id: q,
					score
				});
			}
		}
	});
	return rows;
}

function ledger() {
	const row = ledgerRowOf(PROJECT);
	const rows = [
		row('2014-09-15', 'grant', 3800000, 'Beviljat ur Eskilstuna kommuns sociala investeringsfond'),
		row('2014-10-01', 'disbursement', 500000, 'Samordnare familjecentralen'),
		row('2015-02-02', 'disbursement', 1000000, 'Projektår 1'),
		row('2015-08-03', 'disbursement', 800000, 'Specialpedagog och projektledare'),
		row('2016-02-01', 'disbursement', 900000, 'Projektår 2'),
		row('2016-08-01', 'disbursement', 600000, 'Slututbetalning')
	];
	rows.push(...plannedRepayments(row, 2018, 2027, (y) => y < 2027 ? 400000 : 200000, 1));
	rows.push(row('2018-12-14', 'repayment', 400000, 'Återbetalning 2018'));
	rows.push(row('2019-12-13', 'repayment', 250000, 'Återbetalning 2019 (lägre än planen)'));
	rows.push(
		row(
			'2020-03-16',
			'plan_revision',
			3800000,
			'Reviderad plan: 2018–2019 som betalt, sedan 250 000 kr per år från 2020 (beloppet = planens summa)',
			2
		)
	);
	// As in the INDIGO data standard, a revised plan restates the years already paid, so plan-versus-actual
	// compares like with like whichever plan is in force.
	rows.push(row('2018-12-31', 'planned_repayment', 400000, 'Plan 2: återbetalning 2018 (som betalt)', 2));
	rows.push(row('2019-12-31', 'planned_repayment', 250000, 'Plan 2: återbetalning 2019 (som betalt)', 2));
	rows.push(...plannedRepayments(row, 2020, 2032, (y) => y < 2032 ? 250000 : 150000, 2));
	rows.push(
		...repaymentsPaid(row, [
		['2020-12-11', 250000],
		['2021-12-10', 250000],
		['2022-12-09', 175000],
		['2023-12-15', 250000],
		['2024-12-13', 250000]
	])
	);
	return byDate(rows);
}
