import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '$lib/core/engine';
import { compact, load, newEngine, rowsOf } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await newEngine();
});
afterAll(() => engine.close());

const COHORT =
	"INSERT INTO cohorts (cohort_id, project_id, label, role, start_date, end_date) VALUES ('c1', 'p1', 'Projekt', 'project', '2016-08-01', '2017-06-30');";
const person = (id: string, exit = 'NULL, NULL') =>
	`INSERT INTO persons VALUES ('${id}', 'c1', 2001, 'F', 'Norr', 'yellow', '2016-08-15', ${exit});`;
const grades = (id: string, g: Record<string, string | null>, year = '2016/17') =>
	`INSERT INTO grades VALUES ${Object.entries(g)
		.map(([s, v]) => `('${id}', '${year}', '${s}', ${v === null ? 'NULL' : `'${v}'`})`)
		.join(', ')};`;

describe('eligible_vocational', () => {
	// p1: SV, EN, MA + BI, FY, KE, GE, HI = 5 others → eligible
	// p2: SVA instead of SV + 5 others → eligible
	// p3: MA = F (8 others passed) → not eligible
	// p4: 6 others, FY = F → 5 passed others → eligible
	// p5: in the cohort without grade rows → not in the denominator
	// → 3 of 4 = 0.75
	const fixture = [
		COHORT,
		person('p1'),
		person('p2'),
		person('p3', "'2017-01-10', 'moved'"),
		person('p4', "'2017-06-30', 'completed'"),
		person('p5'),
		grades('p1', { SV: 'E', EN: 'E', MA: 'E', BI: 'C', FY: 'D', KE: 'E', GE: 'A', HI: 'B' }),
		grades('p2', { SVA: 'E', EN: 'D', MA: 'C', BI: 'E', FY: 'E', KE: 'E', GE: 'E', HI: 'E' }),
		grades('p3', {
			SV: 'A',
			EN: 'A',
			MA: 'F',
			BI: 'A',
			FY: 'A',
			KE: 'A',
			GE: 'A',
			HI: 'A',
			RE: 'A',
			SH: 'A',
			MU: 'A'
		}),
		grades('p4', { SV: 'B', EN: 'B', MA: 'B', GE: 'E', HI: 'E', RE: 'E', SH: 'E', BI: 'E', FY: 'F' })
	].join('\n');

	it('counts 3 of 4 pupils with grade rows (intention to treat)', async () => {
		await load(engine, fixture);
		const rows = await rowsOf(engine, 'eligible_vocational');
		expect(compact(rows)).toEqual([['c1', '2016/17', 4, 3, 0.75]]);
		expect(rows[0].indicator_id).toBe('eligible_vocational');
	});

	it('completers drop p3, who moved: 3 of 3', async () => {
		await load(engine, fixture);
		const rows = await rowsOf(engine, 'eligible_vocational', { population: { followUp: 'completers' } });
		expect(compact(rows)).toEqual([['c1', '2016/17', 3, 3, 1]]);
	});

	it('gives no row, not 0, when there are no grades', async () => {
		await load(engine, [COHORT, person('p1')].join('\n'));
		expect(await rowsOf(engine, 'eligible_vocational')).toEqual([]);
	});
});

describe('eligibility for higher-preparatory programmes', () => {
	const core = { SV: 'C', EN: 'C', MA: 'C' };
	// h1: 9 others incl. GE HI RE SH and BI FY KE → economics, science, arts
	// h2: 9 others without SH → science, arts
	// h3: 9 others without BI FY KE → economics, arts
	// h4: 8 others → none of them (vocational yes)
	const fixture = [
		COHORT,
		...['h1', 'h2', 'h3', 'h4'].map((p) => person(p)),
		grades('h1', {
			...core,
			GE: 'E',
			HI: 'E',
			RE: 'E',
			SH: 'E',
			BI: 'E',
			FY: 'E',
			KE: 'E',
			MU: 'E',
			IDH: 'E'
		}),
		grades('h2', {
			...core,
			GE: 'E',
			HI: 'E',
			RE: 'E',
			BI: 'E',
			FY: 'E',
			KE: 'E',
			MU: 'E',
			IDH: 'E',
			BL: 'E',
			SH: 'F'
		}),
		grades('h3', {
			...core,
			GE: 'E',
			HI: 'E',
			RE: 'E',
			SH: 'E',
			MU: 'E',
			IDH: 'E',
			BL: 'E',
			TK: 'E',
			HKK: 'E'
		}),
		grades('h4', { ...core, GE: 'E', HI: 'E', RE: 'E', SH: 'E', BI: 'E', FY: 'E', KE: 'E', MU: 'E' })
	].join('\n');

	it.each([
		['eligible_higher_economics', 2, 0.5], // h1, h3
		['eligible_higher_science', 2, 0.5], // h1, h2
		['eligible_higher_arts', 3, 0.75], // h1, h2, h3
		['eligible_vocational', 4, 1] // all have ≥ 5 others
	])('%s: %i of 4', async (id, k, share) => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, id))).toEqual([['c1', '2016/17', 4, k, share]]);
	});
});

