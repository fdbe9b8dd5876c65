import type { Engine } from '../engine';
import { sqlIdent } from '../engine';
import { TABLES, type TableName } from '../schema/tables';
import { tokenize, type LexError, type Token } from './tokenize';

export type SandboxCode =
	| LexError['code']
	| 'empty'
	| 'multiple_statements'
	| 'not_a_select'
	| 'forbidden_keyword'
	| 'forbidden_function'
	| 'file_path'
	| 'table_function'
	| 'unknown_table'
	| 'missing_columns'
	| 'duckdb_error';

export interface SandboxError {
	code: SandboxCode;
	/** The offending token (or DuckDB's message for duckdb_error). */
	token: string;
	pos?: number;
}

export type SandboxResult = { ok: true; sql: string } | { ok: false; error: SandboxError };

/** Statements and clauses that change state, reach outside the database or reveal its settings. */
const FORBIDDEN_KEYWORDS = new Set([
	'attach',
	'detach',
	'copy',
	'install',
	'load',
	'pragma',
	'set',
	'reset',
	'export',
	'import',
	'create',
	'insert',
	'update',
	'delete',
	'drop',
	'alter',
	'call',
	'checkpoint',
	'use',
	'vacuum',
	'analyze',
	'describe',
	'show',
	'summarize',
	'begin',
	'commit',
	'rollback',
	'abort',
	'transaction',
	'prepare',
	'execute',
	'deallocate',
	'explain',
	'truncate',
	'merge',
	'grant',
	'revoke'
]);

/** Functions that read files or URLs, run SQL from a string, or expose the environment. */
const FORBIDDEN_FUNCTIONS = new Set([
	'glob',
	'sniff_csv',
	'getenv',
	'current_setting',
	'getvariable',
	'query',
	'query_table',
	'st_read',
	'load_extension',
	'force_checkpoint',
	'enable_profiling',
	'disable_profiling',
	'which_secret',
	'system'
]);
const FORBIDDEN_PREFIXES = [
	'read_',
	'parquet_',
	'duckdb_',
	'pragma_',
	'json_execute',
	'json_deserialize',
	'sqlite_',
	'postgres_',
	'mysql_',
	'iceberg_',
	'delta_',
	'from_csv'
];
const isForbiddenFunction = (name: string) =>
	FORBIDDEN_FUNCTIONS.has(name) ||
	FORBIDDEN_PREFIXES.some((p) => name.startsWith(p)) ||
	name.endsWith('_scan');

/** Table functions that only generate values. */
const ALLOWED_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest']);
const CANONICAL = new Set(TABLES.map((t) => t.name));

/** Words after which a FROM list ends at the same parenthesis depth. */
const CLAUSE_END = new Set([
	'where',
	'group',
	'having',
	'order',
	'limit',
	'offset',
	'qualify',
	'window',
	'union',
	'except',
	'intersect',
	'select',
	'returning'
]);
/** Words that introduce a table reference. */
const TABLE_INTRO = new Set(['from', 'join', 'pivot', 'unpivot']);
const QUERY_START = new Set(['select', 'with', 'from', 'values']);
/** Scalar functions whose grammar has a FROM that is not a table: extract(year FROM d). */
const SCALAR_FROM = new Set(['extract', 'substring', 'trim', 'overlay']);

const fail = (code: SandboxCode, token: string, pos?: number): SandboxResult => ({
	ok: false,
	error: { code, token, pos }
});

const isName = (t: Token | undefined): t is Token =>
	t !== undefined && (t.type === 'word' || t.type === 'ident');
const name = (t: Token) => t.value.toLowerCase();
const is = (t: Token | undefined, value: string) =>
	t !== undefined && (t.type === 'word' || t.type === 'punct') && t.value === value;

/** Names defined as common table expressions: `name [(cols)] AS [NOT] [MATERIALIZED] (`. */
function cteNames(tokens: Token[]): Set<string> {
	const names = new Set<string>();
	tokens.forEach((t, i) => {
		if (!is(t, 'as')) return;
		let j = i + 1;
		if (is(tokens[j], 'not')) j++;
		if (is(tokens[j], 'materialized')) j++;
		if (!is(tokens[j], '(')) return;
		let k = i - 1;
		if (is(tokens[k], ')')) {
			for (let depth = 0; k >= 0; k--) {
				if (is(tokens[k], ')')) depth++;
				else if (is(tokens[k], '(') && --depth === 0) break;
			}
			k--;
		}
		if (isName(tokens[k])) names.add(name(tokens[k]));
	});
	return names;
}

/**
 * The lexical half of the sandbox: a user's SQL must be one read-only SELECT (or, in expression
 * mode, one expression) over the canonical tables. Runs without a database.
 */
