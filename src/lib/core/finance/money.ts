/**
 * Money as integer öre (1 SEK = 100 öre) held in safe-integer numbers, so sums never drift.
 * Computed amounts (shares, discounting) are rounded to the öre half away from zero, the
 * convention of Swedish bookkeeping, at the step the trace shows.
 */

export type Ore = number;

export interface ParsedAmount {
	ore: Ore;
	/** False when the input had more than two decimals and was rounded. */
	exact: boolean;
}

const AMOUNT = /^([+-])?(\d+)(?:[.,](\d*))?$/;

export class OreOverflowError extends Error {
	constructor(value: number) {
		super(`amount outside the safe integer range: ${value} öre`);
	}
}

const checked = (ore: number): Ore => {
	if (!Number.isSafeInteger(ore)) throw new OreOverflowError(ore);
	return ore === 0 ? 0 : ore;
};

/** Round a computed öre value half away from zero. */
export function roundOre(value: number): Ore {
	if (!Number.isFinite(value)) throw new OreOverflowError(value);
	return checked(Math.sign(value) * Math.round(Math.abs(value)));
}

/** Parse a decimal SEK text ("1234.5", "-12,05", "7") exactly into öre; null if not a number. */
export function parseSekText(text: string): ParsedAmount | null {
	const m = AMOUNT.exec(text.trim());
	if (!m) return null;
	const [, sign, whole, fraction = ''] = m;
	const digits = (fraction + '00').slice(0, 2);
	const rest = fraction.slice(2);
	let ore = Number(whole) * 100 + Number(digits);
	// Half away from zero on the first dropped digit; the sign is applied afterwards.
	if (rest.length > 0 && rest[0] >= '5') ore += 1;
	if (!Number.isSafeInteger(ore)) return null;
	return { ore: checked(sign === '-' ? -ore : ore), exact: !/[1-9]/.test(rest) };
}

/**
 * A SEK value as it arrives from a row (DuckDB DOUBLE or CSV text) → öre. Numbers go through
 * their shortest decimal form, so 0.1 becomes exactly 10 öre rather than 0.1 × 100.
 */
export function toOre(value: unknown): ParsedAmount | null {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return null;
		const text = String(value);
		if (!/e/i.test(text)) return parseSekText(text);
		const ore = roundOre(value * 100);
		return { ore, exact: ore === value * 100 };
	}
	if (typeof value === 'bigint') return { ore: checked(Number(value) * 100), exact: true };
	if (typeof value === 'string') return parseSekText(value);
	return null;
}

/** Whole SEK → öre, for literals in code and tests. */
export const sek = (amount: number): Ore => {
	const parsed = toOre(amount);
	if (!parsed) throw new OreOverflowError(amount);
	return parsed.ore;
};

export const addOre = (a: Ore, b: Ore): Ore => checked(a + b);

export const sumOre = (values: Iterable<Ore>): Ore => {
	let total = 0;
	for (const v of values) total = checked(total + v);
	return total;
};

/** Öre → "1234.50" / "-0.05": dot, two decimals, no grouping (the CSV and SQL form). */
export function formatOre(ore: Ore): string {
	const abs = Math.abs(checked(ore));
	const whole = Math.floor(abs / 100);
	const cents = abs % 100;
	return `${ore < 0 ? '-' : ''}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Öre → SEK number, for rows in the fund_ledger shape (a DOUBLE column). */
export const oreToSek = (ore: Ore): number => Number(formatOre(ore));
