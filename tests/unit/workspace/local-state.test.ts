import { describe, expect, it } from 'vitest';
import { collectLocalState, INDICATORS_KEY, SETTINGS_KEY } from '$lib/state/workspace.svelte';

describe('workspace settings from localStorage', () => {
	it('sorts utfall.* entries into mappings, indicators, ledger edits, settings and the rest', () => {
		const s = collectLocalState({
			'utfall.import.mapping.1a2b': JSON.stringify({ table: 'persons', columns: {} }),
			[INDICATORS_KEY]: JSON.stringify({ format: 'x', version: 1, indicators: [{ id: 'a' }] }),
			'utfall.ledger.edits.v1': JSON.stringify([{ amount_sek: 1 }]),
			[SETTINGS_KEY]: JSON.stringify({ k: 5 }),
			'utfall.other': 'not json'
		});
		expect(s.mappings).toEqual({ 'utfall.import.mapping.1a2b': { table: 'persons', columns: {} } });
		expect(s.indicators).toEqual([{ id: 'a' }]);
		expect(s.ledgerEdits).toEqual({ 'utfall.ledger.edits.v1': [{ amount_sek: 1 }] });
		expect(s.settings).toEqual({ k: 5 });
		expect(s.storage).toEqual({ 'utfall.other': 'not json' });
	});

	it('keeps an implausible k verbatim instead of dropping it, and defaults k to 10', () => {
		const s = collectLocalState({ [SETTINGS_KEY]: JSON.stringify({ k: -1 }) });
		expect(s.settings).toEqual({ k: 10 });
		expect(s.storage).toEqual({ [SETTINGS_KEY]: '{"k":-1}' });
	});
});
