/** ISO calendar dates as 'YYYY-MM-DD' strings: they sort and compare as text. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
	const m = ISO.exec(text);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const t = new Date(Date.UTC(y, mo - 1, d));
	return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export const yearOf = (date: string): number => Number(date.slice(0, 4));

export const minDate = (dates: Iterable<string>): string | null => {
	let min: string | null = null;
	for (const d of dates) if (min === null || d < min) min = d;
	return min;
};
