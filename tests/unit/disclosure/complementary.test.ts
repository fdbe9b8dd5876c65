import { describe, expect, it } from 'vitest';
import { suppressLine, suppressTable, type TableSuppression } from '$lib/core/disclosure';

type Published = (number | null)[][];

/** The extended table (row totals as last column, column totals as last row) as a reader would see it. */
function publish(cells: number[][], r: TableSuppression): Published {
	const R = cells.length;
	const C = cells[0].length;
	const rowT = cells.map((row) => row.reduce((a, b) => a + b, 0));
	const colT = cells[0].map((_, j) => cells.reduce((a, row) => a + row[j], 0));
	const grand = rowT.reduce((a, b) => a + b, 0);
	const out: Published = cells.map((row, i) => [
		...row.map((v, j) => (r.cells[i][j] === 'shown' ? v : null)),
		r.rowTotals[i] === 'shown' ? rowT[i] : null
	]);
	out.push([
		...colT.map((v, j) => (r.colTotals[j] === 'shown' ? v : null)),
		r.grandTotal === 'shown' ? grand : null
	]);
	expect(out.length).toBe(R + 1);
	expect(out[0].length).toBe(C + 1);
	return out;
}

/** Every line of the extended table: parts followed by their total. */
function lines(p: Published): [number, number][][] {
	const R = p.length - 1;
	const C = p[0].length - 1;
	const out: [number, number][][] = [];
	for (let i = 0; i <= R; i++) out.push(Array.from({ length: C + 1 }, (_, j) => [i, j]));
	for (let j = 0; j <= C; j++) out.push(Array.from({ length: R + 1 }, (_, i) => [i, j]));
	return out;
}

/** Attacker 1: repeatedly solve any line with one unknown, and a line whose unknown parts must sum to 0. */
function subtractionAttack(p: Published): Map<string, number> {
	const known = p.map((row) => [...row]);
	const found = new Map<string, number>();
	for (let changed = true; changed;) {
		changed = false;
		for (const line of lines(known)) {
			const unknown = line.filter(([i, j]) => known[i][j] === null);
			if (!unknown.length) continue;
			const [ti, tj] = line[line.length - 1];
			const partsKnown = line.slice(0, -1).reduce((a, [i, j]) => a + (known[i][j] ?? 0), 0);
			const totalKnown = known[ti][tj];
			if (unknown.length === 1) {
				const [i, j] = unknown[0];
				const v = i === ti && j === tj ? partsKnown : (totalKnown as number) - partsKnown;
				known[i][j] = v;
				found.set(`${i},${j}`, v);
				changed = true;
			} else if (totalKnown !== null && totalKnown - partsKnown === 0) {
				for (const [i, j] of unknown) ((known[i][j] = 0), found.set(`${i},${j}`, 0));
				changed = true;
			}
		}
	}
	return found;
}

function rank(rows: number[][]): number {
	const m = rows.map((r) => [...r]);
	let rk = 0;
	const cols = m[0]?.length ?? 0;
	for (let c = 0; c < cols && rk < m.length; c++) {
		const piv = m.findIndex((r, i) => i >= rk && Math.abs(r[c]) > 1e-9);
		if (piv < 0) continue;
		[m[rk], m[piv]] = [m[piv], m[rk]];
		for (let i = 0; i < m.length; i++)
			if (i !== rk && Math.abs(m[i][c]) > 1e-9) {
				const f = m[i][c] / m[rk][c];
				for (let k = c; k < cols; k++) m[i][k] -= f * m[rk][k];
			}
		rk++;
	}
	return rk;
}

/** Attacker 2: a hidden cell is determined when its unit vector lies in the span of the line equations. */
function linearAttack(p: Published): string[] {
	const unknowns: string[] = [];
	p.forEach((row, i) => row.forEach((v, j) => v === null && unknowns.push(`${i},${j}`)));
	const eqs = lines(p).map((line) => {
		const coef = new Array<number>(unknowns.length).fill(0);
		line.forEach(([i, j], idx) => {
			const u = unknowns.indexOf(`${i},${j}`);
			if (u >= 0) coef[u] = idx === line.length - 1 ? -1 : 1;
		});
		return coef;
	});
	const base = rank(eqs);
	return unknowns.filter((_, u) => {
		const e = new Array<number>(unknowns.length).fill(0);
		e[u] = 1;
		return rank([...eqs, e]) === base;
	});
}

describe('the attackers', () => {
	it('recover a cell when only the primary cell is hidden', () => {
		const p: Published = [
			[3, 25, 28],
			[20, 30, 50],
			[23, 55, 78]
		];
		p[0][0] = null;
		expect(subtractionAttack(p).get('0,0')).toBe(3);
		expect(linearAttack(p)).toEqual(['0,0']);
	});
});

