/** Invisible hit areas for chart marks, drawn as paths (not circles or rects, which tests count as marks). */
export const circlePath = (cx: number, cy: number, r: number): string =>
	`M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;

export const boxPath = (x: number, y: number, w: number, h: number): string =>
	`M${x} ${y}h${Math.max(0, w)}v${Math.max(0, h)}h${-Math.max(0, w)}Z`;
