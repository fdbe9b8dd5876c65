import { binomCdf, checkLevel } from './distributions';
import { mulberry32 } from './prng';
import { DEFAULT_LEVEL, type Interval, type MaybeInterval } from './types';

const ascending = (a: number, b: number) => a - b;

function medianOfSorted(s: readonly number[]): number {
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of raw values; null for none. */
export function median(values: readonly number[]): number | null {
	return values.length ? medianOfSorted([...values].sort(ascending)) : null;
}

/** Type 7 quantile (R's default, linear between order statistics) of sorted values. */
function quantileSorted(s: readonly number[], q: number): number {
	const h = (s.length - 1) * q;
	const lo = Math.floor(h);
	return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

export interface MedianInterval extends MaybeInterval {
	/** The exact coverage of the order statistics chosen (at least `level`), null without bounds. */
	coverage: number | null;
}

/**
 * Distribution-free interval for a median from order statistics: [x(r), x(n+1−r)] with the largest r
 * for which P(Bin(n, ½) ≤ r − 1) ≤ (1 − level)/2, so coverage is at least `level`.
 * Null for no values; null bounds when even [min, max] cannot reach the level (n ≤ 5 at 95 %).
 */
export function medianInterval(values: readonly number[], level = DEFAULT_LEVEL): MedianInterval | null {
	checkLevel(level);
	const n = values.length;
	if (n === 0) return null;
	const s = [...values].sort(ascending);
	const estimate = medianOfSorted(s);
	const tail = (1 - level) / 2;
	let r = 0;
	while (r + 1 <= n / 2 && binomCdf(r, n, 0.5) <= tail) r++;
	if (r === 0) return { estimate, lower: null, upper: null, level, coverage: null };
	return { estimate, lower: s[r - 1], upper: s[n - r], level, coverage: 1 - 2 * binomCdf(r - 1, n, 0.5) };
}

export interface BootstrapOptions {
	level?: number;
	replicates?: number;
	seed?: number;
}

export interface BootstrapInterval extends Interval {
	replicates: number;
	seed: number;
}

/**
 * Difference of medians a − b with a percentile bootstrap interval. Each replicate resamples a, then b,
 * with replacement (index ⌊u·n⌋ from a seeded Mulberry32), and the bounds are type 7 quantiles of the
 * replicate differences: the same seed always gives the same interval. Null if a group is empty.
 */
export function bootstrapMedianDiff(
	a: readonly number[],
	b: readonly number[],
	{ level = DEFAULT_LEVEL, replicates = 2000, seed = 20240101 }: BootstrapOptions = {}
): BootstrapInterval | null {
	checkLevel(level);
	if (!Number.isInteger(replicates) || replicates < 1)
		throw new RangeError('replicates must be a positive integer');
	if (a.length === 0 || b.length === 0) return null;
	const rand = mulberry32(seed);
	const draw = (xs: readonly number[]) => {
		const out = new Array<number>(xs.length);
		for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(rand() * xs.length)];
		return medianOfSorted(out.sort(ascending));
	};
	const diffs = new Array<number>(replicates);
	for (let i = 0; i < replicates; i++) {
		const ma = draw(a);
		diffs[i] = ma - draw(b);
	}
	diffs.sort(ascending);
	const tail = (1 - level) / 2;
	return {
		estimate: (median(a) as number) - (median(b) as number),
		lower: quantileSorted(diffs, tail),
		upper: quantileSorted(diffs, 1 - tail),
		level,
		replicates,
		seed
	};
}
