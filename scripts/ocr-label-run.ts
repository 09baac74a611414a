/** The body of `npm run ocr:label` (scripts/ocr-label.ts), callable from tests. */
import { readFile } from 'node:fs/promises';
import { fieldsOf } from '../src/lib/domain/label-parser';
import { BadImageError } from '../src/lib/ocr/image';
import {
	createNodeLabelWorker,
	decodeImageBytes,
	ImageFileError,
	type NodeLabelWorker
} from '../src/lib/ocr/node';
import {
	NotALabelError,
	recognizeLabel,
	type LabelScan,
	type RecognizeOptions
} from '../src/lib/ocr/recognize';

export interface Output {
	out(line: string): void;
	err(line: string): void;
}

export interface ImageResult {
	file: string;
	error?: string;
	[key: string]: unknown;
}

/** One image through the whole pipeline; errors become `{ file, error }`. */
export async function scanFile(
	worker: NodeLabelWorker,
	file: string,
	withText = false,
	options: RecognizeOptions = {}
): Promise<ImageResult> {
	const started = performance.now();
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(await readFile(file));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {
			file,
			error:
				code === 'ENOENT'
					? 'no such file'
					: code === 'EISDIR'
						? 'is a folder, not an image'
						: `cannot be read (${code ?? String(error)})`
		};
	}
	let scan: LabelScan;
	try {
		const image = await decodeImageBytes(worker, bytes, file);
		scan = await recognizeLabel(worker, image, options);
	} catch (error) {
		if (error instanceof ImageFileError)
			return { file, error: error.message.slice(file.length + 2) };
		if (error instanceof BadImageError) return { file, error: error.message };
		if (error instanceof NotALabelError)
			return {
				file,
				error: 'no fertilizer, pesticide or seed label text found in this picture',
				...(withText ? { text: error.text } : {})
			};
		throw error;
	}
	return resultOf(file, scan, (performance.now() - started) / 1000, withText);
}

export function resultOf(
	file: string,
	scan: LabelScan,
	seconds: number,
	withText: boolean
): ImageResult {
	const kind = scan.parsed.kind!;
	const out: ImageResult = { file, kind };
	const confidence: Record<string, number> = { kind: scan.parsed.kindConfidence };
	for (const key of fieldsOf(kind)) {
		out[key] = scan.values[key];
		confidence[key] = scan.parsed.fields[key].confidence;
	}
	out.confidence = confidence;
	out.ocrConfidence = scan.ocrConfidence;
	// what was read: a big photo is shrunk first, small print enlarged
	const { original, width, height, scale } = scan.preprocess;
	out.image = { width: original.width, height: original.height, readAt: { width, height, scale } };
	out.seconds = Math.round(seconds * 1000) / 1000;
	if (withText) out.text = scan.text;
	return out;
}

export async function runOcrLabel(args: string[], io: Output): Promise<number> {
	const files = args.filter((a) => !a.startsWith('--'));
	const flags = new Set(args.filter((a) => a.startsWith('--')));
	const unknown = [...flags].filter((f) => !['--text', '--eng', '--help'].includes(f));
	if (flags.has('--help') || files.length === 0 || unknown.length) {
		if (unknown.length) io.err(`ocr:label: unknown option ${unknown.join(' ')}`);
		io.err('usage: npm run ocr:label -- [--text] [--eng] <image...>');
		return flags.has('--help') ? 0 : 2;
	}
	const worker = await createNodeLabelWorker(flags.has('--eng') ? 'chi_sim+eng' : 'chi_sim');
	let failed = 0;
	try {
		for (const file of files) {
			const result = await scanFile(worker, file, flags.has('--text'));
			if (result.error) {
				failed++;
				io.err(`ocr:label: ${file}: ${result.error}`);
			}
			io.out(JSON.stringify(result));
		}
	} finally {
		await worker.terminate();
	}
	return failed ? 1 : 0;
}
