import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { createStaticServer } from '../../scripts/serve.js';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		subPathUrl: string;
	}
}

/** Serves the built site twice: at the root, and under a sub-path as a static host might. */
export default async function setup(project: TestProject) {
	const listen = (base: string) =>
		new Promise<import('node:http').Server>((resolve) => {
			const s = createStaticServer('build', base);
			s.listen(0, '127.0.0.1', () => resolve(s));
		});
	const root = await listen('');
	const sub = await listen('/utfall');
	project.provide('baseUrl', `http://127.0.0.1:${(root.address() as AddressInfo).port}/`);
	project.provide('subPathUrl', `http://127.0.0.1:${(sub.address() as AddressInfo).port}/utfall/`);
	return async () => {
		await new Promise((r) => root.close(r));
		await new Promise((r) => sub.close(r));
	};
}
