import { STORE_NAME, type FileStore, type StoredFile } from './store';

/** OPFS with createWritable on the page (Chromium, Firefox, Safari 18.4+). */
export function opfsSupported(): boolean {
	return (
		typeof navigator !== 'undefined' &&
		typeof navigator.storage?.getDirectory === 'function' &&
		typeof FileSystemFileHandle !== 'undefined' &&
		'createWritable' in FileSystemFileHandle.prototype
	);
}

const directory = async (create: boolean): Promise<FileSystemDirectoryHandle | null> => {
	const root = await navigator.storage.getDirectory();
	try {
		return await root.getDirectoryHandle(STORE_NAME, { create });
	} catch (e) {
		if (!create && e instanceof DOMException && e.name === 'NotFoundError') return null;
		throw e;
	}
};

async function* entries(dir: FileSystemDirectoryHandle): AsyncGenerator<FileSystemHandle> {
	// values() is in every engine that has OPFS; TypeScript's DOM lib may lack it.
	const d = dir as unknown as { values(): AsyncIterable<FileSystemHandle> };
	for await (const h of d.values()) yield h;
}

export async function openOpfsStore(): Promise<FileStore> {
	// Fails (SecurityError) in some private modes: the caller falls back to IndexedDB. Nothing is
	// created until the first put, so looking leaves no trace.
	await navigator.storage.getDirectory();
	return {
		kind: 'opfs',
		async get(name) {
			const dir = await directory(false);
			if (!dir) return null;
			try {
				const file = await (await dir.getFileHandle(name)).getFile();
				return new Uint8Array(await file.arrayBuffer());
			} catch (e) {
				if (e instanceof DOMException && e.name === 'NotFoundError') return null;
				throw e;
			}
		},
		async put(name, bytes) {
			const dir = (await directory(true))!;
			const handle = await dir.getFileHandle(name, { create: true });
			// createWritable writes to a swap file and replaces the old one only on close().
			const w = await handle.createWritable();
			try {
				await w.write(bytes as Uint8Array<ArrayBuffer>);
				await w.close();
			} catch (e) {
				await w.abort().catch(() => {});
				throw e;
			}
		},
		async delete(name) {
			const dir = await directory(false);
			await dir?.removeEntry(name).catch((e: unknown) => {
				if (!(e instanceof DOMException && e.name === 'NotFoundError')) throw e;
			});
		},
		async list() {
			const dir = await directory(false);
			const out: StoredFile[] = [];
			if (!dir) return out;
			for await (const h of entries(dir))
				if (h.kind === 'file')
					out.push({ name: h.name, size: (await (h as FileSystemFileHandle).getFile()).size });
			return out.sort((a, b) => a.name.localeCompare(b.name));
		}
	};
}

/** Remove Utfall's OPFS directory; returns the files it held. */
export async function clearOpfs(): Promise<StoredFile[]> {
	if (!opfsSupported()) return [];
	let dir: FileSystemDirectoryHandle | null;
	try {
		dir = await directory(false);
	} catch {
		return [];
	}
	if (!dir) return [];
	const removed: StoredFile[] = [];
	for await (const h of entries(dir))
		removed.push({
			name: h.name,
			size: h.kind === 'file' ? (await (h as FileSystemFileHandle).getFile()).size : 0
		});
	const root = await navigator.storage.getDirectory();
	await root.removeEntry(STORE_NAME, { recursive: true });
	return removed;
}

/** Names in Utfall's OPFS directory (for checks). */
export async function opfsNames(): Promise<string[]> {
	if (!opfsSupported()) return [];
	const dir = await directory(false).catch(() => null);
	const out: string[] = [];
	if (dir) for await (const h of entries(dir)) out.push(h.name);
	return out;
}
