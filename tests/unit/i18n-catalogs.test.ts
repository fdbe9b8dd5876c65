import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

const DIR = 'src/lib/i18n';

/** Every leaf key of a nested catalog, with its message. */
function leaves(o: unknown, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (typeof v === 'string') out.set(key, v);
		else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
	}
	return out;
}

const catalog = (lang: string) => {
	const all = new Map<string, string>();
	for (const f of fs
		.readdirSync(path.join(DIR, lang))
		.filter((f) => f.endsWith('.json'))
		.sort())
		for (const [k, v] of leaves(JSON.parse(fs.readFileSync(path.join(DIR, lang, f), 'utf8')), f.slice(0, -5)))
			all.set(k, v);
	return all;
};

describe('message catalogs', () => {
	const sv = catalog('sv');
	const en = catalog('en');

	it('have the same files in both languages', () => {
		expect(fs.readdirSync(path.join(DIR, 'en')).sort()).toEqual(fs.readdirSync(path.join(DIR, 'sv')).sort());
	});

	it('leave no string untranslated: English has every Swedish key and no other', () => {
		expect([...en.keys()].filter((k) => !sv.has(k))).toEqual([]);
		expect([...sv.keys()].filter((k) => !en.has(k))).toEqual([]);
	});

	it('parse as ICU messages with the same placeholders in both languages', () => {
		const placeholders = (m: string, locale: string) => {
			const names = new Set<string>();
			const walk = (els: unknown[]) => {
				for (const el of els as {
					type: number;
					value?: string;
					options?: Record<string, { value: unknown[] }>;
				}[]) {
					if (el.type !== 0 && el.type !== 7 && el.value) names.add(el.value);
					if (el.options) for (const o of Object.values(el.options)) walk(o.value);
				}
			};
			walk(new IntlMessageFormat(m, locale).getAst() as unknown[]);
			return [...names].sort();
		};
		for (const [key, m] of sv)
			expect(placeholders(en.get(key)!, 'en-GB'), key).toEqual(placeholders(m, 'sv-SE'));
	});
});
