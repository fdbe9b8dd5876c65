import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { datasetsPlugin } from './scripts/vite-plugin-datasets.ts';

export default defineConfig({
	plugins: [datasetsPlugin(), sveltekit()],
	build: {
		// The DuckDB bundles and datasets must be files of their own, never inlined.
		assetsInlineLimit: 0,
		chunkSizeWarningLimit: 2000
	},
	worker: { format: 'es' },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.e2e.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 180_000,
					fileParallelism: false,
					globalSetup: ['tests/e2e/global-setup.ts']
				}
			}
		]
	}
});
