import type { Engine } from '../core/engine';
import type { TableName } from '../core/schema/tables';
import {
	decodeWorkspace,
	encodeWorkspace,
	readManifest,
	WorkspaceFileError,
	type Workspace,
	type WorkspaceDataset,
	type WorkspaceErrorCode
} from '../core/workspace/file';
import {
	restoreTables,
	snapshotTables,
	SnapshotError,
	type SnapshotErrorCode
} from '../core/workspace/snapshot';
import {
	deleteAllLocalData as clearEverything,
	openStore,
	readUtfallEntries,
	writeUtfallEntries,
	type DeletionReport,
	type StoreKind
} from '../storage';

// This module must not import engine.svelte.ts: the lead wires restoreOnStart and persistAfterImport
// into it, and a cycle between the two would be fragile.

/** The id of the user's own data (same value as LOCAL_DATASET_ID in engine.svelte.ts). */
const LOCAL_ID = 'local';
/** The file in the browser's store that holds the saved dataset (a workspace file with one dataset). */
export const LOCAL_DATASET_FILE = 'local-dataset.utfall';

/** localStorage keys, by what they hold. */
export const INDICATORS_KEY = 'utfall.indicators.v1';
export const SETTINGS_KEY = 'utfall.settings.v1';
const MAPPING_PREFIXES = ['utfall.import.', 'utfall.mapping'];
const LEDGER_PREFIXES = ['utfall.ledger', 'utfall.fund'];
const DEFAULT_K = 10;

export interface SaveMeta {
	title?: string;
	/** The bundled example the data came from, if any. */
	source?: string | null;
}

async function snapshotDataset(engine: Engine, meta: SaveMeta): Promise<WorkspaceDataset> {
	return {
		id: LOCAL_ID,
		title: meta.title ?? '',
		savedAt: new Date().toISOString(),
		source: meta.source ?? null,
		tables: await snapshotTables(engine)
	};
}

const emptyLocalState = (): Omit<Workspace, 'createdAt' | 'datasets'> => ({
	mappings: {},
	indicators: [],
	ledgerEdits: {},
	settings: { k: DEFAULT_K },
	storage: {}
});

/**
 * Call once at app start, after the engine has started: if this browser holds a saved dataset,
 * load it into the canonical tables and return true. Returns false when there is none, when the
 * browser keeps nothing, or when the saved file cannot be read (the tables are then untouched).
 */
export function restoreOnStart(engine: Engine): Promise<boolean> {
	// Once per engine, however many places ask (app start and the workspace page).
	let p = restoring.get(engine);
	if (!p) restoring.set(engine, (p = restore(engine)));
	return p;
}
const restoring = new WeakMap<Engine, Promise<boolean>>();

async function restore(engine: Engine): Promise<boolean> {
	try {
		const store = await openStore();
		const bytes = await store?.get(LOCAL_DATASET_FILE);
		if (!bytes) return false;
		const ws = decodeWorkspace(bytes);
		const dataset = ws.datasets[0];
		if (!dataset) return false;
		await restoreTables(engine, dataset.tables);
		workspaceState.localTitle = dataset.title;
		workspaceState.localSource = dataset.source;
		return true;
	} catch (e) {
		console.warn('Utfall: the saved dataset could not be restored:', e);
		return false;
	}
}

/**
 * Call after a successful import: keep the canonical tables now loaded in the browser's storage,
 * so they survive a reload. Never throws (the import itself succeeded); a failure is logged.
 */
export async function persistAfterImport(engine: Engine, meta: SaveMeta = {}): Promise<void> {
	try {
		await saveLocalDataset(engine, meta);
	} catch (e) {
		console.warn('Utfall: the imported data could not be kept in this browser:', e);
	}
}

/** Save the loaded tables as the local dataset. Throws when the browser keeps nothing. */
export async function saveLocalDataset(engine: Engine, meta: SaveMeta = {}): Promise<void> {
	const store = await openStore();
	if (!store) throw new StorageUnavailableError();
	const dataset = await snapshotDataset(engine, meta);
	await store.put(
		LOCAL_DATASET_FILE,
		encodeWorkspace({ createdAt: dataset.savedAt, datasets: [dataset], ...emptyLocalState() })
	);
}

