import { describe, expect, it } from 'vitest';
import { DEFAULT_K, MIN_K, primarySuppression, resolveK } from '$lib/core/disclosure';

describe('resolveK', () => {
	it('defaults to 10 and never goes below 3', () => {
		expect(resolveK()).toBe(DEFAULT_K);
		expect(resolveK(NaN)).toBe(10);
		expect(resolveK(1)).toBe(MIN_K);
		expect(resolveK(-5)).toBe(3);
		expect(resolveK(4.2)).toBe(5);
		expect(resolveK(15)).toBe(15);
	});
});

describe('primarySuppression', () => {
	it('hides groups below k, including empty groups and n = 1', () => {
		expect(primarySuppression({ n: 9 })).toBe('small_n');
		expect(primarySuppression({ n: 10 })).toBeNull();
		expect(primarySuppression({ n: 0 })).toBe('small_n');
		expect(primarySuppression({ n: 1, events: 1 })).toBe('small_n');
		expect(primarySuppression({ n: 4 }, { k: 4 })).toBeNull();
		expect(primarySuppression({ n: 2 }, { k: 1 })).toBe('small_n');
	});

	it('hides a sensitive 0 % or 100 % share unless the group has at least 2k', () => {
		const sensitive = { sensitive: true };
		expect(primarySuppression({ n: 12, events: 0 }, sensitive)).toBe('extreme_share');
		expect(primarySuppression({ n: 19, events: 19 }, sensitive)).toBe('extreme_share');
		expect(primarySuppression({ n: 20, events: 20 }, sensitive)).toBeNull();
		expect(primarySuppression({ n: 12, events: 1 }, sensitive)).toBeNull();
		expect(primarySuppression({ n: 12, events: 0 })).toBeNull();
		expect(primarySuppression({ n: 25, events: 0 }, { sensitive: true, extremeMinN: 30 })).toBe(
			'extreme_share'
		);
		// extremeMinN loosens the extreme-share rule down to k, never the small-n rule.
		expect(primarySuppression({ n: 8, events: 0 }, { sensitive: true, extremeMinN: 5 })).toBe('small_n');
		expect(primarySuppression({ n: 12, events: 0 }, { sensitive: true, extremeMinN: 5 })).toBeNull();
	});
});
