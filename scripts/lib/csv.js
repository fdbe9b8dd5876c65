import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Column order of src/lib/core/schema/tables.ts (the test checks that these agree).
export const COLUMNS = {
	cohorts: ['cohort_id', 'project_id', 'label', 'role', 'start_date', 'end_date', 'baseline_for'],
	persons: [
		'person_id',
		'cohort_id',
		'birth_year',
		'sex',
		'area',
		'level',
		'entry_date',
		'exit_date',
		'exit_reason'
	],
	grades: ['person_id', 'school_year', 'subject', 'grade'],
	school_outcomes: ['person_id', 'school_year', 'eligible_vocational', 'eligible_higher', 'merit_value'],
	events: ['person_id', 'date', 'type', 'value'],
	care: ['person_id', 'care_type', 'start_date', 'end_date'],
	surveys: [
		'survey_id',
		'project_id',
		'wave',
		'date',
		'respondent_group',
		'respondent_id',
		'question_id',
		'score'
	],
	contacts: ['date', 'area', 'place', 'age_band', 'count'],
	fund_ledger: ['project_id', 'date', 'entry', 'amount_sek', 'note', 'plan_version'],
	unit_costs: ['item', 'unit', 'cost_sek', 'price_year', 'source'],
	reference_values: ['indicator_id', 'area', 'period', 'value', 'n', 'source']
};

export const fileOf = (table) => `${table}.csv`;

/** One CSV field: numbers are written by the caller as strings or integers; null/undefined → empty. */
export function field(v) {
	if (v === null || v === undefined) return '';
	const s = typeof v === 'number' ? numberText(v) : String(v);
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Locale-free number text: integers as is, others with at most 4 decimals and no trailing zeros. */
export function numberText(n) {
	if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
	if (Number.isInteger(n)) return String(n);
	return String(Number(n.toFixed(4)));
}

export const csvLine = (values) => values.map(field).join(',') + '\n';

export function toCsv(table, rows) {
	const cols = COLUMNS[table];
	if (!cols) throw new Error(`unknown table ${table}`);
	let out = csvLine(cols);
	for (const row of rows) {
		for (const key of Object.keys(row))
			if (!cols.includes(key)) throw new Error(`${table}: unknown column ${key}`);
		out += csvLine(cols.map((c) => row[c]));
	}
	return out;
}

/** Write a dataset folder: the manifest first, then each non-empty table in a fixed order. */
export function writeDataset(dir, dataset) {
	mkdirSync(dir, { recursive: true });
	const written = [];
	writeFileSync(join(dir, 'dataset.json'), JSON.stringify(dataset.manifest, null, '\t') + '\n');
	written.push('dataset.json');
	for (const table of Object.keys(COLUMNS)) {
		const rows = dataset.tables[table];
		if (!rows) continue;
		writeFileSync(join(dir, fileOf(table)), toCsv(table, rows));
		written.push(fileOf(table));
	}
	return written;
}
