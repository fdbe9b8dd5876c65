import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import sv from '$lib/i18n/sv/verdicts.json';
import en from '$lib/i18n/en/verdicts.json';
import { verdict, type VerdictCode } from '$lib/core/stats/verdict';

const iv = (estimate: number, lower: number | null, upper: number | null) => ({
	estimate,
	lower,
	upper,
	level: 0.95
});

describe('verdict', () => {
	it('is clear only when the whole interval is on one side', () => {
		const up = iv(0.2, 0.05, 0.35);
		expect(verdict({ difference: up, direction: 'higher_better', n: [20, 30] })).toMatchObject({
			code: 'better_clear',
			chance: false
		});
		expect(verdict({ difference: up, direction: 'lower_better', n: [20, 30] }).code).toBe('worse_clear');
		const down = iv(-0.2, -0.35, -0.05);
		expect(verdict({ difference: down, direction: 'lower_better', n: [20, 30] }).code).toBe('better_clear');
		expect(verdict({ difference: down, direction: 'higher_better', n: [20, 30] }).code).toBe('worse_clear');
	});

	it('never calls a difference whose interval contains or touches 0 clear', () => {
		for (const d of [iv(0.3, -0.01, 0.6), iv(0.3, 0, 0.6), iv(-0.3, -0.6, 0)])
			expect(verdict({ difference: d, direction: 'higher_better', n: [20, 20] })).toMatchObject({
				code: 'no_clear_difference',
				chance: true
			});
	});

	it('uses 1 as the null value for ratios', () => {
		expect(
			verdict({ difference: iv(0.6, 0.4, 0.9), direction: 'lower_better', n: [50, 50], nullValue: 1 }).code
		).toBe('better_clear');
		expect(
			verdict({ difference: iv(0.6, 0.4, 1.2), direction: 'lower_better', n: [50, 50], nullValue: 1 }).code
		).toBe('no_clear_difference');
		expect(
			verdict({
				difference: iv(Infinity, 2, Infinity),
				direction: 'higher_better',
				n: [50, 50],
				nullValue: 1
			}).code
		).toBe('better_clear');
	});

	it('says too few below the minimum, whatever the interval', () => {
		const v = verdict({ difference: iv(0.5, 0.2, 0.8), direction: 'higher_better', n: [6, 40], minN: 10 });
		expect(v).toEqual({ code: 'too_few', chance: true, params: { baseline: 'comparison', n: 6, minN: 10 } });
	});

	it('says no data for a missing estimate or an empty group, and unclear without bounds', () => {
		expect(verdict({ difference: null, direction: 'higher_better', n: [20, 20] }).code).toBe('no_data');
		expect(verdict({ difference: iv(NaN, 0, 1), direction: 'higher_better', n: [20, 20] }).code).toBe(
			'no_data'
		);
		expect(verdict({ difference: iv(0.1, 0, 1), direction: 'higher_better', n: [0, 20] })).toMatchObject({
			code: 'no_data',
			chance: false
		});
		expect(verdict({ difference: iv(0.1, 0, 1), direction: 'higher_better', n: [] }).code).toBe('no_data');
		expect(verdict({ difference: iv(2, null, null), direction: 'higher_better', n: [20, 20] }).code).toBe(
			'no_clear_difference'
		);
	});
});

type Tree = { [key: string]: string | Tree };
const keys = (t: Tree, prefix = ''): string[] =>
	Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
const at = (t: Tree, path: string) =>
	path.split('.').reduce<string | Tree>((n, k) => (n as Tree)[k], t) as string;

describe('verdict wording', () => {
	it('has the same keys in Swedish and English, and one per code', () => {
		expect(keys(sv).sort()).toEqual(keys(en).sort());
		const codes: VerdictCode[] = ['better_clear', 'worse_clear', 'no_clear_difference', 'too_few', 'no_data'];
		for (const c of codes) expect(keys(sv)).toContain(`${c}.headline`);
	});

	it('parses as ICU and names the baseline', () => {
		for (const [lang, tree] of [
			['sv', sv],
			['en', en]
		] as const)
			for (const key of keys(tree))
				expect(() =>
					new IntlMessageFormat(at(tree, key), lang).format({
						baseline: 'national',
						n: 4,
						minN: 10,
						crude: 'x',
						standardised: 'y'
					})
				).not.toThrow();
		const format = (baseline: string) =>
			new IntlMessageFormat(sv.better_clear.headline, 'sv').format({ baseline });
		expect(format('comparison')).toBe('Bättre än jämförelsegruppen — skillnaden är tydlig');
		expect(format('before')).toBe('Bättre än tiden före projektet — skillnaden är tydlig');
		expect(format('national')).toBe('Bättre än riksgenomsnittet — skillnaden är tydlig');
		expect(format('baseline_measurement')).toBe('Bättre än baslinjemätningen — skillnaden är tydlig');
		expect(new IntlMessageFormat(sv.too_few.detail, 'sv').format({ n: 1, minN: 10 })).toBe(
			'Den minsta gruppen har 1 person; minst 10 behövs för en bedömning.'
		);
	});
});
