/**
 * `npm run bench:ocr`: the label scanner on every photo of ../shared/fixtures/labels (straight, evenly lit) and
 * of ../shared/fixtures/labels-hard (tilted, at an angle, uneven light, blur), each set reported on its own.
 * Each image goes through the CLI's code path (scripts/ocr-label-run.ts: decode, preprocess, tesseract in one
 * Node worker thread, parse), one at a time; the result is compared with the image's JSON by the folders'
 * README rules (bench/ocr-score.ts). Prints per set: per-field precision and recall, the share of expected
 * fields exactly right (recall), the precision over all fields given, the photos answered "nothing found",
 * the fields most often wrong, and the median seconds per image (decode + preprocess + OCR + parse; the
 * worker's start-up is reported apart). Writes bench/results/ocr.json (both sets) and scanner.json (the
 * README's table). Exits 1 when a target is missed (issue 20): labels ≥ 97 % exactly right; labels-hard
 * ≥ 90 %, precision ≥ 95 %, no photo answered "nothing found"; median ≤ 3 s per image on each.
 * Env: OCR_BENCH_FILTER (a regular expression on the file names), OCR_BENCH_ENG=1 (English sub-language),
 * OCR_PREPROCESS / OCR_PARAMS (JSON, to try preprocessing options and tesseract parameters), OCR_PASSES (JSON
 * list of passes: page segmentation mode and preprocessing), OCR_BENCH_DIR (another folder of NAME.jpg +
 * NAME.json instead of the two sets, e.g. from bench/ocr-generate.ts, with the hard set's targets; results
 * then go to bench/results/<folder name>.json, ocr- put in front), OCR_BENCH_TEXT=1 (keep the OCR text).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import type { PreprocessOptions } from '../src/lib/ocr/image';
import { createNodeLabelWorker } from '../src/lib/ocr/node';
import type { LabelPass } from '../src/lib/ocr/recognize';
import { scanFile, type ImageResult } from '../scripts/ocr-label-run';
import { Scorer, type Expected } from './ocr-score';
import { percentile, saveResult } from './results';

const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'fixtures');
interface PhotoSet {
	name: string;
	dir: string;
	/** Share of expected fields exactly right, precision over all given, photos answered "nothing found". */
	targets: { exactShare: number; precision: number | null; nothingFound: number | null };
}
const SETS: PhotoSet[] = process.env.OCR_BENCH_DIR
	? [
			{
				name: basename(process.env.OCR_BENCH_DIR),
				dir: process.env.OCR_BENCH_DIR,
				targets: { exactShare: 0.9, precision: 0.95, nothingFound: 0 }
			}
		]
	: [
			{
				name: 'labels',
				dir: join(SHARED, 'labels'),
				targets: { exactShare: 0.97, precision: null, nothingFound: null }
			},
			{
				name: 'labels-hard',
				dir: join(SHARED, 'labels-hard'),
				targets: { exactShare: 0.9, precision: 0.95, nothingFound: 0 }
			}
		];
const TARGET_MEDIAN_SECONDS = 3;
const NOTHING_FOUND = /no fertilizer, pesticide or seed label text found/;

const filter = process.env.OCR_BENCH_FILTER ?? '';
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

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

