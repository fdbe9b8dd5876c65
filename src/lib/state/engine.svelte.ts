import type { Engine } from '../core/engine';
import type { StartProgress } from '../engine/browser';
import { bundledDataset, fetchDatasetFiles } from '../datasets/bundled';
import { loadDataset } from '../core/dataset/load';
import { importDataset, type ImportOptions, type ImportResult } from '../core/import';
import { createIndicatorCache, type IndicatorCache } from '../core/indicators';
import { persistAfterImport, restoreOnStart } from './workspace.svelte';

export type EngineStatus = 'idle' | 'starting' | 'loading' | 'ready' | 'error';

/**
 * One engine for the whole app, started as early as the page allows (the wasm compile
 * dominates cold start) and shared by every view.
 */
class EngineState {
	status = $state<EngineStatus>('idle');
	progress = $state<StartProgress | null>(null);
	error = $state<string | null>(null);
	datasetId = $state<string | null>(null);
	/** Bumped whenever the loaded data changes, so views re-query. */
	dataVersion = $state(0);
	#engine: Promise<Engine> | null = null;
	#cache: { version: number; cache: IndicatorCache } | null = null;

	/**
	 * Indicator results for the data loaded now, shared by every view: a view that changes one
	 * option (follow-up, a filter) recomputes only the queries that option changes.
	 */
	get indicatorCache(): IndicatorCache {
		const version = this.dataVersion;
		if (this.#cache?.version !== version) this.#cache = { version, cache: createIndicatorCache() };
		return this.#cache.cache;
	}

	start(): Promise<Engine> {
		if (!this.#engine) {
			this.status = 'starting';
			this.#engine = import('../engine/browser')
				.then((m) => m.createBrowserEngine((p) => (this.progress = p)))
				.then(async (engine) => {
					// Data the user imported earlier comes back before any view asks for an example.
					if (await restoreOnStart(engine).catch(() => false)) {
						this.datasetId = LOCAL_DATASET_ID;
						this.dataVersion++;
					}
					if (this.status === 'starting') this.status = 'ready';
					return engine;
				})
				.catch((e: unknown) => {
					this.status = 'error';
					this.error = e instanceof Error ? e.message : String(e);
					throw e;
				});
		}
		return this.#engine;
	}

	#loading: { id: string | null; done: Promise<void> } | null = null;
	/** Loads run one after another on the one connection (two at once abort each other's transaction). */
	#queue: Promise<void> = Promise.resolve();
	/** The dataset asked for last: an earlier request still queued is skipped. */
	#wanted: string | null = null;

	/** Load an example dataset once, however many views ask for it at the same time. */
	loadBundled(id: string | null): Promise<void> {
		if (this.#loading?.id === id) return this.#loading.done;
		this.#wanted = id;
		const dataset = bundledDataset(id);
		// Downloaded while the engine starts; left unused if the user's own data comes back instead.
		const prefetched = dataset && dataset.manifest.id !== this.datasetId ? fetchDatasetFiles(dataset) : null;
		prefetched?.catch(() => {});
		const done = this.#queue
			.then(() => this.#loadBundled(id, prefetched))
			.finally(() => {
				if (this.#loading?.done === done) this.#loading = null;
			});
		this.#queue = done;
		this.#loading = { id, done };
		return done;
	}

	async #loadBundled(
		id: string | null,
		prefetched: ReturnType<typeof fetchDatasetFiles> | null
	): Promise<void> {
		try {
			const engine = await this.start();
			if (this.#wanted !== id) return;
			// The user's own data stays until they pick an example dataset.
			if (this.datasetId === LOCAL_DATASET_ID && (id === null || id === LOCAL_DATASET_ID)) return;
			const dataset = bundledDataset(id);
			if (!dataset || dataset.manifest.id === this.datasetId) return;
			this.status = 'loading';
			const files = await (prefetched ?? fetchDatasetFiles(dataset));
			await loadDataset(engine, files);
			this.datasetId = dataset.manifest.id;
			this.dataVersion++;
			this.status = 'ready';
		} catch (e) {
			this.status = 'error';
			this.error = e instanceof Error ? e.message : String(e);
		}
	}

	/**
	 * Import the user's own files through the validating pipeline. On failure nothing changes:
	 * the previous tables, and every view showing them, stay as they were.
	 */
	async importFiles(
		files: { name: string; bytes: Uint8Array }[],
		options: ImportOptions = {}
	): Promise<ImportResult> {
		const engine = await this.start();
		const result = await importDataset(engine, files, options);
		if (result.ok) {
			await persistAfterImport(engine);
			this.datasetId = LOCAL_DATASET_ID;
			this.dataVersion++;
			this.status = 'ready';
		}
		return result;
	}
}

/** The id under which the user's own imported data is shown. */
export const LOCAL_DATASET_ID = 'local';

export const engineState = new EngineState();
