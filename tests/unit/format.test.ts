import { describe, expect, it } from 'vitest';
import { formatBytes } from '$lib/format';

// Intl separates thousands in sv-SE with a narrow no-break space (U+00A0 in older ICU).
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatBytes', () => {
	it.each([
		[0, '1 kB', '1 kB'],
		[1023 * 1024, '1 023 kB', '1,023 kB'],
		[28_729 * 1024, '28,1 MB', '28.1 MB'],
		[1024 * 1024, '1 MB', '1 MB'],
		[863.4 * 1024 * 1024, '863 MB', '863 MB'],
		[12.34 * 1024 * 1024, '12,3 MB', '12.3 MB'],
		[1.6 * 1024 ** 3, '1,6 GB', '1.6 GB'],
		[5000 * 1024 ** 3, '5 000 GB', '5,000 GB']
	])('%d bytes: %s (sv), %s (en)', (bytes, sv, en) => {
		expect(plain(formatBytes('sv', bytes))).toBe(sv);
		expect(plain(formatBytes('en', bytes))).toBe(en);
	});
});
