import {
	decodePieces,
	sampleText,
	sniff,
	suggestColumns,
	suggestMapping,
	type Dialect,
	type Encoding,
	type FileMapping,
	type Issue,
	type MappingSuggestion,
	type Preview
} from '$lib/core/import';
import { TABLES, type TableName } from '$lib/core/schema/tables';

export type Origin = 'suggested' | 'saved' | 'manual';

/** One picked file, read once, with how it will be read and the mapping the user sees and edits. */
export interface PickedFile {
	id: number;
	name: string;
	/** The file's bytes as read; never modified. */
	bytes: Uint8Array;
	encoding: Encoding | null;
	dialect: Dialect | null;
	preview: Preview | null;
	/** Why the file cannot be read at all (decode or sniff refused it). */
	problem: Issue | null;
	/** The header row, or [] when the file has none. */
	headers: string[];
	suggestion: MappingSuggestion | null;
	table: TableName | null;
	tableOrigin: Origin;
	columns: Record<string, string | null>;
	confidence: Record<string, number>;
	origin: Record<string, Origin>;
	/** The user confirmed this mapping (it is remembered). */
	confirmed: boolean;
}

export const PREVIEW_ROWS = 5;

const STORE_PREFIX = 'utfall.import.mapping.';

/** A mapping the user confirmed earlier for a file with this header row, if it still fits. */
export function loadMapping(signature: string, headers: readonly string[]): FileMapping | null {
	try {
		const raw = localStorage.getItem(STORE_PREFIX + signature);
		if (!raw) return null;
		const m = JSON.parse(raw) as Partial<FileMapping>;
		const spec = TABLES.find((t) => t.name === m.table);
		if (!spec || !m.columns || typeof m.columns !== 'object') return null;
		const columns: Record<string, string | null> = {};
		for (const h of headers) {
			const target = m.columns[h];
			columns[h] = typeof target === 'string' && spec.columns.some((c) => c.name === target) ? target : null;
		}
		return { table: spec.name, signature, columns };
	} catch {
		return null;
	}
}

export function saveMapping(mapping: FileMapping): void {
	try {
		localStorage.setItem(
			STORE_PREFIX + mapping.signature,
			JSON.stringify({ table: mapping.table, columns: mapping.columns })
		);
	} catch {
		// Storage full or disabled: the mapping simply is not remembered.
	}
}

export function mappingOf(f: PickedFile): FileMapping | null {
	if (!f.table || !f.suggestion) return null;
	return { table: f.table, signature: f.suggestion.signature, columns: { ...f.columns } };
}

/** Decode and sniff a file, suggest its mapping, and apply a remembered one. */
export function analyse(id: number, name: string, bytes: Uint8Array): PickedFile {
	const base: PickedFile = {
		id,
		name,
		bytes,
		encoding: null,
		dialect: null,
		preview: null,
		problem: null,
		headers: [],
		suggestion: null,
		table: null,
		tableOrigin: 'suggested',
		columns: {},
		confidence: {},
		origin: {},
		confirmed: false
	};
	const decoded = decodePieces(bytes, name);
	if (!decoded.ok) return { ...base, problem: decoded.issue };
	const sniffed = sniff(sampleText(decoded.pieces()), name, PREVIEW_ROWS);
	if (!sniffed.ok) return { ...base, encoding: decoded.encoding, problem: sniffed.issue };
	const out: PickedFile = {
		...base,
		encoding: decoded.encoding,
		dialect: sniffed.dialect,
		preview: sniffed.preview
	};
	if (!sniffed.dialect.header) return out;
	const headers = sniffed.preview.header;
	const suggestion = suggestMapping(name, headers);
	out.headers = headers;
	out.suggestion = suggestion;
	const saved = loadMapping(suggestion.signature, headers);
	if (saved) {
		out.table = saved.table;
		out.tableOrigin = 'saved';
		out.columns = saved.columns;
		const conf = suggestColumns(
			TABLES.find((t) => t.name === saved.table)!,
			headers
		);
		for (const c of conf) {
			out.confidence[c.header] = c.target === saved.columns[c.header] ? c.confidence : 0;
			out.origin[c.header] = 'saved';
		}
		out.confirmed = true;
		return out;
	}
	out.table = suggestion.table;
	applyColumns(
		out,
		suggestion.table ? suggestion.columns : headers.map((header) => ({ header, target: null, confidence: 0 }))
	);
	return out;
}

function applyColumns(f: PickedFile, cols: { header: string; target: string | null; confidence: number }[]) {
	f.columns = {};
	f.confidence = {};
	f.origin = {};
	for (const c of cols) {
		f.columns[c.header] = c.target;
		f.confidence[c.header] = c.confidence;
		f.origin[c.header] = 'suggested';
	}
}

/** The user picked another table: suggest its columns afresh. */
export function withTable(f: PickedFile, table: TableName | null): PickedFile {
	const next: PickedFile = { ...f, table, tableOrigin: 'manual', confirmed: false };
	const spec = TABLES.find((t) => t.name === table);
	applyColumns(
		next,
		spec
			? suggestColumns(spec, f.headers)
			: f.headers.map((header) => ({ header, target: null, confidence: 0 }))
	);
	return next;
}

export function withColumn(f: PickedFile, header: string, target: string | null): PickedFile {
	return {
		...f,
		confirmed: false,
		columns: { ...f.columns, [header]: target },
		origin: { ...f.origin, [header]: 'manual' }
	};
}

/** Files a folder pick keeps: CSV-like text and the manifest (which the importer skips with a note). */
export const FOLDER_FILE = /\.(csv|tsv|txt|json)$/i;
