/**
 * The label scanner's offline pack (scripts/build-ocr-pack.ts writes it to /ocr/<version>/ with /ocr/pack.json):
 * what tesseract.js needs, all from our own origin. Only the Chinese data: its model reads the Latin letters and
 * digits of registration numbers too, and adding English doubled the time for the same text on the fixtures
 * (recognize.ts, DEFAULT_LANGUAGES), so the 2.9 MB English data is not shipped to phones.
 */
export const OCR_PACK_FILES = [
	'worker.min.js',
	'tesseract-core-simd-lstm.js',
	'tesseract-core-simd-lstm.wasm',
	'chi_sim.traineddata.gz'
] as const;

export interface OcrPack {
	version: string;
	/** Folder of the files, e.g. "/ocr/7.0.0-7.0.0-best_int/". */
	base: string;
	files: { name: (typeof OCR_PACK_FILES)[number]; bytes: number }[];
}

/** Where the pack lives on our origin; the service worker keeps it in its own cache, never in the precache. */
export const OCR_PATH = '/ocr/';
export const OCR_MANIFEST = '/ocr/pack.json';
export const OCR_CACHE = 'heitu-ocr';
