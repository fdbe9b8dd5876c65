// Peak memory of the current process, per phase: resident set size (Linux VmHWM, reset between
// phases through /proc/self/clear_refs) and V8 heap in use (sampled every 10 ms and at phase ends;
// a blocking wasm call keeps the sampler from running, so its peak is taken at the phase end).
import fs from 'node:fs';

const MB = 1024 * 1024;

function readStatus(field: string): number | null {
	try {
		const m = fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
		return m ? (Number(m[1]) * 1024) / MB : null;
	} catch {
		return null;
	}
}

function resetPeakRss(): boolean {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

export interface PhaseResult {
	ms: number;
	/** Peak resident set size during the phase, MB (whole process, wasm memory and native DuckDB included). */
	peakRssMb: number | null;
	/** Peak V8 heap used during the phase, MB. */
	peakHeapMb: number;
	/** Resident set size at the start of the phase, MB. */
	startRssMb: number;
}

/** Run one phase and measure its time and peak memory. */
export async function phase<T>(fn: () => Promise<T> | T): Promise<{ value: T; result: PhaseResult }> {
	const startRssMb = process.memoryUsage().rss / MB;
	const canReset = resetPeakRss();
	let peakHeap = process.memoryUsage().heapUsed;
	const timer = setInterval(() => {
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	}, 10);
	const t0 = performance.now();
	try {
		const value = await fn();
		const ms = performance.now() - t0;
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
		const hwm = canReset ? readStatus('VmHWM') : null;
		return {
			value,
			result: {
				ms,
				peakRssMb: hwm ?? process.resourceUsage().maxRSS / 1024,
				peakHeapMb: peakHeap / MB,
				startRssMb
			}
		};
	} finally {
		clearInterval(timer);
	}
}
