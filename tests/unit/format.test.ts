import { describe, expect, it } from 'vitest';
import { formatBytes } from '$lib/format';

// Intl separates thousands in sv-SE with a no-break space.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatBytes', () => {
	it.each([
		[0, '0 B', '0 B'],
		[512, '512 B', '512 B'],
		[9_500, '9,5 kB', '9.5 kB'],
		[28_729, '29 kB', '29 kB'],
		[1_000_000, '1,0 MB', '1.0 MB'],
		[12_340_000, '12 MB', '12 MB'],
		[863_400_000, '863 MB', '863 MB'],
		[1_600_000_000, '1,6 GB', '1.6 GB'],
		[5_000_000_000_000, '5 000 GB', '5,000 GB']
	])('%d bytes: %s (sv), %s (en)', (bytes, sv, en) => {
		expect(plain(formatBytes('sv', bytes))).toBe(sv);
		expect(plain(formatBytes('en', bytes))).toBe(en);
	});
});
