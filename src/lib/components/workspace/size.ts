import { formatNumber } from '$lib/format';
import type { Language } from '$lib/i18n';

/** Bytes as kB or MB (decimal units), in the language's number format. */
export function formatBytes(lang: Language, bytes: number): string {
	if (bytes < 1000) return `${formatNumber(lang, bytes)} B`;
	if (bytes < 1_000_000) return `${formatNumber(lang, bytes / 1000, bytes < 10_000 ? 1 : 0)} kB`;
	return `${formatNumber(lang, bytes / 1_000_000, 1)} MB`;
}

export function formatTimestamp(lang: Language, iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short'
	}).format(d);
}
