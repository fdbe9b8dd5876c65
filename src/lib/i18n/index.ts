import { addMessages, init, locale } from 'svelte-i18n';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'sv';

type Catalog = Parameters<typeof addMessages>[1];

// One JSON file per area and language; the file name is the key prefix (`app.title`).
const files = import.meta.glob<Catalog>('./*/*.json', { eager: true, import: 'default' });

export function catalog(lang: Language): Catalog {
	const merged: Catalog = {};
	for (const [path, messages] of Object.entries(files)) {
		const m = /^\.\/(\w+)\/([\w-]+)\.json$/.exec(path);
		if (m && m[1] === lang) merged[m[2]] = messages;
	}
	return merged;
}

let ready = false;
export function setupI18n(lang: Language = DEFAULT_LANGUAGE): void {
	if (!ready) {
		for (const l of LANGUAGES) addMessages(l, catalog(l));
		init({ fallbackLocale: DEFAULT_LANGUAGE, initialLocale: lang });
		ready = true;
	} else locale.set(lang);
}

export const isLanguage = (x: unknown): x is Language => LANGUAGES.includes(x as Language);
