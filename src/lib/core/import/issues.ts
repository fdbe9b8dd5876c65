/** Every code the importer can return; messages live in src/lib/i18n/{sv,en}/import.json under `issue`. */
export const ISSUE_CODES = [
	// decode.ts
	'file_empty',
	'file_zip',
	'file_xls',
	'file_binary',
	'file_too_large',
	// dialect.ts / records.ts
	'delimiter_not_found',
	'header_missing',
	'header_empty',
	'header_duplicate',
	'csv_unclosed_quote',
	'csv_stray_quote',
	'csv_ragged_row',
	'csv_unreadable',
	'no_rows',
	// identity.ts
	'identity_number',
	'identity_column',
	// mapping.ts
	'table_unknown',
	'table_duplicate',
	'table_required_missing',
	'column_missing',
	'column_ignored',
	'mapping_invalid',
	'mapping_mismatch',
	'file_ignored',
	// load.ts
	'not_a_number',
	'not_an_integer',
	'date_invalid',
	'date_format',
	'date_ambiguous',
	'date_excel_serial',
	'enum_invalid',
	'grade_old_scale',
	'too_many_errors',
	// validate.ts
	'value_missing',
	'duplicate_key',
	'reference_unknown',
	'reference_table_missing',
	'project_not_in_ledger',
	'date_order',
	'date_out_of_range',
	'entry_outside_cohort',
	'score_out_of_range',
	'amount_negative',
	'value_out_of_range',
	'birth_year_implausible',
	// import-dataset.ts
	'import_failed',
	'out_of_memory'
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * One finding, as codes and parameters only; the UI turns it into a sentence.
 * `line` is the line in the user's file (header = 1), `column` the user's own column name.
 */
export interface Issue {
	code: IssueCode;
	severity: 'error' | 'warning';
	file?: string;
	line?: number;
	column?: string;
	value?: string;
	/** Canonical table concerned (e.g. the referenced table). */
	table?: string;
	expected?: string | number;
	found?: string | number;
	/** The other end of a pair: the start column of a date order, the first of two duplicate lines. */
	otherColumn?: string;
	otherValue?: string;
	otherLine?: number;
	otherFile?: string;
	/** Allowed values, joined with ', '. */
	allowed?: string;
	min?: number;
	max?: number;
	/** How many values share this finding (when only the first is reported). */
	count?: number;
	kind?: string;
	/** A raw engine message, only for import_failed / out_of_memory / csv_unreadable. */
	detail?: string;
}

export const error = (code: IssueCode, fields: Omit<Issue, 'code' | 'severity'> = {}): Issue => ({
	code,
	severity: 'error',
	...fields
});

export const warning = (code: IssueCode, fields: Omit<Issue, 'code' | 'severity'> = {}): Issue => ({
	code,
	severity: 'warning',
	...fields
});

// DuckDB's buffer manager ("Out of Memory Error: could not allocate block …"), a failed ArrayBuffer
// and a wasm memory that cannot grow: all mean the data is too large for this engine.
const OUT_OF_MEMORY =
	/out of memory|could not allocate|array buffer allocation failed|maximum memory size exceeded/i;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Whether a failure means the data is too large for the engine, not that something in it is wrong. */
export const isOutOfMemory = (e: unknown): boolean => OUT_OF_MEMORY.test(messageOf(e));

/** A failure of the engine or the page during an import, as one finding with its raw message. */
export function failureIssue(e: unknown): Issue {
	return error(isOutOfMemory(e) ? 'out_of_memory' : 'import_failed', { detail: messageOf(e).slice(0, 500) });
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');

/** Every parameter an issue may carry besides its code and severity. */
export const ISSUE_FIELDS = [
	'file',
	'line',
	'column',
	'value',
	'table',
	'expected',
	'found',
	'otherColumn',
	'otherValue',
	'otherLine',
	'otherFile',
	'allowed',
	'min',
	'max',
	'count',
	'kind',
	'detail'
] as const satisfies readonly (keyof Issue)[];

/**
 * Every parameter of an issue, absent ones as undefined: ICU messages select on `undefined`
 * (e.g. a reader error without a line), and intl-messageformat refuses a parameter that is not passed.
 */
export const messageParams = (issue: Issue): Record<string, string | number | undefined> =>
	Object.fromEntries(ISSUE_FIELDS.map((f) => [f, issue[f]]));
