import type { DefinitionIssue, IndicatorDefinitionInput } from '../core/indicators/definition';
import { validateDefinition } from '../core/indicators/validate';
import { exportDocument, parseDefinitionsJson, type ImportError } from '../views/indicator-editor';

export const STORAGE_KEY = 'utfall.indicators.v1';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStore(): Store | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/**
 * The user's own indicator definitions, kept in localStorage for now (the workspace file will
 * take them over). Every definition in the list is valid; saving an invalid one changes nothing.
 */
export class IndicatorDefs {
	#items = $state<IndicatorDefinitionInput[]>([]);
	#store: Store | null;
	#loaded = false;

	constructor(store: Store | null = defaultStore()) {
		this.#store = store;
		// Read at once: reading lazily would write state inside whatever derived first asks.
		this.#load();
	}

	#load() {
		if (this.#loaded) return;
		this.#loaded = true;
		const text = this.#store?.getItem(STORAGE_KEY);
		if (!text) return;
		const r = parseDefinitionsJson(text);
		// A damaged store is left as it is (not overwritten) until the user saves something.
		if (r.ok) this.#items = r.definitions;
	}

	#persist() {
		try {
			this.#store?.setItem(STORAGE_KEY, exportDocument(this.#items));
		} catch {
			// Quota or privacy mode: the list still lives for this session.
		}
	}

	list(): readonly IndicatorDefinitionInput[] {
		this.#load();
		return this.#items;
	}

	get(id: string): IndicatorDefinitionInput | undefined {
		return this.list().find((d) => d.id === id);
	}

	/** Add, or replace the definition with the same id (or `replacing`, when the id was changed). */
	save(
		def: IndicatorDefinitionInput,
		replacing?: string
	): { ok: true } | { ok: false; issues: DefinitionIssue[] } {
		this.#load();
		const v = validateDefinition(def);
		if (!v.ok) return v;
		const copy = structuredClone($state.snapshot(def) as IndicatorDefinitionInput);
		const at = this.#items.findIndex((d) => d.id === (replacing ?? def.id));
		const rest = this.#items.filter((d, i) => i !== at && d.id !== def.id);
		if (at >= 0) rest.splice(Math.min(at, rest.length), 0, copy);
		else rest.push(copy);
		this.#items = rest;
		this.#persist();
		return { ok: true };
	}

	remove(id: string): boolean {
		this.#load();
		const before = this.#items.length;
		this.#items = this.#items.filter((d) => d.id !== id);
		if (this.#items.length === before) return false;
		this.#persist();
		return true;
	}

	exportJson(): string {
		return exportDocument($state.snapshot(this.list()) as IndicatorDefinitionInput[]);
	}

	/** Add (or replace by id) every definition in the file; an invalid file changes nothing. */
	importJson(
		text: string
	): { ok: true; added: number; replaced: number } | { ok: false; error: ImportError } {
		this.#load();
		const r = parseDefinitionsJson(text);
		if (!r.ok) return r;
		let replaced = 0;
		const items = [...this.#items];
		for (const d of r.definitions) {
			const at = items.findIndex((x) => x.id === d.id);
			if (at >= 0) {
				items[at] = d;
				replaced++;
			} else items.push(d);
		}
		this.#items = items;
		this.#persist();
		return { ok: true, added: r.definitions.length - replaced, replaced };
	}
}

export const indicatorDefs = new IndicatorDefs();
