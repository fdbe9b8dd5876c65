import { DEFAULT_K, resolveK } from '../core/disclosure';
import { SETTINGS_KEY } from './workspace.svelte';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStore(): Store | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/**
 * Workspace settings that change what every view shows, kept under `utfall.settings.v1` so the
 * workspace file carries them. `k` is the disclosure threshold: never below MIN_K (resolveK).
 */
export class WorkspaceSettings {
	#k = $state(DEFAULT_K);
	#store: Store | null;

	constructor(store: Store | null = defaultStore()) {
		this.#store = store;
		this.reload();
	}

	/** Re-read the store, e.g. after a workspace file was opened and wrote its settings. */
	reload() {
		try {
			const text = this.#store?.getItem(SETTINGS_KEY);
			const k = text ? (JSON.parse(text) as { k?: unknown }).k : undefined;
			this.#k = typeof k === 'number' ? resolveK(k) : DEFAULT_K;
		} catch {
			this.#k = DEFAULT_K;
		}
	}

	get k(): number {
		return this.#k;
	}

	set k(value: number) {
		this.#k = resolveK(value);
		try {
			this.#store?.setItem(SETTINGS_KEY, JSON.stringify({ k: this.#k }));
		} catch {
			// Quota or privacy mode: the setting still holds for this session.
		}
	}
}

export const settings = new WorkspaceSettings();