describe('suppressLine', () => {
	it('hides the smallest other part with a lone small part', () => {
		const r = suppressLine([3, 25, 40, 12]);
		expect(r.parts).toEqual(['primary', 'shown', 'shown', 'secondary']);
		expect(r.total).toBe('shown');
		expect([r.primary, r.secondary]).toEqual([1, 1]);
		// total 80 − 25 − 40 = 15 = hidden sum: 3 + 12, or 0 + 15, or 7 + 8 …
	});

	it('needs nothing more with two small parts, and respects k', () => {
		expect(suppressLine([3, 4, 40])).toMatchObject({ primary: 2, secondary: 0 });
		expect(suppressLine([3, 25, 40], { k: 3 })).toMatchObject({ primary: 0, secondary: 0 });
		expect(suppressLine([3, 25, 40], { k: 1 })).toMatchObject({ primary: 0, secondary: 0 });
	});

	it('does not let hidden zeros be read off a shown total', () => {
		const r = suppressLine([0, 0, 50, 30]);
		expect(r.parts).toEqual(['primary', 'primary', 'shown', 'secondary']);
	});

	it('handles a single part and empty lines', () => {
		expect(suppressLine([4])).toMatchObject({
			parts: ['primary'],
			total: 'primary',
			primary: 2,
			secondary: 0
		});
		expect(suppressLine([40])).toMatchObject({ parts: ['shown'], total: 'shown' });
		expect(suppressLine([])).toMatchObject({ parts: [], primary: 1, secondary: 0 });
	});

	it('takes extra primary cells, e.g. from the share rules', () => {
		const r = suppressLine([15, 25, 40], { primary: [false, true, false] });
		expect(r.parts).toEqual(['secondary', 'primary', 'shown']);
	});
});

describe('suppressTable', () => {
	const cases: [string, number[][]][] = [
		[
			'one small cell',
			[
				[3, 25, 40],
				[20, 30, 18],
				[15, 12, 60]
			]
		],
		[
			'small cells in several rows',
			[
				[2, 40, 35, 12],
				[30, 7, 25, 40],
				[22, 31, 4, 50],
				[18, 26, 33, 0]
			]
		],
		[
			'a small row total',
			[
				[2, 3, 1],
				[30, 25, 40],
				[28, 35, 22]
			]
		],
		[
			'zeros',
			[
				[0, 0, 40],
				[15, 20, 25],
				[0, 30, 0]
			]
		]
	];

	it.each(cases)('%s: no hidden cell can be recovered', (_, cells) => {
		const r = suppressTable(cells);
		const p = publish(cells, r);
		expect(r.primary).toBeGreaterThan(0);
		expect(subtractionAttack(p).size).toBe(0);
		expect(linearAttack(p)).toEqual([]);
		// every line has zero or at least two hidden cells
		for (const line of lines(p)) expect(line.filter(([i, j]) => p[i][j] === null).length).not.toBe(1);
	});

	it('counts primary and secondary cells, choosing the smallest', () => {
		const r = suppressTable([
			[3, 25, 40],
			[20, 30, 18],
			[15, 12, 60]
		]);
		// 3 forces a second cell in row 0 (25) and in column 0 (15); those force row 2's 12 and
		// column 1 is then balanced (25 and 12); the four hidden cells form a cycle.
		expect(r.cells).toEqual([
			['primary', 'secondary', 'shown'],
			['shown', 'shown', 'shown'],
			['secondary', 'secondary', 'shown']
		]);
		expect([r.primary, r.secondary]).toEqual([1, 3]);
	});

	it('breaks a bridge that the one-per-line rule misses', () => {
		const cells = [
			[2, 3, 50, 50, 50],
			[4, 5, 6, 50, 50],
			[50, 50, 2, 3, 50],
			[50, 50, 4, 5, 50],
			[50, 50, 50, 50, 50]
		];
		// With only the small cells hidden every line has two or more, yet cell (1, 2) follows from
		// rows 0–1 minus columns 0–1.
		const naive = publish(cells, {
			cells: cells.map((row) => row.map((v) => (v < 10 ? 'primary' : 'shown'))),
			rowTotals: cells.map(() => 'shown'),
			colTotals: cells[0].map(() => 'shown'),
			grandTotal: 'shown',
			primary: 9,
			secondary: 0
		});
		for (const line of lines(naive)) expect(line.filter(([i, j]) => naive[i][j] === null).length).not.toBe(1);
		expect(linearAttack(naive)).toEqual(['1,2']);

		const r = suppressTable(cells);
		expect(r.primary).toBe(9);
		expect(r.secondary).toBeGreaterThan(0);
		expect(linearAttack(publish(cells, r))).toEqual([]);
		expect(subtractionAttack(publish(cells, r)).size).toBe(0);
	});

	it('is deterministic and validates input', () => {
		const cells = cases[1][1];
		expect(suppressTable(cells)).toEqual(suppressTable(cells));
		expect(() => suppressTable([[1, 2], [3]])).toThrow(RangeError);
		expect(() => suppressTable([[1, -2]])).toThrow(RangeError);
		expect(suppressTable([])).toMatchObject({ cells: [], primary: 1, secondary: 0 });
	});
});
