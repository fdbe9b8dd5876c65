/**
 * The numbers a dot-and-whisker chart shows, as a ChartFrame table (and so its CSV): one row per
 * group with the value, the interval and n exactly as printed beside the dots; a hidden figure is
 * `..`, as in the chart.
 */
import type { DotRow } from './DotWhisker.svelte';

export interface DotTableLabels {
	group: string;
	value: string;
	low: string;
	high: string;
	n: string;
}

export function dotTable(rows: readonly DotRow[], format: (x: number) => string, labels: DotTableLabels) {
	const text = (r: DotRow, x: number | null) => (r.suppressed ? '..' : x === null ? null : format(x));
	return {
		columns: [
			{ key: 'group', label: labels.group },
			{ key: 'value', label: labels.value, numeric: true },
			{ key: 'low', label: labels.low, numeric: true },
			{ key: 'high', label: labels.high, numeric: true },
			{ key: 'n', label: labels.n }
		],
		rows: rows.map((r) => ({
			group: r.label,
			value: text(r, r.value),
			low: text(r, r.low),
			high: text(r, r.high),
			n: r.n
		}))
	};
}
