import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, foreignRequests, launch, openPage } from './browser';

const GOOD = path.resolve('tests/fixtures/import/good/semicolon-cp1252-crlf');
const goodFiles = () =>
	fs
		.readdirSync(GOOD)
		.filter((f) => f.endsWith('.csv'))
		.map((f) => path.join(GOOD, f));

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());
const baseUrl = () => inject('baseUrl');
const ENGINE = { timeout: 90_000 };

interface Focused {
	id: string;
	tag: string;
	/** The focus ring as drawn: the element's own outline, or its visible label's for a hidden file input. */
	outline: string;
	width: number;
}

const focused = (page: Page): Promise<Focused> =>
	page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el) return { id: '', tag: '', outline: 'none', width: 0 };
		// A file input drawn as its label (the input itself invisible) shows its focus on the label.
		const hidden =
			el instanceof HTMLInputElement && el.type === 'file' && getComputedStyle(el).opacity === '0';
		const shown = hidden
			? ((document.querySelector(`label[for="${el.id}"]`) as HTMLElement | null) ?? el)
			: el;
		const cs = getComputedStyle(shown);
		return { id: el.id, tag: el.tagName, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth) || 0 };
	});

/** Press Tab until `match` holds for the focused element, asserting every stop on the way shows its focus. */
async function tabUntil(page: Page, match: (f: Focused) => boolean | Promise<boolean>, max = 200) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const f = await focused(page);
		if (f.tag === 'BODY' || f.tag === '') continue;
		expect(f.outline, `focus ring on #${f.id} <${f.tag}>`).not.toBe('none');
		expect(f.width, `focus ring width on #${f.id} <${f.tag}>`).toBeGreaterThanOrEqual(2);
		if (await match(f)) return f;
	}
	throw new Error('not reached with the Tab key');
}

const tabToId = (page: Page, id: string) => tabUntil(page, (f) => f.id === id);
const tabToName = (page: Page, name: RegExp) =>
	tabUntil(page, async () =>
		name.test(await page.evaluate(() => (document.activeElement as HTMLElement).innerText ?? ''))
	);

/** Choose an option of a closed <select> with the arrow keys. */
async function chooseWithKeys(page: Page, id: string, value: string) {
	await tabToId(page, id);
	const [from, to] = await page.evaluate(
		([id, value]) => {
			const s = document.getElementById(id) as HTMLSelectElement;
			return [s.selectedIndex, [...s.options].findIndex((o) => o.value === value)];
		},
		[id, value]
	);
	expect(to, `#${id} has ${value}`).toBeGreaterThanOrEqual(0);
	for (let i = 0; i < Math.abs(to - from); i++)
		await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
	await expect.poll(() => page.locator(`#${id}`).inputValue()).toBe(value);
}

describe('keyboard only, with visible focus', () => {
	it('imports the example files: choose, check, import and open the overview', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'import/');
		await page.locator('#pick-files').waitFor();
		await tabToId(page, 'pick-files');
		// The operating system's file dialog is the one step a test cannot type into.
		const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
		await chooser.setFiles(goodFiles());
		await expect.poll(() => page.locator('section.file').count()).toBe(goodFiles().length);

		await tabUntil(page, async () =>
			page.evaluate(() => {
				const el = document.activeElement as HTMLElement;
				return el.tagName === 'BUTTON' && el.classList.contains('primary');
			})
		);
		await page.keyboard.press('Enter');
		const summary = page.getByTestId('import-summary');
		await summary.waitFor(ENGINE);
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
			.toBe('import-summary');
		await expect.poll(() => new URL(page.url()).searchParams.get('dataset')).toBe('local');

		await tabToName(page, /Visa översikten med dina data/);
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => !u.pathname.includes('import'));
		// The overview shows the imported data, suppressed as ".." (fewer than 10 pupils per cell).
		const frame = page.locator('section.chart-frame#eligibility');
		await frame.waitFor(ENGINE);
		await expect.poll(() => frame.locator('.cf-footer').textContent(), ENGINE).toContain('visas inte');
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});

	it('defines an indicator in the editor: fill the form, see the preview, save', async () => {
		const { page, requests, consoleErrors } = await openPage(browser, DESKTOP);
		await page.goto(baseUrl() + 'indicators/');
		await page
			.locator('#ind-eventType option[value="report_of_concern"]')
			.waitFor({ state: 'attached', timeout: 90_000 });
		for (const [id, text] of [
			['ind-label-sv', 'Orosanmälda, tangentbord'],
			['ind-label-en', 'Reported, keyboard'],
			['ind-description-sv', 'Andel med minst en orosanmälan.'],
			['ind-description-en', 'Share with at least one report of concern.']
		] as const) {
			await tabToId(page, id);
			await page.keyboard.type(text);
		}
		await chooseWithKeys(page, 'ind-eventType', 'report_of_concern');
		await chooseWithKeys(page, 'ind-aggregate', 'any');
		await chooseWithKeys(page, 'ind-kind', 'share');
		await chooseWithKeys(page, 'ind-period', 'cohort_window');
		await chooseWithKeys(page, 'ind-direction', 'lower_better');

		const preview = page.getByTestId('preview-table');
		await preview.locator('tbody tr[data-period="all"]').first().waitFor({ timeout: 60_000 });
		await expect
			.poll(async () => (await preview.locator('tbody .value').first().textContent()) ?? '')
			.toMatch(/%/);

		// The id is made from a label as it was typed.
		const id = await page.locator('#ind-id').inputValue();
		expect(id).toMatch(/^(orosanmalda|reported)_(tangentbord|keyboard)$/);
		await tabToId(page, 'ind-save');
		await page.keyboard.press('Enter');
		await page.getByTestId('saved-list').locator(`li[data-id="${id}"]`).waitFor();
		await expect.poll(() => page.getByTestId('notice').textContent()).toContain('är sparad');
		expect(foreignRequests(requests, baseUrl())).toEqual([]);
		expect(consoleErrors).toEqual([]);
		await page.context().close();
	});
});