export class StorageUnavailableError extends Error {
	constructor() {
		super('This browser does not let the app keep data (OPFS and IndexedDB are unavailable).');
		this.name = 'StorageUnavailableError';
	}
}

class NothingToExportError extends Error {
	constructor() {
		super('There is no data and no setting to export.');
		this.name = 'NothingToExportError';
	}
}

// ---------------------------------------------------------------- settings in localStorage

const parse = (s: string): { ok: true; value: unknown } | { ok: false } => {
	try {
		return { ok: true, value: JSON.parse(s) };
	} catch {
		return { ok: false };
	}
};

/** The localStorage part of a workspace: mappings, indicators, ledger edits, settings, the rest. */
export function collectLocalState(entries = readUtfallEntries()): Omit<Workspace, 'createdAt' | 'datasets'> {
	const out = emptyLocalState();
	for (const [key, raw] of Object.entries(entries)) {
		const p = parse(raw);
		// The editor stores an export document ({ format, version, indicators }); a bare array also reads.
		const list =
			p.ok && Array.isArray(p.value)
				? p.value
				: p.ok && Array.isArray((p.value as { indicators?: unknown } | null)?.indicators)
					? (p.value as { indicators: unknown[] }).indicators
					: null;
		if (key === INDICATORS_KEY && list) out.indicators = list;
		else if (key === SETTINGS_KEY && p.ok && p.value && typeof p.value === 'object') {
			const k = (p.value as { k?: unknown }).k;
			if (typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= 1000) out.settings = { k };
			else out.storage[key] = raw;
		} else if (p.ok && MAPPING_PREFIXES.some((x) => key.startsWith(x))) out.mappings[key] = p.value;
		else if (p.ok && LEDGER_PREFIXES.some((x) => key.startsWith(x))) out.ledgerEdits[key] = p.value;
		else out.storage[key] = raw;
	}
	return out;
}

/** Write a workspace's settings back: entries in the file replace those here, others stay. */
export function applyLocalState(ws: Omit<Workspace, 'createdAt' | 'datasets'>): void {
	const entries: Record<string, string> = { ...ws.storage };
	for (const [k, v] of Object.entries(ws.mappings)) entries[k] = JSON.stringify(v);
	for (const [k, v] of Object.entries(ws.ledgerEdits)) entries[k] = JSON.stringify(v);
	// A bare array: the indicator editor reads it as well as its own export document.
	if (ws.indicators.length) entries[INDICATORS_KEY] = JSON.stringify(ws.indicators);
	entries[SETTINGS_KEY] = JSON.stringify(ws.settings);
	writeUtfallEntries(entries);
}

// ---------------------------------------------------------------- the workspace page's state

export interface StoredDataset {
	file: string;
	title: string;
	source: string | null;
	savedAt: string;
	size: number;
	rows: Partial<Record<TableName, number>>;
	/** The file could not be read. */
	damaged: boolean;
}

export type WorkspaceProblem =
	WorkspaceErrorCode | SnapshotErrorCode | 'storage_unavailable' | 'no_data' | 'unexpected';

export interface WorkspaceNotice {
	kind: 'saved' | 'exported' | 'imported' | 'deleted';
	/** Imported: datasets; deleted: files. */
	files?: number;
	/** Deleted: localStorage entries. */
	settings?: number;
	/** Deleted: bytes. */
	bytes?: number;
	title?: string;
}

const problemOf = (e: unknown): { code: WorkspaceProblem; detail: string } => {
	const detail = e instanceof Error ? e.message : String(e);
	if (e instanceof WorkspaceFileError || e instanceof SnapshotError) return { code: e.code, detail };
	if (e instanceof StorageUnavailableError) return { code: 'storage_unavailable', detail };
	if (e instanceof NothingToExportError) return { code: 'no_data', detail };
	return { code: 'unexpected', detail };
};

