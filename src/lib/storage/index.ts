import { clearIndexedDb, indexedDbSupported, openIndexedDbStore } from './indexeddb';
import { clearUtfallEntries } from './local-storage';
import { clearOpfs, opfsSupported, openOpfsStore } from './opfs';
import type { FileStore, StoredFile } from './store';

export type { FileStore, StoredFile, StoreKind } from './store';
export { KEY_PREFIX, readUtfallEntries, writeUtfallEntries, clearUtfallEntries } from './local-storage';
export { opfsNames } from './opfs';

let store: Promise<FileStore | null> | null = null;

/**
 * The browser's file store, feature-detected once: OPFS, else IndexedDB, else null (nothing can
 * be kept, e.g. storage blocked). Never throws.
 */
export function openStore(): Promise<FileStore | null> {
	store ??= (async () => {
		if (opfsSupported()) {
			try {
				return await openOpfsStore();
			} catch {
				// fall through
			}
		}
		if (indexedDbSupported()) {
			try {
				return await openIndexedDbStore();
			} catch {
				// fall through
			}
		}
		return null;
	})();
	return store;
}

export interface DeletionReport {
	/** Files removed from OPFS and IndexedDB. */
	files: StoredFile[];
	/** localStorage keys removed. */
	settings: string[];
}

/** Remove everything Utfall keeps in this browser: its OPFS directory, its IndexedDB database, its localStorage keys. */
export async function deleteAllLocalData(): Promise<DeletionReport> {
	const [opfs, idb] = await Promise.all([clearOpfs(), clearIndexedDb()]);
	const settings = clearUtfallEntries();
	// The next save opens a fresh store (the IndexedDB database is gone).
	store = null;
	return { files: [...opfs, ...idb], settings };
}
