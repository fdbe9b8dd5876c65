import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	axe,
	DESKTOP,
	foreignRequests,
	launch,
	openPage,
	PHONE,
	screenshot,
	SCREENSHOTS,
	TABLET
} from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());
const baseUrl = () => inject('baseUrl');

/** Grouping spaces (sv-SE uses a no-break space) and the missing-value dash as a CSV writes them. */
const plain = (s: string) =>
	s === '–'
		? ''
		: /^[−-]?[\d\s\u00a0\u202f]+([.,]\d+)?$/.test(s)
			? s.replace(/[\s\u00a0\u202f]+/g, '').replace('−', '-')
			: s;

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
	const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
	const file = await download.path();
	return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

const frame = (page: Page) => page.locator('section.chart-frame#eligibility');

async function openOverview(page: Page, query = '') {
	await page.goto(baseUrl() + query);
	await frame(page).waitFor({ timeout: 90_000 });
}

describe('every chart: frame, table, downloads and link', () => {
	it('downloads the displayed numbers as CSV (suppressed as ..), SVG and PNG, and links to the same view', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await openOverview(page);
		const f = frame(page);
		await f.locator('svg[role="img"] [data-tip]').first().waitFor();
		await expect(f.locator('h2').textContent()).resolves.toMatch(/behöriga till yrkesprogram/);

		// The table: same frame, switched with a pressed-state button; the URL keeps the view.
		await f.getByRole('button', { name: 'Tabell', exact: true }).click();
		await expect
			.poll(() => f.getByRole('button', { name: 'Tabell', exact: true }).getAttribute('aria-pressed'))
			.toBe('true');
		await page.waitForURL(/view=table/);
		const table = f.getByTestId('chart-table');
		await table.locator('tbody tr').first().waitFor();
		const shown = await table
			.locator('tr')
			.evaluateAll((trs) =>
				trs.map((tr) =>
					[...tr.querySelectorAll('th, td')].map((c) =>
						c.querySelector('[aria-hidden="true"]') ? '–' : (c.textContent ?? '').trim()
					)
				)
			);
		expect(shown.length).toBeGreaterThan(5);
		// The table view passes the same accessibility scan as the chart view (pages.e2e.ts).
		expect(await axe(page)).toEqual([]);

		const csv = await downloaded(page, () => f.getByRole('button', { name: /^CSV/ }).click());
		expect(csv.name).toBe('eligibility.csv');
		const text = csv.bytes.toString('utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const lines = text.slice(1).trimEnd().split('\r\n');
		expect(lines.length).toBe(shown.length);
		lines.forEach((line, i) => expect(line.split(';'), `line ${i}`).toEqual(shown[i].map(plain)));
		// Suppressed cells are written as "..", and the figures use a decimal comma.
		expect(lines.some((l) => l.split(';').includes('..'))).toBe(true);
		expect(lines.some((l) => /;\d+,\d;/.test(l))).toBe(true);

		// The link reopens this exact view: the table, scrolled to the chart.
		const link = await f.locator('a[data-action="link"]').evaluate((a) => (a as HTMLAnchorElement).href);
		expect(link).toMatch(/view=table/);
		expect(link).toMatch(/#eligibility$/);
		await f.locator('a[data-action="link"]').click();
		await expect.poll(() => f.getByRole('status').textContent()).toMatch(/[Ll]änk/);
		const other = await openPage(browser, DESKTOP);
		await other.page.goto(link);
		await frame(other.page)
			.getByTestId('chart-table')
			.locator('tbody tr')
			.first()
			.waitFor({ timeout: 90_000 });
		await expect(frame(other.page).getAttribute('data-view')).resolves.toBe('table');
		await other.page.context().close();

		// Back to the chart: the SVG stands alone with the title; the PNG is a PNG.
		await f.getByRole('button', { name: 'Diagram', exact: true }).click();
		await f.locator('svg[role="img"]').waitFor();
		const title = (await f.locator('h2').textContent())!.trim();
		const svg = await downloaded(page, () => f.getByRole('button', { name: /^SVG/ }).click());
		expect(svg.name).toBe('eligibility.svg');
		const parsed = await page.evaluate((src) => {
			const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
			return {
				error: doc.querySelector('parsererror')?.textContent ?? null,
				root: doc.documentElement.localName,
				texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
				marks: doc.querySelectorAll('circle, rect').length
			};
		}, svg.bytes.toString('utf8'));
		expect(parsed.error).toBeNull();
		expect(parsed.root).toBe('svg');
		expect(parsed.texts.join(' ')).toContain(title.split(' ').slice(0, 3).join(' '));
		expect(parsed.texts.some((t) => t.startsWith('Källa:'))).toBe(true);
		expect(parsed.marks).toBeGreaterThan(5);

		const png = await downloaded(page, () => f.getByRole('button', { name: /^PNG/ }).click());
		expect(png.name).toBe('eligibility.png');
		expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(png.bytes.length).toBeGreaterThan(5000);
		// Kept for a person to look at, beside the screenshots.
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		fs.writeFileSync(path.join(SCREENSHOTS, 'charts-download-eligibility.png'), png.bytes);
		fs.writeFileSync(path.join(SCREENSHOTS, 'charts-download-eligibility.svg'), svg.bytes);

		await screenshot(page, 'charts-overview-desktop');
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('shows a tooltip by keyboard: Tab reaches a mark, arrows move, Escape hides', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await openOverview(page);
		await frame(page).locator('[data-tip]').first().waitFor();
		let reached = false;
		for (let i = 0; i < 120 && !reached; i++) {
			await page.keyboard.press('Tab');
			reached = await page.evaluate(() => document.activeElement?.hasAttribute('data-tip') ?? false);
		}
		expect(reached).toBe(true);
		const focused = page.locator('[data-tip]:focus');
		const figure = page.locator('figure:has([data-tip]:focus)');
		const tip = figure.getByTestId('chart-tooltip');
		await expect.poll(() => tip.isVisible()).toBe(true);
		const label = (await focused.getAttribute('aria-label'))!;
		const value = (await tip.locator('.value').textContent())!.trim();
		expect(value.length).toBeGreaterThan(0);
		expect(label).toContain(value);
		// The focus ring is drawn in the focus colour.
		await expect
			.poll(() => focused.locator('.hit').evaluate((el) => getComputedStyle(el).stroke))
			.toBe('rgb(213, 94, 0)');
		// One tab stop per chart: the arrow keys move to the next mark.
		const first = await focused.getAttribute('data-tip');
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => page.locator('[data-tip]:focus').getAttribute('data-tip')).not.toBe(first);
		await expect.poll(() => tip.isVisible()).toBe(true);
		await page.keyboard.press('Escape');
		await expect.poll(() => tip.count()).toBe(0);

		// The eligibility chart: its tooltip names the value and n of the point.
		const mark = frame(page).locator('g.point:not(.suppressed)').first();
		await mark.focus();
		const etip = frame(page).getByTestId('chart-tooltip');
		await expect.poll(async () => (await etip.textContent()) ?? '').toMatch(/n = \d+/);
		await expect.poll(async () => (await etip.textContent()) ?? '').toMatch(/\d+\s?%/);
		await page.keyboard.press('Escape');
		await expect.poll(() => etip.count()).toBe(0);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	for (const [name, viewport] of [
		['phone', PHONE],
		['tablet', TABLET]
	] as const)
		it(`fits a ${name} screen, the tooltip by touch inside the page`, async () => {
			const { page, consoleErrors } = await openPage(browser, viewport);
			await openOverview(page);
			const mark = frame(page).locator('[data-tip]').nth(2);
			await mark.waitFor();
			await mark.click();
			const tip = frame(page).getByTestId('chart-tooltip');
			await expect.poll(() => tip.isVisible()).toBe(true);
			const box = (await tip.boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
			// Narrow: the tooltip sits under the chart, never over its marks.
			if (name === 'phone') {
				const svg = (await frame(page).locator('svg[role="img"]').boundingBox())!;
				expect(box.y).toBeGreaterThanOrEqual(svg.y + svg.height - 1);
			}
			await frame(page).scrollIntoViewIfNeeded();
			await screenshot(page, `charts-overview-${name}`);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow).toBeLessThanOrEqual(0);
			expect(consoleErrors).toEqual([]);
			await page.context().close();
		});
});
