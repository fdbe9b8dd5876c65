import fs from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot } from './browser';

const FILES = fs
	.readdirSync('datasets')
	.map((d) => `datasets/${d}/fund_ledger.csv`)
	.filter((f) => fs.existsSync(f))
	.sort();

type Rec = Record<string, string>;
const readCsv = (text: string) => Papa.parse<Rec>(text, { header: true, skipEmptyLines: true }).data;
const ledger = (): Rec[] => FILES.flatMap((f) => readCsv(fs.readFileSync(f, 'utf8')));

/** Each project's figures at `asOf`, in plain arithmetic on the CSV rows (whole kronor). */
function expected(asOf: string) {
	const all = ledger();
	const out = new Map<string, Record<string, number | string>>();
	for (const project of new Set(all.map((r) => r.project_id))) {
		const recs = all.filter((r) => r.project_id === project);
		const upTo = recs.filter((r) => r.date <= asOf);
		const sum = (entry: string, rows = upTo) =>
			rows.filter((r) => r.entry === entry).reduce((s, r) => s + Number(r.amount_sek), 0);
		let version = 1;
		for (const r of recs)
			if (r.entry === 'plan_revision' && r.date <= asOf) version = Math.max(version, Number(r.plan_version));
		const planned = upTo
			.filter((r) => r.entry === 'planned_repayment' && Number(r.plan_version || 1) === version)
			.reduce((s, r) => s + Number(r.amount_sek), 0);
		const granted = sum('grant');
		const repaid = sum('repayment');
		out.set(project, {
			granted,
			disbursed: sum('disbursement'),
			repaid,
			outstanding: granted - repaid,
			planned,
			variance: repaid - planned
		});
	}
	return out;
}

/** "3 800 000 kr" / "+575 000 kr" / "−150 000 kr" → number. */
const kronor = (text: string) => {
	const t = text
		.replace(/[\s\u00a0\u202fkr]/g, '')
		.replace('−', '-')
		.replace(',', '.');
	return Number(t);
};

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());
const baseUrl = () => inject('baseUrl');

async function openFund(page: Page, query = '') {
	await page.goto(`${baseUrl()}fund/${query}`);
	await page.getByTestId('portfolio-table').locator('tbody tr').first().waitFor({ timeout: 90_000 });
}

