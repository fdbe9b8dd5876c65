export { decode, decodePieces, type Decoded, type DecodedPieces, type Encoding } from './decode';
export {
	sampleText,
	sniff,
	DELIMITERS,
	type Delimiter,
	type Dialect,
	type Preview,
	type SniffResult
} from './dialect';
export { errorsToCsv } from './errors-csv';
export {
	findIdentity,
	identityColumnKind,
	identityColumns,
	identityKind,
	luhnValid,
	maskIdentity,
	scanIdentity
} from './identity';
export {
	importDataset,
	type FileReport,
	type ImportFile,
	type ImportOptions,
	type ImportResult,
	type ImportStage
} from './import-dataset';
export { failureIssue, ISSUE_CODES, messageParams, type Issue, type IssueCode } from './issues';
export {
	findIdentityNumbers,
	readRaw,
	stageRaw,
	type LoadResult,
	type RawInput,
	type RawTable,
	type StagedTable
} from './load';
export {
	checkMapping,
	headerSignature,
	suggestColumns,
	suggestMapping,
	type ColumnSuggestion,
	type FileMapping,
	type MappingSuggestion,
	type TableCandidate
} from './mapping';
export { scanCsv, scanRecords, type CsvRecord, type RecordScan, type ScanResult } from './records';
export { validateStaged } from './validate';
