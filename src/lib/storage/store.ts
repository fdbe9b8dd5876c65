/**
 * Where Utfall keeps files in the browser: the origin private file system (OPFS) where it can
 * write there from the page, IndexedDB otherwise. Both live under Utfall's own names only (the
 * OPFS directory `utfall`, the IndexedDB database `utfall`), never the whole origin, because a
 * static host may serve other apps from the same origin.
 */
export type StoreKind = 'opfs' | 'indexeddb';

export interface StoredFile {
	name: string;
	size: number;
}

export interface FileStore {
	readonly kind: StoreKind;
	get(name: string): Promise<Uint8Array | null>;
	/** Replace the file whole: a reader never sees half a file. */
	put(name: string, bytes: Uint8Array): Promise<void>;
	delete(name: string): Promise<void>;
	list(): Promise<StoredFile[]>;
}

export const STORE_NAME = 'utfall';
