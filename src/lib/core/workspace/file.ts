import * as v from 'valibot';
import { TABLES, type TableName } from '../schema/tables';
import type { TableSnapshot } from './snapshot';

/**
 * The workspace file: everything a user made in Utfall, in one file that moves between computers
 * and is also how a dataset is kept in the browser's own storage. Layout (docs/workspace-format.md):
 *
 *   MAGIC "UTFALL-WS1\n" | u32 LE manifest length | manifest (UTF-8 JSON) | blob area
 *
 * Each table snapshot is an Arrow IPC stream in the blob area, at `offset` (from the start of the
 * blob area) with `length` bytes and a CRC-32. The manifest carries `format`; a reader opens every
 * format up to its own and refuses newer ones.
 */

export const MAGIC = 'UTFALL-WS1\n';
const MAGIC_PREFIX = 'UTFALL-WS';
export const FORMAT_VERSION = 1;
/** Bytes before the manifest: the magic and the manifest length. */
const HEADER_BYTES = MAGIC.length + 4;
/** No sane manifest is this large; a larger length means a damaged file. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export interface WorkspaceDataset {
	/** 'local' for the user's own data; otherwise where it came from. */
	id: string;
	title: string;
	/** ISO timestamp. */
	savedAt: string;
	/** The bundled example it was copied from, if any. */
	source: string | null;
	tables: TableSnapshot[];
}

export interface WorkspaceSettings {
	/** Disclosure threshold: groups smaller than k are not shown. */
	k: number;
}

export interface Workspace {
	/** ISO timestamp. */
	createdAt: string;
	datasets: WorkspaceDataset[];
	/** Import mappings remembered per source: localStorage key → stored JSON value. */
	mappings: Record<string, unknown>;
	/** Indicator definitions made in the editor (opaque here). */
	indicators: unknown[];
	/** Fund ledger edits: localStorage key → stored JSON value (opaque here). */
	ledgerEdits: Record<string, unknown>;
	settings: WorkspaceSettings;
	/** Every other `utfall.*` localStorage entry, verbatim, so nothing is lost between versions. */
	storage: Record<string, string>;
}

export type WorkspaceErrorCode =
	| 'ws_empty'
	| 'ws_not_workspace'
	| 'ws_version_unsupported'
	| 'ws_truncated'
	| 'ws_manifest_invalid'
	| 'ws_blob_range'
	| 'ws_checksum'
	| 'ws_trailing_bytes';

export const WORKSPACE_ERROR_CODES: readonly WorkspaceErrorCode[] = [
	'ws_empty',
	'ws_not_workspace',
	'ws_version_unsupported',
	'ws_truncated',
	'ws_manifest_invalid',
	'ws_blob_range',
	'ws_checksum',
	'ws_trailing_bytes'
];

export class WorkspaceFileError extends Error {
	constructor(
		readonly code: WorkspaceErrorCode,
		detail: string
	) {
		super(`${code}: ${detail}`);
		this.name = 'WorkspaceFileError';
	}
}

// ---------------------------------------------------------------- manifest schema (valibot)

const TABLE_NAMES = TABLES.map((t) => t.name) as [TableName, ...TableName[]];
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const isoTimestamp = v.pipe(v.string(), v.isoTimestamp());
const json = v.unknown();

const BlobSchema = v.object({
	name: v.picklist(TABLE_NAMES),
	rows: count,
	offset: count,
	length: count,
	crc32: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff))
});

const DatasetSchema = v.object({
	id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
	title: v.pipe(v.string(), v.maxLength(500)),
	savedAt: isoTimestamp,
	source: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200))), null),
	tables: v.array(BlobSchema)
});

/**
 * Format 1. Unknown fields are dropped, optional sections default, so files written by a later
 * 1.x writer that only adds fields still open.
 */
export const ManifestSchema = v.object({
	format: v.literal(1),
	app: v.literal('utfall'),
	createdAt: isoTimestamp,
	blobBytes: count,
	datasets: v.array(DatasetSchema),
	mappings: v.optional(v.record(v.string(), json), {}),
	indicators: v.optional(v.array(json), []),
	ledgerEdits: v.optional(v.record(v.string(), json), {}),
	settings: v.optional(
		v.object({ k: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 10) }),
		{ k: 10 }
	),
	storage: v.optional(v.record(v.pipe(v.string(), v.startsWith('utfall.')), v.string()), {})
});

export type Manifest = v.InferOutput<typeof ManifestSchema>;

// ---------------------------------------------------------------- CRC-32 (IEEE, as zip and PNG)

const CRC_TABLE = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------- write

export function encodeWorkspace(ws: Workspace): Uint8Array {
	const blobs: Uint8Array[] = [];
	let offset = 0;
	const datasets = ws.datasets.map((d) => ({
		id: d.id,
		title: d.title,
		savedAt: d.savedAt,
		source: d.source,
		tables: d.tables.map((t) => {
			const entry = { name: t.name, rows: t.rows, offset, length: t.ipc.length, crc32: crc32(t.ipc) };
			blobs.push(t.ipc);
			offset += t.ipc.length;
			return entry;
		})
	}));
	const manifest: Manifest = {
		format: FORMAT_VERSION,
		app: 'utfall',
		createdAt: ws.createdAt,
		blobBytes: offset,
		datasets,
		mappings: ws.mappings,
		indicators: ws.indicators,
		ledgerEdits: ws.ledgerEdits,
		settings: ws.settings,
		storage: ws.storage
	};
	const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
	const out = new Uint8Array(HEADER_BYTES + manifestBytes.length + offset);
	out.set(new TextEncoder().encode(MAGIC), 0);
	new DataView(out.buffer).setUint32(MAGIC.length, manifestBytes.length, true);
	out.set(manifestBytes, HEADER_BYTES);
	let at = HEADER_BYTES + manifestBytes.length;
	for (const b of blobs) {
		out.set(b, at);
		at += b.length;
	}
	return out;
}

