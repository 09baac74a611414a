/**
 * The label scanner's pipeline, shared by the browser and Node: preprocess the picture (image.ts), run
 * tesseract (chi_sim best_int, LSTM) in a worker, and parse the text (domain/label-parser.ts).
 *
 * The worker is any tesseract.js 7 worker: in Node, `createNodeLabelWorker` (node.ts); in the browser,
 * `createLabelWorker(createWorker, browserWorkerOptions(pack))` with tesseract.js's own createWorker and
 * the files served from our own origin (see browserWorkerOptions). Create it once and reuse it: starting it
 * takes about half a second, a label about one (two recognitions).
 */
import {
	labelValues,
	mergeParses,
	parseLabel,
	type FieldKey,
	type LabelKind,
	type LabelValues,
	type OcrLine,
	type ParsedLabel
} from '../domain/label-parser';
import { readsWhole } from '../domain/label-review';
import {
	encodePgm,
	preprocessLabel,
	type GrayImage,
	type Preprocessed,
	type PreprocessOptions,
	type RgbaImage
} from './image';

/** Languages, in tesseract.js's notation: Simplified Chinese first, English for the Latin codes. */
export const LABEL_LANGS = 'chi_sim+eng';

/** tesseract OEM 1: LSTM only (the best_int data has no legacy model). */
export const LABEL_OEM = 1;

/**
 * Which data to load. 'chi_sim' alone is the default: its model reads the Latin codes of labels (PD…, XK13-…,
 * kg, GB/T) correctly, and on the fixtures 'chi_sim+eng' read exactly the same fields (bench/ocr.ts with
 * OCR_BENCH_ENG=1) while eng.traineddata.gz adds 2.9 MB to the 1.7 MB a phone must download. With
 * 'chi_sim+eng', tesseract.js 7.0.0 logs "Failed loading language '玂臎'" (a sub-language named inside the
 * chi_sim data, read garbled) and goes on; the result is not affected.
 */
export type LabelLanguages = 'chi_sim' | 'chi_sim+eng';
export const DEFAULT_LANGUAGES: LabelLanguages = 'chi_sim';

/** tesseract.js's createWorker, as far as it is used here (browser and Node builds both fit). */
export type CreateTesseractWorker = (
	langs: string | string[],
	oem: number,
	options: Record<string, unknown>
) => Promise<unknown>;

/**
 * Creates and configures a worker for labels with tesseract.js's own `createWorker` (pass the browser or
 * Node import) and its options (browserWorkerOptions(), or a local langPath in Node).
 */
export async function createLabelWorker(
	createWorker: CreateTesseractWorker,
	options: Record<string, unknown>,
	languages: LabelLanguages = DEFAULT_LANGUAGES
): Promise<LabelOcrWorker> {
	const worker = (await createWorker(languages, LABEL_OEM, options)) as LabelOcrWorker;
	await configureLabelWorker(worker);
	return worker;
}

/**
 * Tesseract parameters used for labels, chosen on the fixture set (bench/ocr.ts); the page segmentation mode
 * is set per pass (LABEL_PASSES).
 * - a DPI, so that tesseract does not guess one for a PGM without resolution;
 * - its progress chatter ("Detected 43 diacritics") off stderr.
 */
export const LABEL_PARAMETERS: Record<string, string> = {
	user_defined_dpi: '300',
	debug_file: '/dev/null'
};

/** One recognition: a page segmentation mode, and preprocessing settings over the call's own. */
export interface LabelPass {
	psm: string;
	preprocess?: PreprocessOptions;
}

/**
 * The recognitions run on each picture, merged field by field (mergeParses). Measured on the fixtures and on
 * generated labels (bench/ocr.ts, README): page segmentation 4 (one column of lines of different sizes) keeps
 * "key: value" rows whole, where 3 (automatic) sometimes splits keys and values into two columns; 3 reads
 * the big title and scattered small print better. Together they read more fields than either alone.
 */
export const LABEL_PASSES: readonly LabelPass[] = [{ psm: '4' }, { psm: '3' }];

/**
 * Below this mean confidence (0–100) the first reading may be of an upside-down picture, and the picture is
 * read turned round as well; the turned reading is kept only when its confidence is higher by
 * UPSIDE_DOWN_MARGIN. Measured on labels-hard (page segmentation 4): upright 75–86, upside down 21–37; so
 * these are our choice, with room on both sides.
 */
