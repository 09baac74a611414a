/**
 * The last step of `npm run bench`: gathers what each benchmark left in bench/results/<name>.json into
 * bench/results/latest.json and one Markdown table, bench/results/latest.md (the README's performance table is
 * this file, pasted with its date and machine). A benchmark that has not run is listed as missing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, type BenchResult } from './results';

const ORDER = ['size', 'lighthouse', 'offline', 'sync', 'load', 'records', 'scanner'];

const results: BenchResult[] = [];
const missing: string[] = [];
for (const name of ORDER) {
	const file = join(RESULTS_DIR, `${name}.json`);
	if (existsSync(file)) results.push(JSON.parse(readFileSync(file, 'utf8')) as BenchResult);
	else missing.push(name);
}

const cell = (text: string) => text.replaceAll('|', '\\|');
const lines = [
	`Measured ${[...new Set(results.map((r) => r.measuredAt.slice(0, 10)))].join(', ')} on ${[...new Set(results.map((r) => r.machine))].join('; ')}.`,
	'',
	'| what | measured | target |',
	'| --- | --- | --- |',
	...results.flatMap((r) =>
		r.rows.map(
			(row) =>
				`| ${cell(row.what)} | ${cell(row.value)} | ${row.target ? `${cell(row.target)}: ${row.ok ? 'met' : '**missed**'}` : ''} |`
		)
	)
];
if (missing.length) lines.push('', `Not measured in this run: ${missing.join(', ')}.`);
const markdown = lines.join('\n') + '\n';
writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown);
writeFileSync(
	join(RESULTS_DIR, 'latest.json'),
	JSON.stringify({ generatedAt: new Date().toISOString(), results, missing }, null, '\t') + '\n'
);
console.log(markdown);
const missed = results.flatMap((r) =>
	r.rows.filter((row) => row.ok === false).map((row) => row.what)
);
if (missed.length) console.log(`Targets missed: ${missed.length}`);
