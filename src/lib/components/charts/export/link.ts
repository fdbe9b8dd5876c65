/** The address of this exact view with a chart's id as the fragment (`…?view=table#chart-id`). */
export const viewLink = (href: string, id: string): string =>
	`${href.split('#')[0]}#${encodeURIComponent(id)}`;
