import { duckdbType, TABLES, type TableSpec } from './tables';
import { sqlIdent } from '../engine';

/** CREATE TABLE statement for a canonical table (under another name, e.g. a staging table). */
export const createTableSql = (t: TableSpec, name: string = t.name): string =>
	`CREATE OR REPLACE TABLE ${sqlIdent(name)} (${t.columns
		.map((c) => `${sqlIdent(c.name)} ${duckdbType(c)}`)
		.join(', ')})`;

/** Every canonical table, empty: absent files mean empty tables, so indicators say "no data". */
export const createCanonicalTablesSql = (): string => TABLES.map((t) => createTableSql(t) + ';').join('\n');
