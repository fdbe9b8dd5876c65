// A dataset folder as the import takes it: every CSV file's name and bytes, in name order. The
// report command, the benchmarks and the tests all read datasets from disk this way (Node only).
import fs from 'node:fs';
import path from 'node:path';

/** A file's bytes; unlike readFileSync, also a file over 2 GiB (up to Node's buffer limit, 4 GiB). */
export function readWhole(file: string): Uint8Array {
	const fd = fs.openSync(file, 'r');
	try {
		const size = fs.fstatSync(fd).size;
		const bytes = Buffer.allocUnsafeSlow(size);
		for (let at = 0; at < size;) {
			const n = fs.readSync(fd, bytes, at, Math.min(1 << 26, size - at), at);
			if (n === 0) throw new Error(`${file}: ended at ${at} of ${size} bytes`);
			at += n;
		}
		return new Uint8Array(bytes.buffer, bytes.byteOffset, size);
	} finally {
		fs.closeSync(fd);
	}
}

export function readCsvFolder(folder: string): { name: string; bytes: Uint8Array }[] {
	return fs
		.readdirSync(folder)
		.filter((f) => f.toLowerCase().endsWith('.csv'))
		.sort()
		.map((name) => ({ name, bytes: readWhole(path.join(folder, name)) }));
}
