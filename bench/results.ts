/** Where each benchmark leaves its figures (bench/results/<name>.json) for `bench/report.ts`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const RESULTS_DIR = join(import.meta.dirname, 'results');

/** The machine in one line, as every figure must say where it was measured. */
export function machine(): string {
	return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export interface BenchResult {
	/** What was measured, e.g. "load". */
	name: string;
	measuredAt: string;
	machine: string;
	/** Rows for the Markdown table: what, the figure, and the target with whether it is met. */
	rows: { what: string; value: string; target?: string; ok?: boolean }[];
	/** Everything else the benchmark measured, as it was. */
	details?: unknown;
}

export function saveResult(result: Omit<BenchResult, 'measuredAt' | 'machine'>): void {
	mkdirSync(RESULTS_DIR, { recursive: true });
	const full: BenchResult = {
		...result,
		measuredAt: new Date().toISOString(),
		machine: machine()
	};
	writeFileSync(join(RESULTS_DIR, `${result.name}.json`), JSON.stringify(full, null, '\t') + '\n');
}

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

/** The p-th percentile (nearest rank) of the values. */
export function percentile(values: readonly number[], p: number): number {
	if (!values.length) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
