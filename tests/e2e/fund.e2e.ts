import fs from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axe, DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot } from './browser';

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
const TABLET = { width: 820, height: 1180 };

/** Open the fund page and wait until `testid` is visible (the portfolio table by default). */
async function openFund(page: Page, query = '', testid = 'portfolio-table') {
	await page.goto(`${baseUrl()}fund/${query}`);
	await page.getByTestId(testid).first().waitFor({ timeout: 90_000 });
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const selectedTab = (page: Page) => page.locator('[role="tab"][aria-selected="true"]').textContent();

describe('the fund page in a real browser', () => {
	it('shows the portfolio with values matching the CSV files, Samagera’s grant and plan versions, traces and the CSV download', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		const asOf = '2024-06-30';
		await openFund(page, `?asOf=${asOf}&project=samagera&section=portfolio`);

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
		await expect(axe(page)).resolves.toEqual([]);

		// The project ledger tab: Samagera's grant and both plan versions.
		await tab(page, 'Projektliggare').click();
		await expect.poll(() => selectedTab(page)).toBe('Projektliggare');
		// The URL names the project, which already implies its ledger.
		expect(new URL(page.url()).searchParams.get('section')).toBeNull();
		await page.getByTestId('project-granted').waitFor();
		const granted = await page.getByTestId('project-granted').locator('.value').textContent();
		expect(granted!.replace(/\s/g, ' ')).toBe('3 800 000 kr');
		const plans = page.getByTestId('plans-table');
		await expect(plans.locator('tbody tr[data-plan]').count()).resolves.toBe(2);
		const planText = (await plans.textContent())!.replace(/\s+/g, ' ');
		expect(planText).toContain('15 september 2014');
		expect(planText).toContain('16 mars 2020');
		expect(planText).toContain('3 800 000 kr');
		expect(await page.locator('figure.pva svg[role="img"] path.plan').count()).toBe(2);
		await screenshot(page, 'fund-ledger');
		await expect(axe(page)).resolves.toEqual([]);

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

		// Savings model fed from the measured comparison: the n behind it, a range, traces, the waterfall.
		await tab(page, 'Besparingsmodell').click();
		const range = page.getByTestId('npv-range');
		await range.waitFor({ timeout: 90_000 });
		await expect(range.textContent()).resolves.toMatch(/Nettonuvärde −?\d+,\d\smnkr \(−?\d+,\d–−?\d+,\d\)/);
		// Samagera against Torshälla before the project: 452 person-years against 421 (care days).
		await expect
			.poll(() => page.getByTestId('n-behind').textContent())
			.toContain('Vårddygn på HVB: n 452 mot 421');
		const measured = page.getByTestId('measured-table');
		await expect(measured.locator('tr[data-outcome="care_days_hvb@samagera"]').count()).resolves.toBe(1);
		await expect(
			measured.locator('tr[data-outcome="eligible_vocational@samagera"]').textContent()
		).resolves.toContain('Enhetskostnad saknas');
		await expect(page.locator('#savings-waterfall svg[role="img"]').count()).resolves.toBe(1);
		await expect(page.getByTestId('npv-convention').textContent()).resolves.toContain('(1 + r)^t');
		// The central NPV in the headline opens its formula, NPV = PV savings − PV costs.
		await range.getByRole('button').click();
		const npvDialog = page.locator('dialog[open]');
		await npvDialog.waitFor();
		const npvFormula = (await npvDialog.getByTestId('trace-formula').first().textContent())!.replace(
			/\s/g,
			' '
		);
		expect(npvFormula).toMatch(/^−?[\d ]+(,\d\d)? kr − 3 [\d ]+(,\d\d)? kr$/);
		await npvDialog.getByRole('button', { name: 'Stäng' }).click();
		await screenshot(page, 'fund-savings');
		await expect(axe(page)).resolves.toEqual([]);

		// A user override is labelled as an assumption and moves the NPV.
		const before = await page.getByTestId('range-table').locator('tbody tr').first().textContent();
		const hvb = measured.locator('tr[data-outcome="care_days_hvb@samagera"]');
		await hvb.locator('summary').click();
		await hvb.getByLabel('Skillnad, mitt').fill('-2');
		await hvb.getByLabel('Skillnad, mitt').press('Tab');
		await expect.poll(() => hvb.textContent()).toContain('Antagande');
		await expect
			.poll(() => page.getByTestId('range-table').locator('tbody tr').first().textContent())
			.not.toBe(before);

		// Price index: 2020 at 100 and 2025 at 125 restates the SiS day (2020 prices) by 1.25.
		await page.getByTestId('index-2020').fill('100');
		await page.getByTestId('index-2020').press('Tab');
		await page.getByTestId('index-2025').fill('125');
		await page.getByTestId('index-2025').press('Tab');
		await expect
			.poll(() =>
				measured
					.locator('tr[data-outcome="care_days_sis@samagera"] td')
					.nth(3)
					.textContent()
					.then((t) => t!.replace(/\s/g, ' '))
			)
			.toContain('6 125 kr');

		// Sensitivity: the tornado and the scenarios side by side.
		await tab(page, 'Känslighet').click();
		await page.locator('#savings-tornado svg[role="img"]').waitFor();
		await expect(page.getByTestId('scenarios-table').locator('thead th').count()).resolves.toBe(4);
		await screenshot(page, 'fund-sensitivity');
		await expect(axe(page)).resolves.toEqual([]);

		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('moves between sections with the arrow keys, and back and forward in history', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await openFund(page, '?asOf=2024-06-30');
		await expect(selectedTab(page)).resolves.toBe('Portfölj');
		await tab(page, 'Portfölj').focus();
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => selectedTab(page)).toBe('Projektliggare');
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tab-ledger');
		await page.keyboard.press('End');
		await expect.poll(() => selectedTab(page)).toBe('Föreslagen återbetalning');
		await expect.poll(() => page.url()).toContain('section=repayment');
		await expect(page.locator('#panel-portfolio').isHidden()).resolves.toBe(true);
		await page.goBack();
		await expect.poll(() => selectedTab(page)).toBe('Projektliggare');
		await page.goBack();
		await expect.poll(() => selectedTab(page)).toBe('Portfölj');
		await page.goForward();
		await expect.poll(() => selectedTab(page)).toBe('Projektliggare');
		// An old link naming a project but no section opens that project's ledger.
		await openFund(page, '?project=sig', 'ledger-editor');
		await expect(selectedTab(page)).resolves.toBe('Projektliggare');
		await expect(page.locator('#project-select').inputValue()).resolves.toBe('sig');
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('edits the ledger: rejects a bad row naming line and field, keeps edits over a reload, adopts a suggested plan, discards', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await openFund(page, '?project=sig&asOf=2021-06-30', 'ledger-editor');
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
		await expect.poll(() => repaid.textContent().then((t) => kronor(t!))).toBe((e.repaid as number) + 10_000);

		// Kept in this browser under a key the workspace file collects, and back after a reload.
		const keys = await page.evaluate(() =>
			Object.keys(localStorage).filter((k) => k.startsWith('utfall.ledger'))
		);
		expect(keys).toEqual(['utfall.ledger.v1']);
		await page.reload();
		await page.getByTestId('ledger-editor').waitFor({ timeout: 90_000 });
		await expect.poll(() => page.getByTestId('storage-note').textContent()).toMatch(/sparade ändringar från/);
		await expect.poll(() => repaid.textContent().then((t) => kronor(t!))).toBe((e.repaid as number) + 10_000);

		// Suggested plan from a rule: 50 % of typed savings, adopted as plan 2.
		await tab(page, 'Föreslagen återbetalning').click();
		await page.getByTestId('saving-2022').fill('200000');
		await page.getByTestId('saving-2023').fill('300000');
		const suggested = page.getByTestId('suggested-table');
		await suggested.waitFor();
		await page.getByRole('button', { name: 'Anta som plan 2' }).click();
		await expect.poll(() => page.getByTestId('plans-table').locator('tr[data-plan="2"]').count()).toBe(1);
		await screenshot(page, 'fund-repayment');

		// The savings model fills the yearly savings (SiG has measured outcomes against its comparison groups).
		await page.getByTestId('fill-from-model').waitFor({ timeout: 90_000 });
		await page.getByTestId('fill-from-model').click();
		// SiG's grant year is 2013 (year 0): savings in years 1–5, the same each year (no drop-off by default).
		await expect
			.poll(() =>
				page
					.locator('[data-testid^="saving-"]')
					.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
			)
			.toEqual(['saving-2014', 'saving-2015', 'saving-2016', 'saving-2017', 'saving-2018']);
		const amounts = await page
			.locator('[data-testid^="saving-"]')
			.evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
		expect(new Set(amounts).size).toBe(1);
		expect(amounts[0]).toBeGreaterThan(0);

		// Discard: back to the files, nothing stored.
		await page.getByTestId('discard-edits').click();
		await expect.poll(() => repaid.textContent().then((t) => kronor(t!))).toBe(e.repaid as number);
		await expect(page.evaluate(() => localStorage.getItem('utfall.ledger.v1'))).resolves.toBeNull();
		await expect(page.getByTestId('plans-table').locator('tr[data-plan="2"]').count()).resolves.toBe(0);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('defaults the as-of date to today when the ledger reaches it, and fits a phone and a tablet', async () => {
		for (const [name, viewport] of [
			['phone', PHONE],
			['tablet', TABLET]
		] as const) {
			const { page, requests, consoleErrors } = await openPage(browser, viewport);
			await openFund(page, '?project=sig&section=portfolio');
			const today = new Date().toISOString().slice(0, 10);
			await expect(page.locator('#as-of').inputValue()).resolves.toBe(today);
			await screenshot(page, `fund-${name}`);
			await tab(page, 'Besparingsmodell').click();
			await page.getByTestId('npv-range').waitFor({ timeout: 90_000 });
			await screenshot(page, `fund-savings-${name}`);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow).toBeLessThanOrEqual(0);
			await tab(page, 'Känslighet').click();
			await page.locator('#savings-tornado svg[role="img"]').waitFor();
			await screenshot(page, `fund-sensitivity-${name}`);
			expect(foreignRequests(requests, baseUrl())).toEqual([]);
			expect(consoleErrors).toEqual([]);
			await page.context().close();
		}
	});

	it('switches to English and to the plan-versus-actual table from the URL', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await openFund(page, '?lang=en&view=table&project=samagera&asOf=2024-06-30', 'pva-table');
		const t = page.getByTestId('pva-table');
		await expect(t.locator('thead').textContent()).resolves.toContain('Plan 2, cumulative');
		const granted = await page.getByTestId('project-granted').locator('.value').textContent();
		expect(granted!.replace(/\s/g, ' ')).toBe('SEK 3,800,000');
		await tab(page, 'Savings model').click();
		await expect
			.poll(() => page.getByTestId('npv-range').textContent(), { timeout: 90_000 })
			.toMatch(/Net present value −?SEK\s−?\d+\.\dm \(−?\d+\.\d–−?\d+\.\d\)/);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});
});
