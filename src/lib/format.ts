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

const BYTE_UNITS = ['kilobyte', 'megabyte', 'gigabyte'] as const;

/** A file size as file managers show it (multiples of 1024): sv 28 729 kB, 863,4 MB, 1,6 GB. */
export function formatBytes(lang: Language, bytes: number): string {
	let value = Math.max(1, bytes / 1024);
	let unit = 0;
	while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit > 0 && value < 100 ? 1 : 0;
	return nf(lang, { style: 'unit', unit: BYTE_UNITS[unit], maximumFractionDigits: digits }).format(value);
}