export const UPRIGHT_DOUBT_CONFIDENCE = 60;
export const UPSIDE_DOWN_MARGIN = 15;

/** What the pipeline needs of a tesseract.js worker (a real Tesseract.Worker fits). */
export interface LabelOcrWorker {
	recognize(
		image: Uint8Array,
		options?: Record<string, unknown>,
		output?: Record<string, boolean>
	): Promise<{ data: TesseractPage }>;
	setParameters(params: Record<string, string>): Promise<unknown>;
}

/** The parts of tesseract.js's Page that are used. */
export interface TesseractPage {
	text: string;
	confidence: number;
	blocks?: TesseractBlock[] | null;
}

interface TesseractBlock {
	paragraphs?: { lines?: { text: string; confidence: number }[] }[];
}

/**
 * Worker options for the browser, everything from our own origin (no CDN, no blob: URL, so the CSP can
 * stay `worker-src 'self'`): the offline pack that scripts/build-ocr-pack.ts copies from node_modules to
 * `pack.base` (lib/ocr/pack-files.ts): worker.min.js, tesseract-core-simd-lstm.js with its .wasm (SIMD
 * WebAssembly, in every Chromium since 91) and chi_sim.traineddata.gz. The service worker keeps the pack in
 * Cache Storage, so tesseract.js's own IndexedDB copy is turned off (cacheMethod 'none').
 */
export function browserWorkerOptions(pack: { base: string }) {
	return {
		workerPath: `${pack.base}worker.min.js`,
		corePath: `${pack.base}tesseract-core-simd-lstm.js`,
		langPath: pack.base.replace(/\/$/, ''),
		workerBlobURL: false,
		gzip: true,
		cacheMethod: 'none'
	};
}

/** Sets the label parameters on a fresh worker; call once after creating it. */
export async function configureLabelWorker(worker: LabelOcrWorker): Promise<void> {
	await worker.setParameters(LABEL_PARAMETERS);
}

export interface RecognizeOptions {
	preprocess?: PreprocessOptions;
	/** Recognitions to run and merge (default LABEL_PASSES). */
	passes?: readonly LabelPass[];
	/** Called after each pass with the share done (0–1), for a progress bar. */
	onProgress?: (done: number) => void;
	/** Checked before and after the (uninterruptible) recognition; to stop one mid-way, terminate the worker. */
	signal?: AbortSignal;
	kind?: LabelKind;
}

export interface LabelScan {
	parsed: ParsedLabel;
	/** Plain values by key (null when not found), as in the fixtures' JSON. */
	values: { kind: LabelKind | null } & { [K in FieldKey]: LabelValues[K] | null };
	/** The OCR text of every pass, one after the other. */
	text: string;
	/** Tesseract's mean confidence for the page (the best pass), 0–100. */
	ocrConfidence: number;
	/** What preprocessing did. */
	preprocess: {
		original: { width: number; height: number };
		width: number;
		height: number;
		scale: number;
		/** Degrees turned to put the print level (counter-clockwise), 180 more when it was upside down. */
		deskewDegrees: number;
		/** Whether the label's corners were found and warped square. */
		perspective: boolean;
	};
	/** Seconds spent in preprocessing and in tesseract. */
	timings: { preprocess: number; ocr: number };
}

/**
 * No label kind found. `parsed` holds what could be read all the same (partialParse), for the farmer to keep
 * and complete; null when nothing was.
 */
export class NotALabelError extends Error {
	constructor(
		readonly text: string,
		readonly parsed: ParsedLabel | null = null
	) {
		super('no label text found in the picture');
		this.name = 'NotALabelError';
	}
}

/** Below label-review's LOW_CONFIDENCE, so that the review marks each guessed field for checking. */
const GUESS_CONFIDENCE = 0.5;

/**
 * The fields of a text whose kind was not recognised: each pass read as each kind, the read with most fields
 * kept (its kind a guess, kindConfidence 0), every field at most GUESS_CONFIDENCE. Null when none is found.
 */
function partialParse(texts: string[]): ParsedLabel | null {
	let best: ParsedLabel | null = null;
	let most = 0;
	for (const text of texts)
		for (const kind of ['fertilizer', 'pesticide', 'seed'] as const) {
			const parse = parseLabel(text, { kind });
			const found = Object.values(parse.fields).filter((f) => f.value !== null).length;
			if (found > most) [best, most] = [parse, found];
		}
	if (!best) return null;
	for (const field of Object.values(best.fields))
		field.confidence = Math.min(field.confidence, GUESS_CONFIDENCE);
	return { ...best, kindConfidence: 0 };
}

