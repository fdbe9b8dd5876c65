import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve('test-results/screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 820, height: 1180 };

/**
 * Debian's Chromium, headless, with everything that would phone home switched off.
 * Playwright gives every launch a fresh, empty profile directory of its own.
 */
export async function launch(): Promise<Browser> {
	const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
	return chromium.launch({
		executablePath,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

export interface Recorded {
	page: Page;
	requests: string[];
	consoleErrors: string[];
}

/** A page that records every request it makes and every console error it logs. */
export async function openPage(browser: Browser, viewport = DESKTOP): Promise<Recorded> {
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	const requests: string[] = [];
	const consoleErrors: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(m.text());
	});
	page.on('pageerror', (e) => consoleErrors.push(e.message));
	return { page, requests, consoleErrors };
}

/** Requests to any origin other than the app's own (data: and blob: URLs stay in the page). */
export const foreignRequests = (requests: string[], baseUrl: string): string[] =>
	requests.filter(
		(u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== new URL(baseUrl).origin
	);

export async function screenshot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	const file = path.join(SCREENSHOTS, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/** axe-core WCAG 2.2 AA violations on the page as it is now. */
export async function axe(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: path.resolve('node_modules/axe-core/axe.min.js') });
	return page.evaluate(async () => {
		const w = window as unknown as {
			axe: {
				run: (
					ctx: unknown,
					opts: unknown
				) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
			};
		};
		const r = await w.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
		});
		return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	});
}
