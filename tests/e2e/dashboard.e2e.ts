import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot } from './browser';
import { eligibilityByYear, readCsv } from '../oracle/eligibility';

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
		await page.goto(baseUrl() + '?view=table');
		const frame = page.locator('section.chart-frame#eligibility');
		const table = frame.getByTestId('chart-table');
		await table.locator('tbody tr').first().waitFor({ timeout: 90_000 });

		const expected = eligibilityByYear(DATASET);
		const labels = new Map(readCsv(DATASET, 'cohorts.csv').map((c) => [c.label, c.cohort_id]));
		const rows = await table
			.locator('tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) =>
					Object.fromEntries(
						[...tr.querySelectorAll('[data-key]')].map((c) => [
							c.getAttribute('data-key'),
							(c.querySelector('[aria-hidden="true"]') ? '–' : (c.textContent ?? '')).trim()
						])
					)
				)
			);
		const cells = rows.filter((r) => labels.has(r.cohort));
		let hidden = 0;
		for (const [key, e] of expected) {
			const [cohort, period] = key.split('|');
			const c = cells.find((x) => labels.get(x.cohort) === cohort && x.period === period);
			expect(c, key).toBeDefined();
			// Disclosure: fewer than 10 pupils, or a unanimous share below 2k = 20, is never shown.
			if (e.n < 10 || ((e.x === 0 || e.x === e.n) && e.n < 20)) {
				hidden++;
				expect([c!.share, c!.eligible, c!.n], key).toEqual(['..', '..', '..']);
				continue;
			}
			// sv-SE: "81,0" (percent) with "47" of "58"
			expect(c!.eligible).toBe(String(e.x));
			expect(c!.n).toBe(String(e.n));
			expect(c!.share).toBe(((100 * e.x) / e.n).toFixed(1).replace('.', ','));
		}
		expect(hidden).toBeGreaterThan(0);
		expect(cells.length).toBe(expected.size);
		// The national value per year is in the same table.
		expect(rows.filter((r) => r.cohort === 'Riket').length).toBeGreaterThan(0);
		await expect(frame.locator('.cf-footer').textContent()).resolves.toContain(`${hidden} värden visas inte`);

		// The chart: a mark per shown value, a ".." per hidden one.
		await frame.getByRole('button', { name: 'Diagram', exact: true }).click();
		const svg = frame.locator('figure.chart svg[role="img"]');
		await svg.waitFor();
		await expect(svg.getAttribute('aria-labelledby')).resolves.toBeTruthy();
		await expect(svg.getAttribute('aria-describedby')).resolves.toBeTruthy();
		await expect.poll(() => svg.locator('g.point:not(.suppressed)').count()).toBe(expected.size - hidden);
		expect(await svg.locator('g.point.suppressed').count()).toBe(hidden);
		expect(await svg.locator('g.point circle, g.point rect').count()).toBe(expected.size - hidden);

		await screenshot(page, 'dashboard-desktop');
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('fits a phone screen', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, PHONE);
		await page.goto(baseUrl());
		await page.locator('#eligibility [data-tip]').first().waitFor({ timeout: 90_000 });
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
		const table = page.getByTestId('chart-table');
		await table.locator('tbody tr').first().waitFor({ timeout: 90_000 });
		await expect(page.locator('h1').textContent()).resolves.toContain('Eligibility for vocational');
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
		expect(await page.locator('figure.chart').count()).toBe(0);
		const shares = await table.locator('td[data-key="share"]').allTextContents();
		expect(shares.some((s) => /^\d+\.\d$/.test(s.trim()))).toBe(true);
		await screenshot(page, 'dashboard-table-en');
		// Switching back through the UI writes the URL.
		await page.locator('#eligibility').getByRole('button', { name: 'Chart', exact: true }).click();
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
		await page.locator('#eligibility [data-tip]').first().waitFor({ timeout: 90_000 });
		expect(requests.every((u) => u.startsWith(sub) || u.startsWith('data:') || u.startsWith('blob:'))).toBe(
			true
		);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('loads the dataset picked last when the pick comes while the engine is still starting (regression)', async () => {
		// Two loads used to run at once on the one connection: one's ROLLBACK aborted the other's
		// transaction, and the page ended with no data and an error.
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.context().route('**/*.wasm', async (route) => {
			await new Promise((r) => setTimeout(r, 1500));
			await route.continue();
		});
		await page.goto(baseUrl());
		await page.locator('#dataset').selectOption('sig-eslov');
		await page.waitForURL(/dataset=sig-eslov/);
		await page
			.locator('[data-testid="project-card"][data-project="sig"][data-live="true"] [data-testid="headline"]')
			.first()
			.waitFor({ timeout: 90_000 });
		await page.locator('#eligibility [data-tip]').first().waitFor({ timeout: 90_000 });
		await expect(page.getByRole('alert').count()).resolves.toBe(0);
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
