import { checkCount, checkLevel, normalP, zCrit } from './distributions';
import { DEFAULT_LEVEL, type Interval } from './types';

function checkShare(x: number, n: number): void {
	checkCount(x, 'events');
	checkCount(n, 'n');
	if (x > n) throw new RangeError(`events (${x}) exceed n (${n})`);
}

/** Wilson score interval for x of n (no continuity correction). Null for an empty group. */
export function wilson(x: number, n: number, level = DEFAULT_LEVEL): Interval | null {
	checkShare(x, n);
	checkLevel(level);
	if (n === 0) return null;
	const z = zCrit(level);
	const p = x / n;
	const z2n = (z * z) / n;
	const centre = (p + z2n / 2) / (1 + z2n);
	const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
	// At 0 of n and n of n the bound is exactly 0 or 1; floating point would leave ±1e-17.
	return {
		estimate: p,
		lower: x === 0 ? 0 : Math.max(0, centre - half),
		upper: x === n ? 1 : Math.min(1, centre + half),
		level
	};
}

/**
 * Difference of two independent shares, p1 − p2, with Newcombe's hybrid score interval
 * (method 10 in Newcombe 1998, Stat Med 17:873–890), built from the two Wilson intervals.
 * Null if either group is empty.
 */
export function newcombeDiff(
	x1: number,
	n1: number,
	x2: number,
	n2: number,
	level = DEFAULT_LEVEL
): Interval | null {
	const a = wilson(x1, n1, level);
	const b = wilson(x2, n2, level);
	if (!a || !b) return null;
	const d = a.estimate - b.estimate;
	return {
		estimate: d,
		lower: d - Math.hypot(a.estimate - a.lower, b.upper - b.estimate),
		upper: d + Math.hypot(a.upper - a.estimate, b.estimate - b.lower),
		level
	};
}

export interface RelativeRisk extends Interval {
	/** True when 0.5 was added to every cell of the 2×2 table because one of them was zero. */
	corrected: boolean;
	/** Two-sided Wald p-value for log RR = 0, consistent with the interval. */
	p: number;
}

/**
 * Relative risk (x1/n1) / (x2/n2) with the log (Katz) interval.
 * Zero cells: if any of the four cells (x1, n1 − x1, x2, n2 − x2) is zero, 0.5 is added to all four
 * (Haldane–Anscombe), as Cochrane's RevMan does, and `corrected` is set; the estimate then also uses
 * the corrected cells so it stays inside its interval. Null when a group is empty or neither group
 * has any event (the ratio 0/0 has no meaning).
 */
export function relativeRisk(
	x1: number,
	n1: number,
	x2: number,
	n2: number,
	level = DEFAULT_LEVEL
): RelativeRisk | null {
	checkShare(x1, n1);
	checkShare(x2, n2);
	checkLevel(level);
	if (n1 === 0 || n2 === 0 || (x1 === 0 && x2 === 0)) return null;
	const corrected = x1 === 0 || x2 === 0 || x1 === n1 || x2 === n2;
	const c = corrected ? 0.5 : 0;
	const a = x1 + c;
	const m1 = n1 + 2 * c;
	const b = x2 + c;
	const m2 = n2 + 2 * c;
	const logRr = Math.log(a / m1) - Math.log(b / m2);
	const se = Math.sqrt(1 / a - 1 / m1 + 1 / b - 1 / m2);
	const z = zCrit(level);
	return {
		estimate: Math.exp(logRr),
		lower: Math.exp(logRr - z * se),
		upper: Math.exp(logRr + z * se),
		level,
		corrected,
		p: normalP(logRr / se)
	};
}
