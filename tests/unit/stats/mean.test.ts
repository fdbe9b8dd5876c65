import { describe, expect, it } from 'vitest';
import { meanInterval, summarise, welch } from '$lib/core/stats/mean';

// Reference: scipy 1.17 ttest_ind(a, b, equal_var=False) and ttest_1samp(...).confidence_interval().
const a = [212, 198, 245, 230, 188, 201, 260, 219];
const b = [180, 175, 210, 168, 190, 172, 199, 185, 205, 160, 178];

describe('summarise', () => {
	it('gives mean and sample sd', () => {
		const s = summarise(a)!;
		expect(s.mean).toBeCloseTo(219.125, 10);
		expect(s.sd).toBeCloseTo(24.6486018, 6);
		expect(s.n).toBe(8);
		expect(summarise([])).toBeNull();
		expect(summarise([7])).toEqual({ mean: 7, sd: 0, n: 1 });
	});
});

describe('welch', () => {
	it('matches scipy for two small groups', () => {
		const r = welch(summarise(a)!, summarise(b)!)!;
		expect(r.estimate).toBeCloseTo(35.3068182, 6);
		expect(r.df!).toBeCloseTo(11.1006401, 6);
		expect(r.t!).toBeCloseTo(3.5563973, 6);
		expect(r.p!).toBeCloseTo(0.0044394, 6);
		expect(r.lower!).toBeCloseTo(13.4802603, 5);
		expect(r.upper!).toBeCloseTo(57.133376, 5);
	});

	it('honours the level', () => {
		const r = welch(summarise(a)!, summarise(b)!, 0.9)!;
		expect(r.lower!).toBeCloseTo(17.4926065, 5);
		expect(r.upper!).toBeCloseTo(53.1210299, 5);
	});

	it('gives no interval for one person or no spread, and null for an empty group', () => {
		expect(welch({ mean: 5, sd: 0, n: 1 }, summarise(b)!)).toMatchObject({
			lower: null,
			upper: null,
			p: null
		});
		expect(welch({ mean: 5, sd: 0, n: 4 }, { mean: 5, sd: 0, n: 4 })).toMatchObject({
			estimate: 0,
			lower: null,
			p: null
		});
		expect(welch({ mean: 0, sd: 0, n: 0 }, summarise(b)!)).toBeNull();
	});
});

describe('meanInterval', () => {
	it('matches scipy ttest_1samp', () => {
		const r = meanInterval(summarise(a)!)!;
		expect(r.lower!).toBeCloseTo(198.5182532, 6);
		expect(r.upper!).toBeCloseTo(239.7317468, 6);
		expect(r.df).toBe(7);
		const two = meanInterval(summarise([3, 5])!)!;
		expect(two.lower!).toBeCloseTo(-8.7062047, 6);
		expect(two.upper!).toBeCloseTo(16.7062047, 6);
	});

	it('has no bounds for one person and is null for none', () => {
		expect(meanInterval({ mean: 4, sd: 0, n: 1 })).toMatchObject({ estimate: 4, lower: null, upper: null });
		expect(meanInterval({ mean: 0, sd: 0, n: 0 })).toBeNull();
	});
});
