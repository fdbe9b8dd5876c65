import { resolveK } from './threshold';

export type CellStatus = 'shown' | 'primary' | 'secondary';

export interface ComplementaryOptions {
	k?: number;
}

export interface LineSuppression {
	parts: CellStatus[];
	total: CellStatus;
	primary: number;
	secondary: number;
}

export interface TableSuppression {
	cells: CellStatus[][];
	rowTotals: CellStatus[];
	colTotals: CellStatus[];
	grandTotal: CellStatus;
	primary: number;
	secondary: number;
}

/**
 * Parts and their total (the total is the sum of the parts). A part or total below k is a primary
 * suppression, as is a part flagged in `primary` (e.g. by the share rules). See suppressTable.
 */
export function suppressLine(
	parts: readonly number[],
	options: ComplementaryOptions & { primary?: readonly boolean[] } = {}
): LineSuppression {
	const t = suppress(
		[parts],
		{ ...options, primary: options.primary ? [options.primary] : undefined },
		false
	);
	return { parts: t.cells[0], total: t.rowTotals[0], primary: t.primary, secondary: t.secondary };
}

/**
 * Rows × columns of counts published with row totals, column totals and the grand total, all of
 * which are sums of the cells. Cells (totals included) below k, or flagged in `primary`, are hidden;
 * then further cells are hidden, smallest first, until no hidden cell can be worked out:
 * 1. no row or column has exactly one hidden cell (it would follow by subtraction);
 * 2. where a line's total is shown, its hidden parts do not sum to 0 (they would all be 0);
 * 3. every hidden cell lies on a cycle of hidden cells in the rows–columns graph; a hidden cell
 *    that is a bridge is fixed by the table's linear equations even when every line has two.
 * This prevents exact recovery; it does not guarantee a minimum width for the range an attacker can
 * bound a hidden cell to.
 */
export function suppressTable(
	cells: readonly (readonly number[])[],
	options: ComplementaryOptions & { primary?: readonly (readonly boolean[])[] } = {}
): TableSuppression {
	return suppress(cells, options, true);
}

function suppress(
	cells: readonly (readonly number[])[],
	options: ComplementaryOptions & { primary?: readonly (readonly boolean[])[] },
	withColumnTotals: boolean
): TableSuppression {
	const k = resolveK(options.k);
	const R = cells.length;
	const C = R ? cells[0].length : 0;
	for (const row of cells) {
		if (row.length !== C) throw new RangeError('every row must have the same number of cells');
		for (const v of row) if (!(v >= 0)) throw new RangeError('cells must be non-negative counts');
	}
	// Extended table: row R holds the column totals, column C the row totals.
	const v: number[][] = Array.from({ length: R + 1 }, () => new Array<number>(C + 1).fill(0));
	for (let i = 0; i < R; i++)
		for (let j = 0; j < C; j++) {
			v[i][j] = cells[i][j];
			v[i][C] += cells[i][j];
			v[R][j] += cells[i][j];
			v[R][C] += cells[i][j];
		}
	const s: CellStatus[][] = v.map((row, i) =>
		row.map((x, j) => (x < k || (i < R && j < C && options.primary?.[i]?.[j]) ? 'primary' : 'shown'))
	);
	// In a single line without column totals, each column is one cell: only the row equation exists.
	const rows = withColumnTotals ? R + 1 : R;
	const cols = C + 1;
	const hidden = (i: number, j: number) => s[i][j] !== 'shown';
	const lines: [number, number][][] = [];
	for (let i = 0; i < rows; i++) lines.push(Array.from({ length: cols }, (_, j) => [i, j]));
	if (withColumnTotals)
		for (let j = 0; j < cols; j++) lines.push(Array.from({ length: rows }, (_, i) => [i, j]));

	const hiddenIn = (line: [number, number][]) => line.filter(([i, j]) => hidden(i, j));
	const hide = (candidates: [number, number][]) => {
		const shown = candidates.filter(([i, j]) => !hidden(i, j));
		if (!shown.length) return false;
		// Smallest first; among equals prefer a cell whose crossing line also has a single hidden cell.
		const single = (i: number, j: number) =>
			withColumnTotals &&
			lines.some((l) => l.some(([a, b]) => a === i && b === j) && hiddenIn(l).length === 1)
				? 0
				: 1;
		shown.sort(([a, b], [c, d]) => v[a][b] - v[c][d] || single(a, b) - single(c, d) || a - c || b - d);
		const [i, j] = shown[0];
		s[i][j] = 'secondary';
		return true;
	};

	for (;;) {
		if (lines.some((l) => hiddenIn(l).length === 1 && hide(l))) continue;
		const zeroLines = lines.filter((l) => {
			const h = hiddenIn(l);
			return h.length >= 2 && !hidden(...l[l.length - 1]) && h.every(([i, j]) => v[i][j] === 0);
		});
		if (zeroLines.some((l) => hide(l.slice(0, -1).filter(([i, j]) => v[i][j] > 0)))) continue;
		const bridge = withColumnTotals ? findBridge(s, rows, cols) : null;
		if (bridge && hide(bridge)) continue;
		break;
	}

	const count = (status: CellStatus) =>
		s.slice(0, rows).reduce((a, row) => a + row.filter((x) => x === status).length, 0);
	return {
		cells: s.slice(0, R).map((row) => row.slice(0, C)),
		rowTotals: s.slice(0, R).map((row) => row[C]),
		colTotals: withColumnTotals ? s[R].slice(0, C) : [],
		grandTotal: withColumnTotals ? s[R][C] : s[0][C],
		primary: count('primary'),
		secondary: count('secondary')
	};
}

/**
 * A hidden cell (i, j) whose removal disconnects row i from column j in the graph of hidden cells,
 * returned as the shown cells that would close a cycle through it (rows on column j's side × columns
 * on row i's side); null when there is none.
 */
function findBridge(s: CellStatus[][], rows: number, cols: number): [number, number][] | null {
	const hidden = (i: number, j: number) => s[i][j] !== 'shown';
	// Nodes 0..rows−1 are rows, rows..rows+cols−1 columns.
	const reach = (start: number, skip: [number, number]) => {
		const seen = new Set([start]);
		const stack = [start];
		while (stack.length) {
			const node = stack.pop() as number;
			const next: number[] = [];
			if (node < rows) {
				for (let j = 0; j < cols; j++)
					if (hidden(node, j) && !(node === skip[0] && j === skip[1])) next.push(rows + j);
			} else {
				const j = node - rows;
				for (let i = 0; i < rows; i++) if (hidden(i, j) && !(i === skip[0] && j === skip[1])) next.push(i);
			}
			for (const m of next) if (!seen.has(m)) (seen.add(m), stack.push(m));
		}
		return seen;
	};
	for (let i = 0; i < rows; i++)
		for (let j = 0; j < cols; j++) {
			if (!hidden(i, j)) continue;
			const side = reach(i, [i, j]);
			if (side.has(rows + j)) continue;
			const other = reach(rows + j, [i, j]);
			const out: [number, number][] = [];
			for (const r of other) if (r < rows) for (const c of side) if (c >= rows) out.push([r, c - rows]);
			return out;
		}
	return null;
}
