/** Every Utfall setting in localStorage has a key starting with this. */
export const KEY_PREFIX = 'utfall.';

const ls = (): Storage | null => {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		// Access throws when storage is blocked.
		return null;
	}
};

/** Every `utfall.*` entry, verbatim. */
export function readUtfallEntries(): Record<string, string> {
	const s = ls();
	const out: Record<string, string> = {};
	if (!s) return out;
	for (let i = 0; i < s.length; i++) {
		const key = s.key(i);
		if (key?.startsWith(KEY_PREFIX)) out[key] = s.getItem(key) ?? '';
	}
	return out;
}

export function writeUtfallEntries(entries: Record<string, string>): void {
	const s = ls();
	if (!s) return;
	for (const [k, v] of Object.entries(entries)) if (k.startsWith(KEY_PREFIX)) s.setItem(k, v);
}

/** Remove every `utfall.*` entry; returns the keys removed. */
export function clearUtfallEntries(): string[] {
	const s = ls();
	if (!s) return [];
	const keys = Object.keys(readUtfallEntries());
	for (const k of keys) s.removeItem(k);
	return keys.sort();
}
