import type { ColumnSpec } from '../schema/tables';
import { normaliseName } from './names';

/** Swedish words exports use for enum values, normalised (see names.ts) → canonical value. */
const ALIASES: Record<string, Record<string, string>> = {
	sex: {
		k: 'F',
		kvinna: 'F',
		flicka: 'F',
		tjej: 'F',
		female: 'F',
		man: 'M',
		pojke: 'M',
		kille: 'M',
		male: 'M',
		annat: 'X',
		other: 'X'
	},
	level: { gron: 'green', gul: 'yellow', rod: 'red' },
	role: {
		projekt: 'project',
		jamforelse: 'comparison',
		jamforelsegrupp: 'comparison',
		historisk: 'historical'
	},
	exit_reason: {
		avslutad: 'completed',
		fullfoljd: 'completed',
		flyttat: 'moved',
		flytt: 'moved',
		aldersgrans: 'aged_out',
		avbojt: 'declined',
		tackat_nej: 'declined',
		annan: 'other',
		ovrigt: 'other'
	},
	care_type: {
		familjehem: 'family_home',
		stodboende: 'supported_housing',
		oppenvard: 'open_care',
		oppen_vard: 'open_care'
	},
	entry: {
		bidrag: 'grant',
		beviljat: 'grant',
		utbetalning: 'disbursement',
		planerad_aterbetalning: 'planned_repayment',
		aterbetalningsplan: 'planned_repayment',
		aterbetalning: 'repayment',
		planrevidering: 'plan_revision',
		reviderad_plan: 'plan_revision'
	}
};

/**
 * Every spelling accepted for an enum column, as (normalised raw value → canonical value) pairs:
 * canonical values in any case, Swedish aliases with or without diacritics (`Röd`, `rod`).
 */
export function enumSpellings(col: ColumnSpec): [string, string][] {
	const pairs = new Map<string, string>();
	for (const v of col.values ?? []) pairs.set(normaliseName(v), v);
	for (const [alias, v] of Object.entries(ALIASES[col.name] ?? {})) pairs.set(alias, v);
	return [...pairs.entries()];
}

/** Old Swedish grade scales (1994–2011 MVG…IG, before that 1–5): not convertible to A–F. */
export const OLD_GRADES = ['mvg', 'vg', 'g', 'ig', '1', '2', '3', '4', '5'];
