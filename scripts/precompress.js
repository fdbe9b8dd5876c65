// Writes .gz and .br beside every compressible file in the build, so the ~34 MB DuckDB wasm
// travels as about 8 MB from any static host that serves precompressed files.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|wasm|csv|txt|map|xml)$/;
const dir = process.argv[2] ?? 'build';

function* walk(d) {
	for (const e of fs.readdirSync(d, { withFileTypes: true })) {
		const p = path.join(d, e.name);
		if (e.isDirectory()) yield* walk(p);
		else yield p;
	}
}

let before = 0;
let afterBr = 0;
for (const file of walk(dir)) {
	if (!COMPRESSIBLE.test(file)) continue;
	const data = fs.readFileSync(file);
	if (data.length < 1024) continue;
	const gz = zlib.gzipSync(data, { level: 9 });
	const br = zlib.brotliCompressSync(data, {
		params: {
			[zlib.constants.BROTLI_PARAM_QUALITY]: data.length > 4e6 ? 9 : 11,
			[zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length
		}
	});
	fs.writeFileSync(file + '.gz', gz);
	fs.writeFileSync(file + '.br', br);
	before += data.length;
	afterBr += br.length;
}
const mb = (n) => (n / 1e6).toFixed(1) + ' MB';
console.log(`precompressed ${mb(before)} → ${mb(afterBr)} (brotli)`);
