import { describe, expect, it } from 'vitest';
import en from '$lib/i18n/en/finance.json';
import sv from '$lib/i18n/sv/finance.json';
import { LEDGER_ISSUE_CODES } from '$lib/core/finance/ledger';
import { REPAYMENT_STATUSES } from '$lib/core/finance/position';
import { FORMULA_NAMES } from '$lib/core/finance/trace';
import { DEFAULT_ASSUMPTIONS } from '$lib/core/finance/assumptions';

type Tree = { [k: string]: string | Tree };
const keys = (t: Tree, prefix = ''): string[] =>
	Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('finance messages', () => {
	it('have the same keys in Swedish and English', () => {
		expect(keys(sv).sort()).toEqual(keys(en).sort());
	});

	it('cover every issue code, status, formula and default source', () => {
		const all = new Set(keys(en).map((k) => `finance.${k}`));
		const needed = [
			...LEDGER_ISSUE_CODES.map((c) => `finance.issue.${c}`),
			...REPAYMENT_STATUSES.map((s) => `finance.status.${s}`),
			...FORMULA_NAMES.map((f) => `finance.formula.${f}`),
			...Object.values(DEFAULT_ASSUMPTIONS).map((a) => a.source)
		];
		expect(needed.filter((k) => !all.has(k))).toEqual([]);
	});

	it('use the same placeholders in both languages', () => {
		const flat = (t: Tree) => {
			const out: Record<string, string> = {};
			const walk = (x: Tree, p: string) =>
				Object.entries(x).forEach(([k, v]) =>
					typeof v === 'string' ? (out[p + k] = v) : walk(v, `${p}${k}.`)
				);
			walk(t, '');
			return out;
		};
		const e = flat(en);
		const s = flat(sv);
		for (const k of Object.keys(e)) expect([k, placeholders(s[k])]).toEqual([k, placeholders(e[k])]);
	});
});
