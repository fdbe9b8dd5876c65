import fs from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot } from './browser';

const DATASET = 'datasets/samagera-torshalla';
const readCsv = (file: string) =>
	Papa.parse<Record<string, string>>(fs.readFileSync(`${DATASET}/${file}`, 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;

/**
 * Share of persons with at least one report of concern during their cohort's observation window,
 * counted in plain JS from the CSV files (independent of the app's SQL).
 */
function expectedShares(): Map<string, { n: number; k: number }> {
	const cohorts = new Map(readCsv('cohorts.csv').map((c) => [c.cohort_id, c]));
	const reports = readCsv('events.csv').filter((e) => e.type === 'report_of_concern');
	const out = new Map<string, { n: number; k: number }>();
	for (const p of readCsv('persons.csv')) {
		const c = cohorts.get(p.cohort_id)!;
		const cell = out.get(p.cohort_id) ?? { n: 0, k: 0 };
		cell.n++;
		if (reports.some((e) => e.person_id === p.person_id && e.date >= c.start_date && e.date <= c.end_date))
			cell.k++;
		out.set(p.cohort_id, cell);
	}
	return out;
}
/** sv-SE percentage with one decimal: "12,5 %". */
const svShare = (x: number) => `${(100 * x).toFixed(1).replace('.', ',')} %`;
const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const url = () => inject('baseUrl') + 'indicators/';
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Press Tab until the element with this id has focus: proves it is reachable by keyboard. */
async function tabTo(page: Page, id: string, back = false, max = 250): Promise<void> {
	for (let i = 0; i < max; i++) {
		if ((await activeId(page)) === id) return;
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
	}
	throw new Error(`#${id} was not reached with the Tab key`);
}

async function typeInto(page: Page, id: string, text: string) {
	await tabTo(page, id);
	await page.keyboard.type(text);
}

/** Choose an option of a closed <select> with the arrow keys. */
async function chooseWithKeys(page: Page, id: string, value: string) {
	await tabTo(page, id);
	const [from, to] = await page.evaluate(
		([id, value]) => {
			const s = document.getElementById(id) as HTMLSelectElement;
			return [s.selectedIndex, [...s.options].findIndex((o) => o.value === value)];
		},
		[id, value]
	);
	if (to < 0) throw new Error(`#${id} has no option ${value}`);
	for (let i = 0; i < Math.abs(to - from); i++)
		await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
	expect(await page.locator(`#${id}`).inputValue()).toBe(value);
}

async function waitForData(page: Page) {
	await page
		.locator('#ind-eventType option[value="report_of_concern"]')
		.waitFor({ state: 'attached', timeout: 90_000 });
}

describe('indicator editor in a real browser', () => {
	it('lets a project lead define, preview, save, export, delete and re-import an indicator with the keyboard', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(url());
		await waitForData(page);
		await expect(page.locator('h1').textContent()).resolves.toBe('Indikatorer');

		await typeInto(page, 'ind-label-sv', 'Andel med minst en orosanmälan');
		await typeInto(page, 'ind-label-en', 'Share with at least one report of concern');
		await typeInto(
			page,
			'ind-description-sv',
			'Andel av personerna med minst en orosanmälan under gruppens period.'
		);
		await typeInto(
			page,
			'ind-description-en',
			'Share of the people with at least one report of concern in the window.'
		);
		expect(await page.locator('#ind-id').inputValue()).toBe('share_with_at_least_one_report_of_concern');
		await chooseWithKeys(page, 'ind-eventType', 'report_of_concern');
		await chooseWithKeys(page, 'ind-aggregate', 'any');
		await chooseWithKeys(page, 'ind-kind', 'share');
		await chooseWithKeys(page, 'ind-period', 'cohort_window');
		await chooseWithKeys(page, 'ind-direction', 'lower_better');

		// The live preview, computed by DuckDB in the page, equals the count from the CSV.
		const expected = expectedShares();
		const table = page.getByTestId('preview-table');
		await table.locator(`tbody tr[data-period="all"]`).first().waitFor({ timeout: 60_000 });
		await page.waitForFunction(() => !document.querySelector('.preview[aria-busy="true"]'));
		const rows = await table.locator('tbody tr').evaluateAll((trs) =>
			trs.map((tr) => ({
				cohort: tr.getAttribute('data-cohort'),
				n: tr.querySelector('.n')?.textContent ?? '',
				value: tr.querySelector('.value')?.textContent ?? ''
			}))
		);
		expect(rows.map((r) => r.cohort).sort()).toEqual([...expected.keys()].sort());
		for (const r of rows) {
			const e = expected.get(r.cohort!)!;
			expect(e.n).toBeGreaterThanOrEqual(10);
			expect(norm(r.n)).toBe(String(e.n));
			expect(norm(r.value)).toBe(svShare(e.k / e.n));
		}
		await screenshot(page, 'indicators-desktop');

		// Save.
		await tabTo(page, 'ind-save');
		await page.keyboard.press('Enter');
		const id = 'share_with_at_least_one_report_of_concern';
		const saved = page.getByTestId('saved-list');
		await saved.locator(`li[data-id="${id}"]`).waitFor();
		await expect(page.getByTestId('notice').textContent()).resolves.toContain('är sparad');
		expect(await page.locator('#form-title').textContent()).toContain('Redigera');

		// Export (a download), from the keyboard.
		await tabTo(page, 'export-json', true);
		const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
		expect(download.suggestedFilename()).toBe('utfall-indikatorer.json');
		const file = await download.path();
		const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
		expect(exported.indicators.map((d: { id: string }) => d.id)).toEqual([id]);
		expect(exported.indicators[0].measure).toEqual({
			table: 'events',
			eventType: 'report_of_concern',
			aggregate: 'any'
		});

		// Delete.
		await tabTo(page, `delete-${id}`, true);
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('saved-list').count()).resolves.toBe(0);
		await expect(page.getByTestId('notice').textContent()).resolves.toContain('togs bort');

		// An invalid file changes nothing and says why.
		await page.setInputFiles('#import-file', {
			name: 'broken.json',
			mimeType: 'application/json',
			buffer: Buffer.from('{ "indicators": [ { "id": "x" ')
		});
		await expect(page.getByTestId('import-error').textContent()).resolves.toContain('inte giltig JSON');
		await expect(page.getByTestId('saved-list').count()).resolves.toBe(0);

		// Re-import the exported file.
		await page.setInputFiles('#import-file', file);
		await saved.locator(`li[data-id="${id}"]`).waitFor();
		await expect(saved.locator(`li[data-id="${id}"]`).textContent()).resolves.toContain(
			'Andel med minst en orosanmälan'
		);
		expect(await page.getByTestId('import-error').count()).toBe(0);

		// Kept across a reload (localStorage).
		await page.reload();
		await saved.locator(`li[data-id="${id}"]`).waitFor();

		expect(foreignRequests(requests, url())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('refuses advanced SQL that writes or reads files, naming the token, and runs a valid query', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(url());
		await waitForData(page);
		await page.getByRole('button', { name: 'Kopiera för att redigera: Personer med orosanmälan' }).click();
		await expect(page.locator('#ind-label-sv').inputValue()).resolves.toBe('Personer med orosanmälan');
		await page.locator('#ind-advanced').check();
		const sql = page.locator('#ind-sql');

		await sql.fill("COPY events TO 'ut.csv'");
		await page.locator('#ind-save').click();
		const alert = page.getByRole('alert');
		await expect(alert.textContent()).resolves.toContain('COPY');
		await expect(sql.getAttribute('aria-invalid')).resolves.toBe('true');
		await expect(page.locator('#ind-sql-error').textContent()).resolves.toContain('inte COPY');
		expect(await sql.getAttribute('aria-describedby')).toContain('ind-sql-error');

		await sql.fill("SELECT person_id, date, 1 AS value FROM read_csv('/etc/passwd')");
		await page.locator('#ind-save').click();
		await expect(page.locator('#ind-sql-error').textContent()).resolves.toContain(
			'Funktionen read_csv är inte tillåten'
		);
		await sql.fill('SELECT person_id, date, 1 AS value FROM events; DROP TABLE events');
		await expect(page.locator('#ind-sql-error').textContent()).resolves.toMatch(/Bara en fråga|DROP/);
		expect(await page.getByTestId('saved-list').count()).toBe(0);

		// A query DuckDB cannot bind is refused on save with DuckDB's words.
		await sql.fill('SELECT person_id, date, nonsense AS value FROM events');
		await page.locator('#ind-save').click();
		await expect(page.locator('#ind-sql-error').textContent()).resolves.toContain('DuckDB');
		expect(await page.getByTestId('saved-list').count()).toBe(0);

		// A valid query previews and saves.
		await sql.fill("SELECT person_id, date, 1 AS value FROM events WHERE type = 'sip'");
		await page.getByTestId('preview-table').waitFor({ timeout: 60_000 });
		await page.locator('#ind-save').click();
		await page.getByTestId('saved-list').locator('li[data-id="persons_with_report_copy"]').waitFor();
		expect(await sql.getAttribute('aria-invalid')).toBeNull();
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('points an invalid field out with aria-invalid, a message next to it and an alert with links', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(url());
		await waitForData(page);
		await page.getByRole('button', { name: 'Kopiera för att redigera: Personer med orosanmälan' }).click();
		await page.locator('#ind-id').fill('Ogiltigt id!');
		await page.locator('#ind-target-op').selectOption('<=');
		await page.locator('#ind-target-value').fill('tio');
		await page.locator('#ind-save').click();

		const alert = page.getByRole('alert');
		await alert.waitFor();
		const links = alert.locator('a');
		expect(await links.count()).toBe(2);
		for (const id of ['ind-id', 'ind-target-value']) {
			const field = page.locator(`#${id}`);
			expect(await field.getAttribute('aria-invalid')).toBe('true');
			expect(await field.getAttribute('aria-describedby')).toContain(`${id}-error`);
			expect(norm(await page.locator(`#${id}-error`).textContent())).not.toBe('');
		}
		expect(await alert.locator('a[href="#ind-id"]').textContent()).toContain('Id');
		// The link takes the keyboard user to the field.
		await alert.locator('a[href="#ind-target-value"]').focus();
		await page.keyboard.press('Enter');
		expect(await activeId(page)).toBe('ind-target-value');
		await page.keyboard.press('Control+A');
		await page.keyboard.type('0,2');
		expect(await links.count()).toBe(1);
		expect(await page.locator('#ind-target-value').getAttribute('aria-invalid')).toBeNull();
		await page.locator('#ind-id').fill('own_copy');
		await expect(page.getByRole('alert').count()).resolves.toBe(0);
		await page.locator('#ind-save').click();
		await page.getByTestId('saved-list').locator('li[data-id="own_copy"]').waitFor();

		// An id already in use is refused at the id field.
		await page.locator('#ind-clear').click();
		await page.locator('#ind-label-sv').fill('x');
		await page.locator('#ind-label-en').fill('Own copy');
		await page.locator('#ind-save').click();
		await expect(page.locator('#ind-id-error').textContent()).resolves.toContain('används redan');
		await screenshot(page, 'indicators-errors');

		// A saved indicator's link, followed within the page, fills the form with it.
		await page.getByRole('link', { name: /^Länk som delar / }).click();
		await expect(page.locator('#ind-target-value').inputValue()).resolves.toBe('0.2');
		await expect(page.locator('#ind-id').inputValue()).resolves.toBe('own_copy');
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('restores the form from a share link, and fits a phone', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(url());
		await waitForData(page);
		await page.getByRole('button', { name: /^Kopiera för att redigera: Orosanmälningar per 1.000$/ }).click();
		await page.locator('#ind-label-sv').fill('Orosanmälningar per tusen i projektet');
		await page.locator('#ind-roles-project').check();
		await page.locator('#ind-target-op').selectOption('<=');
		await page.locator('#ind-target-value').fill('150');
		await page.locator('#ind-share').click();
		const link = await page.locator('#share-link').inputValue();
		expect(new URL(link).searchParams.get('def')).toMatch(/^[A-Za-z0-9_-]+$/);
		await page.context().close();

		const phone = await openPage(browser, PHONE);
		await phone.page.goto(link);
		await waitForData(phone.page);
		const p = phone.page;
		await expect(p.locator('#ind-label-sv').inputValue()).resolves.toBe(
			'Orosanmälningar per tusen i projektet'
		);
		await expect(p.locator('#ind-id').inputValue()).resolves.toBe('reports_of_concern_per_1000_copy');
		await expect(p.locator('#ind-eventType').inputValue()).resolves.toBe('report_of_concern');
		await expect(p.locator('#ind-kind').inputValue()).resolves.toBe('rate_per_1000');
		await expect(p.locator('#ind-unitCost').inputValue()).resolves.toBe('report_of_concern');
		await expect(p.locator('#ind-target-op').inputValue()).resolves.toBe('<=');
		await expect(p.locator('#ind-target-value').inputValue()).resolves.toBe('150');
		expect(await p.locator('#ind-roles-project').isChecked()).toBe(true);
		expect(await p.locator('#ind-roles-historical').isChecked()).toBe(false);
		await expect(p.getByTestId('notice').textContent()).resolves.toContain('delad länk');
		await p.getByTestId('preview-table').locator('tbody tr').first().waitFor({ timeout: 60_000 });
		// Only the project cohort, per calendar year.
		const cohorts = await p
			.getByTestId('preview-table')
			.locator('tbody tr')
			.evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-cohort')))]);
		expect(cohorts).toEqual(['samagera']);
		await screenshot(p, 'indicators-phone');
		const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);

		// A broken link changes nothing and says so.
		await p.goto(url() + '?def=bm90IGpzb24');
		await expect(p.getByRole('alert').first().textContent()).resolves.toContain('ingen läsbar indikator');
		await expect(p.locator('#ind-label-sv').inputValue()).resolves.toBe('');

		expect(foreignRequests([...requests, ...phone.requests], url())).toEqual([]);
		expect([...consoleErrors, ...phone.consoleErrors]).toEqual([]);
		await p.context().close();
	});
});
