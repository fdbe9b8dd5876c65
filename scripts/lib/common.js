import { iso, min } from './dates.js';
import { pupilGrades } from './grades.js';

/** Sort person-level rows by the persons' order in persons.csv, then by the given keys (plain code-unit order). */
export function sortByPerson(rows, persons, keys) {
	const order = new Map(persons.map((p, i) => [p.person_id, i]));
	const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
	return rows
		.map((r, i) => [r, i])
		.sort(([a, i], [b, j]) => {
			const d = order.get(a.person_id) - order.get(b.person_id);
			if (d) return d;
			for (const k of keys) {
				const c = cmp(String(a[k] ?? ''), String(b[k] ?? ''));
				if (c) return c;
			}
			return i - j;
		})
		.map(([r]) => r);
}

/**
 * Poisson-process dates in [from, to) with `perYear` events a year; `frailty` multiplies the rate
 * so a few persons carry most events, as in real registers.
 */
export function eventDays(rng, from, to, perYear) {
	const out = [];
	if (perYear <= 0 || to <= from) return out;
	let t = from + rng.exponential(365.25 / perYear);
	while (t < to) {
		out.push(Math.floor(t));
		t += rng.exponential(365.25 / perYear);
	}
	return out;
}

/** Reports of concern, with an investigation opened after some of them (closed within ~4 months). */
export function reportsWithInvestigations(rng, personId, days, cutoff, pInvestigation = 0.4) {
	const rows = [];
	let openUntil = -Infinity;
	for (const d of days) {
		rows.push({ person_id: personId, date: iso(d), type: 'report_of_concern', value: '' });
		if (d > openUntil && rng.chance(pInvestigation)) {
			const start = d + rng.int(0, 14);
			const end = start + rng.int(35, 125);
			if (start <= cutoff)
				rows.push({ person_id: personId, date: iso(start), type: 'investigation_start', value: '' });
			if (end <= cutoff)
				rows.push({ person_id: personId, date: iso(end), type: 'investigation_end', value: '' });
			openUntil = end;
		}
	}
	return rows;
}

export const DURATIONS = {
	open_care: [60, 400],
	family_home: [90, 1100],
	hvb: [30, 330],
	sis: [20, 200],
	supported_housing: [90, 500]
};

/**
 * Non-overlapping care episodes in [from, to): waiting time with mean 1/rate years, then an episode
 * whose type is drawn by `types(day)`; episodes still running at `cutoff` are left open (empty end).
 */
export function careEpisodes(rng, personId, from, to, perYear, types, cutoff, durationScale = 1) {
	const rows = [];
	if (perYear <= 0) return rows;
	let t = from + rng.exponential(365.25 / perYear);
	while (t < to) {
		const start = Math.floor(t);
		const type = rng.weighted(types(start));
		const [lo, hi] = DURATIONS[type];
		const end = start + Math.max(1, Math.round(rng.int(lo, hi) * durationScale));
		rows.push({
			person_id: personId,
			care_type: type,
			start_date: iso(start),
			end_date: end > cutoff ? '' : iso(end)
		});
		if (end > cutoff) break;
		t = end + rng.exponential(365.25 / perYear);
	}
	return rows;
}

/** Grade rows for one pupil in the given school year. */
export function gradeRows(rng, personId, schoolYear, eligible, shift = 0) {
	return pupilGrades(rng, { eligible, shift }).map(([subject, grade]) => ({
		person_id: personId,
		school_year: schoolYear,
		subject,
		grade
	}));
}

export const clampDay = (d, hi) => min(d, hi);

/** Sex with the rare X and the rare missing value that real exports have. */
export const drawSex = (rng) =>
	rng.weighted([
		['F', 0.485],
		['M', 0.495],
		['X', 0.005],
		['', 0.015]
	]);

/**
 * Low-noise Bernoulli draws: per key, systematic sampling with a random phase, so a cohort of 20 gets
 * close to its intended share instead of a share that chance may turn upside down.
 */
export function createQuota(rng) {
	const state = new Map();
	return (key, p) => {
		if (!state.has(key)) state.set(key, { phase: rng.next(), k: 0 });
		const s = state.get(key);
		const hit = Math.floor(s.phase + (s.k + 1) * p) > Math.floor(s.phase + s.k * p);
		s.k++;
		return hit;
	};
}

/** A fund-ledger row builder for one project (columns in the contract's order). */
export const ledgerRowOf =
	(project) =>
	(date, entry, amount_sek, note, plan_version = '') => ({
		project_id: project,
		date,
		entry,
		amount_sek,
		note,
		plan_version
	});

/** Planned repayments due on 31 December of each year from `from` to `to` under plan `version`. */
export function plannedRepayments(row, from, to, amountOf, version) {
	const rows = [];
	for (let y = from; y <= to; y++)
		rows.push(
			row(`${y}-12-31`, 'planned_repayment', amountOf(y), `Plan ${version}: återbetalning ${y}`, version)
		);
	return rows;
}

/** Repayments as paid: [date, amount] pairs. */
export const repaymentsPaid = (row, paid) =>
	paid.map(([date, amount]) => row(date, 'repayment', amount, `Återbetalning ${date.slice(0, 4)}`));

/** Ledger rows in date order (stable, so same-day rows keep the order they were written in). */
export const byDate = (rows) => rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
