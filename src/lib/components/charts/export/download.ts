/** Saves a blob as a file through a temporary `blob:` link: nothing leaves the browser. */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// Give the browser time to start the download before the URL is revoked.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a chart id: letters, digits and dashes only. */
export const fileName = (id: string, ext: string): string =>
	`${id.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'chart'}.${ext}`;
