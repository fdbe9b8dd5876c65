import { STORE_NAME, type FileStore, type StoredFile } from './store';

const OBJECT_STORE = 'files';

interface Record {
	name: string;
	bytes: Uint8Array;
}

export const indexedDbSupported = (): boolean => typeof indexedDB !== 'undefined';

const request = <T>(r: IDBRequest<T>): Promise<T> =>
	new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
	});

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const r = indexedDB.open(STORE_NAME, 1);
		r.onupgradeneeded = () => r.result.createObjectStore(OBJECT_STORE, { keyPath: 'name' });
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
		r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
	});
}

async function withStore<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	const db = await open();
	try {
		const tx = db.transaction(OBJECT_STORE, mode);
		const result = request(f(tx.objectStore(OBJECT_STORE)));
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
			tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
		});
		return await result;
	} finally {
		db.close();
	}
}

export async function openIndexedDbStore(): Promise<FileStore> {
	(await open()).close();
	return {
		kind: 'indexeddb',
		async get(name) {
			const rec = await withStore<Record | undefined>('readonly', (s) => s.get(name));
			return rec ? new Uint8Array(rec.bytes) : null;
		},
		async put(name, bytes) {
			// One put in one transaction: all or nothing.
			await withStore('readwrite', (s) => s.put({ name, bytes: bytes.slice() } satisfies Record));
		},
		async delete(name) {
			await withStore('readwrite', (s) => s.delete(name));
		},
		async list() {
			const all = await withStore<Record[]>('readonly', (s) => s.getAll());
			return all
				.map((r): StoredFile => ({ name: r.name, size: r.bytes.byteLength }))
				.sort((a, b) => a.name.localeCompare(b.name));
		}
	};
}

/** Delete Utfall's IndexedDB database; returns the files it held. */
export async function clearIndexedDb(): Promise<StoredFile[]> {
	if (!indexedDbSupported()) return [];
	let removed: StoredFile[] = [];
	const exists =
		typeof indexedDB.databases !== 'function' ||
		(await indexedDB.databases().catch(() => [{ name: STORE_NAME }])).some((d) => d.name === STORE_NAME);
	if (!exists) return [];
	try {
		removed = await (await openIndexedDbStore()).list();
	} catch {
		// A damaged database is deleted all the same.
	}
	await new Promise<void>((resolve, reject) => {
		const r = indexedDB.deleteDatabase(STORE_NAME);
		r.onsuccess = () => resolve();
		r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be deleted'));
		r.onblocked = () => resolve();
	});
	return removed;
}
