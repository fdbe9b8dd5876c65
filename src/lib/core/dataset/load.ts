import { sqlIdent, sqlString, type Engine } from '../engine';
import { createCanonicalTablesSql } from '../schema/ddl';
import { duckdbType, TABLES } from '../schema/tables';

export interface DatasetFile {
	name: string;
	bytes: Uint8Array;
}

/**
 * Load files already in the canonical format (the bundled examples) wholly or not at all.
 * The examples skip the user import's sniffing and per-record checks, which cost seconds at cold
 * start: they are checked instead at build time (scripts/vite-plugin-datasets.ts) and by
 * tests/unit/datasets.test.ts. Users' own files always go through core/import.
 */
export async function loadDataset(engine: Engine, files: DatasetFile[]): Promise<void> {
	await engine.exec('BEGIN TRANSACTION');
	try {
		await engine.exec(createCanonicalTablesSql());
		for (const f of files) {
			const table = TABLES.find((t) => t.file === f.name);
			if (!table) continue;
			const path = `canonical/${f.name}`;
			await engine.registerFile(path, f.bytes);
			const columns = table.columns
				.map((c) => `${sqlString(c.name)}: ${sqlString(duckdbType(c))}`)
				.join(', ');
			await engine.exec(
				`INSERT INTO ${sqlIdent(table.name)} SELECT * FROM read_csv(${sqlString(path)}, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = {${columns}})`
			);
			await engine.dropFile(path);
		}
		await engine.exec('COMMIT');
	} catch (e) {
		await engine.exec('ROLLBACK');
		throw e;
	}
}
