// `npm test`: every check and every test suite, summed into one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findOrInstallChromium } from './find-chromium.js';

const results = [];
const out = 'test-results';
fs.mkdirSync(out, { recursive: true });

function step(name, cmd, args, env = {}) {
	console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	const ok = r.status === 0;
	console.log(ok ? `✔ ${name}` : `✘ ${name} (exit ${r.status})`);
	return ok;
}

function check(name, cmd, args, env) {
	const ok = step(name, cmd, args, env);
	results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
	return ok;
}

let chromium = null;
try {
	chromium = findOrInstallChromium();
	console.log(`Chromium: ${chromium}`);
} catch (e) {
	console.error(e.message);
	results.push({ name: 'find chromium', passed: 0, failed: 1 });
}

check('format (prettier)', 'npx', ['prettier', '--check', '.']);
step('sync', 'npx', ['svelte-kit', 'sync']);
check('types (svelte-check)', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']);
check('build', 'npm', ['run', 'build']);

const report = path.join(out, 'vitest.json');
fs.rmSync(report, { force: true });
const projects = chromium && fs.existsSync('build/index.html') ? [] : ['--project', 'unit'];
if (projects.length) console.log('Skipping the browser suite: no Chromium or no build. It counts as failed.');
step(
	'vitest',
	'npx',
	['vitest', 'run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
	{
		CHROME_PATH: chromium ?? ''
	}
);
if (fs.existsSync(report)) {
	const j = JSON.parse(fs.readFileSync(report, 'utf8'));
	// A suite that fails to load has no failed test but must still fail the run.
	const brokenSuites = j.testResults.filter(
		(t) => t.status === 'failed' && t.assertionResults.length === 0
	).length;
	results.push({ name: 'vitest', passed: j.numPassedTests, failed: j.numFailedTests + brokenSuites });
} else results.push({ name: 'vitest', passed: 0, failed: 1 });
if (projects.length) results.push({ name: 'browser suite not run', passed: 0, failed: 1 });

const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log('\nSummary:');
for (const r of results)
	console.log(`  ${r.failed ? '✘' : '✔'} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