// ---------------------------------------------------------------- read

interface Header {
	manifest: Manifest;
	/** Where the blob area starts in the file. */
	blobStart: number;
}

/** Check the magic and parse the manifest; the blob area is not read. */
function readHeader(bytes: Uint8Array): Header {
	if (bytes.length === 0) throw new WorkspaceFileError('ws_empty', 'the file is empty');
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, MAGIC.length));
	if (head.length < MAGIC.length) {
		if (MAGIC.startsWith(head))
			throw new WorkspaceFileError('ws_truncated', 'the file ends inside its header');
		throw new WorkspaceFileError('ws_not_workspace', 'the file does not start with UTFALL-WS');
	}
	if (head !== MAGIC) {
		if (head.startsWith(MAGIC_PREFIX))
			throw new WorkspaceFileError(
				'ws_version_unsupported',
				`container ${JSON.stringify(head.trim())} is newer than this version of Utfall reads`
			);
		throw new WorkspaceFileError('ws_not_workspace', 'the file does not start with UTFALL-WS');
	}
	if (bytes.length < HEADER_BYTES)
		throw new WorkspaceFileError('ws_truncated', 'the file ends inside its header');
	const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
	if (length > MAX_MANIFEST_BYTES)
		throw new WorkspaceFileError('ws_manifest_invalid', `manifest length ${length} is not plausible`);
	if (bytes.length < HEADER_BYTES + length)
		throw new WorkspaceFileError('ws_truncated', 'the file ends inside its manifest');
	let raw: unknown;
	try {
		raw = JSON.parse(
			new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + length))
		);
	} catch (e) {
		throw new WorkspaceFileError('ws_manifest_invalid', `the manifest is not JSON: ${(e as Error).message}`);
	}
	// A newer format is a clearer answer than "invalid", so look at it before the schema does.
	const format = (raw as { format?: unknown } | null)?.format;
	if (typeof format === 'number' && Number.isInteger(format) && format > FORMAT_VERSION)
		throw new WorkspaceFileError(
			'ws_version_unsupported',
			`format ${format} is newer than this version of Utfall reads (${FORMAT_VERSION})`
		);
	const parsed = v.safeParse(ManifestSchema, raw);
	if (!parsed.success)
		throw new WorkspaceFileError(
			'ws_manifest_invalid',
			parsed.issues
				.slice(0, 3)
				.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`)
				.join('; ')
		);
	return { manifest: parsed.output, blobStart: HEADER_BYTES + length };
}

/** What a workspace file holds, without reading its tables. */
export function readManifest(bytes: Uint8Array): Manifest {
	return readHeader(bytes).manifest;
}

/** Parse and check a whole workspace file. Throws WorkspaceFileError with a code. */
export function decodeWorkspace(bytes: Uint8Array): Workspace {
	const { manifest, blobStart } = readHeader(bytes);
	const available = bytes.length - blobStart;
	if (available < manifest.blobBytes)
		throw new WorkspaceFileError(
			'ws_truncated',
			`the file ends ${manifest.blobBytes - available} bytes early (of ${manifest.blobBytes} table bytes)`
		);
	if (available > manifest.blobBytes)
		throw new WorkspaceFileError(
			'ws_trailing_bytes',
			`${available - manifest.blobBytes} unexpected bytes at the end`
		);
	const datasets: WorkspaceDataset[] = manifest.datasets.map((d) => ({
		id: d.id,
		title: d.title,
		savedAt: d.savedAt,
		source: d.source ?? null,
		tables: d.tables.map((t) => {
			if (t.offset + t.length > manifest.blobBytes)
				throw new WorkspaceFileError('ws_blob_range', `${d.id}/${t.name} lies outside the file`);
			const ipc = bytes.subarray(blobStart + t.offset, blobStart + t.offset + t.length);
			if (crc32(ipc) !== t.crc32)
				throw new WorkspaceFileError('ws_checksum', `${d.id}/${t.name} is damaged (checksum mismatch)`);
			return { name: t.name, rows: t.rows, ipc };
		})
	}));
	return {
		createdAt: manifest.createdAt,
		datasets,
		mappings: manifest.mappings,
		indicators: manifest.indicators,
		ledgerEdits: manifest.ledgerEdits,
		settings: manifest.settings,
		storage: manifest.storage
	};
}

/** decodeWorkspace as a result, for UI code. */
export function tryDecodeWorkspace(
	bytes: Uint8Array
): { ok: true; workspace: Workspace } | { ok: false; code: WorkspaceErrorCode; message: string } {
	try {
		return { ok: true, workspace: decodeWorkspace(bytes) };
	} catch (e) {
		if (e instanceof WorkspaceFileError) return { ok: false, code: e.code, message: e.message };
		throw e;
	}
}
