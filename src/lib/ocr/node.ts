/**
 * Node side of the label scanner (CLI, bench, tests): a tesseract.js worker thread with the language data
 * from node_modules (no network), and decoding of image files to RGBA without any extra package: PNG is
 * decoded here (node:zlib), every other format (JPEG, BMP, GIF, TIFF, WebP) by tesseract's own Leptonica
 * inside the worker, which hands the pixels back as PNG. Not for the browser bundle (node:* imports).
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { createWorker, type Worker } from 'tesseract.js';
import { BadImageError, type RgbaImage } from './image';
import { decodePng, isPng } from './png';
import {
	createLabelWorker,
	DEFAULT_LANGUAGES,
	LABEL_LANGS,
	type LabelLanguages,
	type LabelOcrWorker
} from './recognize';

const require = createRequire(import.meta.url);

/** The best_int (LSTM, 8-bit) data the issue asks for. */
export const LANG_DATA_VERSION = '4.0.0_best_int';

/**
 * tesseract.js wants both languages in one folder (`${langPath}/${lang}.traineddata.gz`); the npm packages
 * keep each in its own. Copies them (4.6 MB) once into a folder under the system's temp directory.
 */
export function nodeLangPath(): string {
	const folder = join(tmpdir(), `heitu-ocr-lang-${LANG_DATA_VERSION}`);
	mkdirSync(folder, { recursive: true });
	for (const lang of LABEL_LANGS.split('+')) {
		const source = join(
			dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)),
			LANG_DATA_VERSION,
			`${lang}.traineddata.gz`
		);
		const target = join(folder, `${lang}.traineddata.gz`);
		if (!existsSync(target) || statSync(target).size !== statSync(source).size)
			copyFileSync(source, target);
	}
	return folder;
}

export type NodeLabelWorker = Worker & LabelOcrWorker;

/** A tesseract.js worker thread ready for labels; reuse it for many images, terminate() at the end. */
export async function createNodeLabelWorker(
	languages: LabelLanguages = DEFAULT_LANGUAGES
): Promise<NodeLabelWorker> {
	const worker = await createLabelWorker(
		createWorker,
		{ langPath: nodeLangPath(), cacheMethod: 'none', gzip: true },
		languages
	);
	return worker as NodeLabelWorker;
}

export class ImageFileError extends Error {
	constructor(
		readonly file: string,
		readonly reason: 'missing' | 'empty' | 'not-an-image' | 'unreadable',
		message: string
	) {
		super(`${file}: ${message}`);
		this.name = 'ImageFileError';
	}
}

/** The image format a file's first bytes announce, or null. */
export function sniffImageType(bytes: Uint8Array): string | null {
	const b = bytes;
	if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
	if (isPng(b)) return 'png';
	if (b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
	if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'gif';
	if (
		(b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) ||
		(b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a)
	)
		return 'tiff';
	if (
		b[0] === 0x52 &&
		b[1] === 0x49 &&
		b[2] === 0x46 &&
		b[3] === 0x46 &&
		b[8] === 0x57 &&
		b[9] === 0x45
	)
		return 'webp';
	if (b[0] === 0x50 && b[1]! >= 0x31 && b[1]! <= 0x36 && /\s/.test(String.fromCharCode(b[2] ?? 0)))
		return 'pnm';
	return null;
}

const inflate = (data: Uint8Array) => new Uint8Array(inflateSync(data));

/**
 * Decodes an image file's bytes to RGBA. `file` names it in error messages. PNG here, the rest through the
 * worker (Leptonica decodes, applies the EXIF orientation, and returns a PNG).
 */
export async function decodeImageBytes(
	worker: LabelOcrWorker,
	bytes: Uint8Array,
	file: string
): Promise<RgbaImage> {
	if (bytes.length === 0) throw new ImageFileError(file, 'empty', 'the file is empty (0 bytes)');
	const type = sniffImageType(bytes);
	if (!type)
		throw new ImageFileError(
			file,
			'not-an-image',
			'not an image (expected a JPEG, PNG, BMP, GIF, TIFF or WebP photo of a label)'
		);
	try {
		if (type === 'png') return decodePng(bytes, inflate);
		const { data } = await worker.recognize(bytes, {}, { text: false, imageColor: true });
		const url = (data as { imageColor?: string | null }).imageColor;
		if (!url) throw new Error('no pixels');
		return decodePng(
			new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')),
			inflate
		);
	} catch (error) {
		if (error instanceof BadImageError) throw error;
		throw new ImageFileError(
			file,
			'unreadable',
			`the ${type.toUpperCase()} file is damaged or cut short and cannot be read (${String(error)})`
		);
	}
}
