/**
 * A standalone SVG document rendered to PNG: loaded as an image from a `blob:` URL (same origin,
 * no network), drawn on a canvas at `scale` times its size on a white background.
 */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const img = new Image();
		img.decoding = 'sync';
		const loaded = new Promise<void>((resolve, reject) => {
			img.onload = () => resolve();
			img.onerror = () => reject(new Error('The chart could not be drawn as an image'));
		});
		img.src = url;
		await loaded;
		const canvas = document.createElement('canvas');
		canvas.width = Math.ceil(width * scale);
		canvas.height = Math.ceil(height * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('No 2D canvas');
		ctx.fillStyle = '#fff';
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('No PNG'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}