describe('passed_all_subjects', () => {
	it('counts an empty grade as not passed: 1 of 4', async () => {
		// a1 all A–E; a2 EN F; a3 EN empty string; a4 EN NULL → only a1 → 1/4 = 0.25
		await load(
			engine,
			[
				COHORT,
				...['a1', 'a2', 'a3', 'a4'].map((p) => person(p)),
				grades('a1', { SV: 'A', EN: 'E', MA: 'C' }),
				grades('a2', { SV: 'A', EN: 'F', MA: 'C' }),
				grades('a3', { SV: 'B', EN: '', MA: 'C' }),
				grades('a4', { SV: 'C', EN: null, MA: 'C' })
			].join('\n')
		);
		expect(compact(await rowsOf(engine, 'passed_all_subjects'))).toEqual([['c1', '2016/17', 4, 1, 0.25]]);
	});
});

describe('merit value', () => {
	// m1: 10 × A (200) + 6 × C (90) = 290 from the 16 best; a 17th non-ML subject (E) drops out;
	//     ML = B adds 17.5 as the 17th → 307.5 (290 without ML)
	// m2: SV A 20 + EN B 17.5 + MA F 0 + ML F 0 → 37.5
	// m3: SV E 10 + EN E 10 → 20
	// mean = (307.5 + 37.5 + 20) / 3 = 365 / 3; median = 37.5
	const sixteen: Record<string, string> = {};
	['SV', 'EN', 'MA', 'BI', 'FY', 'KE', 'GE', 'HI', 'RE', 'SH'].forEach((s) => (sixteen[s] = 'A'));
	['TK', 'BL', 'HKK', 'IDH', 'MU', 'SL'].forEach((s) => (sixteen[s] = 'C'));
	const fixture = [
		COHORT,
		...['m1', 'm2', 'm3'].map((p) => person(p)),
		grades('m1', { ...sixteen, M1: 'E', ML: 'B' }),
		grades('m2', { SV: 'A', EN: 'B', MA: 'F', ML: 'F' }),
		grades('m3', { SV: 'E', EN: 'E' })
	].join('\n');

	it('mean uses 16 best plus ML as 17th', async () => {
		await load(engine, fixture);
		const [row] = await rowsOf(engine, 'merit_value');
		expect(row.n).toBe(3);
		expect(row.value).toBeCloseTo(365 / 3, 10);
	});

	it('ML as 17th raises m1 from 290 to 307.5', async () => {
		await load(engine, [COHORT, person('m1'), grades('m1', { ...sixteen, M1: 'E', ML: 'B' })].join('\n'));
		expect((await rowsOf(engine, 'merit_value'))[0].value).toBe(307.5);
		await load(engine, [COHORT, person('m1'), grades('m1', { ...sixteen, M1: 'E' })].join('\n'));
		expect((await rowsOf(engine, 'merit_value'))[0].value).toBe(290);
	});

	it('median', async () => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, 'merit_value_median'))).toEqual([['c1', '2016/17', 3, null, 37.5]]);
	});
});

describe('school_outcomes fallback', () => {
	// s1: outcomes only, eligible 1; s2: outcomes only, eligible 0;
	// s3: grade rows (eligible: SV EN MA + 5 others) and an outcomes row saying 0 → grades win
	// → (1 + 0 + 1) / 3
	const fixture = [
		COHORT,
		...['s1', 's2', 's3'].map((p) => person(p)),
		"INSERT INTO school_outcomes VALUES ('s1', '2016/17', 1, 1, 250), ('s2', '2016/17', 0, 0, 120), ('s3', '2016/17', 0, 0, 0);",
		grades('s3', { SV: 'E', EN: 'E', MA: 'E', BI: 'E', FY: 'E', KE: 'E', GE: 'E', HI: 'E' })
	].join('\n');

	it('uses the 0/1 columns where a person-year has no grade rows', async () => {
		await load(engine, fixture);
		const [row] = await rowsOf(engine, 'eligible_vocational');
		expect([row.n, row.numerator]).toEqual([3, 2]);
		expect(row.value).toBeCloseTo(2 / 3, 12);
	});

	it('merit value: 250 and 120 from outcomes, 8 × E = 80 from grades → mean 150', async () => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, 'merit_value'))).toEqual([['c1', '2016/17', 3, null, 150]]);
	});

	it('economics eligibility has no fallback column: only s3 (5 others → no) counts', async () => {
		await load(engine, fixture);
		expect(compact(await rowsOf(engine, 'eligible_higher_economics'))).toEqual([['c1', '2016/17', 1, 0, 0]]);
	});
});
