import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot } from './browser';
import { eligibilityByYear } from '../oracle/eligibility';

const DATASET = 'datasets/samagera-torshalla';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const baseUrl = () => inject('baseUrl');

describe('dashboard in a real browser', () => {
	it('shows the eligibility chart and table computed by DuckDB in the page, with correct values', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl());
		const table = page.getByTestId('eligibility-table');
		await table.locator('tbody tr').first().waitFor({ timeout: 90_000 });

		const expected = eligibilityByYear(DATASET);
		const cells = await table.locator('td[data-cohort]').evaluateAll((tds) =>
			tds.map((td) => ({
				cohort: td.getAttribute('data-cohort'),
				period: td.getAttribute('data-period'),
				share: td.querySelector('.share')?.textContent?.trim() ?? '',
				count: td.querySelector('.count')?.textContent?.trim() ?? ''
			}))
		);
		const filled = cells.filter((c) => c.count !== '');
		let hidden = 0;
		for (const [key, e] of expected) {
			const [cohort, period] = key.split('|');
			const c = cells.find((x) => x.cohort === cohort && x.period === period);
			expect(c, key).toBeDefined();
			// Disclosure: fewer than 10 pupils, or a unanimous share below 2k = 20, is never shown.
			if (e.n < 10 || ((e.x === 0 || e.x === e.n) && e.n < 20)) {
				hidden++;
				expect(c!.share, key).toBe('..');
				expect(c!.count, key).toBe('');
				continue;
			}
			// sv-SE: "81,0 %" with a no-break space, and "47 av 58"
			expect(c!.count).toBe(`${e.x} av ${e.n}`);
			const share = ((100 * e.x) / e.n).toFixed(1).replace('.', ',');
			expect(c!.share.replace(/\s/g, ' ')).toBe(`${share} %`);
		}
		expect(hidden).toBeGreaterThan(0);
		expect(filled.length).toBe(expected.size - hidden);
		await expect(page.locator('.footnote').textContent()).resolves.toContain(`${hidden} värden visas inte`);

		const svg = page.locator('figure.chart svg[role="img"]');
		await expect(svg.getAttribute('aria-labelledby')).resolves.toBeTruthy();
		const points = await svg.locator('circle, rect').count();
		expect(points).toBe(filled.length);

		await screenshot(page, 'dashboard-desktop');
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('fits a phone screen', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, PHONE);
		await page.goto(baseUrl());
		await page.getByTestId('eligibility-table').locator('tbody tr').first().waitFor({ timeout: 90_000 });
		await screenshot(page, 'dashboard-phone');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('restores language and view from the URL, with English number formats', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + '?lang=en&view=table');
		const table = page.getByTestId('eligibility-table');
		await table.locator('tbody tr').first().waitFor({ timeout: 90_000 });
		await expect(page.locator('h1').textContent()).resolves.toContain('Eligibility for vocational');
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
		expect(await page.locator('figure.chart').count()).toBe(0);
		const share = await table.locator('td[data-cohort]:has(.count) .share').first().textContent();
		expect(share?.trim()).toMatch(/^\d+\.\d%$/);
		await screenshot(page, 'dashboard-table-en');
		// Switching back through the UI writes the URL.
		await page.getByRole('link', { name: 'Chart' }).click();
		await page.waitForURL((u) => !u.search.includes('view=table'));
		expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
		await page.locator('figure.chart').waitFor();
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('works from a sub-path, as on any static host', async () => {
		const sub = inject('subPathUrl');
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(sub);
		await page.getByTestId('eligibility-table').locator('tbody tr').first().waitFor({ timeout: 90_000 });
		expect(requests.every((u) => u.startsWith(sub) || u.startsWith('data:') || u.startsWith('blob:'))).toBe(
			true
		);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('says in plain words when the engine cannot start', async () => {
		const { page } = await openPage(browser, DESKTOP);
		await page.context().route('**/*.wasm', (route) => route.abort());
		await page.goto(baseUrl());
		const alert = page.getByRole('alert');
		await alert.waitFor({ timeout: 60_000 });
		await expect(alert.textContent()).resolves.toContain('Räknemotorn kunde inte starta');
		await screenshot(page, 'engine-failed');
		await page.context().close();
	});
});