describe('the fund page in a real browser', () => {
	it('shows the portfolio with values matching the CSV files, Samagera’s grant and plan versions, traces and the CSV download', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		const asOf = '2024-06-30';
		await openFund(page, `?asOf=${asOf}&project=samagera`);

		// Portfolio: every project, every figure.
		const exp = expected(asOf);
		const table = page.getByTestId('portfolio-table');
		const rows = await table.locator('tbody tr').evaluateAll((trs) =>
			trs.map((tr) => ({
				project: tr.getAttribute('data-project'),
				cells: Object.fromEntries(
					[...tr.querySelectorAll('td[data-col]')].map((td) => [
						td.getAttribute('data-col'),
						(td.querySelector('.value') ?? td).textContent?.trim() ?? ''
					])
				)
			}))
		);
		expect(rows.map((r) => r.project).sort()).toEqual([...exp.keys()].sort());
		expect(rows.length).toBe(3);
		for (const r of rows) {
			const e = exp.get(r.project!)!;
			for (const k of ['granted', 'disbursed', 'repaid', 'outstanding', 'planned', 'variance'])
				expect(kronor(r.cells[k]), `${r.project} ${k}`).toBe(e[k]);
		}
		const statusOf = (p: string) => rows.find((r) => r.project === p)!.cells.status;
		expect(statusOf('prisma')).toBe('Efter plan');
		expect(statusOf('sig')).toBe('Efter plan');

		// Samagera: the grant and both plan versions.
		const granted = await page.getByTestId('project-granted').locator('.value').textContent();
		expect(granted!.replace(/\s/g, ' ')).toBe('3 800 000 kr');
		const plans = page.getByTestId('plans-table');
		await expect(plans.locator('tbody tr[data-plan]').count()).resolves.toBe(2);
		const planText = (await plans.textContent())!.replace(/\s+/g, ' ');
		expect(planText).toContain('15 september 2014');
		expect(planText).toContain('16 mars 2020');
		expect(planText).toContain('3 800 000 kr');
		expect(await page.locator('figure.pva svg[role="img"] path.plan').count()).toBe(2);

		// A trace: the variance formula filled in with the numbers.
		await table.locator('tr[data-project="samagera"] td[data-col="variance"] button').click();
		const dialog = page.locator('dialog[open]');
		await dialog.waitFor();
		const e = exp.get('samagera')!;
		const fmt = (n: number) => n.toLocaleString('sv-SE').replace(/\s/g, ' ') + ' kr';
		const formula = (await dialog.getByTestId('trace-formula').first().textContent())!.replace(/\s/g, ' ');
		expect(formula).toBe(`${fmt(e.repaid as number)} − ${fmt(e.planned as number)}`);
		const details = await dialog.locator('table').first().textContent();
		expect(details).toContain('Beräknat av modellen');
		await dialog.locator('summary').first().click();
		await expect(dialog.textContent()).resolves.toMatch(/samagera-torshalla\/fund_ledger\.csv, rad \d+/);
		await screenshot(page, 'fund-trace');
		await dialog.getByRole('button', { name: 'Stäng' }).click();

		// The CSV download equals the ledger (all three files, in order).
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('download-csv').click()
		]);
		expect(download.suggestedFilename()).toBe('fund_ledger.csv');
		const text = fs.readFileSync((await download.path())!, 'utf8');
		const got = readCsv(text);
		const want = ledger();
		expect(text.split('\n')[0]).toBe('project_id,date,entry,amount_sek,note,plan_version');
		expect(got.length).toBe(want.length);
		got.forEach((r, i) => {
			const w = want[i];
			expect([r.project_id, r.date, r.entry, r.note, r.plan_version]).toEqual([
				w.project_id,
				w.date,
				w.entry,
				w.note,
				w.plan_version
			]);
			expect(Number(r.amount_sek)).toBe(Number(w.amount_sek));
		});

		// Savings model: results and the tornado.
		await page.getByTestId('savings-results').waitFor({ timeout: 60_000 });
		await expect(page.locator('figure.tornado svg[role="img"]').count()).resolves.toBe(1);
		await expect(page.getByTestId('npv-convention').textContent()).resolves.toContain('(1 + r)^t');

		await screenshot(page, 'fund-desktop');
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('edits the ledger in memory: rejects a bad row naming line and field, adopts a suggested plan', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await openFund(page, '?project=sig&asOf=2021-06-30');
		const editor = page.getByTestId('ledger-editor');
		await editor.locator('input[name="date"]').fill('2021-03-01');
		await editor.locator('select[name="entry"]').selectOption('repayment');
		await editor.locator('input[name="amount_sek"]').fill('tio tusen');
		await editor.getByRole('button', { name: 'Lägg till raden' }).click();
		const alert = page.getByTestId('ledger-errors');
		const lines = ledger().length;
		await expect(alert.textContent()).resolves.toContain(`Rad ${lines + 2}`);
		await expect(alert.textContent()).resolves.toContain('Belopp (kr)');

		await editor.locator('input[name="amount_sek"]').fill('10 000');
		await editor.getByRole('button', { name: 'Lägg till raden' }).click();
		await expect(alert.textContent()).resolves.toBe('');
		const repaid = page.locator('tr[data-project="sig"] td[data-col="repaid"] .value');
		const e = expected('2021-06-30').get('sig')!;
		await expect(repaid.textContent().then((t) => kronor(t!))).resolves.toBe((e.repaid as number) + 10_000);

		// Suggested plan from a rule: 50 % of typed savings, adopted as plan 2.
		await page.getByTestId('saving-2022').fill('200000');
		await page.getByTestId('saving-2023').fill('300000');
		const suggested = page.getByTestId('suggested-table');
		await suggested.waitFor();
		await page.getByRole('button', { name: 'Anta som plan 2' }).click();
		await expect(page.getByTestId('plans-table').locator('tr[data-plan="2"]').count()).resolves.toBe(1);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('defaults the as-of date to today when the ledger reaches it, and fits a phone', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, PHONE);
		await openFund(page);
		const today = new Date().toISOString().slice(0, 10);
		await expect(page.locator('#as-of').inputValue()).resolves.toBe(today);
		await page.getByTestId('savings-results').waitFor({ timeout: 60_000 });
		await screenshot(page, 'fund-phone');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('switches to English and to the plan-versus-actual table from the URL', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await openFund(page, '?lang=en&view=table&project=samagera&asOf=2024-06-30');
		const t = page.getByTestId('pva-table');
		await t.waitFor();
		await expect(t.locator('thead').textContent()).resolves.toContain('Plan 2, cumulative');
		const granted = await page.getByTestId('project-granted').locator('.value').textContent();
		expect(granted!.replace(/\s/g, ' ')).toBe('SEK 3,800,000');
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});
});