class WorkspaceState {
	/** Title and origin of the user's own data now open (restored or imported), if known. */
	localTitle = $state<string | null>(null);
	localSource = $state<string | null>(null);
	/** null until first read. */
	stored = $state<StoredDataset[] | null>(null);
	kind = $state<StoreKind | 'none' | null>(null);
	busy = $state<null | 'save' | 'export' | 'import' | 'delete'>(null);
	problem = $state<{ code: WorkspaceProblem; detail: string } | null>(null);
	notice = $state<WorkspaceNotice | null>(null);

	async refresh(): Promise<void> {
		const store = await openStore();
		this.kind = store?.kind ?? 'none';
		if (!store) {
			this.stored = [];
			return;
		}
		const out: StoredDataset[] = [];
		for (const f of await store.list()) {
			const bytes = await store.get(f.name);
			try {
				const m = readManifest(bytes ?? new Uint8Array());
				for (const d of m.datasets)
					out.push({
						file: f.name,
						title: d.title,
						source: d.source ?? null,
						savedAt: d.savedAt,
						size: f.size,
						rows: Object.fromEntries(d.tables.map((t) => [t.name, t.rows])),
						damaged: false
					});
			} catch {
				out.push({
					file: f.name,
					title: '',
					source: null,
					savedAt: '',
					size: f.size,
					rows: {},
					damaged: true
				});
			}
		}
		this.stored = out;
	}

	async #run<T>(busy: NonNullable<WorkspaceState['busy']>, f: () => Promise<T>): Promise<T | undefined> {
		this.busy = busy;
		this.problem = null;
		this.notice = null;
		try {
			return await f();
		} catch (e) {
			this.problem = problemOf(e);
			return undefined;
		} finally {
			this.busy = null;
			await this.refresh().catch(() => {});
		}
	}

	/** Keep the tables now loaded in this browser. */
	save(engine: Engine, meta: SaveMeta): Promise<boolean | undefined> {
		return this.#run('save', async () => {
			await saveLocalDataset(engine, meta);
			this.notice = { kind: 'saved', title: meta.title };
			return true;
		});
	}

	/**
	 * The workspace file: the data open now (or, with none open, the saved dataset) and every
	 * Utfall setting in this browser.
	 */
	exportFile(engine: Engine | null, meta: SaveMeta | null): Promise<Uint8Array | undefined> {
		return this.#run('export', async () => {
			let datasets: WorkspaceDataset[] = [];
			if (engine && meta) datasets = [await snapshotDataset(engine, meta)];
			else {
				const bytes = await (await openStore())?.get(LOCAL_DATASET_FILE);
				if (bytes) datasets = decodeWorkspace(bytes).datasets;
			}
			const local = collectLocalState();
			if (!datasets.length && !Object.keys(readUtfallEntries()).length) throw new NothingToExportError();
			const file = encodeWorkspace({ createdAt: new Date().toISOString(), datasets, ...local });
			this.notice = { kind: 'exported', files: datasets.length };
			return file;
		});
	}

	/**
	 * Open a workspace file: check it whole, load its dataset into the tables (all or nothing),
	 * then write its settings and keep the dataset in this browser. A bad file changes nothing.
	 */
	importFile(engine: Engine, bytes: Uint8Array): Promise<WorkspaceDataset | null | undefined> {
		return this.#run('import', async () => {
			const ws = decodeWorkspace(bytes);
			const dataset = ws.datasets[0] ?? null;
			if (dataset) await restoreTables(engine, dataset.tables);
			applyLocalState(ws);
			if (dataset) {
				const store = await openStore();
				await store?.put(
					LOCAL_DATASET_FILE,
					encodeWorkspace({ createdAt: ws.createdAt, datasets: [dataset], ...emptyLocalState() })
				);
			}
			if (dataset) {
				this.localTitle = dataset.title;
				this.localSource = dataset.source;
			}
			this.notice = { kind: 'imported', files: ws.datasets.length, title: dataset?.title };
			return dataset;
		});
	}

	deleteAll(): Promise<DeletionReport | undefined> {
		return this.#run('delete', async () => {
			const report = await clearEverything();
			this.notice = {
				kind: 'deleted',
				files: report.files.length,
				settings: report.settings.length,
				bytes: report.files.reduce((s, f) => s + f.size, 0)
			};
			return report;
		});
	}
}

export const workspaceState = new WorkspaceState();
