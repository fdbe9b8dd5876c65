import { checkLevel, chisqInv, zCrit } from './distributions';
import { DEFAULT_LEVEL, type Interval, type MaybeInterval } from './types';
import { verdict, type Verdict, type VerdictInput } from './verdict';

/** One stratum (e.g. age band × sex) of a study group: events among n persons, or per n person-years. */
export interface Stratum {
	key: string;
	events: number;
	n: number;
}

/** A standard population's weight for a stratum (a count or a share; weights are normalised). */
export interface StandardWeight {
	key: string;
	weight: number;
}

export interface StandardiseOptions {
	/** 'share': events per person, capped at 1; 'rate': events per person-year. */
	kind?: 'share' | 'rate';
	/** Multiplier for the result, e.g. 100 for per cent or 1000 for per 1,000 person-years. */
	per?: number;
	level?: number;
}

export interface Standardised extends Interval {
	crude: number;
	/** Variance of the estimate on the `per` scale (events treated as Poisson). */
	variance: number;
	persons: number;
}

/**
 * Directly standardised share or rate Σ wᵢ·dᵢ/nᵢ with the Fay & Feuer (1997) gamma interval.
 * Events are treated as Poisson (variance Σ wᵢ²·dᵢ/nᵢ²), which for shares is conservative because
 * a binomial variance is smaller. Strata of the group absent from the standard get weight 0.
 * Null when the group is empty or a stratum with positive standard weight has no persons
 * (its share is unknown, so no weighting can stand in for it).
 */
export function directStandardise(
	strata: readonly Stratum[],
	standard: readonly StandardWeight[],
	{ kind = 'share', per = 1, level = DEFAULT_LEVEL }: StandardiseOptions = {}
): Standardised | null {
	checkLevel(level);
	const byKey = new Map(strata.map((s) => [s.key, s]));
	const totalWeight = standard.reduce((a, s) => a + s.weight, 0);
	if (!(totalWeight > 0)) throw new RangeError('standard weights must sum to more than 0');
	const persons = strata.reduce((a, s) => a + s.n, 0);
	if (!(persons > 0)) return null;
	let y = 0;
	let v = 0;
	let wMax = 0;
	for (const { key, weight } of standard) {
		if (weight === 0) continue;
		const s = byKey.get(key);
		if (!s || !(s.n > 0)) return null;
		const w = weight / totalWeight;
		y += (w * s.events) / s.n;
		v += (w * w * s.events) / (s.n * s.n);
		wMax = Math.max(wMax, w / s.n);
	}
	const tail = (1 - level) / 2;
	const lower = y > 0 ? (v / (2 * y)) * chisqInv(tail, (2 * y * y) / v) : 0;
	const vm = v + wMax * wMax;
	const ym = y + wMax;
	let upper = (vm / (2 * ym)) * chisqInv(1 - tail, (2 * ym * ym) / vm);
	if (kind === 'share') upper = Math.min(1, upper);
	const crude = strata.reduce((a, s) => a + s.events, 0) / persons;
	return {
		estimate: y * per,
		lower: lower * per,
		upper: upper * per,
		level,
		crude: crude * per,
		variance: v * per * per,
		persons
	};
}

/**
 * a − b for two standardised (or crude) estimates, normal approximation with summed variances.
 * Null bounds when neither has any variance (no events in either group).
 */
export function standardisedDifference(
	a: Pick<Standardised, 'estimate' | 'variance'>,
	b: Pick<Standardised, 'estimate' | 'variance'>,
	level = DEFAULT_LEVEL
): MaybeInterval {
	checkLevel(level);
	const estimate = a.estimate - b.estimate;
	const se = Math.sqrt(a.variance + b.variance);
	if (!(se > 0)) return { estimate, lower: null, upper: null, level };
	const half = zCrit(level) * se;
	return { estimate, lower: estimate - half, upper: estimate + half, level };
}

export interface StandardisationCheck {
	crude: { difference: MaybeInterval | null; verdict: Verdict };
	standardised: { difference: MaybeInterval | null; verdict: Verdict };
	/** True when weighting by the standard gives a different verdict code than the crude comparison. */
	changed: boolean;
}

/**
 * Does standardisation change the verdict? The crude comparison treats each group as one stratum and
 * uses the same normal approximation as the standardised one, so only the weighting differs.
 */
export function standardisationChangesVerdict(
	project: readonly Stratum[],
	comparison: readonly Stratum[],
	standard: readonly StandardWeight[],
	rule: Omit<VerdictInput, 'difference' | 'n' | 'nullValue'>,
	options: StandardiseOptions = {}
): StandardisationCheck {
	const level = options.level ?? DEFAULT_LEVEL;
	const per = options.per ?? 1;
	const crudeOf = (strata: readonly Stratum[]) => {
		const events = strata.reduce((a, s) => a + s.events, 0);
		const n = strata.reduce((a, s) => a + s.n, 0);
		return n > 0 ? { estimate: (events / n) * per, variance: (events / (n * n)) * per * per, n } : null;
	};
	const cp = crudeOf(project);
	const cc = crudeOf(comparison);
	const sp = directStandardise(project, standard, options);
	const sc = directStandardise(comparison, standard, options);
	const n = [cp?.n ?? 0, cc?.n ?? 0];
	const crudeDiff = cp && cc ? standardisedDifference(cp, cc, level) : null;
	const stdDiff = sp && sc ? standardisedDifference(sp, sc, level) : null;
	const crude = verdict({ ...rule, difference: crudeDiff, n });
	const standardised = verdict({ ...rule, difference: stdDiff, n });
	return {
		crude: { difference: crudeDiff, verdict: crude },
		standardised: { difference: stdDiff, verdict: standardised },
		changed: crude.code !== standardised.code
	};
}
