// A small static server for build/: serves precompressed .br/.gz when the browser accepts them,
// optionally under a sub-path (--base /utfall) to prove the build works away from the root.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const MIME = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.wasm': 'application/wasm',
	'.csv': 'text/csv; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8'
};

export function createStaticServer(root, base = '') {
	root = path.resolve(root);
	return http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		let pathname = decodeURIComponent(url.pathname);
		if (base) {
			if (!pathname.startsWith(base + '/')) {
				res.writeHead(pathname === base ? 301 : 404, pathname === base ? { location: base + '/' } : {});
				return res.end();
			}
			pathname = pathname.slice(base.length);
		}
		let file = path.join(root, pathname);
		if (!file.startsWith(root)) {
			res.writeHead(403);
			return res.end();
		}
		if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
			if (!pathname.endsWith('/')) {
				res.writeHead(301, { location: base + pathname + '/' + url.search });
				return res.end();
			}
			file = path.join(file, 'index.html');
		}
		if (!fs.existsSync(file)) {
			res.writeHead(404, { 'content-type': 'text/plain' });
			return res.end('Not found');
		}
		/** @type {Record<string, string | number>} */
		const headers = {
			'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
			vary: 'accept-encoding',
			'cache-control': file.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
		};
		const accept = String(req.headers['accept-encoding'] ?? '');
		let body = file;
		if (/\bbr\b/.test(accept) && fs.existsSync(file + '.br')) {
			body = file + '.br';
			headers['content-encoding'] = 'br';
		} else if (/\bgzip\b/.test(accept) && fs.existsSync(file + '.gz')) {
			body = file + '.gz';
			headers['content-encoding'] = 'gzip';
		}
		headers['content-length'] = fs.statSync(body).size;
		res.writeHead(200, headers);
		if (req.method === 'HEAD') return res.end();
		fs.createReadStream(body).pipe(res);
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const root = process.argv[2] ?? 'build';
	const baseArg = process.argv.indexOf('--base');
	const base = baseArg > 0 ? process.argv[baseArg + 1].replace(/\/$/, '') : '';
	const port = Number(process.env.PORT ?? 4173);
	if (!fs.existsSync(path.join(root, 'index.html'))) {
		console.error(`No build found in ${root}/. Run "npm run build" first.`);
		process.exit(1);
	}
	createStaticServer(root, base).listen(port, '127.0.0.1', () => {
		console.log(`Utfall is served at http://localhost:${port}${base}/  (Ctrl+C to stop)`);
	});
}
