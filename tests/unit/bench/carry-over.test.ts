import { describe, expect, it } from 'vitest';
import {
	carryOver,
	coldStartSection,
	nativeReportSection,
	type ColdStartSection,
	type NativeReportSection
} from '../../../scripts/bench/sections';

const TARGETS = [
	'## Targets from the issues',
	'',
	'| target | measured | verdict |',
	'|---|---|---|',
	'| a | 1 | met |'
];
const REPORT: NativeReportSection = {
	started: '2026-11-23T18:00:00.000Z',
	load0: [1, 1, 1],
	load1: [1, 1, 1],
	args: '--only native-report --native-report-sizes 50m',
	separate: false,
	dataDir: 'datasets/generated',
	sizes: [{ size: '50m', runs: [{ seconds: 600, maxRssMb: 9000 }] }]
};

describe('a full benchmark run keeps what it does not measure again', () => {
	const previous = [
		'# Benchmarks',
		...TARGETS,
		'',
		'<!-- bench:notes -->',
		'Why: written by hand.',
		'<!-- /bench:notes -->',
		'',
		...nativeReportSection(REPORT)
	].join('\n');
	const fresh = ['# Benchmarks', ...TARGETS, '', '## Machine', '', '- CPU'].join('\n');

	it('puts the notes right after the targets table and the large report back as a separate run', () => {
		const md = carryOver(previous, fresh);
		const lines = md.split('\n');
		const notes = lines.indexOf('<!-- bench:notes -->');
		expect(lines[notes + 1]).toBe('Why: written by hand.');
		expect(notes).toBeGreaterThan(lines.indexOf('| a | 1 | met |'));
		expect(notes).toBeLessThan(lines.indexOf('## Machine'));
		expect(md).toContain('<!-- bench:native-report -->');
		const row = lines.find((l) => l.startsWith('| report command on native DuckDB at large sizes'));
		expect(row).toContain('50m');
		expect(row).toContain('separate run');
		expect(row!.endsWith('| completes |')).toBe(true);
	});

	it('keeps a separately measured cold start only when the new run measured none', () => {
		const cold: ColdStartSection = {
			...REPORT,
			chromium: '156',
			coldStartMs: [2000, 2100, 2200],
			instantiateMs: [1000, 1100, 1200],
			coldStartHeapMb: [8, 8, 8],
			site: 'build/'
		};
		const before = [previous, '', ...coldStartSection(cold)].join('\n');
		const withoutBrowser = carryOver(before, fresh);
		expect(withoutBrowser).toContain('<!-- bench:cold-start -->');
		expect(withoutBrowser.split('\n').find((l) => l.startsWith('| cold start'))).toContain('= **1.91×**');
		const measured = fresh.replace(
			'| a | 1 | met |',
			'| a | 1 | met |\n| cold start ≤ 1.3× engine instantiation alone | 3.00× | **missed** |'
		);
		expect(carryOver(before, measured)).not.toContain('<!-- bench:cold-start -->');
	});

	it('changes nothing the new run wrote itself', () => {
		const rerun = carryOver(previous, previous);
		expect(rerun).toBe(previous);
	});
});
