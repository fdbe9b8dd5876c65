import type { DatasetManifest } from '../core/schema/tables';

// The example datasets ship with the app as files of their own (never inlined), fetched on first visit.
const fileUrls = import.meta.glob<string>('/datasets/*/*.csv', { query: '?url', import: 'default', eager: true });
const manifests = import.meta.glob<DatasetManifest>('/datasets/*/dataset.json', { import: 'default', eager: true });

export interface BundledDataset {
	manifest: DatasetManifest;
	/** file name → URL */
	files: Record<string, string>;
}

export const BUNDLED_DATASETS: BundledDataset[] = Object.entries(manifests)
	.map(([path, manifest]) => {
		const folder = path.slice(0, path.lastIndexOf('/') + 1);
		const files: Record<string, string> = {};
		for (const [p, url] of Object.entries(fileUrls))
			if (p.startsWith(folder)) files[p.slice(folder.length)] = url;
		return { manifest, files };
	})
	.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));

export const DEFAULT_DATASET_ID = 'samagera-torshalla';

export const bundledDataset = (id: string | null): BundledDataset | undefined =>
	BUNDLED_DATASETS.find((d) => d.manifest.id === (id ?? DEFAULT_DATASET_ID)) ?? BUNDLED_DATASETS[0];

export async function fetchDatasetFiles(d: BundledDataset): Promise<{ name: string; bytes: Uint8Array }[]> {
	return Promise.all(
		Object.entries(d.files).map(async ([name, url]) => {
			const res = await fetch(url);
			if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
			return { name, bytes: new Uint8Array(await res.arrayBuffer()) };
		})
	);
}
