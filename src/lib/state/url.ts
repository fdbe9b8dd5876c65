import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n';

/**
 * Every piece of view state that a link should carry. Defaults are left out of URLs, so an old
 * link keeps meaning the same view after a default changes only where it named the value.
 */
export interface ViewState {
	lang: Language;
	dataset: string | null;
	view: 'chart' | 'table';
	cohorts: string[];
}

export const DEFAULT_VIEW_STATE: ViewState = {
	lang: DEFAULT_LANGUAGE,
	dataset: null,
	view: 'chart',
	cohorts: []
};

export function parseViewState(params: URLSearchParams): ViewState {
	const lang = params.get('lang');
	const view = params.get('view');
	const cohorts = params.get('cohorts');
	return {
		lang: isLanguage(lang) ? lang : DEFAULT_VIEW_STATE.lang,
		dataset: params.get('dataset') || null,
		view: view === 'table' ? 'table' : 'chart',
		cohorts: cohorts ? cohorts.split(',').filter(Boolean) : []
	};
}

export function serializeViewState(state: ViewState, base = new URLSearchParams()): URLSearchParams {
	const out = new URLSearchParams(base);
	const set = (key: string, value: string | null, fallback: string | null) => {
		if (value === null || value === fallback) out.delete(key);
		else out.set(key, value);
	};
	set('lang', state.lang, DEFAULT_VIEW_STATE.lang);
	set('dataset', state.dataset, null);
	set('view', state.view, DEFAULT_VIEW_STATE.view);
	set('cohorts', state.cohorts.length ? state.cohorts.join(',') : null, null);
	return out;
}
