// Finds a Chromium for the browser tests: CHROME_PATH, then /usr/bin/chromium, then other usual
// names. When none is found and we run as root on Debian, installs Debian's chromium package.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/snap/bin/chromium',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
	'/Applications/Chromium.app/Contents/MacOS/Chromium'
];

function onPath(name) {
	const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

export function locateChromium() {
	if (process.env.CHROME_PATH) {
		if (fs.existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
		throw new Error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but no file is there.`);
	}
	for (const c of CANDIDATES) if (fs.existsSync(c)) return c;
	for (const n of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
		const p = onPath(n);
		if (p) return p;
	}
	return null;
}

export function findOrInstallChromium() {
	const found = locateChromium();
	if (found) return found;
	const isRoot = process.getuid?.() === 0;
	if (isRoot && fs.existsSync('/etc/debian_version')) {
		console.log("No Chromium found: installing Debian's chromium package with apt-get …");
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		});
		const installed = locateChromium();
		if (installed) return installed;
	}
	throw new Error(
		'The browser tests need Chromium and none was found. Install one (Debian/Ubuntu: "sudo apt-get install chromium"; ' +
			'macOS: install Google Chrome) or point CHROME_PATH at a Chrome or Chromium binary.'
	);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(findOrInstallChromium());
