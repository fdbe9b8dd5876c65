import type { Language } from './i18n';

const LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat>();

function nf(lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = lang + JSON.stringify(options);
	let f = cache.get(key);
	if (!f) cache.set(key, (f = new Intl.NumberFormat(LOCALES[lang], options)));
	return f;
}

/** sv: 12 345,6 — en: 12,345.6 */
export const formatNumber = (lang: Language, x: number, digits = 0): string =>
	nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

/** A share 0–1 as a percentage: sv 85,6 % — en 85.6%. */
export const formatShare = (lang: Language, x: number, digits = 1): string =>
	nf(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

export const formatSek = (lang: Language, x: number): string =>
	nf(lang, { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(x);

export const formatDate = (lang: Language, iso: string): string =>
	new Intl.DateTimeFormat(LOCALES[lang], {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(iso + 'T00:00:00Z'));

const BYTE_UNITS = [
	[1e9, 'GB'],
	[1e6, 'MB'],
	[1e3, 'kB']
] as const;

/** A size in decimal units (1 kB = 1000 B): sv 512 B, 9,5 kB, 28 kB, 863 MB, 1,6 GB. */
export function formatBytes(lang: Language, bytes: number): string {
	for (const [size, unit] of BYTE_UNITS) {
		const value = bytes / size;
		if (value >= 1) return `${formatNumber(lang, value, value < 10 ? 1 : 0)} ${unit}`;
	}
	return `${formatNumber(lang, bytes)} B`;
}

/** A moment as date and time: sv 6 dec. 2026 10:35 — en 6 Dec 2026, 10:35. An unreadable time is shown as given. */
export function formatTimestamp(lang: Language, iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
