import { browser } from '$app/environment';
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { page } from '$app/state';
import { DEFAULT_VIEW_STATE, parseViewState, serializeViewState, type ViewState } from './url';

/** The view state lives in the URL; this reads it and writes changes back as history entries. */
class ViewStore {
	// Prerendering has no query string: render the defaults, the browser then applies the URL.
	readonly current: ViewState = $derived(
		browser ? parseViewState(page.url.searchParams) : DEFAULT_VIEW_STATE
	);

	/** A link to this view with `patch` applied, relative so it works under any sub-path. */
	href(patch: Partial<ViewState>): string {
		const params = serializeViewState(
			{ ...this.current, ...patch },
			browser ? page.url.searchParams : undefined
		);
		const q = params.toString();
		return q ? `?${q}` : '?';
	}

	/** A link to another page that keeps the language and dataset (the state every page shares). */
	link(route: '/' | '/compare/' | '/fund/' | '/import/' | '/indicators/' | '/workspace/'): string {
		const shared = serializeViewState({
			...DEFAULT_VIEW_STATE,
			lang: this.current.lang,
			dataset: this.current.dataset
		});
		const q = shared.toString();
		return resolve(route) + (q ? `?${q}` : '');
	}

	set(patch: Partial<ViewState>): Promise<void> {
		return goto(this.href(patch), { keepFocus: true, noScroll: true });
	}
}

export const view = new ViewStore();
