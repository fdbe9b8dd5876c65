import { createIdMaker, createRng } from '../prng.js';
import { day, iso, min, schoolYear, yearOf } from '../dates.js';
import { careEpisodes, drawSex, eventDays, gradeRows, reportsWithInvestigations, sortByPerson, createQuota, byDate, ledgerRowOf, plannedRepayments, repaymentsPaid } from '../common.js';
import { CREATED, LICENCE, referenceValues, unitCosts } from '../reference.js';

const PROJECT = 'sig';
const CUTOFF = day(2017, 12, 31);
const COORDINATORS = ['samordnare A', 'samordnare B', 'samordnare C', 'samordnare D'];

const COHORTS = [
	{
		cohort_id: 'sig-13-18',
		project_id: PROJECT,
		label: 'SiG 13–18 år',
		role: 'project',
		start_date: '2013-03-01',
		end_date: '2017-12-31'
	},
	{
		cohort_id: 'sig-18-25',
		project_id: PROJECT,
		label: 'SiG 18–25 år',
		role: 'project',
		start_date: '2013-03-01',
		end_date: '2017-12-31'
	},
	{
		cohort_id: 'jamforelse-13-18',
		project_id: PROJECT,
		label: 'Jämförelsegrupp 13–18 år (utredda, utan SiG)',
		role: 'comparison',
		start_date: '2013-03-01',
		end_date: '2017-12-31',
		baseline_for: 'sig-13-18'
	},
	{
		cohort_id: 'jamforelse-18-25',
		project_id: PROJECT,
		label: 'Jämförelsegrupp 18–25 år (utan SiG)',
		role: 'comparison',
		start_date: '2013-03-01',
		end_date: '2017-12-31',
		baseline_for: 'sig-18-25'
	}
];

function careTypes(birthYear) {
	return (d) =>
		yearOf(d) - birthYear < 18
			? [
					['hvb', 0.45],
					['sis', 0.25],
					['family_home', 0.18],
					['open_care', 0.12]
				]
			: [
					['supported_housing', 0.55],
					['hvb', 0.22],
					['open_care', 0.18],
					['sis', 0.05]
				];
}

/** Lead time from consent to intervention: the 4-week target is mostly met. */
const leadDays = (rng) =>
	rng.weighted([
		['fast', 0.78],
		['slow', 0.22]
	]) === 'fast'
		? rng.int(4, 28)
		: rng.int(29, 80);

