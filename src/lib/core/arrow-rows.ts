import { DataType, type Table } from 'apache-arrow';
import type { Row } from './engine';

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Arrow table → plain rows: dates as ISO strings, big integers and decimals as numbers. */
export function arrowToRows<T extends Row>(table: Table): T[] {
	const fields = table.schema.fields;
	const convert = fields.map((f) => {
		if (DataType.isDate(f.type)) return (v: unknown) => (v == null ? null : isoDay(Number(v)));
		if (DataType.isTimestamp(f.type))
			return (v: unknown) => (v == null ? null : new Date(Number(v)).toISOString());
		if (DataType.isInt(f.type) && f.type.bitWidth === 64)
			return (v: unknown) => (v == null ? null : Number(v));
		return (v: unknown) => v;
	});
	const columns = fields.map((f) => table.getChild(f.name));
	const rows: T[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) {
		const row: Row = {};
		for (let j = 0; j < fields.length; j++) row[fields[j].name] = convert[j](columns[j]?.get(i) ?? null);
		rows[i] = row as T;
	}
	return rows;
}
