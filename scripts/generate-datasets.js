#!/usr/bin/env node
// Rebuilds the example datasets under datasets/ byte for byte: `node scripts/generate-datasets.js [--out dir] [--summary]`.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDataset } from './lib/csv.js';
import { summarise } from './lib/summary.js';
import { prisma } from './lib/datasets/prisma.js';
import { samagera } from './lib/datasets/samagera.js';
import { sig } from './lib/datasets/sig.js';

const BUILDERS = [samagera, sig, prisma];

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const root = fileURLToPath(new URL('..', import.meta.url));
const out = outIndex >= 0 ? resolve(args[outIndex + 1]) : join(root, 'datasets');

for (const build of BUILDERS) {
	const dataset = build();
	const dir = join(out, dataset.manifest.id);
	const files = writeDataset(dir, dataset);
	console.log(`${dataset.manifest.id}: ${files.join(', ')}`);
	if (args.includes('--summary')) console.log(summarise(dataset));
}
