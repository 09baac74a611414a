/**
 * `npm run bench:ocr`: the label scanner on every photo of ../shared/fixtures/labels (issue 7, part 6).
 * Each image goes through the CLI's code path (scripts/ocr-label-run.ts: decode, preprocess, tesseract in one
 * Node worker thread, parse), one at a time; the result is compared with the image's JSON by the folder's
 * README rules (bench/ocr-score.ts). Prints per-field precision and recall, the share of expected fields
 * exactly right, and the median seconds per image (decode + preprocess + OCR + parse; the worker's start-up
 * is reported apart). Writes bench/results/ocr.json. Exits 1 when a target is missed:
 * ≥ 90 % of expected fields exactly right, median ≤ 3 s per image.
 * Env: OCR_BENCH_FILTER (a regular expression on the file names), OCR_BENCH_ENG=1 (English sub-language),
 * OCR_PREPROCESS / OCR_PARAMS (JSON, to try preprocessing options and tesseract parameters), OCR_PASSES (JSON
 * list of passes: page segmentation mode and preprocessing), OCR_BENCH_DIR (another folder of NAME.jpg + NAME.json, e.g. from
 * bench/ocr-generate.ts; results then go to bench/results/<folder name>.json, ocr- put in front).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import type { PreprocessOptions } from '../src/lib/ocr/image';
import { createNodeLabelWorker } from '../src/lib/ocr/node';
import type { LabelPass } from '../src/lib/ocr/recognize';
import { scanFile, type ImageResult } from '../scripts/ocr-label-run';
import { Scorer, type Expected } from './ocr-score';
import { saveResult } from './results';

const FIXTURES =
	process.env.OCR_BENCH_DIR ??
	join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'labels');
const TARGET_SHARE = 0.9;
const TARGET_MEDIAN_SECONDS = 3;

const filter = process.env.OCR_BENCH_FILTER ?? '';
const images = readdirSync(FIXTURES)
	.filter((f) => /\.(jpe?g|png)$/i.test(f) && new RegExp(filter).test(f))
	.sort();
if (!images.length) {
	console.error(`bench:ocr: no label photos in ${FIXTURES}`);
	process.exit(1);
}

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`bench:ocr — ${images.length} label photos, ${machine}`);

const startedWorker = performance.now();
const worker = await createNodeLabelWorker(process.env.OCR_BENCH_ENG ? 'chi_sim+eng' : 'chi_sim');
if (process.env.OCR_PARAMS)
	await worker.setParameters(JSON.parse(process.env.OCR_PARAMS) as Record<string, string>);
const workerSeconds = (performance.now() - startedWorker) / 1000;
const preprocess = process.env.OCR_PREPROCESS
	? (JSON.parse(process.env.OCR_PREPROCESS) as PreprocessOptions)
	: undefined;
// OCR_PASSES: JSON list of passes, e.g. [{"psm":"4"},{"psm":"3","preprocess":{"targetTextHeight":20}}]
const passes = process.env.OCR_PASSES
	? (JSON.parse(process.env.OCR_PASSES) as LabelPass[])
	: undefined;

const scorer = new Scorer();
const perImage: {
	image: string;
	seconds: number;
	right: number;
	expected: number;
	error?: string;
}[] = [];
const results: ImageResult[] = [];
try {
	for (const image of images) {
		const expected = JSON.parse(
			readFileSync(join(FIXTURES, image.replace(/\.\w+$/, '.json')), 'utf8')
		) as Expected;
		const started = performance.now();
		const result = await scanFile(worker, join(FIXTURES, image), !!process.env.OCR_BENCH_TEXT, {
			preprocess,
			passes
		});
		const seconds = (performance.now() - started) / 1000;
		results.push({ ...result, file: image });
		const before = scorer.mismatches.length;
		scorer.add(image, expected, result);
		const expectedCount = Object.values(expected).filter((v) => v !== null).length;
		const wrong = scorer.mismatches.slice(before).filter((m) => m.expected !== null).length;
		perImage.push({
			image,
			seconds,
			right: expectedCount - wrong,
			expected: expectedCount,
			...(result.error ? { error: result.error } : {})
		});
		console.log(
			`  ${image.padEnd(16)} ${seconds.toFixed(2)} s  ${expectedCount - wrong}/${expectedCount}${result.error ? `  ERROR ${result.error}` : ''}`
		);
	}
} finally {
	await worker.terminate();
}

const sorted = perImage.map((p) => p.seconds).sort((a, b) => a - b);
const median =
	sorted.length % 2
		? sorted[(sorted.length - 1) / 2]!
		: (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
const share = scorer.exactShare();
const table = scorer.table();

console.log('\nfield              precision  recall   right/expected  (given, spurious)');
const pct = (x: number | null) => (x === null ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
for (const row of table)
	console.log(
		`  ${row.field.padEnd(17)} ${pct(row.precision)}    ${pct(row.recall)}   ${String(row.right).padStart(3)}/${String(row.expected).padEnd(3)}          (${row.given}, ${row.spurious})`
	);
if (scorer.mismatches.length) {
	console.log('\nwrong or missing:');
	for (const m of scorer.mismatches)
		console.log(
			`  ${m.image} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`
		);
}
const shareOk = share >= TARGET_SHARE;
const medianOk = median <= TARGET_MEDIAN_SECONDS;
console.log(
	`\nexpected fields exactly right: ${(share * 100).toFixed(1)}% (target ≥ ${TARGET_SHARE * 100}%) ${shareOk ? 'OK' : 'MISSED'}`
);
console.log(
	`median seconds per image: ${median.toFixed(2)} s (target ≤ ${TARGET_MEDIAN_SECONDS} s) ${medianOk ? 'OK' : 'MISSED'}; worker start-up ${workerSeconds.toFixed(2)} s; on ${machine}`
);

if (!process.env.OCR_BENCH_DIR && !filter)
	saveResult({
		name: 'scanner',
		rows: [
			{
				what: `Label scanner, ${images.length} label photos: expected fields exactly right`,
				value: `${(share * 100).toFixed(1)} %`,
				target: `≥ ${TARGET_SHARE * 100} %`,
				ok: shareOk
			},
			{
				what: 'Label scanner: median seconds per photo (Node, one reused worker)',
				value: `${median.toFixed(2)} s`,
				target: `≤ ${TARGET_MEDIAN_SECONDS} s`,
				ok: medianOk
			}
		]
	});
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
	join(
		import.meta.dirname,
		'results',
		process.env.OCR_BENCH_DIR
			? `${basename(FIXTURES).replace(/^(?!ocr)/, 'ocr-')}.json`
			: 'ocr.json'
	),
	`${JSON.stringify(
		{
			date: new Date().toISOString(),
			machine,
			images: images.length,
			filter: filter || undefined,
			languages: process.env.OCR_BENCH_ENG ? 'chi_sim+eng' : 'chi_sim',
			preprocess,
			passes,
			targets: { exactShare: TARGET_SHARE, medianSeconds: TARGET_MEDIAN_SECONDS },
			exactShare: Math.round(share * 10000) / 10000,
			exactShareCountingEmpty: Math.round(scorer.exactShareWithEmpty() * 10000) / 10000,
			medianSeconds: Math.round(median * 1000) / 1000,
			workerStartSeconds: Math.round(workerSeconds * 1000) / 1000,
			fields: table,
			mismatches: scorer.mismatches,
			perImage,
			results
		},
		null,
		'\t'
	)}\n`
);
process.exitCode = shareOk && medianOk ? 0 : 1;
