import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot } from './browser';

const FIXTURES = path.resolve('tests/fixtures/import');
const GOOD = path.join(FIXTURES, 'good/semicolon-cp1252-crlf');
const goodFiles = () =>
	fs
		.readdirSync(GOOD)
		.filter((f) => f.endsWith('.csv'))
		.map((f) => path.join(GOOD, f));

let browser: Browser;
let tmp: string;
beforeAll(async () => {
	browser = await launch();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'utfall-import-e2e-'));
});
afterAll(async () => {
	await browser?.close();
	fs.rmSync(tmp, { recursive: true, force: true });
});

const baseUrl = () => inject('baseUrl');
const ENGINE = { timeout: 90_000 };

/** Navigate inside the app without a reload (the imported data lives in this tab only). */
async function clientNav(page: Page, href: string) {
	await page.evaluate((h) => {
		const a = document.createElement('a');
		a.href = h;
		document.querySelector('main')!.append(a);
		a.click();
		a.remove();
	}, href);
}

const horizontalOverflow = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('import page in a real browser', () => {
	it('previews a picked folder as it will be read, imports it, and the overview then shows it', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'import/');
		await expect(page.locator('h1').textContent()).resolves.toBe('Importera data');
		// The folder input, as a browser sets it for a picked directory.
		await page.locator('#pick-folder').setInputFiles(GOOD);
		const cards = page.locator('section.file');
		await expect.poll(() => cards.count()).toBe(11);

		// persons.csv: Windows-1252, semicolons, decimal comma; the first rows as they will be read.
		const persons = page.locator('section.file[data-file="persons.csv"]');
		// With many files each card starts closed: the first rows and columns are one click away.
		await persons.getByRole('button', { name: /Visa de första raderna/ }).click();
		const dialect = await persons.locator('dl.dialect').innerText();
		expect(dialect).toContain('Windows-1252');
		expect(dialect).toContain('semikolon');
		expect(dialect).toContain('CRLF');
		const preview = persons.getByTestId('preview');
		const head = await preview.locator('thead th').allTextContents();
		expect(head.slice(0, 5)).toEqual(['person_id', 'cohort_id', 'birth_year', 'sex', 'area']);
		const rows = await preview
			.locator('tbody tr')
			.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
		// Lines 2–6 of the file (5 preview rows), decoded: "S\xF6dermalm" is Södermalm, and the
		// quoted "Norr; östra" stays one field.
		expect(rows.length).toBe(5);
		expect(rows[0].slice(0, 6)).toEqual(['1212121213', 'K1', '2001', 'F', 'Södermalm', 'red']);
		expect(rows[2].slice(0, 5)).toEqual(['P003', 'K1', '2002', 'X', 'Norr; östra']);
		expect(rows[4][0]).toBe('P005');
		// The suggested mapping: the table and each column, with a select the user can correct.
		await expect(persons.getByLabel('Läses in som tabell').inputValue()).resolves.toBe('persons');
		await expect(
			persons.getByLabel('Kolumnen birth_year i persons.csv läses som').inputValue()
		).resolves.toBe('birth_year');
		await screenshot(page, 'import-preview');

		await page.getByRole('button', { name: 'Importera', exact: true }).click();
		const summary = page.getByTestId('import-summary');
		await summary.waitFor(ENGINE);
		// Focus moves to the summary.
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
			.toBe('import-summary');
		// Row counts counted by hand from the files (fund_ledger.csv has a note spanning two lines).
		const counts = Object.fromEntries(
			await summary
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr) => [tr.getAttribute('data-table'), tr.querySelector('td.num')?.textContent])
				)
		);
		expect(counts).toEqual({
			cohorts: '3',
			persons: '6',
			grades: '5',
			school_outcomes: '2',
			events: '4',
			care: '3',
			surveys: '3',
			contacts: '2',
			fund_ledger: '4',
			unit_costs: '3',
			reference_values: '2'
		});
		await expect.poll(() => new URL(page.url()).searchParams.get('dataset')).toBe('local');
		await expect(page.getByTestId('current-data').textContent()).resolves.toContain('egna');
		expect(await page.getByTestId('import-warnings').count()).toBe(0);
		expect(await page.getByRole('alert').count()).toBe(0);
		await screenshot(page, 'import-desktop');

		await summary.getByRole('link', { name: 'Visa översikten med dina data' }).click();
		await page.waitForURL((u) => !u.pathname.includes('import'));
		expect(new URL(page.url()).searchParams.get('dataset')).toBe('local');
		// By hand: grades.csv has 2016/17 grades for 3 pupils of K1 (none eligible: too few subjects);
		// school_outcomes.csv adds 2 pupils of K2 (P004 eligible, P005 not). Both cells have fewer than
		// 10 pupils, so both are hidden; the labels come from cohorts.csv (Windows-1252 decoded).
		const frame = page.locator('section.chart-frame#eligibility');
		await frame.waitFor(ENGINE);
		await frame.getByRole('button', { name: 'Tabell', exact: true }).click();
		const table = frame.getByTestId('chart-table');
		await table.locator('tbody tr').first().waitFor(ENGINE);
		const shown = (
			await table
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr) =>
						Object.fromEntries(
							[...tr.querySelectorAll('[data-key]')].map((c): [string, string] => [
								c.getAttribute('data-key') ?? '',
								(c.textContent ?? '').trim()
							])
						)
					)
				)
		).filter((r) => r.cohort !== 'Riket');
		expect(shown.map((r) => r.cohort)).toEqual(['Projektgrupp 2015, Södermalm', 'Jämförelsegrupp']);
		expect(shown.map((r) => r.period)).toEqual(['2016/17', '2016/17']);
		expect(shown.map((r) => r.share)).toEqual(['..', '..']);
		await expect(frame.locator('.cf-footer').textContent()).resolves.toContain('2 värden visas inte');

		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('refuses a file with a personnummer, naming file and column, and keeps the data shown before', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl());
		const marks = () => page.locator('#eligibility [data-tip]');
		await marks().first().waitFor(ENGINE);
		const cellsOf = () => marks().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
		const before = await cellsOf();
		expect(before.length).toBeGreaterThan(0);

		await clientNav(page, 'import/');
		await page.locator('#pick-files').waitFor();
		await expect(page.getByTestId('current-data').textContent()).resolves.toContain('exempeldata');
		await page.locator('#pick-files').setInputFiles(path.join(FIXTURES, 'bad/pnr-12.csv'));
		await page.locator('section.file').waitFor();
		await page.getByRole('button', { name: 'Importera', exact: true }).click();
		const alert = page.getByRole('alert');
		await alert.waitFor(ENGINE);
		const text = (await alert.textContent()) ?? '';
		// Line 8, column person_id holds 191212121212 (the public test number): named, masked, refused.
		expect(text).toContain('pnr-12.csv, rad 8, kolumn person_id');
		expect(text).toContain('personnummer');
		expect(text).toContain('Filen läses inte in');
		expect(text).not.toContain('191212121212');
		expect(text).toContain('Ingenting har ändrats');
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
			.toBe('import-errors');
		expect(new URL(page.url()).searchParams.get('dataset')).toBeNull();

		await alert.getByRole('link', { name: 'Tillbaka till översikten' }).click();
		await page.waitForURL((u) => !u.pathname.includes('import'));
		await marks().first().waitFor(ENGINE);
		expect(await cellsOf()).toEqual(before);

		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('shows the first 20 of many errors and downloads all of them as CSV', async () => {
		// 30 birth years that are not numbers (lines 2–31) and 5 invalid sexes (lines 2–6).
		const lines = ['person_id;cohort_id;birth_year;sex;area;level;entry_date;exit_date;exit_reason'];
		for (let i = 1; i <= 30; i++) lines.push(`Q${i};K1;år${i};${i <= 5 ? 'Q' : 'F'};Norr;;2015-09-08;;`);
		const file = path.join(tmp, 'personer.csv');
		fs.writeFileSync(file, lines.join('\n') + '\n');
		const expected = new Set([
			...Array.from({ length: 30 }, (_, i) => `not_a_number|${i + 2}|birth_year`),
			...Array.from({ length: 5 }, (_, i) => `enum_invalid|${i + 2}|sex`)
		]);

		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'import/');
		await page.locator('#pick-files').setInputFiles(file);
		await page.locator('section.file').waitFor();
		await page.getByRole('button', { name: 'Importera', exact: true }).click();
		const alert = page.getByRole('alert');
		await alert.waitFor(ENGINE);
		await expect(alert.locator('li').count()).resolves.toBe(20);
		const heading = (await alert.locator('h3').textContent()) ?? '';
		const total = Number(/(\d+) fel/.exec(heading)?.[1]);
		expect(total).toBeGreaterThanOrEqual(expected.size);
		await expect(alert.textContent()).resolves.toContain('personer.csv, rad 2, kolumn birth_year');

		const button = alert.getByRole('button', { name: 'Ladda ner alla fel som CSV' });
		const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
		expect(download.suggestedFilename()).toBe('importfel.csv');
		const csv = fs.readFileSync((await download.path())!, 'utf8');
		expect(csv.startsWith('\ufeff')).toBe(true);
		const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
			header: true,
			delimiter: ';',
			skipEmptyLines: true
		}).data;
		expect(parsed.length).toBe(total);
		const got = new Set(parsed.map((r) => `${r.code}|${r.line}|${r.column}`));
		for (const e of expected) expect(got.has(e), e).toBe(true);
		expect(parsed.every((r) => r.severity === 'error' && r.file === 'personer.csv' && r.message)).toBe(true);
		await screenshot(page, 'import-errors');

		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('lists warnings separately and lets the import through', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'import/');
		const files = goodFiles().filter((f) => !f.endsWith('persons.csv'));
		// A persons file (recognised by its columns) where P002 enters K1 before the cohort starts.
		files.push(path.join(FIXTURES, 'warn/entry-before-cohort.csv'));
		await page.locator('#pick-files').setInputFiles(files);
		const card = page.locator('section.file[data-file="entry-before-cohort.csv"]');
		await expect(card.getByLabel('Läses in som tabell').inputValue()).resolves.toBe('persons');
		await page.getByRole('button', { name: 'Importera', exact: true }).click();
		await page.getByTestId('import-summary').waitFor(ENGINE);
		const warnings = page.getByTestId('import-warnings');
		await expect(warnings.textContent()).resolves.toContain(
			'entry-before-cohort.csv, rad 3, kolumn entry_date'
		);
		expect(await page.getByRole('alert').count()).toBe(0);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('remembers a confirmed mapping for files with the same columns', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'import/');
		const file = path.join(GOOD, 'persons.csv');
		await page.locator('#pick-files').setInputFiles(file);
		const card = page.locator('section.file[data-file="persons.csv"]');
		const area = card.getByLabel('Kolumnen area i persons.csv läses som');
		await expect(area.inputValue()).resolves.toBe('area');
		await area.selectOption('');
		await expect(card.textContent()).resolves.toContain('Vald av dig');
		await card.getByRole('button', { name: /Bekräfta kopplingen/ }).click();
		await card.getByRole('status').waitFor();

		await page.reload();
		await page.locator('#pick-files').setInputFiles(file);
		await expect(area.inputValue()).resolves.toBe('');
		await expect(card.textContent()).resolves.toContain('Sparad koppling');
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('fits a phone screen', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, PHONE);
		await page.goto(baseUrl() + 'import/');
		await page.locator('#pick-files').setInputFiles(goodFiles());
		await expect.poll(() => page.locator('section.file').count()).toBe(11);
		// An open card: the preview scrolls inside its own box, the page does not.
		const persons = page.locator('section.file[data-file="persons.csv"]');
		await persons.getByRole('button', { name: /Visa de första raderna/ }).click();
		await persons.getByTestId('preview').waitFor();
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await page.getByRole('button', { name: 'Importera', exact: true }).click();
		await page.getByTestId('import-summary').waitFor(ENGINE);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await screenshot(page, 'import-phone');
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('is complete in English', async () => {
		const { page, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'import/?lang=en');
		// The prerendered page is Swedish until hydration applies ?lang=en.
		await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Import data');
		await page.locator('#pick-files').setInputFiles(path.join(FIXTURES, 'bad/pnr-12.csv'));
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		const alert = page.getByRole('alert');
		await alert.waitFor(ENGINE);
		await expect(alert.textContent()).resolves.toContain('Nothing was changed');
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});
});
