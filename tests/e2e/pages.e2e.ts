import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axe, DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot, TABLET } from './browser';

// Every prerendered page of the build, found on disk, so a new page is scanned without editing this test.
function builtPages(dir = 'build', prefix = ''): string[] {
	const out: string[] = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		if (e.isDirectory() && e.name !== '_app')
			out.push(...builtPages(path.join(dir, e.name), `${prefix}${e.name}/`));
		else if (e.name === 'index.html') out.push(prefix);
	}
	return out.sort();
}

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const pages = builtPages();

describe('every page', () => {
	it('is found in the build', () => {
		expect(pages).toContain('');
		expect(pages).toContain('compare/');
	});

	for (const p of pages) {
		it(`/${p} passes an axe WCAG 2.2 AA scan, stays on its own origin, logs no errors, and is shot at three widths`, async () => {
			const base = inject('baseUrl');
			const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
			await page.goto(base + p);
			// Scan once the data has arrived: the engine status disappears when the data is ready.
			await page.locator('.engine-progress').waitFor({ state: 'detached', timeout: 90_000 });
			await page.waitForLoadState('networkidle');
			expect(await axe(page)).toEqual([]);
			expect(foreignRequests(requests, base)).toEqual([]);
			expect(consoleErrors).toEqual([]);
			// Screenshots at desktop, tablet and phone width, for a person to look at.
			const name = `page-${p.replace(/\/$/, '').replace(/\//g, '-') || 'start'}`;
			await screenshot(page, `${name}-desktop`);
			for (const [width, viewport] of [
				['tablet', TABLET],
				['phone', PHONE]
			] as const) {
				await page.setViewportSize(viewport);
				await page.waitForTimeout(300);
				await screenshot(page, `${name}-${width}`);
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
				expect(overflow, `${p} at ${width} width`).toBeLessThanOrEqual(0);
			}
			await page.context().close();
		});
	}

	it('keeps the language and dataset when moving between pages with the menu', async () => {
		const base = inject('baseUrl');
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(`${base}?lang=en&dataset=sig-eslov`);
		await page.getByRole('navigation').getByRole('link', { name: 'Did it work?' }).click();
		await page.waitForURL(/\/compare\//);
		const url = new URL(page.url());
		expect(url.searchParams.get('lang')).toBe('en');
		expect(url.searchParams.get('dataset')).toBe('sig-eslov');
		await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
		await page.waitForURL((u) => u.pathname === '/');
		expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
		expect(await page.locator('h1').first().textContent()).toContain('Eligibility');
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});
});