const pct = (x: number | null) => (x === null ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

async function runSet(set: PhotoSet) {
	const images = readdirSync(set.dir)
		.filter((f) => /\.(jpe?g|png)$/i.test(f) && new RegExp(filter).test(f))
		.sort();
	if (!images.length) throw new Error(`bench:ocr: no label photos in ${set.dir}`);
	console.log(`\n── ${set.name}: ${images.length} label photos, ${machine}`);
	const scorer = new Scorer();
	const perImage: {
		image: string;
		seconds: number;
		right: number;
		expected: number;
		error?: string;
	}[] = [];
	const results: ImageResult[] = [];
	for (const image of images) {
		const expected = JSON.parse(
			readFileSync(join(set.dir, image.replace(/\.\w+$/, '.json')), 'utf8')
		) as Expected;
		const started = performance.now();
		const result = await scanFile(worker, join(set.dir, image), !!process.env.OCR_BENCH_TEXT, {
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
	const median = percentile(
		perImage.map((p) => p.seconds),
		50
	);
	const share = scorer.exactShare();
	const table = scorer.table();
	const given = table.reduce((n, r) => n + r.given, 0);
	const right = table.reduce((n, r) => n + r.right, 0);
	const precision = given ? right / given : 0;
	const nothingFound = perImage.filter((p) => p.error && NOTHING_FOUND.test(p.error)).length;
	const worst = table
		.filter((r) => r.expected > 0 && r.right < r.expected)
		.sort((a, b) => b.expected - b.right - (a.expected - a.right))
		.slice(0, 4);

	console.log('\nfield              precision  recall   right/expected  (given, spurious)');
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
	const t = set.targets;
	const ok = {
		share: share >= t.exactShare,
		precision: t.precision === null || precision >= t.precision,
		nothingFound: t.nothingFound === null || nothingFound <= t.nothingFound,
		median: median <= TARGET_MEDIAN_SECONDS
	};
	const mark = (good: boolean) => (good ? 'OK' : 'MISSED');
	console.log(`\n${set.name}:`);
	console.log(
		`  expected fields exactly right: ${(share * 100).toFixed(1)}% (target ≥ ${t.exactShare * 100}%) ${mark(ok.share)}`
	);
	console.log(
		`  precision (right of all given): ${(precision * 100).toFixed(1)}%${t.precision === null ? '' : ` (target ≥ ${t.precision * 100}%) ${mark(ok.precision)}`}`
	);
	console.log(
		`  photos answered "nothing found": ${nothingFound} of ${images.length}${t.nothingFound === null ? '' : ` (target ${t.nothingFound}) ${mark(ok.nothingFound)}`}`
	);
	console.log(
		`  fields most often wrong: ${worst.map((r) => `${r.field} ${r.right}/${r.expected}`).join(', ') || 'none'}`
	);
	console.log(
		`  median seconds per image: ${median.toFixed(2)} s (target ≤ ${TARGET_MEDIAN_SECONDS} s) ${mark(ok.median)}`
	);
	return {
		set,
		images: images.length,
		exactShare: share,
		exactShareCountingEmpty: scorer.exactShareWithEmpty(),
		precision,
		nothingFound,
		medianSeconds: median,
		worst,
		ok: Object.values(ok).every(Boolean),
		fields: table,
		mismatches: scorer.mismatches,
		perImage,
		results
	};
}

const runs: Awaited<ReturnType<typeof runSet>>[] = [];
try {
	for (const set of SETS) runs.push(await runSet(set));
} finally {
	await worker.terminate();
}
console.log(`\nworker start-up ${workerSeconds.toFixed(2)} s; on ${machine}`);

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
if (!process.env.OCR_BENCH_DIR && !filter)
	saveResult({
		name: 'scanner',
		rows: runs.flatMap((r) => [
			{
				what: `Label scanner, ${r.set.name} (${r.images} photos): expected fields exactly right`,
				value: `${(r.exactShare * 100).toFixed(1)} %`,
				target: `≥ ${r.set.targets.exactShare * 100} %`,
				ok: r.exactShare >= r.set.targets.exactShare
			},
			...(r.set.targets.precision === null
				? []
				: [
						{
							what: `Label scanner, ${r.set.name}: precision, and photos answered "nothing found"`,
							value: `${(r.precision * 100).toFixed(1)} %, ${r.nothingFound}`,
							target: `≥ ${r.set.targets.precision * 100} %, ${r.set.targets.nothingFound}`,
							ok:
								r.precision >= r.set.targets.precision &&
								r.nothingFound <= (r.set.targets.nothingFound ?? Infinity)
						}
					]),
			{
				what: `Label scanner, ${r.set.name}: median seconds per photo (Node, one reused worker)`,
				value: `${r.medianSeconds.toFixed(2)} s`,
				target: `≤ ${TARGET_MEDIAN_SECONDS} s`,
				ok: r.medianSeconds <= TARGET_MEDIAN_SECONDS
			}
		])
	});
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
	join(
		import.meta.dirname,
		'results',
		process.env.OCR_BENCH_DIR
			? `${basename(process.env.OCR_BENCH_DIR).replace(/^(?!ocr)/, 'ocr-')}.json`
			: 'ocr.json'
	),
	`${JSON.stringify(
		{
			date: new Date().toISOString(),
			machine,
			filter: filter || undefined,
			languages: process.env.OCR_BENCH_ENG ? 'chi_sim+eng' : 'chi_sim',
			preprocess,
			passes,
			workerStartSeconds: round(workerSeconds, 3),
			sets: runs.map((r) => ({
				name: r.set.name,
				images: r.images,
				targets: { ...r.set.targets, medianSeconds: TARGET_MEDIAN_SECONDS },
				exactShare: round(r.exactShare),
				exactShareCountingEmpty: round(r.exactShareCountingEmpty),
				precision: round(r.precision),
				nothingFound: r.nothingFound,
				medianSeconds: round(r.medianSeconds, 3),
				fields: r.fields,
				mismatches: r.mismatches,
				perImage: r.perImage,
				results: r.results
			}))
		},
		null,
		'\t'
	)}\n`
);
process.exitCode = runs.every((r) => r.ok) ? 0 : 1;
