/**
 * A chart's `<svg>` as a standalone SVG document: computed styles inlined (so it looks the same
 * outside the page), the title, subtitle, legend and source added as text around it, white
 * background. The result opens in any SVG viewer and is the input for the PNG export.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Style properties that change how an SVG element is drawn. */
const PROPS = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'stroke-linecap',
	'stroke-linejoin',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'font-style',
	'font-variant-numeric',
	'text-anchor',
	'dominant-baseline',
	'paint-order',
	'letter-spacing'
] as const;

export interface StandaloneMeta {
	title: string;
	subtitle?: string;
	/** Lines under the chart: source, data date, notes. */
	footer?: string[];
	/** Legend entries: the swatch (an `<svg>`) and its text. */
	legend?: { swatch: SVGSVGElement | null; label: string }[];
	fontFamily?: string;
}

export interface StandaloneSvg {
	text: string;
	width: number;
	height: number;
}

/** Splits text into lines of at most about `width` pixels at `size` px (an average glyph width). */
export function wrap(text: string, width: number, size: number): string[] {
	const max = Math.max(12, Math.floor(width / (size * 0.55)));
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > max) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

/** `url("<page address>#id")` → `url(#id)`, so pattern fills keep working in a file of their own. */
const localUrl = (v: string) => v.replace(/url\(["']?[^#"')]*#([^"')]+)["']?\)/g, 'url(#$1)');

function inline(source: Element, clone: Element): void {
	const cs = getComputedStyle(source);
	if (cs.display === 'none' || cs.visibility === 'hidden') {
		clone.remove();
		return;
	}
	const style = PROPS.map((p) => {
		const v = cs.getPropertyValue(p);
		return v ? `${p}:${localUrl(v)}` : '';
	})
		.filter(Boolean)
		.join(';');
	clone.setAttribute('style', style);
	for (const a of ['class', 'tabindex', 'data-tip', 'aria-describedby', 'aria-labelledby'])
		clone.removeAttribute(a);
	const from = [...source.children];
	const to = [...clone.children];
	from.forEach((c, i) => to[i] && inline(c, to[i]));
}

const text = (
	doc: Document,
	x: number,
	y: number,
	s: string,
	size: number,
	extra: Record<string, string> = {}
) => {
	const t = doc.createElementNS(SVG_NS, 'text');
	t.setAttribute('x', String(x));
	t.setAttribute('y', String(y));
	t.setAttribute('font-size', String(size));
	t.setAttribute('fill', extra.fill ?? '#1d1d1f');
	for (const [k, v] of Object.entries(extra)) if (k !== 'fill') t.setAttribute(k, v);
	t.textContent = s;
	return t;
};

export function standaloneSvg(svg: SVGSVGElement, meta: StandaloneMeta): StandaloneSvg {
	const doc = svg.ownerDocument;
	const box = svg.getBoundingClientRect();
	const chartW = Math.round(box.width) || Number(svg.getAttribute('width')) || 600;
	const chartH = Math.round(box.height) || Number(svg.getAttribute('height')) || 300;
	const pad = 16;
	const width = Math.max(chartW + 2 * pad, 320);
	const inner = width - 2 * pad;
	const font = meta.fontFamily ?? getComputedStyle(svg).fontFamily ?? 'sans-serif';

	const out = doc.createElementNS(SVG_NS, 'svg');
	out.setAttribute('xmlns', SVG_NS);
	out.setAttribute('font-family', font);
	const bg = doc.createElementNS(SVG_NS, 'rect');
	bg.setAttribute('width', '100%');
	bg.setAttribute('height', '100%');
	bg.setAttribute('fill', '#fff');
	out.append(bg);

	let y = pad;
	const titleEl = doc.createElementNS(SVG_NS, 'title');
	titleEl.textContent = meta.title;
	out.append(titleEl);
	for (const line of wrap(meta.title, inner, 17)) {
		y += 21;
		out.append(text(doc, pad, y, line, 17, { 'font-weight': '700' }));
	}
	for (const line of meta.subtitle ? wrap(meta.subtitle, inner, 12.5) : []) {
		y += 17;
		out.append(text(doc, pad, y, line, 12.5, { fill: '#444' }));
	}
	y += 12;

	const chart = svg.cloneNode(true) as SVGSVGElement;
	inline(svg, chart);
	chart.setAttribute('x', String(pad));
	chart.setAttribute('y', String(y));
	chart.setAttribute('width', String(chartW));
	chart.setAttribute('height', String(chartH));
	chart.setAttribute('overflow', 'visible');
	out.append(chart);
	y += chartH + 8;

	// Legend: swatch and label, wrapped over lines.
	let x = pad;
	if (meta.legend?.length) y += 16;
	for (const item of meta.legend ?? []) {
		const sw = item.swatch ? (item.swatch.cloneNode(true) as SVGSVGElement) : null;
		const swW = sw ? Number(item.swatch!.getAttribute('width')) || 24 : 0;
		const itemW = swW + 6 + item.label.length * 12 * 0.62 + 20;
		if (x > pad && x + itemW > width - pad) {
			x = pad;
			y += 18;
		}
		if (sw && item.swatch) {
			inline(item.swatch, sw);
			sw.setAttribute('x', String(x));
			sw.setAttribute('y', String(y - 10));
			sw.removeAttribute('aria-hidden');
			out.append(sw);
		}
		out.append(text(doc, x + swW + 6, y, item.label, 12));
		x += itemW;
	}
	if (meta.legend?.length) y += 8;

	for (const line of (meta.footer ?? []).flatMap((f) => wrap(f, inner, 11))) {
		y += 15;
		out.append(text(doc, pad, y, line, 11, { fill: '#444' }));
	}
	const height = Math.ceil(y + pad);
	out.setAttribute('width', String(width));
	out.setAttribute('height', String(height));
	out.setAttribute('viewBox', `0 0 ${width} ${height}`);
	const body = new XMLSerializer().serializeToString(out);
	return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`, width, height };
}
