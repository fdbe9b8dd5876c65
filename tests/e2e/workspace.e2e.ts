import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axe, DESKTOP, foreignRequests, launch, openPage, PHONE, screenshot } from './browser';
import { readCsv } from '../oracle/eligibility';

const PERSONS = 264;
const MAPPING_KEY = 'utfall.import.mapping.e2e0001';
const MAPPING = { table: 'persons', columns: { Löpnummer: 'person_id' } };

let browser: Browser;
let exported: string;
beforeAll(async () => {
	browser = await launch();
	exported = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'utfall-ws-')), 'workspace.utfall');
});
afterAll(() => browser?.close());

const baseUrl = () => inject('baseUrl');

const personsRows = (page: Page) => page.getByTestId('open-counts').locator('tr[data-table="persons"] td');

/** What Utfall keeps in this browser: its OPFS directory, IndexedDB database and localStorage keys. */
const localData = (page: Page) =>
	page.evaluate(async () => {
		const root = await navigator.storage.getDirectory();
		const opfs: string[] = [];
		for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) opfs.push(name);
		let files: string[] = [];
		if (opfs.includes('utfall')) {
			const dir = await root.getDirectoryHandle('utfall');
			for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) files.push(name);
		}
		const idb = (await indexedDB.databases()).map((d) => d.name);
		const keys = Object.keys(localStorage).filter((k) => k.startsWith('utfall.'));
		return { opfs, files, idb, keys };
	});