function linesOf(page: TesseractPage): OcrLine[] | undefined {
	if (!page.blocks?.length) return undefined;
	const lines: OcrLine[] = [];
	for (const block of page.blocks)
		for (const paragraph of block.paragraphs ?? [])
			for (const line of paragraph.lines ?? [])
				lines.push({ text: line.text.replace(/\n$/, ''), confidence: line.confidence });
	return lines;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function checkAborted(signal?: AbortSignal): void {
	if (signal?.aborted) throw new DOMException('label scan cancelled', 'AbortError');
}

/**
 * Reads a label: `image` is canvas ImageData (RGBA) or a gray image. Throws BadImageError for an empty or
 * flat picture, NotALabelError when the text has nothing of a fertilizer, pesticide or seed label.
 */
export async function recognizeLabel(
	worker: LabelOcrWorker,
	image: RgbaImage | GrayImage,
	options: RecognizeOptions = {}
): Promise<LabelScan> {
	checkAborted(options.signal);
	const passes = options.passes ?? LABEL_PASSES;
	const parses: ParsedLabel[] = [];
	const texts: string[] = [];
	const prepared = new Map<string, { pre: Preprocessed; pgm: Uint8Array }>();
	let confidence = 0;
	let preprocessSeconds = 0;
	let ocrSeconds = 0;
	/** Preprocesses (once per settings) and recognizes with one page segmentation mode. */
	const read = async (settings: PreprocessOptions, psm: string) => {
		const t0 = now();
		const key = JSON.stringify(settings);
		let input = prepared.get(key);
		if (!input) {
			const pre = preprocessLabel(image, settings);
			input = { pre, pgm: encodePgm(pre.image) };
			prepared.set(key, input);
		}
		const t1 = now();
		await worker.setParameters({ tessedit_pageseg_mode: psm });
		const { data } = await worker.recognize(input.pgm, {}, { text: true, blocks: true });
		checkAborted(options.signal);
		preprocessSeconds += (t1 - t0) / 1000;
		ocrSeconds += (now() - t1) / 1000;
		return {
			pre: input.pre,
			data,
			parse: parseLabel(data.text, { lines: linesOf(data), kind: options.kind })
		};
	};
	// the lines of print tell level from tilted, not upright from upside down: when the first reading finds
	// no label or reads poorly, the picture is read upside down too, and the surer reading wins
	let turn = 0;
	let used: Preprocessed | null = null;
	for (const [i, pass] of passes.entries()) {
		const settings = { ...options.preprocess, ...pass.preprocess };
		let got = await read(turn ? { ...settings, turn } : settings, pass.psm);
		if (i === 0 && (!got.parse.kind || got.data.confidence < UPRIGHT_DOUBT_CONFIDENCE)) {
			const flipped = await read({ ...settings, turn: 180 }, pass.psm);
			if (flipped.data.confidence > got.data.confidence + UPSIDE_DOWN_MARGIN) {
				turn = 180;
				got = flipped;
			}
		}
		used ??= got.pre;
		parses.push(got.parse);
		texts.push(got.data.text);
		confidence = Math.max(confidence, got.data.confidence);
		options.onProgress?.((i + 1) / passes.length);
		// every field the law puts on such a label read, and read surely: the other passes would add nothing
		if (i === 0 && options.passes === undefined && readsWhole(got.parse)) {
			options.onProgress?.(1);
			break;
		}
	}
	const pre = used!;
	const parsed = mergeParses(parses);
	const text = texts.join('\n');
	if (!parsed.kind) throw new NotALabelError(text, partialParse(texts));
	return {
		parsed,
		values: labelValues(parsed),
		text,
		ocrConfidence: confidence,
		preprocess: {
			original: pre.original,
			width: pre.image.width,
			height: pre.image.height,
			scale: Math.round(pre.scale * 1000) / 1000,
			deskewDegrees: Math.round((pre.deskewDegrees + turn) * 10) / 10,
			perspective: pre.perspective
		},
		timings: { preprocess: preprocessSeconds, ocr: ocrSeconds }
	};
}
