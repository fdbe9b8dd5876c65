import { ISSUE_FIELDS, type Issue } from './issues';

const COLUMNS = ['severity', 'code', ...ISSUE_FIELDS] as const;

/** A cell Excel would run as a formula is prefixed with an apostrophe (CSV injection). */
function cell(v: unknown): string {
	if (v === undefined || v === null) return '';
	let s = String(v);
	if (/^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+([.,]\d+)?$/.test(s)) s = `'${s}`;
	return /[";\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Findings as CSV for Swedish Excel: UTF-8 with a BOM, semicolons, CRLF. `message` adds a column with
 * the translated sentence (the core has none).
 */
export function errorsToCsv(issues: readonly Issue[], message?: (issue: Issue) => string): string {
	const head = [...COLUMNS, ...(message ? ['message'] : [])];
	const lines = issues.map((i) =>
		[...COLUMNS.map((c) => cell(i[c])), ...(message ? [cell(message(i))] : [])].join(';')
	);
	return '\ufeff' + [head.join(';'), ...lines].join('\r\n') + '\r\n';
}