export function checkSqlText(sql: string, mode: 'select' | 'expression' = 'select'): SandboxResult {
	const lexed = tokenize(sql);
	if ('error' in lexed) return fail(lexed.error.code, lexed.error.token, lexed.error.pos);
	let tokens = lexed.tokens;
	// One trailing semicolon is harmless; any other is a second statement.
	if (is(tokens.at(-1), ';')) tokens = tokens.slice(0, -1);
	if (tokens.length === 0) return fail('empty', '');
	const semi = tokens.find((t) => is(t, ';'));
	if (semi) return fail('multiple_statements', ';', semi.pos);
	const first = tokens[0];
	if (mode === 'select' && !(is(first, 'select') || is(first, 'with') || is(first, '(')))
		return fail('not_a_select', first.value, first.pos);

	for (const t of tokens) {
		if (t.type === 'word' && FORBIDDEN_KEYWORDS.has(t.value))
			return fail('forbidden_keyword', t.value, t.pos);
		if (isName(t) && isForbiddenFunction(name(t))) return fail('forbidden_function', t.value, t.pos);
	}

	const ctes = cteNames(tokens);
	// Per parenthesis depth: are we inside a FROM list, and is a table reference expected next?
	const stack: { inFrom: boolean; expect: boolean; scalarFrom: boolean }[] = [
		{ inFrom: false, expect: false, scalarFrom: false }
	];
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		const top = stack[stack.length - 1];
		if (is(t, '(')) {
			// A parenthesis where a table belongs holds a subquery or a parenthesised join.
			const prev = tokens[i - 1];
			stack.push({
				inFrom: top.expect,
				expect: top.expect,
				scalarFrom: !top.expect && prev?.type === 'word' && SCALAR_FROM.has(prev.value)
			});
			top.expect = false;
			continue;
		}
		if (is(t, ')')) {
			if (stack.length > 1) stack.pop();
			continue;
		}
		if (top.expect) {
			if (t.type === 'word' && (QUERY_START.has(t.value) || t.value === 'lateral')) {
				top.expect = t.value === 'lateral';
				if (t.value === 'from') top.inFrom = top.expect = true;
				continue;
			}
			top.expect = false;
			if (t.type === 'string' || (t.type === 'ident' && /[./\\:]/.test(t.value)))
				return fail('file_path', t.value, t.pos);
			if (!isName(t)) continue;
			const n = name(t);
			if (is(tokens[i + 1], '(')) {
				if (!ALLOWED_TABLE_FUNCTIONS.has(n)) return fail('table_function', t.value, t.pos);
				continue;
			}
			if (is(tokens[i + 1], '.')) {
				const table = tokens[i + 2];
				if (n !== 'main' || !isName(table) || !CANONICAL.has(name(table) as never))
					return fail('unknown_table', `${t.value}.${table?.value ?? ''}`, t.pos);
				i += 2;
				continue;
			}
			if (!CANONICAL.has(n as never) && !ctes.has(n)) return fail('unknown_table', t.value, t.pos);
			continue;
		}
		if (t.type === 'word' && (t.value === 'select' || t.value === 'with')) top.scalarFrom = false;
		if (t.type === 'word' && TABLE_INTRO.has(t.value) && !(top.scalarFrom && t.value === 'from')) {
			top.expect = true;
			if (t.value === 'from') top.inFrom = true;
		} else if (t.type === 'word' && CLAUSE_END.has(t.value)) {
			top.inFrom = false;
		} else if (is(t, ',') && top.inFrom) {
			top.expect = true;
		}
	}
	return {
		ok: true,
		sql: tokens.length === lexed.tokens.length ? sql : sql.slice(0, lexed.tokens.at(-1)!.pos)
	};
}

/** Canonical tables named anywhere in accepted SQL: a superset of the tables it reads. */
export function referencedTables(sql: string): TableName[] {
	const lexed = tokenize(sql);
	if ('error' in lexed) return [];
	const names = new Set(lexed.tokens.filter(isName).map(name));
	return TABLES.map((t) => t.name).filter((t) => names.has(t));
}

/**
 * The full sandbox: the lexical check, then DuckDB binds the query without running it, so
 * syntax and name errors come back in DuckDB's words. Returns the result's column names.
 */
export async function checkSql(
	engine: Engine,
	sql: string,
	opts: { mode?: 'select' | 'expression'; table?: string; requiredColumns?: readonly string[] } = {}
): Promise<{ ok: true; sql: string; columns: string[] } | { ok: false; error: SandboxError }> {
	const mode = opts.mode ?? 'select';
	const lexical = checkSqlText(sql, mode);
	if (!lexical.ok) return lexical;
	const probe =
		mode === 'select'
			? `DESCRIBE SELECT * FROM (${lexical.sql}\n) AS _q`
			: `DESCRIBE SELECT (${lexical.sql}\n) AS value FROM ${sqlIdent(opts.table ?? 'events')}`;
	let columns: string[];
	try {
		const rows = await engine.query<{ column_name: string }>(probe);
		columns = rows.map((r) => r.column_name);
	} catch (e) {
		return { ok: false, error: { code: 'duckdb_error', token: e instanceof Error ? e.message : String(e) } };
	}
	const missing = (opts.requiredColumns ?? []).filter((c) => !columns.includes(c));
	if (missing.length) return { ok: false, error: { code: 'missing_columns', token: missing.join(', ') } };
	return { ok: true, sql: lexical.sql, columns };
}
