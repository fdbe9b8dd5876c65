import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot } from './browser';
import { pooledEligibility, readCsv } from '../oracle/eligibility';

const DATASETS: Record<string, string> = {
	samagera: 'datasets/samagera-torshalla',
	sig: 'datasets/sig-eslov',
	prisma: 'datasets/prisma-ekero'
};
const norm = (s: string | null | undefined) => (s ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const sek = (x: number) => `${x.toLocaleString('sv-SE').replace(/[\s\u00a0\u202f]/g, ' ')} kr`;

/** Repayment position per project, counted in plain JS from the ledgers (as of the fund page's default date). */
function repaymentFromCsv(): Map<string, { status: string; repaid: number; planned: number }> {
	const all = Object.values(DATASETS).flatMap((d) => readCsv(d, 'fund_ledger.csv'));
	const today = new Date().toISOString().slice(0, 10);
	const last = all
		.map((r) => r.date)
		.sort()
		.at(-1)!;
	const asOf = last >= today ? today : last;
	const out = new Map<string, { status: string; repaid: number; planned: number }>();
	for (const project of Object.keys(DATASETS)) {
		const rows = all.filter((r) => r.project_id === project && r.date <= asOf);
		const revisions = rows.filter((r) => r.entry === 'plan_revision').map((r) => Number(r.plan_version));
		const version = revisions.length ? Math.max(...revisions) : 1;
		const sum = (rs: typeof rows) => rs.reduce((s, r) => s + Number(r.amount_sek), 0);
		const repaid = sum(rows.filter((r) => r.entry === 'repayment'));
		const planned = sum(
			rows.filter((r) => r.entry === 'planned_repayment' && Number(r.plan_version) === version)
		);
		const status = repaid < planned ? 'behind' : repaid > planned ? 'ahead' : 'on_plan';
		out.set(project, { status, repaid, planned });
	}
	return out;
}

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());
const baseUrl = () => inject('baseUrl');

const liveHeadlines = (page: Page) =>
	page.locator('[data-testid="project-card"][data-live="true"] [data-testid="headline"]');

