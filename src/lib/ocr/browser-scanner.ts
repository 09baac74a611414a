/**
 * Label recognition in the browser: one tesseract.js worker, created on first use from the offline pack on our
 * own origin (lib/ocr/pack-files.ts: worker script, core and language data; the worker is a same-origin script,
 * never a blob URL) and reused for every scan; then the shared pipeline (recognize.ts: preprocessing, the
 * passes, the parser). Cancel terminates the worker; the next scan starts a new one. tesseract.js itself is
 * imported only here, so it loads with the scanner screen.
 */
import type { OcrPack } from './pack-files';
import {
	browserWorkerOptions,
	createLabelWorker,
	recognizeLabel,
	type LabelOcrWorker,
	type LabelScan
} from './recognize';

export interface ScanProgress {
	/** 'engine' while the engine and language data load, 'reading' while the text is recognised. */
	stage: 'engine' | 'reading';
	/** 0 to 1. */
	share: number;
}

let worker: Promise<LabelOcrWorker & { terminate(): Promise<unknown> }> | null = null;
let report: (progress: ScanProgress) => void = () => {};

async function startWorker(pack: OcrPack) {
	const { createWorker } = await import('tesseract.js');
	return (await createLabelWorker(createWorker, {
		...browserWorkerOptions(pack),
		logger: (message: { status: string; progress: number }) => {
			if (message.status !== 'recognizing text')
				report({ stage: 'engine', share: message.progress });
		}
	})) as LabelOcrWorker & { terminate(): Promise<unknown> };
}

/** Reads the label on the picture (canvas pixels); throws recognize.ts's NotALabelError or BadImageError. */
export async function scanLabel(
	pack: OcrPack,
	image: ImageData,
	onProgress: (progress: ScanProgress) => void
): Promise<LabelScan> {
	report = onProgress;
	worker ??= startWorker(pack).catch((error: unknown) => {
		worker = null;
		throw error;
	});
	const ready = await worker;
	onProgress({ stage: 'reading', share: 0 });
	return recognizeLabel(ready, image, {
		onProgress: (share) => onProgress({ stage: 'reading', share })
	});
}

/** Stops a scan (the worker is dropped; the next scan starts a fresh one). */
export async function cancelScan(): Promise<void> {
	const running = worker;
	worker = null;
	if (running) await (await running.catch(() => null))?.terminate();
}
