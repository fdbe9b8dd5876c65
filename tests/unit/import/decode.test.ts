import { describe, expect, it } from 'vitest';
import { decode, decodePieces } from '$lib/core/import/decode';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (r: ReturnType<typeof decode>) => (r.ok ? r.text : r.issue.code);

describe('decode', () => {
	it('reads UTF-8 and strips a BOM', () => {
		expect(decode(new TextEncoder().encode('a;ö\n'), 'f.csv')).toEqual({
			ok: true,
			text: 'a;ö\n',
			encoding: 'utf-8'
		});
		const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a;ö')]);
		expect(decode(withBom, 'f.csv')).toEqual({ ok: true, text: 'a;ö', encoding: 'utf-8-bom' });
	});

	it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
		// "Söder;€" in Windows-1252: ö = F6, € = 80
		const r = decode(bytes(0x53, 0xf6, 0x64, 0x65, 0x72, 0x3b, 0x80), 'f.csv');
		expect(r).toEqual({ ok: true, text: 'Söder;€', encoding: 'windows-1252' });
	});

	it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
		expect(decode(bytes(0xff, 0xfe, 0x61, 0, 0x09, 0, 0xe5, 0), 'f.txt')).toEqual({
			ok: true,
			text: 'a\tå',
			encoding: 'utf-16le'
		});
	});

	it('refuses empty, zip, old Excel and binary files', () => {
		expect(text(decode(bytes(), 'f.csv'))).toBe('file_empty');
		expect(text(decode(bytes(0xef, 0xbb, 0xbf, 0x0d, 0x0a), 'f.csv'))).toBe('file_empty');
		expect(text(decode(bytes(0x50, 0x4b, 0x03, 0x04, 1, 2), 'f.csv'))).toBe('file_zip');
		expect(text(decode(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'f.csv'))).toBe('file_xls');
		expect(text(decode(bytes(0x61, 0x00, 0x62), 'f.csv'))).toBe('file_binary');
	});

	it('refuses a file longer than one string can hold, with its size, instead of failing half-way', () => {
		const r = decode(bytes(0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0x32), 'big.csv', 6);
		expect(r).toEqual({
			ok: false,
			issue: expect.objectContaining({ code: 'file_too_large', file: 'big.csv', count: 7, expected: 6 })
		});
		expect(decode(bytes(0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c), 'ok.csv', 6).ok).toBe(true);
	});

	it('never modifies the input bytes', () => {
		const input = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x3b, 0x62]);
		const copy = input.slice();
		decode(input, 'f.csv');
		expect(input).toEqual(copy);
	});
});

describe('decodePieces: a file too long for one string, read in pieces', () => {
	const utf16 = (s: string, le: boolean) => {
		const out = [le ? 0xff : 0xfe, le ? 0xfe : 0xff];
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			out.push(...(le ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
		}
		return new Uint8Array(out);
	};
	const text = 'id;namn\n1;Åsa 😀 ö\r\n2;"x\ny"\n';
	const inputs: Record<string, Uint8Array> = {
		utf8: new TextEncoder().encode(text),
		'utf8 with BOM': new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]),
		'utf-16le': utf16(text, true),
		'utf-16be': utf16(text, false),
		// Valid UTF-8 up to the last byte, so the first pass learns it is Windows-1252 only at the end.
		'windows-1252': new Uint8Array([...new TextEncoder().encode('id;a\n1;b\n'), 0x53, 0xf6, 0x80]),
		binary: bytes(0x61, 0x3b, 0x62, 0x0a, 0x00, 0x01),
		'binary without NUL': bytes(0x61, 0x01, 0x02, 0x03, 0x62),
		blank: bytes(0x20, 0x0d, 0x0a, 0x09, 0x0a),
		zip: bytes(0x50, 0x4b, 0x03, 0x04, 1, 2),
		xls: bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0)
	};

	for (const [name, input] of Object.entries(inputs))
		it(`gives decode()'s text and encoding, or its refusal, for ${name} in pieces of 1 to 5 bytes`, () => {
			const whole = decode(input, 'f.csv');
			const copy = input.slice();
			for (let size = 1; size <= 5; size++) {
				const r = decodePieces(input, 'f.csv', { wholeUpTo: 0, pieceBytes: size });
				if (!whole.ok) expect(r).toEqual(whole);
				else {
					if (!r.ok) throw new Error(`refused: ${r.issue.code}`);
					const pieces = [...r.pieces()];
					expect(pieces.join(''), `${name} in pieces of ${size}`).toBe(whole.text);
					expect(r.encoding).toBe(whole.encoding);
					// More than one piece: it really was read in pieces; and a new pass reads the same.
					expect(pieces.length).toBeGreaterThan(1);
					expect([...r.pieces()].join('')).toBe(whole.text);
				}
			}
			expect(input).toEqual(copy);
		});

	it('decodes a file that fits one string as one piece', () => {
		const r = decodePieces(inputs.utf8, 'f.csv');
		expect(r.ok && [...r.pieces()]).toEqual([text]);
	});
});
