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

/** What tells text from binary, counted piece by piece. */
interface TextStats {
	chars: number;
	controls: number;
	nul: boolean;
	blank: boolean;
}

const emptyStats = (): TextStats => ({ chars: 0, controls: 0, nul: false, blank: true });

function count(stats: TextStats, text: string): TextStats {
	stats.chars += text.length;
	stats.controls += text.match(CONTROL)?.length ?? 0;
	stats.nul ||= text.includes('\u0000');
	stats.blank &&= !/\S/.test(text);
	return stats;
}

function looksBinary(s: TextStats): boolean {
	return s.nul || (s.controls > 0 && s.controls >= Math.max(1, s.chars / 200));
}

/**
 * The longest text a JavaScript engine holds in one string (V8: 2^29 − 24 characters): decode()
 * refuses a larger file with its size instead of failing half-way; decodePieces() reads it in pieces.
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
	const stats = count(emptyStats(), text);
	if (looksBinary(stats)) return refuse('file_binary');
	if (stats.blank) return refuse('file_empty');
	return { ok: true, text, encoding };
}

/** Bytes decoded at a time when a file is too long for one string. */
export const PIECE_BYTES = 1 << 26;

export type DecodedPieces =
	| {
			ok: true;
			encoding: Encoding;
			/** The text in order, in pieces (one for a file that fits a string); a new pass each call. */
			pieces: () => Iterable<string>;
	  }
	| { ok: false; issue: Issue };

const BOMS: [Encoding, readonly number[]][] = [
	['utf-8-bom', [0xef, 0xbb, 0xbf]],
	['utf-16le', [0xff, 0xfe]],
	['utf-16be', [0xfe, 0xff]]
];

/** The text of `bytes` in `encoding`, `size` bytes at a time; a character split between pieces is kept whole. */
function* piecesOf(bytes: Uint8Array, encoding: Encoding, size: number, fatal = false): Generator<string> {
	const bom = BOMS.find(([e]) => e === encoding)?.[1].length ?? 0;
	// UTF-16 pieces end on a code unit; the decoder keeps a surrogate pair split between two.
	const step = encoding.startsWith('utf-16') ? size - (size % 2) || 2 : size;
	if (encoding === 'windows-1252') {
		for (let at = 0; at < bytes.length; at += step) yield decodeWindows1252(bytes.subarray(at, at + step));
		return;
	}
	const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
	const decoder = new TextDecoder(label, { fatal, ignoreBOM: true });
	for (let at = bom; at < bytes.length; at += step)
		yield decoder.decode(bytes.subarray(at, Math.min(at + step, bytes.length)), { stream: true });
	const rest = decoder.decode();
	if (rest) yield rest;
}

/**
 * decode() for files of any size: a file that fits one string is decoded as one piece; a longer
 * one is read in pieces of `pieceBytes`, with the same encoding rules and refusals (a first pass
 * settles UTF-8 against Windows-1252 and binary against text). Never modifies `bytes`.
 */
export function decodePieces(
	bytes: Uint8Array,
	file: string,
	{ wholeUpTo = MAX_TEXT_BYTES, pieceBytes = PIECE_BYTES } = {}
): DecodedPieces {
	if (bytes.length <= wholeUpTo) {
		const d = decode(bytes, file);
		return d.ok ? { ok: true, encoding: d.encoding, pieces: () => [d.text] } : d;
	}
	if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY))
		return { ok: false, issue: error('file_zip', { file }) };
	if (startsWith(bytes, OLE2)) return { ok: false, issue: error('file_xls', { file }) };
	let encoding: Encoding = BOMS.find(([, sig]) => startsWith(bytes, sig))?.[0] ?? 'utf-8';
	let stats = emptyStats();
	try {
		for (const piece of piecesOf(bytes, encoding, pieceBytes, encoding === 'utf-8')) count(stats, piece);
	} catch {
		encoding = 'windows-1252';
		stats = emptyStats();
		for (const piece of piecesOf(bytes, encoding, pieceBytes)) count(stats, piece);
	}
	if (looksBinary(stats)) return { ok: false, issue: error('file_binary', { file }) };
	if (stats.blank) return { ok: false, issue: error('file_empty', { file }) };
	return { ok: true, encoding, pieces: () => piecesOf(bytes, encoding, pieceBytes) };
}
