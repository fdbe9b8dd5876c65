import { checkCount, hypergeomPmf, pointProbabilityP } from './distributions';

export interface FisherResult {
	/** Two-sided: the total probability of tables no more likely than the observed one. */
	p: number;
	/** One-sided p-values for a smaller / larger top-left cell. */
	pLess: number;
	pGreater: number;
	/** Sample odds ratio ad/bc (Infinity when bc = 0 < ad; null when both are 0). */
	oddsRatio: number | null;
}

/**
 * Fisher's exact test for the 2×2 table [[a, b], [c, d]], rows being the two groups
 * (e.g. a = events in the project, b = non-events in the project). Null when a row is empty:
 * there is no group to compare.
 */
export function fisherExact(a: number, b: number, c: number, d: number): FisherResult | null {
	for (const [v, name] of [
		[a, 'a'],
		[b, 'b'],
		[c, 'c'],
		[d, 'd']
	] as const)
		checkCount(v, name);
	const row1 = a + b;
	const col1 = a + c;
	const total = a + b + c + d;
	if (row1 === 0 || c + d === 0) return null;
	const lo = Math.max(0, row1 + col1 - total);
	const hi = Math.min(row1, col1);
	const probs: number[] = [];
	for (let k = lo; k <= hi; k++) probs.push(hypergeomPmf(k, total, col1, row1));
	const observed = probs[a - lo];
	let pLess = 0;
	let pGreater = 0;
	for (let k = lo; k <= hi; k++) {
		if (k <= a) pLess += probs[k - lo];
		if (k >= a) pGreater += probs[k - lo];
	}
	const ad = a * d;
	const bc = b * c;
	return {
		p: pointProbabilityP(observed, probs),
		pLess: Math.min(1, pLess),
		pGreater: Math.min(1, pGreater),
		oddsRatio: bc > 0 ? ad / bc : ad > 0 ? Infinity : null
	};
}
