export * from './definition';
export { validateDefinition } from './validate';
export { compileIndicator, CompileError, type CompiledIndicator, type CompileOptions } from './compile';
export { BUILT_IN_INDICATORS, builtInIndicator } from './library';
export { checkSql, checkSqlText, referencedTables, type SandboxError, type SandboxResult } from './sandbox';
export {
	computeIndicators,
	createIndicatorCache,
	prepareIndicator,
	type ComputeOptions,
	type ComputeResult,
	type IndicatorCache,
	type IndicatorError,
	type IndicatorRow
} from './run';
