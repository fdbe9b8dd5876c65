export * from './types';
export { wilson, newcombeDiff, relativeRisk, type RelativeRisk } from './proportion';
export { fisherExact, type FisherResult } from './fisher';
export { summarise, meanInterval, welch, type MeanInterval, type WelchResult } from './mean';
export {
	median,
	medianInterval,
	bootstrapMedianDiff,
	type MedianInterval,
	type BootstrapInterval,
	type BootstrapOptions
} from './median';
export { poissonCount, poissonRate, rateRatio, type RateRatio } from './poisson';
export {
	didShares,
	didMeans,
	didRates,
	type DidGroups,
	type DidResult,
	type DidMeansResult,
	type RateCount
} from './did';
export {
	directStandardise,
	standardisedDifference,
	standardisationChangesVerdict,
	type Stratum,
	type StandardWeight,
	type StandardiseOptions,
	type Standardised,
	type StandardisationCheck
} from './standardise';
export {
	verdict,
	DEFAULT_MIN_N,
	type Direction,
	type VerdictCode,
	type BaselineKind,
	type VerdictInput,
	type Verdict
} from './verdict';
export { mulberry32 } from './prng';
