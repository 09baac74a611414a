/**
 * Label recognition in the browser: one tesseract.js worker (chi_sim + eng, LSTM only), created on first use
 * from the offline pack on our own origin (lib/ocr/pack-files.ts: worker script, core and language data; the
 * worker is a same-origin script, never a blob URL) and reused for every scan. Cancel terminates it; the next
 * scan starts a new one. tesseract.js itself is imported only here, so it loads with the scanner screen.
 */
import type { Worker as TesseractWorker } from 'tesseract.js';
import type { OcrPack } from './pack-files';

export interface ScanProgress {
	/** 'engine' while the engine and language data load, 'reading' while the text is recognised. */
	stage: 'engine' | 'reading';
	/** 0 to 1. */
	share: number;
}

let worker: Promise<TesseractWorker> | null = null;
let report: (progress: ScanProgress) => void = () => {};

async function startWorker(pack: OcrPack): Promise<TesseractWorker> {
	const { createWorker, OEM } = await import('tesseract.js');
	return createWorker(['chi_sim', 'eng'], OEM.LSTM_ONLY, {
		workerPath: `${pack.base}worker.min.js`,
		corePath: `${pack.base}tesseract-core-simd-lstm.js`,
		langPath: pack.base.replace(/\/$/, ''),
		workerBlobURL: false,
		gzip: true,
		// the service worker keeps the pack in Cache Storage; a second copy in IndexedDB would double it
		cacheMethod: 'none',
		logger: (message) =>
			report({
				stage: message.status === 'recognizing text' ? 'reading' : 'engine',
				share: message.progress
			})
	});
}

/** The text on the image, with tesseract's confidence (0–100) per line. */
export async function readLabelText(
	pack: OcrPack,
	image: HTMLCanvasElement,
	onProgress: (progress: ScanProgress) => void
): Promise<{ text: string; lines: { text: string; confidence: number }[] }> {
	report = onProgress;
	worker ??= startWorker(pack).catch((error: unknown) => {
		worker = null;
		throw error;
	});
	const ready = await worker;
	const { data } = await ready.recognize(image, {}, { text: true, blocks: true });
	const lines = (data.blocks ?? []).flatMap((block) =>
		block.paragraphs.flatMap((paragraph) =>
			paragraph.lines.map((line) => ({ text: line.text.trim(), confidence: line.confidence }))
		)
	);
	return { text: data.text, lines };
}

/** Stops a scan at once (the worker is dropped; the next scan starts a fresh one). */
export async function cancelScan(): Promise<void> {
	const running = worker;
	worker = null;
	if (running) await (await running.catch(() => null))?.terminate();
}