describe('workspace in a real browser', () => {
	it('keeps data across a reload, exports it, deletes everything, and imports it back', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		// The example data, loaded by the overview, then the workspace page by client-side navigation.
		await page.goto(baseUrl());
		await page.locator('#eligibility [data-tip]').first().waitFor({ timeout: 90_000 });
		await page.evaluate(([k, v]) => localStorage.setItem(k, v), [
			MAPPING_KEY,
			JSON.stringify(MAPPING)
		] as const);
		await page.evaluate(() => {
			const a = document.createElement('a');
			a.href = 'workspace/';
			document.body.append(a);
			a.click();
		});
		await page.waitForURL(/\/workspace\/$/);
		await expect(personsRows(page).textContent()).resolves.toBe(String(PERSONS));
		await page.getByTestId('stored-none').waitFor();
		await expect(page.getByTestId('storage-kind').getAttribute('data-kind')).resolves.toBe('opfs');

		// Persist, then reload: the data is restored from the browser's storage.
		await page.getByRole('button', { name: 'Spara i webbläsaren' }).click();
		await page.getByTestId('stored-list').waitFor();
		await expect(page.getByTestId('workspace-status').textContent()).resolves.toContain('sparad');
		await expect(page.getByTestId('stored-rows').first().getAttribute('data-rows')).resolves.not.toBe('0');
		expect((await localData(page)).files).toEqual(['local-dataset.utfall']);
		await page.reload();
		await personsRows(page).waitFor({ timeout: 90_000 });
		await expect(personsRows(page).textContent()).resolves.toBe(String(PERSONS));
		await expect(page.getByTestId('open-counts').locator('caption').textContent()).resolves.toContain(
			'Samagera'
		);
		await screenshot(page, 'workspace-desktop');
		expect(await axe(page)).toEqual([]);

		// Export: a download that starts with the format's magic line.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Exportera arbetsytefil' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^utfall-\d{4}-\d{2}-\d{2}\.utfall$/);
		await download.saveAs(exported);
		const bytes = fs.readFileSync(exported);
		expect(bytes.subarray(0, 11).toString('latin1')).toBe('UTFALL-WS1\n');

		// Delete all local data, with a confirmation step; it says what went.
		await page.getByRole('button', { name: 'Radera all lokal data' }).click();
		await page.getByRole('button', { name: 'Ja, radera allt' }).click();
		await page.getByTestId('stored-none').waitFor();
		const said = await page.getByTestId('workspace-status').textContent();
		expect(said).toContain('en sparad fil');
		expect(said).toContain('en inställning');
		expect(await localData(page)).toEqual({ opfs: [], files: [], idb: [], keys: [] });

		// After a reload nothing is open …
		await page.reload();
		await page.getByTestId('open-none').waitFor({ timeout: 90_000 });

		// … a damaged file is refused with its code and changes nothing …
		await page.getByLabel('Öppna arbetsytefil').setInputFiles({
			name: 'broken.utfall',
			mimeType: 'application/octet-stream',
			buffer: bytes.subarray(0, Math.floor(bytes.length / 2))
		});
		const alert = page.getByRole('alert');
		await alert.waitFor();
		await expect(alert.getAttribute('data-code')).resolves.toBe('ws_truncated');
		expect(await axe(page)).toEqual([]);
		await expect(alert.textContent()).resolves.toContain('avkortad');
		expect(await localData(page)).toEqual({ opfs: [], files: [], idb: [], keys: [] });
		await page.getByTestId('open-none').waitFor();

		// … and the exported file brings data and settings back, and keeps them.
		await page.getByLabel('Öppna arbetsytefil').setInputFiles(exported);
		await personsRows(page).waitFor({ timeout: 30_000 });
		await expect(personsRows(page).textContent()).resolves.toBe(String(PERSONS));
		await page.getByTestId('stored-list').waitFor();
		expect(await page.getByRole('alert').count()).toBe(0);
		const after = await localData(page);
		expect(after.files).toEqual(['local-dataset.utfall']);
		expect(after.keys).toContain(MAPPING_KEY);
		expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), MAPPING_KEY))!)).toEqual(MAPPING);
		await page.reload();
		await personsRows(page).waitFor({ timeout: 90_000 });
		await expect(personsRows(page).textContent()).resolves.toBe(String(PERSONS));

		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('fits a phone screen', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, PHONE);
		await page.goto(baseUrl() + 'workspace/');
		await page.getByTestId('open-none').waitFor({ timeout: 90_000 });
		await page.getByLabel('Öppna arbetsytefil').setInputFiles(exported);
		await personsRows(page).waitFor({ timeout: 30_000 });
		await page.getByTestId('stored-list').waitFor();
		await page.getByRole('button', { name: 'Radera all lokal data' }).click();
		await page.getByRole('button', { name: 'Ja, radera allt' }).waitFor();
		await screenshot(page, 'workspace-phone');
		expect(await axe(page)).toEqual([]);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.getByRole('button', { name: 'Avbryt' }).click();
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it("is the project lead's desk: projects, baselines, coverage, targets and the disclosure threshold", async () => {
		const DIR = 'datasets/sig-eslov';
		const persons = readCsv(DIR, 'persons.csv');
		const inCohort = (c: string) => persons.filter((p) => p.cohort_id === c);
		const care = new Set(readCsv(DIR, 'care.csv').map((r) => r.person_id));
		for (const viewport of [DESKTOP, { width: 820, height: 1180 }, PHONE]) {
			const { page, requests, consoleErrors } = await openPage(browser, viewport);
			await page.goto(baseUrl() + 'workspace/?dataset=sig-eslov');
			const young = page.locator('[data-testid="desk-project"][data-cohort="sig-13-18"]');
			await young.waitFor({ timeout: 90_000 });
			await expect
				.poll(() => page.getByTestId('desk-project').evaluateAll((els) => els.map((e) => e.dataset.cohort)))
				.toEqual(['sig-13-18', 'sig-18-25']);
			// Each project group lists the comparison group meant for it, with its n, and the national values.
			const baselines = young.getByTestId('desk-baselines');
			await expect
				.poll(() => baselines.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.baseline)))
				.toEqual(['jamforelse-13-18', 'riket']);
			const cmp = baselines.locator('tr[data-baseline="jamforelse-13-18"] td');
			expect((await cmp.nth(1).textContent())?.trim()).toBe(String(inCohort('jamforelse-13-18').length));
			expect(await baselines.locator('tr[data-baseline="riket"] a').getAttribute('href')).toContain(
				'baseline=riket'
			);
			// Coverage as counted from the CSV files.
			const careRow = young.getByTestId('coverage-table').locator('tr[data-table="care"] td');
			const covered = inCohort('sig-13-18').filter((p) => care.has(p.person_id)).length;
			expect((await careRow.first().textContent())?.trim()).toBe(String(covered));
			await expect(
				page
					.getByTestId('desk-targets')
					.locator('tr[data-indicator="consent_to_intervention_days"] [data-cell="target"]')
					.textContent()
			).resolves.toBe('≤ 28 dagar');

			if (viewport === DESKTOP) {
				// k is set by keyboard, clamped to 3, kept where the workspace file picks it up.
				const k = page.getByTestId('disclosure-k');
				await k.focus();
				await page.keyboard.press('ControlOrMeta+a');
				await page.keyboard.type('2');
				await page.keyboard.press('Tab');
				await expect.poll(() => k.inputValue()).toBe('3');
				await expect(page.getByTestId('disclosure-k-status').textContent()).resolves.toContain('3');
				expect(await page.evaluate(() => localStorage.getItem('utfall.settings.v1'))).toBe('{"k":3}');
				await k.fill('12');
				await k.press('Enter');
				await expect
					.poll(() => page.evaluate(() => localStorage.getItem('utfall.settings.v1')))
					.toBe('{"k":12}');
				await page.reload();
				await expect
					.poll(() => page.getByTestId('disclosure-k').inputValue(), { timeout: 30_000 })
					.toBe('12');
				await page.evaluate(() => localStorage.removeItem('utfall.settings.v1'));
			}
			const name = viewport === DESKTOP ? 'desktop' : viewport === PHONE ? 'phone' : 'tablet';
			await screenshot(page, `workspace-desk-${name}`);
			expect(await axe(page)).toEqual([]);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow).toBeLessThanOrEqual(0);
			expect(foreignRequests(requests, baseUrl())).toEqual([]);
			expect(consoleErrors).toEqual([]);
			await page.context().close();
		}
	});
});
