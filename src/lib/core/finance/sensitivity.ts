/**
 * One-way sensitivity (tornado) and scenarios. Each assumption is set to its low and its high value
 * with all others central. The pessimistic scenario takes, for every assumption, the end that gave
 * the lower NPV in the tornado; the optimistic one the end that gave the higher.
 */
import { NUMERIC_ASSUMPTIONS, withDefaults, type Assumptions, type GradeTable } from './assumptions';
import type { Ore } from './money';
import {
	effectOf,
	evaluate,
	settingAt,
	type Evaluation,
	type ModelSetting,
	type SavingsInput
} from './savings';

export type End = 'low' | 'high';

export interface TornadoBar {
	/** An assumption name, `effect:<outcome id>` or `unit_cost:<outcome id>`. */
	key: string;
	lowValue: number | GradeTable;
	highValue: number | GradeTable;
	npvLowOre: Ore;
	npvHighOre: Ore;
	/** |NPV at high − NPV at low|. */
	swingOre: Ore;
}

export interface Tornado {
	centralNpvOre: Ore;
	/** Largest swing first. */
	bars: TornadoBar[];
}

export interface Scenario {
	evaluation: Evaluation;
	ends: Record<string, End>;
}

export interface Scenarios {
	pessimistic: Scenario;
	central: Evaluation;
	optimistic: Scenario;
}

interface Variation {
	key: string;
	value: (end: End) => number | GradeTable;
	apply: (s: ModelSetting, end: End) => ModelSetting;
}

function variations(model: SavingsInput, a: Assumptions): Variation[] {
	const list: Variation[] = NUMERIC_ASSUMPTIONS.map((key) => ({
		key,
		value: (end) => a[key][end],
		apply: (s, end) => ({ ...s, [key]: a[key][end] })
	}));
	list.push({
		key: 'optimismBias',
		value: (end) => a.optimismBias[end],
		apply: (s, end) => ({ ...s, optimismBias: a.optimismBias[end] })
	});
	for (const o of model.outcomes) {
		if (o.differenceInterval) {
			list.push({
				key: `effect:${o.id}`,
				value: (end) => effectOf(o, end).value,
				apply: (s, end) => ({ ...s, effects: { ...s.effects, [o.id]: effectOf(o, end) } })
			});
		}
		const { lowOre, highOre } = o.unitCost;
		if (lowOre !== undefined && highOre !== undefined) {
			const cost = (end: End) => (end === 'low' ? lowOre : highOre);
			list.push({
				key: `unit_cost:${o.id}`,
				value: cost,
				apply: (s, end) => ({ ...s, unitCostsOre: { ...s.unitCostsOre, [o.id]: cost(end) } })
			});
		}
	}
	return list;
}

export function tornado(model: SavingsInput): Tornado {
	const a = withDefaults(model.assumptions);
	const central = settingAt(model, a, 'central');
	const bars = variations(model, a).map((v) => {
		const npvLowOre = evaluate(model, a, v.apply(central, 'low')).npvOre;
		const npvHighOre = evaluate(model, a, v.apply(central, 'high')).npvOre;
		return {
			key: v.key,
			lowValue: v.value('low'),
			highValue: v.value('high'),
			npvLowOre,
			npvHighOre,
			swingOre: Math.abs(npvHighOre - npvLowOre)
		};
	});
	bars.sort((x, y) => y.swingOre - x.swingOre || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
	return { centralNpvOre: evaluate(model, a, central).npvOre, bars };
}

export function scenarios(model: SavingsInput): Scenarios {
	const a = withDefaults(model.assumptions);
	const central = settingAt(model, a, 'central');
	const list = variations(model, a);
	const npv = (v: Variation, end: End) => evaluate(model, a, v.apply(central, end)).npvOre;
	const scenario = (worse: boolean): Scenario => {
		let s = central;
		const ends: Record<string, End> = {};
		for (const v of list) {
			const lowIsWorse = npv(v, 'low') <= npv(v, 'high');
			const end: End = lowIsWorse === worse ? 'low' : 'high';
			ends[v.key] = end;
			s = v.apply(s, end);
		}
		return { evaluation: evaluate(model, a, s), ends };
	};
	return { pessimistic: scenario(true), central: evaluate(model, a, central), optimistic: scenario(false) };
}
