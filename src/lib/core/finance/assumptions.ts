/**
 * Adjustable defaults of the savings model. Every value carries a low and a high for the tornado and
 * a source; sources starting with `finance.` are i18n keys (finance.source.*) explaining the default.
 */

export type EvidenceGrade = 'A' | 'B' | 'C' | 'D';
export const EVIDENCE_GRADES: readonly EvidenceGrade[] = ['A', 'B', 'C', 'D'];

export interface Assumption {
	value: number;
	low: number;
	high: number;
	source: string;
}

export type GradeTable = Record<EvidenceGrade, number>;

export interface OptimismBias {
	/** Haircut on benefits by evidence grade, as a share. */
	byGrade: GradeTable;
	low: GradeTable;
	high: GradeTable;
	source: string;
}

export interface PriceIndex {
	/** Index value by calendar year; any base. */
	table: Record<number, number>;
	/** Year whose prices all amounts are restated in; null = no restatement. */
	targetYear: number | null;
	source: string;
}

export interface Assumptions {
	/** Extra share of the effect that would have happened anyway, beyond what the baseline carries. */
	deadweight: Assumption;
	/** Share of the effect due to this project. */
	attribution: Assumption;
	/** Share by which the effect fades each year after its first year, compounding. */
	dropOff: Assumption;
	optimismBias: OptimismBias;
	/** Yearly discount rate. */
	discountRate: Assumption;
	/** Last year counted, as years after the grant year (year 0). */
	horizon: Assumption;
	priceIndex: PriceIndex;
}

export type NumericAssumptionKey = 'deadweight' | 'attribution' | 'dropOff' | 'discountRate' | 'horizon';
export const NUMERIC_ASSUMPTIONS: readonly NumericAssumptionKey[] = [
	'deadweight',
	'attribution',
	'dropOff',
	'discountRate',
	'horizon'
];

export const DEFAULT_ASSUMPTIONS: Assumptions = {
	deadweight: { value: 0, low: 0, high: 0.2, source: 'finance.source.deadweight' },
	attribution: { value: 1, low: 0.75, high: 1, source: 'finance.source.attribution' },
	dropOff: { value: 0, low: 0, high: 0.2, source: 'finance.source.drop_off' },
	optimismBias: {
		byGrade: { A: 0, B: 0.15, C: 0.3, D: 0.5 },
		// Sensitivity: the next better and the next worse grade's haircut.
		low: { A: 0, B: 0, C: 0.15, D: 0.3 },
		high: { A: 0.15, B: 0.3, C: 0.5, D: 0.5 },
		source: 'finance.source.optimism_bias'
	},
	discountRate: { value: 0.035, low: 0.015, high: 0.05, source: 'finance.source.discount_rate' },
	horizon: { value: 5, low: 3, high: 10, source: 'finance.source.horizon' },
	priceIndex: { table: {}, targetYear: null, source: 'finance.source.price_index' }
};

export type AssumptionOverrides = Partial<{
	[K in keyof Assumptions]: Partial<Assumptions[K]>;
}>;

/** Defaults with the user's edits laid over them, one level deep. */
export function withDefaults(overrides: AssumptionOverrides = {}): Assumptions {
	const d = DEFAULT_ASSUMPTIONS;
	const o = overrides;
	return {
		deadweight: { ...d.deadweight, ...o.deadweight },
		attribution: { ...d.attribution, ...o.attribution },
		dropOff: { ...d.dropOff, ...o.dropOff },
		optimismBias: { ...d.optimismBias, ...o.optimismBias },
		discountRate: { ...d.discountRate, ...o.discountRate },
		horizon: { ...d.horizon, ...o.horizon },
		priceIndex: { ...d.priceIndex, ...o.priceIndex }
	};
}
