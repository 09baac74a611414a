/**
 * `tsx scripts/build-ocr-pack.ts` (part of `npm run build` and `npm run prepare`): copies the label scanner's
 * offline pack from node_modules to static/ocr/<version>/, so it is served from our own origin (no CDN, and the
 * tesseract.js worker is a same-origin script, not a blob URL, so the CSP stays strict):
 *   worker.min.js                    tesseract.js's worker script
 *   tesseract-core-simd-lstm.js/.wasm the recognition engine (LSTM only, WebAssembly SIMD: every Chromium since 91)
 *   chi_sim.traineddata.gz           the 4.0.0_best_int language data from @tesseract.js-data (why not eng:
 *                                    pack-files.ts)
 * and static/ocr/pack.json, which lists them with their sizes (the download button shows the total). The
 * service worker never precaches /ocr/: the pack is downloaded on first use or on request, then kept.
 */
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OCR_PACK_FILES, type OcrPack } from '../src/lib/ocr/pack-files';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const versionOf = (name: string) =>
	(JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string })
		.version;

const sources: Record<(typeof OCR_PACK_FILES)[number], string> = {
	'worker.min.js': join(packageDir('tesseract.js'), 'dist', 'worker.min.js'),
	'tesseract-core-simd-lstm.js': join(
		packageDir('tesseract.js-core'),
		'tesseract-core-simd-lstm.js'
	),
	'tesseract-core-simd-lstm.wasm': join(
		packageDir('tesseract.js-core'),
		'tesseract-core-simd-lstm.wasm'
	),
	'chi_sim.traineddata.gz': join(
		packageDir('@tesseract.js-data/chi_sim'),
		'4.0.0_best_int',
		'chi_sim.traineddata.gz'
	)
};

const version = `${versionOf('tesseract.js')}-${versionOf('tesseract.js-core')}-best_int`;
const root = join('static', 'ocr');
const out = join(root, version);
if (existsSync(root)) rmSync(root, { recursive: true });
mkdirSync(out, { recursive: true });
const files = OCR_PACK_FILES.map((name) => {
	copyFileSync(sources[name], join(out, name));
	return { name, bytes: statSync(join(out, name)).size };
});
const pack: OcrPack = { version, base: `/ocr/${version}/`, files };
writeFileSync(join(root, 'pack.json'), `${JSON.stringify(pack, null, '\t')}\n`);
const total = files.reduce((sum, f) => sum + f.bytes, 0);
console.log(
	`OCR pack ${version}: ${files.length} files, ${(total / 1024 / 1024).toFixed(1)} MB → ${out}`
);
