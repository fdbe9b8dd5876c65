import { betaInv, binomPmf, checkCount, checkLevel, gammaInv, pointProbabilityP } from './distributions';
import { DEFAULT_LEVEL, type Interval } from './types';

/**
 * Exact (Garwood 1936) interval for a Poisson count: the chi-square / gamma quantiles
 * ½χ²(α/2; 2x) and ½χ²(1 − α/2; 2x + 2). The lower bound is 0 for 0 events.
 */
export function poissonCount(x: number, level = DEFAULT_LEVEL): Interval {
	checkCount(x, 'events');
	checkLevel(level);
	const tail = (1 - level) / 2;
	return { estimate: x, lower: x === 0 ? 0 : gammaInv(tail, x), upper: gammaInv(1 - tail, x + 1), level };
}

/**
 * Rate per `per` person-years (default 1,000) with the Garwood interval scaled by exposure.
 * Null when there is no exposure.
 */
export function poissonRate(
	x: number,
	personYears: number,
	per = 1000,
	level = DEFAULT_LEVEL
): Interval | null {
	if (!(personYears > 0)) return null;
	const c = poissonCount(x, level);
	const f = per / personYears;
	return { estimate: x * f, lower: c.lower * f, upper: c.upper * f, level };
}

export interface RateRatio extends Interval {
	/** Two-sided exact conditional p-value for a ratio of 1. */
	p: number;
}

/**
 * Ratio of two Poisson rates (x1/t1) / (x2/t2), exact conditional on x1 + x2: x1 ~ Bin(x1 + x2, π),
 * π = t1·R / (t1·R + t2). The interval maps the Clopper–Pearson interval for π through
 * R = π/(1 − π) · t2/t1; the p-value is the two-sided binomial test of π = t1/(t1 + t2)
 * (outcomes no more likely than observed, as R's poisson.test). With x2 = 0 the estimate and upper
 * bound are Infinity; with x1 = 0 the estimate and lower bound are 0. Null when there are no events
 * at all or no exposure in a group.
 */
export function rateRatio(
	x1: number,
	t1: number,
	x2: number,
	t2: number,
	level = DEFAULT_LEVEL
): RateRatio | null {
	checkCount(x1, 'events 1');
	checkCount(x2, 'events 2');
	checkLevel(level);
	const n = x1 + x2;
	if (n === 0 || !(t1 > 0) || !(t2 > 0)) return null;
	const tail = (1 - level) / 2;
	const piLo = x1 === 0 ? 0 : betaInv(tail, x1, x2 + 1);
	const piHi = x2 === 0 ? 1 : betaInv(1 - tail, x1 + 1, x2);
	const toRatio = (pi: number) => (pi === 1 ? Infinity : (pi / (1 - pi)) * (t2 / t1));
	const pi0 = t1 / (t1 + t2);
	const probs: number[] = [];
	for (let k = 0; k <= n; k++) probs.push(binomPmf(k, n, pi0));
	return {
		estimate: x2 === 0 ? Infinity : x1 / t1 / (x2 / t2),
		lower: toRatio(piLo),
		upper: toRatio(piHi),
		level,
		p: pointProbabilityP(probs[x1], probs)
	};
}
