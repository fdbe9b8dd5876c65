import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import path from 'node:path';
import { axe, DESKTOP, foreignRequests, launch, openPage, PHONE, SCREENSHOTS, screenshot } from './browser';
import { pooledEligibility, readCsv } from '../oracle/eligibility';

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

	it('frames the value chart with its numbers: the CSV download holds each group with its n', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'compare/');
		const frame = page.locator('section.chart-frame#chart-values-samagera');
		await frame.waitFor({ timeout: 90_000 });
		await frame.locator('details.cf-more summary').click();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			frame.locator('button[data-action="csv"]').click()
		]);
		const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
		const e = pooledEligibility(DATASET);
		const lines = csv.trim().split(/\r?\n/);
		expect(lines[0].split(';')[0]).toBe('Grupp');
		expect(lines.length).toBe(1 + (await frame.locator('svg[role="img"] [data-tip]').count()));
		expect(lines.some((l) => l.includes(`n = ${e.get('samagera')!.n}`))).toBe(true);
		expect(lines.some((l) => l.includes(`n = ${e.get('torshalla-2010')!.n}`))).toBe(true);
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

	it('shows difference-in-differences against the concurrent comparison group (SiG Eslöv)', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'compare?dataset=sig-eslov&indicator=care_days');
		const did = page.locator('[data-testid="did"][data-comparison="jamforelse-13-18"]');
		await did.waitFor({ timeout: 90_000 });
		// One plain sentence says what DiD means; the frame has the chart, n for all four groups and a verdict.
		await expect.poll(async () => norm(await did.textContent())).toContain('Skillnad i skillnader');
		const n = norm(await did.getByTestId('did-estimate').locator('.count').textContent());
		expect(n).toMatch(
			/^n = (\d+|< \d+) och (\d+|< \d+) i projektet, (\d+|< \d+) och (\d+|< \d+) i jämförelsegruppen$/
		);
		expect(await did.locator('svg[role="img"]').count()).toBe(1);
		const verdict = norm(await did.getByTestId('did-verdict').textContent());
		expect(verdict.length).toBeGreaterThan(10);
		// The table view of the frame holds the same figures, suppressed ones as "..".
		await did.getByRole('button', { name: 'Tabell', exact: true }).click();
		await did.getByTestId('chart-table').waitFor();
		expect(await did.getByTestId('chart-table').locator('tbody tr').count()).toBe(3);
		await screenshot(page, 'compare-did-desktop');
		await did.getByRole('button', { name: 'Diagram', exact: true }).click();
		await did.locator('svg[role="img"]').waitFor();
		await did.screenshot({ path: path.join(SCREENSHOTS, 'compare-did-chart-desktop.png') });
		// The same in English, every text from the catalog (no key names shown).
		await page.goto(baseUrl() + 'compare?dataset=sig-eslov&indicator=care_days&lang=en');
		const en = page.locator('[data-testid="did"][data-comparison="jamforelse-13-18"]');
		await en.waitFor({ timeout: 90_000 });
		await expect.poll(async () => norm(await en.textContent())).toContain('Difference-in-differences:');
		expect(norm(await en.textContent())).not.toMatch(/compare\.|verdicts\./);
		expect(norm(await en.getByTestId('did-estimate').textContent())).toMatch(
			/^Difference in change: \+11\.4 \([−-]74\.0 to \+96\.9, 95% interval\)/
		);
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('shows the days distribution with the 28-day target, small bins as ".."', async () => {
		for (const viewport of [DESKTOP, PHONE]) {
			const { page, consoleErrors } = await openPage(browser, viewport);
			await page.goto(baseUrl() + 'compare?dataset=sig-eslov&indicator=consent_to_intervention_days');
			const days = page.getByTestId('days').first();
			await days.waitFor({ timeout: 90_000 });
			const svg = days.locator('figure.days-distribution svg[role="img"]');
			await expect.poll(() => svg.count()).toBe(1);
			expect(await svg.getAttribute('aria-labelledby')).toBeTruthy();
			expect(await svg.getAttribute('aria-describedby')).toBeTruthy();
			expect(norm(await svg.locator('.target-label').textContent())).toBe('Mål: 28 dagar');
			// Hidden bins draw no bar and no number, only the marker.
			const hidden = svg.locator('g.bin[data-suppressed="true"]');
			expect(await hidden.count()).toBeGreaterThan(0);
			for (const h of await hidden.all()) {
				expect(await h.locator('.bar').count()).toBe(0);
				expect(norm(await h.locator('.marker').textContent())).toBe('..');
			}
			// The title states the share within target with its n.
			await expect
				.poll(async () => norm(await days.locator('.cf-title').textContent()))
				.toMatch(/fick insats inom 28 dagar .* n = \d+\)$/);
			// The median now has an interval in the comparison table.
			await page.goto(
				baseUrl() + 'compare?dataset=sig-eslov&indicator=consent_to_intervention_days&view=table'
			);
			const cell = page.locator(
				'[data-testid="comparison-table"] tr[data-group="sig-13-18"] td[data-cell="interval"]'
			);
			await expect
				.poll(async () => norm(await cell.first().textContent()), { timeout: 90_000 })
				.toMatch(/\d – \d/);
			await page.goto(baseUrl() + 'compare?dataset=sig-eslov&indicator=consent_to_intervention_days');
			await page.getByTestId('days').first().waitFor({ timeout: 90_000 });
			await screenshot(page, `compare-days-${viewport === PHONE ? 'phone' : 'desktop'}`);
			await page
				.getByTestId('days')
				.first()
				.screenshot({
					path: path.join(SCREENSHOTS, `compare-days-chart-${viewport === PHONE ? 'phone' : 'desktop'}.png`)
				});
			if (viewport === PHONE) {
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
				expect(overflow).toBeLessThanOrEqual(0);
			}
			expect(await axe(page)).toEqual([]);
			expect(consoleErrors).toEqual([]);
			await page.context().close();
		}
	});

	it('standardises by a toggle kept in the URL, and says what it did', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'compare?dataset=sig-eslov&indicator=in_care');
		await page.getByTestId('verdicts').first().waitFor({ timeout: 90_000 });
		expect(await page.getByTestId('standardisation-note').count()).toBe(0);
		await page.getByLabel('Väg in ålder, kön och nivå (standardisering)').check();
		await page.waitForURL((u) => u.searchParams.get('standardise') === '1');
		const note = page.getByTestId('standardisation-note').first();
		await expect
			.poll(async () => norm(await note.textContent()), { timeout: 90_000 })
			.toMatch(/Standardiserat efter|ändras/);
		// Reloading the link keeps the toggle.
		await page.reload();
		await expect
			.poll(() => page.getByLabel('Väg in ålder, kön och nivå (standardisering)').isChecked(), {
				timeout: 90_000
			})
			.toBe(true);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('compares survey baseline with follow-up waves, small waves hidden', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'compare?dataset=prisma-ekero');
		const table = page.getByTestId('survey-table').first();
		await table.waitFor({ timeout: 90_000 });
		const base = table.locator('tr[data-question="would_recommend"][data-wave="baseline"]');
		expect(norm(await base.locator('td[data-cell="n"]').textContent())).toBe('10');
		expect(norm(await base.locator('td[data-cell="mean"]').textContent())).toMatch(/^4,80/);
		const small = table.locator('tr[data-question="would_recommend"][data-wave="follow_up_1"]');
		expect(norm(await small.locator('td[data-cell="n"]').textContent())).toBe('..');
		expect(norm(await small.locator('td[data-cell="difference"]').textContent())).toBe('..');
		const f2 = table.locator('tr[data-question="would_recommend"][data-wave="follow_up_2"]');
		expect(norm(await f2.locator('td[data-cell="n"]').textContent())).toBe('15');
		await screenshot(page, 'compare-surveys-desktop');
		expect(await axe(page)).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('shows data coverage and the repayment beside the comparison, small groups hidden by the workspace k', async () => {
		const DIR = 'datasets/sig-eslov';
		const persons = readCsv(DIR, 'persons.csv').filter((p) => p.cohort_id === 'sig-13-18');
		const care = new Set(readCsv(DIR, 'care.csv').map((r) => r.person_id));
		const covered = persons.filter((p) => care.has(p.person_id)).length;
		const repaid = readCsv(DIR, 'fund_ledger.csv')
			.filter((r) => r.entry === 'repayment')
			.reduce((s, r) => s + Number(r.amount_sek), 0);
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'compare/?dataset=sig-eslov');
		const facts = page.getByTestId('project-facts');
		const careRow = facts.locator(
			'[data-testid="coverage-table"][data-cohort="sig-13-18"] tr[data-table="care"] td'
		);
		await careRow.first().waitFor({ timeout: 90_000 });
		expect(norm(await careRow.first().textContent())).toBe(String(covered));
		const payback = facts.locator('[data-testid="project-payback"][data-project="sig"]');
		await expect
			.poll(async () => norm(await payback.textContent()))
			.toContain(`Återbetalt ${repaid.toLocaleString('sv-SE').replace(/\s/g, ' ')} kr`);
		expect(await axe(page)).toEqual([]);

		// With k above the group's size every coverage figure of that group is hidden.
		await page.evaluate(
			(k) => localStorage.setItem('utfall.settings.v1', JSON.stringify({ k })),
			persons.length + 1
		);
		await page.reload();
		await careRow.first().waitFor({ timeout: 90_000 });
		await expect.poll(async () => norm(await careRow.first().textContent())).toBe('..');
		await page.evaluate(() => localStorage.removeItem('utfall.settings.v1'));
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('fits a phone screen without horizontal scrolling', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, PHONE);
		await page.goto(baseUrl() + 'compare');
		await page.locator('figure.dot-whisker').first().waitFor({ timeout: 90_000 });
		await screenshot(page, 'compare-phone');
		await page
			.locator('article.card')
			.first()
			.screenshot({ path: path.join(SCREENSHOTS, 'compare-controls-phone.png') });
		await page
			.getByTestId('surveys')
			.screenshot({ path: path.join(SCREENSHOTS, 'compare-surveys-phone.png') });
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});
});
