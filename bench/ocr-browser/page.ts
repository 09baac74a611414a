/**
 * The page side of bench/ocr-browser.ts: the label engine as the app will call it, with canvas ImageData
 * and a tesseract.js browser worker whose files come from this origin (browserWorkerOptions).
 */
import { createWorker } from 'tesseract.js';
import {
	browserWorkerOptions,
	createLabelWorker,
	recognizeLabel
} from '../../src/lib/ocr/recognize';

export interface BrowserScan {
	workerSeconds: number;
	scans: { image: string; seconds: number; values: Record<string, unknown> }[];
}

async function imageData(src: string): Promise<ImageData> {
	const bitmap = await createImageBitmap(await (await fetch(src)).blob());
	const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
	const context = canvas.getContext('2d')!;
	context.drawImage(bitmap, 0, 0);
	bitmap.close();
	return context.getImageData(0, 0, canvas.width, canvas.height);
}

(window as unknown as { scanLabels: (images: string[]) => Promise<BrowserScan> }).scanLabels =
	async (images) => {
		const started = performance.now();
		const pack = (await (await fetch('/ocr/pack.json')).json()) as { base: string };
		const worker = await createLabelWorker(createWorker, browserWorkerOptions(pack));
		const workerSeconds = (performance.now() - started) / 1000;
		const scans: BrowserScan['scans'] = [];
		for (const image of images) {
			const t = performance.now();
			const scan = await recognizeLabel(worker, await imageData(`/labels/${image}`));
			scans.push({ image, seconds: (performance.now() - t) / 1000, values: scan.values });
		}
		await (worker as unknown as { terminate(): Promise<unknown> }).terminate();
		return { workerSeconds, scans };
	};
