import { TABLES, type TableName, type TableSpec } from '../schema/tables';
import { error, warning, type Issue } from './issues';
import { normaliseName } from './names';

/** A confirmed or suggested reading of one file: plain JSON, remembered per source by `signature`. */
export interface FileMapping {
	table: TableName;
	/** headerSignature() of the header row the mapping was made for. */
	signature: string;
	/** The user's column name → canonical column, or null to ignore the column. */
	columns: Record<string, string | null>;
}

export interface ColumnSuggestion {
	header: string;
	target: string | null;
	/** 1 = the canonical name, 0.9 = a known synonym, 0.6 = a synonym inside a longer name, 0 = none. */
	confidence: number;
}

export interface TableCandidate {
	table: TableName;
	confidence: number;
}

export interface MappingSuggestion {
	signature: string;
	/** Best table, or null when nothing fits well enough to propose. */
	table: TableName | null;
	confidence: number;
	/** Every table, best first. */
	candidates: TableCandidate[];
	columns: ColumnSuggestion[];
	mapping: FileMapping | null;
}

/** File names users give each table, besides the canonical one (normalised). */
const FILE_ALIASES: Record<TableName, readonly string[]> = {
	cohorts: ['kohorter', 'kohort', 'grupper'],
	persons: ['personer', 'deltagare', 'individer', 'elever', 'people'],
	grades: ['betyg', 'slutbetyg'],
	school_outcomes: ['skolresultat', 'behorighet', 'school_results'],
	events: ['handelser', 'handelse'],
	care: ['placeringar', 'placering', 'vard', 'heldygnsvard', 'insatser'],
	surveys: ['enkater', 'enkat', 'enkatsvar'],
	contacts: ['kontakter', 'uppsokande'],
	fund_ledger: ['fondbok', 'fond', 'huvudbok', 'ledger', 'fondredovisning'],
	unit_costs: ['enhetskostnader', 'styckkostnader', 'kostnader'],
	reference_values: ['referensvarden', 'jamforelsevarden']
};

const MIN_TABLE_CONFIDENCE = 0.4;

const fnv1a = (s: string): string => {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return (h >>> 0).toString(16).padStart(8, '0');
};

/** Stable key of a header row, insensitive to case, diacritics and punctuation. */
export const headerSignature = (headers: readonly string[]): string => {
	const norm = headers.map(normaliseName).join('\u001f');
	return `h1-${headers.length}-${fnv1a(norm)}`;
};

/** Every canonical column name and synonym, normalised: such headers are never refused as identifying. */
export const knownHeaderNames = (): Set<string> =>
	new Set(TABLES.flatMap((t) => t.columns.flatMap((c) => [c.name, ...c.synonyms].map(normaliseName))));

function columnConfidence(header: string, name: string, synonyms: readonly string[]): number {
	const h = normaliseName(header);
	if (h === name) return 1;
	const syns = synonyms.map(normaliseName);
	if (syns.includes(h)) return 0.9;
	const padded = `_${h}_`;
	if ([name, ...syns].some((s) => s.length >= 4 && padded.includes(`_${s}_`))) return 0.6;
	return 0;
}

/** Suggested header → column pairs for one table: best confidence first, each column used once. */
export function suggestColumns(spec: TableSpec, headers: readonly string[]): ColumnSuggestion[] {
	const pairs = headers.flatMap((header, hi) =>
		spec.columns.map((c) => ({
			hi,
			target: c.name,
			confidence: columnConfidence(header, c.name, c.synonyms)
		}))
	);
	pairs.sort((a, b) => b.confidence - a.confidence || a.hi - b.hi);
	const out: ColumnSuggestion[] = headers.map((header) => ({ header, target: null, confidence: 0 }));
	const used = new Set<string>();
	for (const p of pairs) {
		if (p.confidence === 0) break;
		if (used.has(p.target) || out[p.hi].target !== null) continue;
		out[p.hi] = { header: headers[p.hi], target: p.target, confidence: p.confidence };
		used.add(p.target);
	}
	return out;
}

function fileNameMatches(file: string, spec: TableSpec): boolean {
	const base = normaliseName(file.replace(/\.[^.]*$/, ''));
	const padded = `_${base}_`;
	return [spec.name, ...FILE_ALIASES[spec.name]].some((a) => padded.includes(`_${a}_`));
}

function tableConfidence(file: string, spec: TableSpec, columns: ColumnSuggestion[]): number {
	const mapped = new Set(columns.filter((c) => c.target).map((c) => c.target));
	const required = spec.columns.filter((c) => c.required);
	const requiredShare = required.filter((c) => mapped.has(c.name)).length / required.length;
	const headerShare = columns.length ? mapped.size / columns.length : 0;
	return 0.4 * (fileNameMatches(file, spec) ? 1 : 0) + 0.4 * requiredShare + 0.2 * headerShare;
}

/** Which canonical table a file is, and how its columns map, from its name and its header row. */
export function suggestMapping(file: string, headers: readonly string[]): MappingSuggestion {
	const signature = headerSignature(headers);
	const scored = TABLES.map((spec) => {
		const columns = suggestColumns(spec, headers);
		return { spec, columns, confidence: Math.round(tableConfidence(file, spec, columns) * 100) / 100 };
	}).sort((a, b) => b.confidence - a.confidence);
	const best = scored[0];
	const ok = best.confidence >= MIN_TABLE_CONFIDENCE;
	return {
		signature,
		table: ok ? best.spec.name : null,
		confidence: best.confidence,
		candidates: scored.map((s) => ({ table: s.spec.name, confidence: s.confidence })),
		columns: ok ? best.columns : headers.map((header) => ({ header, target: null, confidence: 0 })),
		mapping: ok
			? {
					table: best.spec.name,
					signature,
					columns: Object.fromEntries(best.columns.map((c) => [c.header, c.target]))
				}
			: null
	};
}

/** Problems with a mapping for a file with these headers: errors block the file, warnings do not. */
export function checkMapping(file: string, headers: readonly string[], mapping: FileMapping): Issue[] {
	const spec = TABLES.find((t) => t.name === mapping.table);
	if (!spec) return [error('mapping_invalid', { file, table: mapping.table })];
	if (mapping.signature !== headerSignature(headers))
		return [error('mapping_mismatch', { file, table: spec.name })];
	const issues: Issue[] = [];
	const targets = new Map<string, string>();
	for (const header of headers) {
		const target = mapping.columns[header] ?? null;
		if (target === null) {
			issues.push(warning('column_ignored', { file, line: 1, column: header, table: spec.name }));
			continue;
		}
		if (!spec.columns.some((c) => c.name === target))
			issues.push(
				error('mapping_invalid', { file, line: 1, column: header, value: target, table: spec.name })
			);
		else if (targets.has(target))
			issues.push(
				error('mapping_invalid', {
					file,
					line: 1,
					column: header,
					value: target,
					otherColumn: targets.get(target),
					table: spec.name
				})
			);
		else targets.set(target, header);
	}
	for (const c of spec.columns)
		if (c.required && !targets.has(c.name))
			issues.push(error('column_missing', { file, line: 1, column: c.name, table: spec.name }));
	return issues;
}
