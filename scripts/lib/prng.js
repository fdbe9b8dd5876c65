// Seeded randomness so `npm run datasets` rebuilds the committed files byte for byte.

/** 32-bit FNV-1a hash of a string, used to derive a seed from a readable name. */
export function hashSeed(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: small, fast and good enough for synthetic data. */
export function mulberry32(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function createRng(seed) {
	const next = mulberry32(typeof seed === 'string' ? hashSeed(seed) : seed);
	const rng = {
		next,
		/** Integer in [min, max], both included. */
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (p) => next() < p,
		pick: (items) => items[Math.floor(next() * items.length)],
		/** Pick by weight: `[[value, weight], …]`. */
		weighted: (pairs) => {
			let total = 0;
			for (const [, w] of pairs) total += w;
			let r = next() * total;
			for (const [v, w] of pairs) {
				r -= w;
				if (r < 0) return v;
			}
			return pairs[pairs.length - 1][0];
		},
		/** Standard normal (Box–Muller). */
		normal: (mean = 0, sd = 1) => {
			const u = 1 - next();
			const v = next();
			return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		/** Poisson by Knuth's method; fine for the small means used here. */
		poisson: (mean) => {
			if (mean <= 0) return 0;
			if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
			const limit = Math.exp(-mean);
			let k = 0;
			let p = next();
			while (p > limit) {
				k++;
				p *= next();
			}
			return k;
		},
		/** Exponential waiting time with the given mean. */
		exponential: (mean) => -Math.log(1 - next()) * mean,
		shuffle: (items) => {
			const a = items.slice();
			for (let i = a.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[a[i], a[j]] = [a[j], a[i]];
			}
			return a;
		}
	};
	return rng;
}

const ID_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const ID_DIGITS = '23456789';

/**
 * Opaque pseudonyms such as `TS-K4QX7M`: letters and digits mixed so a key can never be mistaken for
 * (or collide with the pattern of) a personal identity number.
 */
export function createIdMaker(rng, prefix) {
	const used = new Set();
	return () => {
		for (;;) {
			let id = prefix + '-';
			for (let i = 0; i < 6; i++) id += i % 2 === 0 ? rng.pick(ID_ALPHABET) : rng.pick(ID_DIGITS);
			if (!used.has(id)) {
				used.add(id);
				return id;
			}
		}
	};
}