describe('board views in a real browser', () => {
	it('shows a card per project with its repayment status, and headline charts for the selected one', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl());
		await liveHeadlines(page).first().waitFor({ timeout: 90_000 });
		await page.locator('[data-testid="repayment"]').first().waitFor();

		const expected = repaymentFromCsv();
		const cards = page.getByTestId('project-card');
		expect(await cards.count()).toBe(3);
		for (const [project, e] of expected) {
			const card = page.locator(`[data-testid="project-card"][data-project="${project}"]`);
			await expect(card.locator('[data-testid="repayment"]').getAttribute('data-status')).resolves.toBe(
				e.status
			);
			const text = norm(await card.locator('[data-testid="repayment"]').textContent());
			expect(text).toContain(sek(e.repaid));
			expect(text).toContain(sek(e.planned));
			// Every card links to its board report.
			expect(await card.getByRole('link', { name: 'Rapport till nämnden' }).getAttribute('href')).toContain(
				`report/${project}/`
			);
		}
		// The selected (default) dataset is Samagera: its card is live, the others offer "Visa".
		const live = page.locator('[data-testid="project-card"][data-live="true"]');
		await expect(live.getAttribute('data-project')).resolves.toBe('samagera');
		expect(await page.locator('[data-testid="project-card"][data-live="false"] a.show').count()).toBe(2);
		const count = await liveHeadlines(page).count();
		expect(count).toBeGreaterThanOrEqual(3);
		expect(count).toBeLessThanOrEqual(5);
		await expect(liveHeadlines(page).first().getAttribute('data-indicator')).resolves.toBe(
			'eligible_vocational'
		);
		await expect(liveHeadlines(page).first().locator('h4').textContent()).resolves.toBe(
			'Fler elever behöriga till gymnasiet än före projektet'
		);
		await expect(live.getByRole('link', { name: 'Jämför utfallen' }).getAttribute('href')).resolves.toMatch(
			/compare\//
		);
		// The existing eligibility section is still there, below the cards.
		await page.locator('#eligibility [data-tip]').first().waitFor();
		await screenshot(page, 'start-desktop');

		// "Visa" on another project loads it and computes its headlines.
		await page.locator('[data-testid="project-card"][data-project="sig"] a.show').click();
		await page.waitForURL(/dataset=sig-eslov/);
		await page
			.locator('[data-testid="project-card"][data-project="sig"][data-live="true"] [data-testid="headline"]')
			.first()
			.waitFor({ timeout: 90_000 });

		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('fits a phone screen', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, PHONE);
		await page.goto(baseUrl());
		await liveHeadlines(page).first().waitFor({ timeout: 90_000 });
		await page.locator('[data-testid="repayment"]').first().waitFor();
		await screenshot(page, 'start-phone');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('shows a suppressed headline figure as ..', async () => {
		// Keep the grades of only 8 project pupils: fewer than k = 10, so eligibility must be hidden.
		const persons = readCsv(DATASETS.samagera, 'persons.csv');
		const project = new Set(persons.filter((p) => p.cohort_id === 'samagera').map((p) => p.person_id));
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.route(/grades[^/]*\.csv$/, async (route) => {
			const res = await route.fetch();
			const text = await res.text();
			if (!text.includes('TS-')) return route.fulfill({ response: res, body: text });
			const lines = text.trim().split('\n');
			const keep = new Set<string>();
			const body = [lines[0]];
			for (const line of lines.slice(1)) {
				const id = line.split(',')[0];
				if (project.has(id)) {
					if (!keep.has(id) && keep.size >= 8) continue;
					keep.add(id);
				}
				body.push(line);
			}
			return route.fulfill({ response: res, body: body.join('\n') + '\n' });
		});
		await page.goto(baseUrl());
		await liveHeadlines(page).first().waitFor({ timeout: 90_000 });
		const eligible = page.locator(
			'[data-testid="project-card"][data-live="true"] [data-testid="headline"][data-indicator="eligible_vocational"]'
		);
		await expect(eligible.locator('g[data-row="project"]').getAttribute('data-suppressed')).resolves.toBe(
			'true'
		);
		await expect(eligible.locator('g[data-row="project"] .value').textContent()).resolves.toBe('..');
		expect(norm(await eligible.locator('h4').textContent())).toContain('för få personer');
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('prints the Samagera board report on one A4 page with the eligibility finding from the CSV', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'report/samagera/');
		const report = page.getByTestId('report');
		const eligible = report.locator('[data-testid="headline"][data-indicator="eligible_vocational"]');
		await eligible.waitFor({ timeout: 90_000 });
		await report.locator('[data-testid="repayment"]').waitFor();

		const e = pooledEligibility(DATASETS.samagera);
		const p = e.get('samagera')!;
		const h = e.get('torshalla-2010')!;
		// The headline renders before its figures settle; poll rather than read once (slow machines).
		const settle = { timeout: 30_000 };
		await expect
			.poll(() => eligible.locator('h3').textContent(), settle)
			.toBe('Fler elever behöriga till gymnasiet än före projektet');
		await expect
			.poll(async () => norm(await eligible.locator('g[data-row="project"] .n').textContent()), settle)
			.toBe(`n = ${p.n}`);
		expect(norm(await eligible.locator('g[data-row="historical"] .n').textContent())).toBe(`n = ${h.n}`);
		const pp = (100 * (p.x / p.n - h.x / h.n)).toFixed(1).replace('.', ',');
		// The frame's subtitle: verdict, difference with its interval, and the population with n.
		const subtitle = norm(await eligible.locator('.cf-subtitle').textContent());
		expect(subtitle).toContain(`Skillnad +${pp} p.e.`);
		expect(subtitle).toContain('kan vara slump');
		expect(subtitle).toContain(`n = ${p.n}`);
		expect(norm(await report.getByTestId('report-uncertainty').textContent())).toMatch(
			/^Strecken visar osäkerheten/
		);
		expect(norm(await report.getByTestId('report-attrition').textContent())).toMatch(/^Avhopp: \d+ %/);
		const summary = norm(await report.getByTestId('report-summary').textContent());
		expect(summary).toContain('slump');
		const r = repaymentFromCsv().get('samagera')!;
		await expect
			.poll(() => report.locator('[data-testid="repayment"]').getAttribute('data-status'), settle)
			.toBe(r.status);
		expect(norm(await report.getByTestId('report-sources').textContent())).toContain('..');
		await screenshot(page, 'report-samagera');

		// Print: one A4 page, without the site's header or buttons. Laid out at the A4 text width
		// (210 mm less 2 × 14 mm margins = 688 px), every chart text is at least 8 pt (10.67 px).
		await page.setViewportSize({ width: 688, height: 1000 });
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.site-header').isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: 'Skriv ut' }).isVisible()).toBe(false);
		expect(await report.locator('.cf-actions').first().isVisible()).toBe(false);
		expect(await report.getByRole('button', { name: 'Tabell', exact: true }).first().isVisible()).toBe(false);
		await expect
			.poll(
				() =>
					report.locator('[data-testid="headline"] svg[role="img"]').evaluateAll((svgs) =>
						Math.min(
							...svgs.flatMap((svg) => {
								const scale =
									svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
								return [...svg.querySelectorAll('text')].map(
									(t) => parseFloat(getComputedStyle(t).fontSize) * scale
								);
							})
						)
					),
				settle
			)
			.toBeGreaterThanOrEqual(10.6);
		fs.mkdirSync('test-results', { recursive: true });
		const pdf = path.resolve('test-results/board-samagera.pdf');
		await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
		let pages: number;
		try {
			const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
			pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
			const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
			expect(Math.round(Number(size[1]))).toBe(595);
			expect(Math.round(Number(size[2]))).toBe(842);
			execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.resolve('test-results/board-samagera')]);
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
			console.warn(
				'pdfinfo/pdftoppm not installed (apt-get install poppler-utils): counting pages in the PDF'
			);
			pages = (fs.readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
		}
		expect(pages).toBe(1);

		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});
});
