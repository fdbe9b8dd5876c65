import { describe, expect, it } from 'vitest';
import { importPageTable } from '../../../scripts/bench/sections';

describe('the import page table in BENCHMARKS.md', () => {
	it('shows each size with its times, heap before and after a GC, renderer peak RSS, and a dash for what was not measured', () => {
		expect(
			importPageTable({
				'1m': {
					ok: true,
					pickMs: 800,
					importMs: 6770,
					heapMb: 152.4,
					heapAfterGcMb: 40.2,
					rendererMb: 1210.6
				},
				'5m': { ok: false, error: 'timed out', rendererMb: null }
			}).slice(2)
		).toEqual([
			'| 1m | yes | 800 ms | 6.77 s | 152 MB | 40 MB | 1211 MB |',
			'| 5m | **no**: timed out | – | – | – | – | – |'
		]);
	});
});
