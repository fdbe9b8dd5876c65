// The built-in panel as the exact SQL the app sends, so one list of statements can be timed on
// every engine (Chromium's worker, duckdb-wasm in Node, native DuckDB):
//   capturePanel   runs computeIndicators(BUILT_IN_INDICATORS) through a recording Engine wrapped
//                  around a real duckdb-wasm engine (empty canonical tables: the SQL text does not
//                  depend on the data) and returns every statement it sent, in order
//   captureLoad    the statements loadDataset sends for a folder (BEGIN, DDL, register, read_csv
//                  INSERT, drop, COMMIT), recorded without running them, to replay in the page
//   recording      an Engine wrapper that counts and times what goes through it
//   checksum       per statement: rows and the sums of n, numerator and value, to compare engines
import fs from 'node:fs';
import type { Engine, Row } from '../../src/lib/core/engine';
import { loadDataset } from '../../src/lib/core/dataset/load';
import { createCanonicalTablesSql } from '../../src/lib/core/schema/ddl';
import { BUILT_IN_INDICATORS, computeIndicators } from '../../src/lib/core/indicators';

export interface Statement {
	/** The indicator the statement computes ('' when it cannot be told from the SQL). */
	id: string;
	kind: 'query' | 'queryArrow' | 'exec';
	sql: string;
}

/** One operation of loadDataset, in order; `file` is the name of the CSV file in the folder. */
export type LoadOp =
	{ op: 'exec'; sql: string } | { op: 'register'; name: string; file: string } | { op: 'drop'; name: string };

export interface PanelSql {
	asOf: string;
	statements: Statement[];
	/** What loadDataset sends for the folder's files, without their bytes. */
	load: LoadOp[];
}

export interface Checksum {
	rows: number;
	n: number;
	numerator: number;
	value: number;
}

export interface Recorded {
	statements: (Statement & { ms: number })[];
}

const idOfSql = (sql: string): string => /'([a-z][a-z0-9_]*)' AS indicator_id/.exec(sql)?.[1] ?? '';

/** An Engine that forwards everything and records the statements it ran, with their time. */
export function recording(engine: Engine): { engine: Engine; log: Recorded } {
	const log: Recorded = { statements: [] };
	const timed = async <T>(kind: Statement['kind'], sql: string, run: () => Promise<T>): Promise<T> => {
		const t0 = performance.now();
		try {
			return await run();
		} finally {
			log.statements.push({ id: idOfSql(sql), kind, sql, ms: performance.now() - t0 });
		}
	};
	return {
		log,
		engine: {
			query: <T extends Row = Row>(sql: string) => timed('query', sql, () => engine.query<T>(sql)),
			queryArrow: (sql: string) => timed('queryArrow', sql, () => engine.queryArrow(sql)),
			exec: (sql: string) => timed('exec', sql, () => engine.exec(sql)),
			registerFile: (name, data) => engine.registerFile(name, data),
			dropFile: (name) => engine.dropFile(name),
			close: () => engine.close()
		}
	};
}

/** The panel's SQL, exactly as computeIndicators sends it (asOf fixed, no UI filter, no cache). */
export async function capturePanel(asOf: string): Promise<Statement[]> {
	const { createNodeEngine } = await import('../../src/lib/engine/node');
	const real = await createNodeEngine();
	try {
		await real.exec(createCanonicalTablesSql());
		const { engine, log } = recording(real);
		const r = await computeIndicators(engine, BUILT_IN_INDICATORS, { asOf });
		if (r.errors.length)
			throw new Error(`the panel does not compile: ${JSON.stringify(r.errors.slice(0, 3))}`);
		return log.statements.map(({ id, kind, sql }) => ({ id, kind, sql }));
	} finally {
		await real.close();
	}
}

/** loadDataset's operations for the CSV files of a folder, recorded by an engine that runs nothing. */
export async function captureLoad(folder: string): Promise<LoadOp[]> {
	const ops: LoadOp[] = [];
	const names = fs.readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.csv'));
	const recorder: Engine = {
		query: async () => [],
		queryArrow: async () => {
			throw new Error('not recorded');
		},
		exec: async (sql) => void ops.push({ op: 'exec', sql }),
		registerFile: async (name) => {
			// loadDataset registers a file under a name ending in the file's own name
			const file = names.find((f) => name === f || name.endsWith(`/${f}`));
			if (!file) throw new Error(`cannot tell which file ${name} is`);
			ops.push({ op: 'register', name, file });
		},
		dropFile: async (name) => void ops.push({ op: 'drop', name }),
		close: async () => {}
	};
	await loadDataset(
		recorder,
		names.sort().map((name) => ({ name, bytes: new Uint8Array(0) }))
	);
	return ops;
}

/** Replay captured load operations on an engine, with the files' bytes. */
export async function replayLoad(
	engine: Engine,
	ops: LoadOp[],
	bytesOf: (file: string) => Uint8Array
): Promise<void> {
	for (const o of ops) {
		if (o.op === 'exec') await engine.exec(o.sql);
		else if (o.op === 'register') await engine.registerFile(o.name, bytesOf(o.file));
		else await engine.dropFile(o.name);
	}
}

const sumOf = (rows: Row[], key: string) =>
	rows.reduce((s, r) => s + (r[key] == null ? 0 : Number(r[key])), 0);

export const checksumOf = (rows: Row[]): Checksum => ({
	rows: rows.length,
	n: sumOf(rows, 'n'),
	numerator: sumOf(rows, 'numerator'),
	value: sumOf(rows, 'value')
});

const close = (a: number, b: number) =>
	a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** Same rows and the same sums (n and numerator to 1e-9 relative as well: they may be doubles). */
export const sameChecksum = (a: Checksum, b: Checksum): boolean =>
	a.rows === b.rows && close(a.n, b.n) && close(a.numerator, b.numerator) && close(a.value, b.value);

export function writePanelSql(file: string, p: PanelSql) {
	fs.writeFileSync(file, JSON.stringify(p));
}

export const readPanelSql = (file: string): PanelSql => JSON.parse(fs.readFileSync(file, 'utf8')) as PanelSql;
