/** Column and file names compared without case, diacritics or punctuation: `Födelseår` → `fodelsear`. */
export const normaliseName = (s: string): string =>
	s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
