/** Links the board views share: pages that keep the language and name the dataset (and project). */
import { resolve } from '$app/paths';
import { DEFAULT_VIEW_STATE, serializeViewState } from '$lib/state/url';
import { datasetOfProject } from '$lib/views/headlines';
import type { Language } from '$lib/i18n';

const query = (lang: Language, dataset: string | null, extra: Record<string, string> = {}): string => {
	const q = serializeViewState({ ...DEFAULT_VIEW_STATE, lang, dataset });
	for (const [k, v] of Object.entries(extra)) q.set(k, v);
	const s = q.toString();
	return s ? `?${s}` : '';
};

export const reportHref = (project: string, lang: Language): string =>
	resolve('/report/[project]', { project }) + '/' + query(lang, datasetOfProject(project));

export const fundHref = (project: string, lang: Language): string =>
	resolve('/fund/') + query(lang, datasetOfProject(project), { project });

export const compareHref = (project: string, lang: Language): string =>
	resolve('/compare/') + query(lang, datasetOfProject(project));
