import jStat from 'jstat';

/** Throws on a level outside (0, 1): a wrong level is a programming error, not data. */
export function checkLevel(level: number): void {
	if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}

export function checkCount(x: number, name: string): void {
	if (!Number.isInteger(x) || x < 0) throw new RangeError(`${name} must be a non-negative integer, got ${x}`);
}

/** Two-sided critical value of the standard normal distribution. */
export const zCrit = (level: number): number => jStat.normal.inv(1 - (1 - level) / 2, 0, 1);

export const normalCdf = (x: number): number => jStat.normal.cdf(x, 0, 1);

/** Two-sided p-value of a z statistic. */
export const normalP = (z: number): number => Math.min(1, 2 * normalCdf(-Math.abs(z)));

export const tCrit = (level: number, df: number): number => jStat.studentt.inv(1 - (1 - level) / 2, df);

/** Two-sided p-value of a t statistic. */
export const tP = (t: number, df: number): number => Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));

export const betaInv = (p: number, a: number, b: number): number => jStat.beta.inv(p, a, b);

/** Quantile of the gamma distribution with unit scale. */
export const gammaInv = (p: number, shape: number): number => jStat.gamma.inv(p, shape, 1);

export const chisqInv = (p: number, df: number): number => jStat.chisquare.inv(p, df);

/** Binomial probability in log space: jstat's binomial.pdf overflows for n > 170. */
export function binomPmf(k: number, n: number, p: number): number {
	if (k < 0 || k > n) return 0;
	if (p === 0) return k === 0 ? 1 : 0;
	if (p === 1) return k === n ? 1 : 0;
	const logC = jStat.gammaln(n + 1) - jStat.gammaln(k + 1) - jStat.gammaln(n - k + 1);
	return Math.exp(logC + k * Math.log(p) + (n - k) * Math.log(1 - p));
}

/** P(X ≤ k) for X ~ Bin(n, p), as 1 − I_p(k + 1, n − k) (jstat's binomial.cdf rounds to 1e-10). */
export function binomCdf(k: number, n: number, p: number): number {
	if (k < 0) return 0;
	if (k >= n) return 1;
	return 1 - jStat.beta.cdf(p, k + 1, n - k);
}

const lnChoose = (n: number, k: number): number =>
	jStat.gammaln(n + 1) - jStat.gammaln(k + 1) - jStat.gammaln(n - k + 1);

/**
 * P(K = k) drawing n of N items of which m are marked. From log-gamma, so each call costs the same
 * at any N: jStat.hypgeom.pdf loops over the sample and made Fisher's test quadratic in the group
 * size (the 5M-row report spent minutes there).
 */
export const hypergeomPmf = (k: number, N: number, m: number, n: number): number =>
	k < Math.max(0, n + m - N) || k > Math.min(n, m)
		? 0
		: Math.exp(lnChoose(m, k) + lnChoose(N - m, n - k) - lnChoose(N, n));

/**
 * Two-sided p-value of a discrete test: the total probability of outcomes no more likely than the one
 * observed. The relative tolerance matches R's binom.test and fisher.test, so ties in exact arithmetic
 * are not lost to rounding.
 */
export function pointProbabilityP(observed: number, probabilities: number[]): number {
	const limit = observed * (1 + 1e-7);
	let p = 0;
	for (const q of probabilities) if (q <= limit) p += q;
	return Math.min(1, p);
}
