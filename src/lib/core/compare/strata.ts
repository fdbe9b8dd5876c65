import { standardisationChangesVerdict, type StandardisationCheck, type Stratum } from '../stats';
import type { Direction } from '../stats/verdict';
import type { BaselineKind } from '../stats/verdict';

/** A person's values in one period, with what standardisation weights by. */
export interface StratifiedValue {
	period: string;
	x: number | null;
	ok?: boolean | null;
	sex: string | null;
	level: string | null;
	birth_year: number | null;
}

export type StrataDim = 'age' | 'sex' | 'level';
/** Tried in order: the finest stratification for which every project stratum has baseline persons. */
export const STRATA_TRIES: readonly (readonly StrataDim[])[] = [
	['age', 'sex', 'level'],
	['age', 'sex'],
	['sex'],
	['age']
];

/** Age bands (whole years reached in the period's first calendar year, or the year after for school years). */
const BANDS: [number, number, string][] = [
	[0, 5, '0-5'],
	[6, 12, '6-12'],
	[13, 15, '13-15'],
	[16, 17, '16-17'],
	[18, 20, '18-20'],
	[21, 25, '21-25'],
	[26, 200, '26+']
];

export function ageBand(period: string, birthYear: number | null): string {
	const m = /^(\d{4})(\/\d{2})?$/.exec(period);
	if (!m || birthYear === null) return 'unknown';
	const age = Number(m[1]) + (m[2] ? 1 : 0) - birthYear;
	return BANDS.find(([lo, hi]) => age >= lo && age <= hi)?.[2] ?? 'unknown';
}

function key(v: StratifiedValue, dims: readonly StrataDim[]): string {
	return dims
		.map((d) =>
			d === 'age' ? ageBand(v.period, v.birth_year) : d === 'sex' ? v.sex || 'unknown' : v.level || 'unknown'
		)
		.join('|');
}

/** Events and persons per stratum; a share counts x > 0 (share_within_target: ok), a rate sums x. */
export function strataOf(
	values: readonly StratifiedValue[],
	dims: readonly StrataDim[],
	kind: string
): Stratum[] {
	const out = new Map<string, Stratum>();
	for (const v of values) {
		const within = kind === 'share_within_target';
		if (within ? v.ok === null || v.ok === undefined : v.x === null) continue;
		const k = key(v, dims);
		const s = out.get(k) ?? { key: k, events: 0, n: 0 };
		s.n++;
		s.events += within
			? v.ok
				? 1
				: 0
			: kind === 'rate_per_1000'
				? (v.x as number)
				: (v.x as number) > 0
					? 1
					: 0;
		out.set(k, s);
	}
	return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export interface StandardisedComparison extends StandardisationCheck {
	dims: StrataDim[];
}

/** Kinds that can be directly standardised (events over persons). */
export const standardisableKind = (kind: string): boolean =>
	['share', 'share_within_target', 'rate_per_1000'].includes(kind);

/**
 * The baseline standardised to the project's composition (the project's own strata as the standard),
 * with the crude comparison beside it: `changed` says whether the weighting changes the verdict.
 * Uses the finest of STRATA_TRIES that has baseline persons in every project stratum, where the
 * dimension varies at all (a level nobody has is left out); null when none fits.
 */
export function standardiseAgainst(
	kind: string,
	project: readonly StratifiedValue[],
	baseline: readonly StratifiedValue[],
	rule: { direction: Direction; minN: number; baseline: BaselineKind },
	level = 0.95
): StandardisedComparison | null {
	if (!standardisableKind(kind)) return null;
	const all = [...project, ...baseline];
	const varies = (d: StrataDim) => new Set(all.map((v) => key(v, [d]))).size > 1;
	const options = {
		kind: kind === 'rate_per_1000' ? ('rate' as const) : ('share' as const),
		per: kind === 'rate_per_1000' ? 1000 : 1,
		level
	};
	const seen = new Set<string>();
	for (const tried of STRATA_TRIES) {
		const dims = tried.filter(varies);
		if (!dims.length || seen.has(dims.join())) continue;
		seen.add(dims.join());
		const ps = strataOf(project, dims, kind);
		const bs = strataOf(baseline, dims, kind);
		const bKeys = new Map(bs.map((s) => [s.key, s.n]));
		if (!ps.length || ps.some((s) => !(bKeys.get(s.key)! > 0))) continue;
		const standard = ps.map((s) => ({ key: s.key, weight: s.n }));
		const check = standardisationChangesVerdict(ps, bs, standard, rule, options);
		return { ...check, dims };
	}
	return null;
}
