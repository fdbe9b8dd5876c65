import { describe, expect, it } from 'vitest';
import { WorkspaceSettings } from '../../../src/lib/state/settings.svelte';
import { SETTINGS_KEY } from '../../../src/lib/state/workspace.svelte';

function memoryStore(initial: Record<string, string> = {}) {
	const data = new Map(Object.entries(initial));
	return {
		data,
		getItem: (k: string) => data.get(k) ?? null,
		setItem: (k: string, v: string) => void data.set(k, v)
	};
}

describe('workspace settings', () => {
	it('defaults k to 10 when nothing is stored or the store is damaged', () => {
		expect(new WorkspaceSettings(memoryStore()).k).toBe(10);
		expect(new WorkspaceSettings(memoryStore({ [SETTINGS_KEY]: '{not json' })).k).toBe(10);
		expect(new WorkspaceSettings(null).k).toBe(10);
	});

	it('reads a stored k and never goes below 3', () => {
		expect(new WorkspaceSettings(memoryStore({ [SETTINGS_KEY]: '{"k":5}' })).k).toBe(5);
		expect(new WorkspaceSettings(memoryStore({ [SETTINGS_KEY]: '{"k":1}' })).k).toBe(3);
	});

	it('writes k where the workspace file picks it up, clamped', () => {
		const store = memoryStore();
		const s = new WorkspaceSettings(store);
		s.k = 2;
		expect(s.k).toBe(3);
		expect(JSON.parse(store.data.get(SETTINGS_KEY)!)).toEqual({ k: 3 });
		s.k = 15;
		expect(new WorkspaceSettings(store).k).toBe(15);
	});
});
