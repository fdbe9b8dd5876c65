import { error, type Issue } from './issues';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; issue: Issue };

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean =>
	b.length >= sig.length && sig.every((x, i) => b[i] === x);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Text with control characters other than tab, CR, LF and form feed is not a CSV export. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\u0080-\u009f]/g;

/** Windows-1252's 0x80–0x9F (WHATWG); the rest is Latin-1. Node's own decoder treats it all as Latin-1. */
const CP1252_HIGH = [
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
	0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122,
	0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178
];

function decodeWindows1252(bytes: Uint8Array): string {
	const codes = new Uint16Array(bytes.length);
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		codes[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
	}
	let out = '';
	for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.subarray(i, i + 8192));
	return out;
}

function looksBinary(text: string): boolean {
	if (text.includes('\u0000')) return true;
	const controls = text.match(CONTROL)?.length ?? 0;
	return controls > 0 && controls >= Math.max(1, text.length / 200);
}

/**
 * The longest text a JavaScript engine holds in one string (V8: 2^29 − 24 characters). A file is
 * read as one string, so a larger one is refused with its size instead of failing half-way.
 */
export const MAX_TEXT_BYTES = 0x1fffffe8;

/**
 * Bytes → text. UTF-8 (a BOM is stripped), UTF-16 with a BOM (Excel's "Unicode text"),
 * otherwise Windows-1252 when the bytes are not valid UTF-8. Never modifies `bytes`.
 */
export function decode(bytes: Uint8Array, file: string, maxBytes = MAX_TEXT_BYTES): Decoded {
	const refuse = (code: Issue['code']): Decoded => ({ ok: false, issue: error(code, { file }) });
	if (bytes.length === 0) return refuse('file_empty');
	if (bytes.length > maxBytes)
		return { ok: false, issue: error('file_too_large', { file, count: bytes.length, expected: maxBytes }) };
	if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return refuse('file_zip');
	if (startsWith(bytes, OLE2)) return refuse('file_xls');

	let text: string;
	let encoding: Encoding;
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
		encoding = 'utf-8-bom';
		text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
	} else if (startsWith(bytes, [0xff, 0xfe])) {
		encoding = 'utf-16le';
		text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2));
	} else if (startsWith(bytes, [0xfe, 0xff])) {
		encoding = 'utf-16be';
		text = new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2));
	} else {
		try {
			text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
			encoding = 'utf-8';
		} catch {
			text = decodeWindows1252(bytes);
			encoding = 'windows-1252';
		}
	}
	if (looksBinary(text)) return refuse('file_binary');
	if (text.trim() === '') return refuse('file_empty');
	return { ok: true, text, encoding };
}
