export { DEFAULT_K, MIN_K, resolveK } from './threshold';
export {
	primarySuppression,
	type DisclosureCell,
	type PrimaryOptions,
	type SuppressionReason
} from './primary';
export {
	suppressLine,
	suppressTable,
	type CellStatus,
	type ComplementaryOptions,
	type LineSuppression,
	type TableSuppression
} from './complementary';
