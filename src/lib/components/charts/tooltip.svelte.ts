/**
 * Tooltips for chart marks that work by mouse, keyboard and touch. A chart keeps one `Tip`; every
 * data mark spreads `tip.mark(...)` (focusable, named, shows the tip on focus, hover and tap) and the
 * chart's `<svg>` uses `use:chartKeys={tip}`: one tab stop per chart, the arrow keys (and Home/End)
 * move between the marks, Escape hides the tip. `ChartTooltip.svelte` draws it.
 */

export interface TipContent {
	/** What the mark is: series and period, group, … */
	label: string;
	/** The value as displayed (or the suppression marker and why). */
	value: string;
	/** "Interval: 70 % – 89 %" when there is one. */
	interval?: string | null;
	/** "n = 58" when known. */
	n?: string | null;
}

interface Active {
	key: string;
	content: TipContent;
	/** Anchor in the chart's own pixels (the svg's coordinates). */
	x: number;
	y: number;
}

export class Tip {
	active = $state<Active | null>(null);

	show(key: string, content: TipContent, x: number, y: number): void {
		this.active = { key, content, x, y };
	}

	hide(): void {
		this.active = null;
	}

	/** The attributes of a focusable data mark; `first` marks the chart's one tab stop. */
	mark(key: string, content: TipContent, x: number, y: number, first = false) {
		const show = () => this.show(key, content, x, y);
		return {
			tabindex: first ? 0 : -1,
			role: 'img',
			'aria-label': [content.label, content.value, content.interval, content.n].filter(Boolean).join(', '),
			'data-tip': key,
			onfocus: show,
			onmouseenter: show,
			onclick: show,
			onblur: () => this.active?.key === key && this.hide(),
			onmouseleave: () => {
				const el = document.activeElement as Element | null;
				if (this.active?.key === key && el?.getAttribute('data-tip') !== key) this.hide();
			}
		};
	}
}

const marksOf = (svg: Element) => [...svg.querySelectorAll<SVGElement>('[data-tip]')];

/** Keeps exactly one mark in the tab order: the focused one, else the first. */
function oneTabStop(svg: Element, current?: Element | null) {
	const marks = marksOf(svg);
	const stop =
		current && marks.includes(current as SVGElement)
			? current
			: (marks.find((m) => m.tabIndex === 0) ?? marks[0]);
	for (const m of marks) m.setAttribute('tabindex', m === stop ? '0' : '-1');
}

/** Svelte action on a chart's `<svg>`: arrow-key navigation between marks, Escape, tap outside. */
export function chartKeys(svg: SVGSVGElement, tip: Tip) {
	let current = tip;
	const onKey = (e: KeyboardEvent) => {
		if (e.key === 'Escape') {
			if (current.active) {
				current.hide();
				e.preventDefault();
			}
			return;
		}
		const marks = marksOf(svg);
		const i = marks.indexOf(document.activeElement as SVGElement);
		if (i < 0) return;
		const next =
			e.key === 'ArrowRight' || e.key === 'ArrowDown'
				? Math.min(marks.length - 1, i + 1)
				: e.key === 'ArrowLeft' || e.key === 'ArrowUp'
					? Math.max(0, i - 1)
					: e.key === 'Home'
						? 0
						: e.key === 'End'
							? marks.length - 1
							: null;
		if (next === null) return;
		e.preventDefault();
		marks[next].focus();
	};
	const onFocus = (e: FocusEvent) => oneTabStop(svg, e.target as Element);
	const onDocDown = (e: PointerEvent) => {
		if (current.active && !(e.target instanceof Element && e.target.closest('[data-tip]'))) current.hide();
	};
	svg.addEventListener('keydown', onKey);
	svg.addEventListener('focusin', onFocus);
	document.addEventListener('pointerdown', onDocDown);
	// Marks come and go with the data: keep one tab stop after every change.
	const observer = new MutationObserver(() => oneTabStop(svg, document.activeElement));
	observer.observe(svg, { childList: true, subtree: true });
	oneTabStop(svg);
	return {
		update(t: Tip) {
			current = t;
		},
		destroy() {
			svg.removeEventListener('keydown', onKey);
			svg.removeEventListener('focusin', onFocus);
			document.removeEventListener('pointerdown', onDocDown);
			observer.disconnect();
		}
	};
}
