import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot } from './browser';
import { pooledEligibility } from '../oracle/eligibility';

const DATASET = 'datasets/samagera-torshalla';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const baseUrl = () => inject('baseUrl');
const norm = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ').trim();

async function diffWidth(page: Page): Promise<string> {
	return norm(
		await page
			.locator(
				'[data-testid="comparison-table"] tr[data-group="torshalla-2010"] td[data-cell="difference"] .count'
			)
			.textContent()
	);
}

describe('comparison page in a real browser', () => {
	it('shows the pooled eligibility comparison with the right n and difference for Samagera', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'compare?view=table');
		const table = page.getByTestId('comparison-table');
		await table.locator('tbody tr').first().waitFor({ timeout: 90_000 });

		const e = pooledEligibility(DATASET);
		const p = e.get('samagera')!;
		const h = e.get('torshalla-2010')!;
		const row = (id: string) => table.locator(`tr[data-group="${id}"]`);
		expect(norm(await row('samagera').locator('td[data-cell="n"]').textContent())).toBe(String(p.n));
		expect(norm(await row('torshalla-2010').locator('td[data-cell="n"]').textContent())).toBe(String(h.n));
		const share = (x: number, n: number) => `${((100 * x) / n).toFixed(1).replace('.', ',')} %`;
		expect(norm(await row('samagera').locator('td[data-cell="value"]').textContent())).toBe(share(p.x, p.n));
		const pp = (100 * (p.x / p.n - h.x / h.n)).toFixed(1).replace('.', ',');
		const diff = norm(await row('torshalla-2010').locator('td[data-cell="difference"]').textContent());
		expect(diff.startsWith(`+${pp} p.e.`)).toBe(true);
		// The interval includes zero, so the title says it may be chance.
		await expect(page.locator('h2.finding').first().textContent()).resolves.toContain('kan vara slump');
		await expect(page.getByTestId('verdicts').textContent()).resolves.toContain(
			'kan inte skiljas från slumpen'
		);

		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('shows ".." and never a number in suppressed cells', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'compare?view=table&period=2020/21');
		const table = page.getByTestId('comparison-table');
		await table.locator('tbody tr').first().waitFor({ timeout: 90_000 });
		const hidden = table.locator('tr[data-suppressed="true"]');
		expect(await hidden.count()).toBeGreaterThan(0);
		expect(norm(await hidden.first().locator('td[data-cell="value"]').textContent())).toBe('..');
		for (const cell of await hidden.locator('td[data-cell]').all()) {
			const t = norm(await cell.textContent());
			// '..' where a figure is hidden; the project's own row has no difference ('–').
			expect(t).toMatch(/^(\.\.|–)$/);
			expect(t).not.toMatch(/\d/);
		}
		// The difference is hidden too, and the verdict says too few.
		await expect(page.getByTestId('verdicts').textContent()).resolves.toContain('för få personer');
		// Attrition: small reasons are hidden as well.
		const att = page.getByTestId('attrition-table');
		expect(await att.locator('abbr.marker').count()).toBeGreaterThan(0);
		for (const m of await att.locator('abbr.marker').all()) expect(norm(await m.textContent())).toBe('..');
		// In the chart, suppressed rows draw no dot.
		await page.getByRole('link', { name: 'Diagram' }).click();
		await page.locator('figure.dot-whisker').first().waitFor();
		const rows = page.locator('figure.dot-whisker g.row[data-suppressed="true"]');
		expect(await rows.count()).toBeGreaterThan(0);
		expect(await rows.locator('circle, rect').count()).toBe(0);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('changes the URL and the interval width with the confidence level', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'compare?view=table');
		await page.getByTestId('comparison-table').locator('tbody tr').first().waitFor({ timeout: 90_000 });
		const at95 = await diffWidth(page);
		const width = (s: string) => {
			const [lo, hi] = s
				.split(' – ')
				.map((x) =>
					Number(x.replace('p.e.', '').replace(',', '.').replace('−', '-').replace('+', '').trim())
				);
			return hi - lo;
		};
		await page.getByLabel('99 %').check();
		await page.waitForURL((u) => u.searchParams.get('level') === '99');
		await expect.poll(() => diffWidth(page)).not.toBe(at95);
		const at99 = await diffWidth(page);
		expect(width(at99)).toBeGreaterThan(width(at95));
		await page.getByLabel('90 %').check();
		await page.waitForURL((u) => u.searchParams.get('level') === '90');
		await expect.poll(async () => width(await diffWidth(page))).toBeLessThan(width(at95));
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('has accessible charts, and screenshots on desktop', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'compare');
		await page.locator('figure.dot-whisker').first().waitFor({ timeout: 90_000 });
		for (const svg of await page.locator('svg[role="img"]').all()) {
			expect(await svg.getAttribute('aria-labelledby')).toBeTruthy();
			expect(await svg.getAttribute('aria-describedby')).toBeTruthy();
		}
		expect(await page.locator('figure.slope').count()).toBe(1);
		await screenshot(page, 'compare-desktop');
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('fits a phone screen without horizontal scrolling', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, PHONE);
		await page.goto(baseUrl() + 'compare');
		await page.locator('figure.dot-whisker').first().waitFor({ timeout: 90_000 });
		await screenshot(page, 'compare-phone');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});
});
