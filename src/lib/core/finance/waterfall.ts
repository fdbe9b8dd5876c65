/**
 * The savings model as a waterfall: gross savings over the horizon, each adjustment taken off in
 * the order the model applies them, discounting, the present value, the costs, and the NPV.
 *
 * Every adjustment is multiplicative, so a step's size depends on the order; the order here is the
 * model's: deadweight, attribution, optimism bias, drop-off (on each outcome-year), then discounting.
 * The drop-off step ends exactly at the model's undiscounted benefits and the discounting step at its
 * present value, so öre rounding inside the model never shows as a gap.
 */
import type { Assumptions } from './assumptions';
import { roundOre, type Ore } from './money';
import type { Evaluation, SavingsInput } from './savings';

export type WaterfallKey =
	| 'gross'
	| 'deadweight'
	| 'attribution'
	| 'optimism_bias'
	| 'drop_off'
	| 'discounting'
	| 'pv_benefits'
	| 'pv_costs'
	| 'npv';

export interface WaterfallStep {
	key: WaterfallKey;
	/** 'total' bars stand on zero; 'change' bars float from the running total. */
	kind: 'total' | 'change';
	/** Total: the amount; change: the signed change (negative = taken off). */
	amountOre: Ore;
	/** Running total before and after this bar. */
	fromOre: Ore;
	toOre: Ore;
}

export function savingsWaterfall(model: SavingsInput, a: Assumptions, e: Evaluation): WaterfallStep[] {
	let gross = 0;
	let afterDeadweight = 0;
	let afterAttribution = 0;
	let afterBias = 0;
	for (const r of e.outcomes) {
		const o = model.outcomes.find((x) => x.id === r.id);
		if (!o) continue;
		const bias = a.optimismBias.byGrade[o.evidenceGrade];
		for (let i = 0; i < r.years.length; i++) {
			gross += r.grossOre;
			afterDeadweight += r.grossOre * (1 - a.deadweight.value);
			afterAttribution += r.grossOre * (1 - a.deadweight.value) * a.attribution.value;
			afterBias += r.grossOre * (1 - a.deadweight.value) * a.attribution.value * (1 - bias);
		}
	}
	const totals: [WaterfallKey, Ore][] = [
		['gross', roundOre(gross)],
		['deadweight', roundOre(afterDeadweight)],
		['attribution', roundOre(afterAttribution)],
		['optimism_bias', roundOre(afterBias)],
		['drop_off', e.benefitsOre],
		['discounting', e.pvBenefitsOre]
	];
	const steps: WaterfallStep[] = [
		{ key: 'gross', kind: 'total', amountOre: totals[0][1], fromOre: 0, toOre: totals[0][1] }
	];
	for (let i = 1; i < totals.length; i++) {
		const [key, to] = totals[i];
		const from = totals[i - 1][1];
		steps.push({ key, kind: 'change', amountOre: to - from, fromOre: from, toOre: to });
	}
	steps.push({
		key: 'pv_benefits',
		kind: 'total',
		amountOre: e.pvBenefitsOre,
		fromOre: 0,
		toOre: e.pvBenefitsOre
	});
	steps.push({
		key: 'pv_costs',
		kind: 'change',
		amountOre: -e.pvCostsOre,
		fromOre: e.pvBenefitsOre,
		toOre: e.npvOre
	});
	steps.push({ key: 'npv', kind: 'total', amountOre: e.npvOre, fromOre: 0, toOre: e.npvOre });
	return steps;
}
