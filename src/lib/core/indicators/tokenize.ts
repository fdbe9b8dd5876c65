/** A lexical token of DuckDB's SQL dialect, as far as the sandbox needs to know it. */
export interface Token {
	/** word: unquoted identifier or keyword (value lower-cased); ident: "quoted" identifier (unescaped). */
	type: 'word' | 'ident' | 'string' | 'number' | 'punct';
	value: string;
	/** Offset of the token in the source. */
	pos: number;
}

export interface LexError {
	code:
		| 'unterminated_string'
		| 'unterminated_identifier'
		| 'unterminated_comment'
		| 'nested_comment'
		| 'non_ascii'
		| 'control_character'
		| 'escape_string'
		| 'dollar_quote'
		| 'backslash';
	token: string;
	pos: number;
}

const isWordStart = (c: string) => /[A-Za-z_]/.test(c);
const isWordPart = (c: string) => /[A-Za-z0-9_$]/.test(c);

/**
 * Tokenise SQL, dropping comments. Anything whose reading could differ between this tokeniser
 * and DuckDB's (nested comments, E'' and U&'' escapes, dollar quoting, non-ASCII outside string
 * literals and comments) is refused rather than guessed, so a comment or string can never hide a keyword.
 */
export function tokenize(sql: string): { tokens: Token[] } | { error: LexError } {
	const tokens: Token[] = [];
	let i = 0;
	const fail = (code: LexError['code'], token: string, pos: number) => ({ error: { code, token, pos } });
	while (i < sql.length) {
		const c = sql[i];
		const code = c.charCodeAt(0);
		if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
			i++;
		} else if (code > 126) {
			return fail('non_ascii', c, i);
		} else if (code < 32 || code === 127) {
			return fail('control_character', `U+${code.toString(16).padStart(4, '0')}`, i);
		} else if (c === '-' && sql[i + 1] === '-') {
			// DuckDB (the Postgres scanner) ends a line comment only at \n or \r.
			while (i < sql.length && sql[i] !== '\n' && sql[i] !== '\r') i++;
		} else if (c === '/' && sql[i + 1] === '*') {
			const start = i;
			i += 2;
			for (;;) {
				if (i >= sql.length) return fail('unterminated_comment', '/*', start);
				if (sql[i] === '/' && sql[i + 1] === '*') return fail('nested_comment', '/*', i);
				if (sql[i] === '*' && sql[i + 1] === '/') break;
				i++;
			}
			i += 2;
		} else if (c === "'") {
			const start = i;
			let value = '';
			i++;
			for (;;) {
				if (i >= sql.length) return fail('unterminated_string', sql.slice(start, start + 20), start);
				if (sql[i] === "'") {
					if (sql[i + 1] === "'") {
						value += "'";
						i += 2;
						continue;
					}
					break;
				}
				value += sql[i++];
			}
			i++;
			tokens.push({ type: 'string', value, pos: start });
		} else if (c === '"') {
			const start = i;
			let value = '';
			i++;
			for (;;) {
				if (i >= sql.length) return fail('unterminated_identifier', sql.slice(start, start + 20), start);
				if (sql[i] === '"') {
					if (sql[i + 1] === '"') {
						value += '"';
						i += 2;
						continue;
					}
					break;
				}
				if (sql[i] === '\\') return fail('backslash', '\\', i);
				value += sql[i++];
			}
			i++;
			tokens.push({ type: 'ident', value, pos: start });
		} else if (c === '$') {
			return fail('dollar_quote', '$', i);
		} else if (c === '\\') {
			return fail('backslash', '\\', i);
		} else if (isWordStart(c)) {
			const start = i;
			while (i < sql.length && isWordPart(sql[i])) i++;
			const word = sql.slice(start, i);
			if (word.includes('$')) return fail('dollar_quote', word, start);
			const lower = word.toLowerCase();
			if ((lower === 'e' && sql[i] === "'") || (lower === 'u' && sql[i] === '&'))
				return fail('escape_string', word + sql[i], start);
			tokens.push({ type: 'word', value: lower, pos: start });
		} else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
			const start = i;
			while (i < sql.length && /[0-9_.]/.test(sql[i])) i++;
			if (
				/[eE]/.test(sql[i] ?? '') &&
				/[0-9]/.test(sql[i + 1] === '+' || sql[i + 1] === '-' ? sql[i + 2] : sql[i + 1])
			)
				for (i += 2; i < sql.length && /[0-9]/.test(sql[i]);) i++;
			tokens.push({ type: 'number', value: sql.slice(start, i), pos: start });
		} else {
			tokens.push({ type: 'punct', value: c, pos: i });
			i++;
		}
	}
	return { tokens };
}