export function sig() {
	const rng = createRng('sig-eslov');
	const quota = createQuota(rng);
	const newId = createIdMaker(rng, 'ES');
	const intakes = [];
	for (const [cohort, n, ages] of [
		['sig-13-18', 48, [13, 17]],
		['sig-18-25', 36, [18, 24]],
		['jamforelse-13-18', 32, [13, 17]],
		['jamforelse-18-25', 28, [18, 24]]
	])
		for (let i = 0; i < n; i++) intakes.push({ cohort, entry: rng.int(day(2013, 3, 1), day(2017, 12, 10)), ages });
	// Two who gave consent in the autumn of 2017 are still waiting for a place at the extract.
	intakes.push({ cohort: 'sig-13-18', entry: day(2017, 10, 23), ages: [13, 17], waiting: true });
	intakes.push({ cohort: 'sig-18-25', entry: day(2017, 11, 20), ages: [18, 24], waiting: true });
	intakes.sort((a, b) => a.entry - b.entry || (a.cohort < b.cohort ? -1 : a.cohort > b.cohort ? 1 : 0));

	const caseEnds = COORDINATORS.map(() => []);
	const people = [];
	for (const { cohort, entry, ages, waiting } of intakes) {
		const project = cohort.startsWith('sig-');
		const birthYear = yearOf(entry) - rng.int(ages[0], ages[1]);
		const p = {
			id: newId(),
			cohort,
			project,
			entry,
			birthYear,
			sex: rng.chance(0.78) ? 'M' : rng.chance(0.95) ? 'F' : '',
			level: rng.chance(0.7) ? 'red' : 'yellow',
			exit: null,
			reason: '',
			area: '1285',
			consent: null,
			start: null
		};
		if (project) {
			p.consent = entry + rng.int(0, 7);
			const start = waiting ? CUTOFF + rng.int(1, 60) : p.consent + leadDays(rng);
			if (rng.chance(0.03)) [p.exit, p.reason] = [p.consent + rng.int(5, 20), 'declined'];
			else if (start <= CUTOFF) {
				p.start = start;
				let reason = rng.weighted([
					['completed', 0.7],
					['moved', 0.1],
					['declined', 0.1],
					['other', 0.1]
				]);
				let exit = start + rng.int(180, 420);
				const agedOut = day(p.birthYear + 25, 12, 31);
				if (cohort.endsWith('18-25') && exit > agedOut) [exit, reason] = [agedOut, 'aged_out'];
				if (exit <= CUTOFF) [p.exit, p.reason] = [exit, reason];
			}
			// Each new case goes to the coordinator with the fewest open cases (4–5 each at the busiest).
			const open = caseEnds.map((ends) => ends.filter((e) => e > p.consent).length);
			const k = open.indexOf(Math.min(...open));
			caseEnds[k].push(p.exit ?? CUTOFF + 1);
			p.area = COORDINATORS[k];
		} else if (rng.chance(0.12)) [p.exit, p.reason] = [entry + rng.int(60, 900), 'moved'];
		people.push(p);
	}

	const order = COHORTS.map((c) => c.cohort_id);
	people.sort((a, b) => order.indexOf(a.cohort) - order.indexOf(b.cohort) || a.entry - b.entry);

	const persons = [];
	const events = [];
	const care = [];
	const grades = [];
	for (const p of people) {
		persons.push({
			person_id: p.id,
			cohort_id: p.cohort,
			birth_year: p.birthYear,
			sex: p.sex,
			area: p.area,
			level: p.level,
			entry_date: iso(p.entry),
			exit_date: p.exit === null ? '' : iso(p.exit),
			exit_reason: p.reason
		});
		const followEnd = p.reason === 'moved' ? p.exit : CUTOFF;
		// The effect starts with the intervention; the comparison group keeps its rate throughout.
		const effectFrom = p.start ?? followEnd;
		const frailty = Math.exp(rng.normal(0, 0.4));
		if (p.consent !== null) events.push({ person_id: p.id, date: iso(p.consent), type: 'consent', value: '' });
		if (p.start !== null)
			events.push({ person_id: p.id, date: iso(p.start), type: 'intervention_start', value: '' });

		const under18End = min(followEnd, day(p.birthYear + 18, 1, 1));
		const roc = [];
		if (p.entry < under18End && rng.chance(0.7)) roc.push(p.entry - rng.int(5, 120));
		roc.push(...eventDays(rng, p.entry, min(effectFrom, under18End), 0.9 * frailty));
		roc.push(...eventDays(rng, effectFrom, under18End, (p.project ? 0.6 : 0.9) * frailty));
		events.push(...reportsWithInvestigations(rng, p.id, roc, CUTOFF, 0.35));

		const police = [
			...eventDays(rng, p.entry - 365, min(effectFrom, followEnd), 0.85 * frailty),
			...eventDays(rng, effectFrom, followEnd, (p.project ? 0.55 : 0.85) * frailty)
		];
		for (const d of police) events.push({ person_id: p.id, date: iso(d), type: 'police_report', value: '' });

		const personal = rng.normal(0, 0.08);
		for (let y = yearOf(p.entry); y <= yearOf(CUTOFF); y++) {
			const d = day(y, 11, 1);
			const age = y - p.birthYear;
			if (d < p.entry || d > followEnd || age < 18 || age > 25) continue;
			const years = p.start !== null && d > p.start ? (d - p.start) / 365.25 : 0;
			const chance = p.project
				? Math.min(0.65, 0.38 + 0.07 * years)
				: Math.min(0.5, 0.38 + 0.025 * ((d - p.entry) / 365.25));
			events.push({
				person_id: p.id,
				date: iso(d),
				type: 'in_education_or_work',
				value: rng.chance(chance + personal) ? 1 : 0
			});
		}

		care.push(
			...careEpisodes(
				rng,
				p.id,
				p.entry - rng.int(0, 200),
				followEnd,
				(p.project ? 0.24 : 0.34) * frailty,
				careTypes(p.birthYear),
				CUTOFF,
				p.project ? 0.85 : 1
			)
		);

		const spring = p.birthYear + 16;
		if (day(spring, 6, 15) >= p.entry && day(spring, 6, 15) <= followEnd) {
			const eligible = quota(p.project ? 'project' : 'comparison', p.project ? 0.62 : 0.52);
			grades.push(...gradeRows(rng, p.id, schoolYear(spring), eligible, -0.3));
		}
	}

	return {
		manifest: {
			id: 'sig-eslov',
			title: 'Sociala insatsgrupper (SiG), Eslöv',
			municipality: { name: 'Eslöv', code: '1285' },
			description:
				'Synthetic data after Eslöv’s final report on Sociala insatsgrupper: young people 13–18 and 18–25 at risk of a criminal lifestyle, with consent to share information and interventions started within 4 weeks (most cases; some later, a few still waiting at the extract on 2017-12-31). For SiG cases the area column holds the coordinator (4 coordinators, 4–5 open cases each); the concurrent comparison group has the municipality code. Placements, reports of concern, police reports, yearly education-or-work status for those aged 18–25, some year-9 grades and the fund ledger.',
			synthetic: true,
			source:
				'Generated by scripts/generate-datasets.js; structure and targets after Eslövs kommun, slutrapport "Sociala insatsgrupper" (about 2014). No real persons.',
			licence: LICENCE,
			created: CREATED
		},
		tables: {
			cohorts: COHORTS,
			persons,
			grades: sortByPerson(grades, persons, []),
			events: sortByPerson(events, persons, ['date', 'type']),
			care: sortByPerson(care, persons, ['start_date']),
			fund_ledger: ledger(),
			unit_costs: unitCosts(),
			reference_values: referenceValues()
		}
	};
}

function ledger() {
	const row = ledgerRowOf(PROJECT);
	const rows = [
		row('2013-01-28', 'grant', 1650000, 'Beviljat ur den sociala investeringsfonden'),
		row('2013-02-01', 'disbursement', 550000, 'Projektledare och samordnare år 1'),
		row('2013-08-01', 'disbursement', 550000, 'Samordnare hösten 2013'),
		row('2014-02-03', 'disbursement', 550000, 'Projektår 2')
	];
	rows.push(...plannedRepayments(row, 2015, 2020, (y) => 275000, 1));
	rows.push(
		...repaymentsPaid(row, [
		['2015-12-11', 275000],
		['2016-12-09', 275000],
		['2017-12-08', 150000],
		['2018-12-14', 275000],
		['2019-12-13', 275000],
		['2020-12-11', 200000]
	])
	);
	return byDate(rows);
}
