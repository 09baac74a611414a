/**
 * Why a label photo reads badly, from its gray pixels, so the scanner can tell the farmer what to do
 * differently (more light, closer, hold still …) instead of only "no text found". Pure: the same numbers in
 * the browser and in tests.
 *
 * Every threshold below is our choice; none comes from a standard. They were set on labels drawn in
 * photo-quality.spec.ts, then checked by hand on the fixture label photos (../shared/fixtures/labels and
 * labels-hard, at the scanner's size): none is called dark, glaring, low in contrast or blurred (with a
 * tilt threshold of 5° four hard ones were called tilted; it is 20° now that the scanner levels print up to
 * ±45° itself). Blurred, darkened or shrunk copies of them are caught.
 */
import {
	estimateTextHeight,
	histogram,
	inkStats,
	resizeGray,
	toGray,
	type GrayImage,
	type RgbaImage
} from './image';
import { textOrientation } from './geometry';

export type PhotoFault = 'dark' | 'glare' | 'low-contrast' | 'blurred' | 'small-print' | 'tilted';

export interface PhotoMeasures {
	/** Gray level of the lightest tenth of the picture (the paper, when there is light on it). */
	paperLevel: number;
	/** Share of the picture in the largest blown-out white patch that stands out from the rest (0–1). */
	glareShare: number;
	/** Mean light level minus mean dark level, split at Otsu's threshold (image.ts inkStats). */
	contrast: number;
	/**
	 * RMS Laplacian over RMS gradient at the edges, with print brought to PRINT_SCALE px: about 1 for a crisp
	 * edge, falling like 1/width as an edge blurs; independent of contrast and of how much print there is.
	 * Null when there are too few edges to judge.
	 */
	sharpness: number | null;
	/** Height of a line of print, px (image.ts estimateTextHeight); null when no line-like print was found. */
	textHeight: number | null;
	/** Skew of the lines of print, degrees (measured by the caller, geometry.ts textOrientation, from the nearest quarter turn). */
	skewDegrees: number;
}

export interface PhotoProblem {
	fault: PhotoFault;
	/** How far past its threshold, as ln(measured / threshold) (or the inverse): comparable across faults. */
	severity: number;
}

export interface PhotoQuality {
	measures: PhotoMeasures;
	/** Worst first; empty when the photo looks fine. */
	problems: PhotoProblem[];
}

/** Our choices (see the file comment). */
export const QUALITY_THRESHOLDS = {
	/** Paper darker than this: not enough light. */
	darkPaper: 95,
	/** A blown-out patch (≥ blownLevel) larger than this share of the picture … */
	glareShare: 0.03,
	blownLevel: 250,
	/** … counts as glare only where most of the rest is at most this bright (else it is a white page). */
	glareRest: 238,
	/** Light minus dark below this: print and paper hard to tell apart. */
	lowContrast: 55,
	/** Edge sharpness (see PhotoMeasures) below this: blurred. */
	blurred: 0.5,
	/** A line of print lower than this (px in the picture read): too far away. */
	smallPrint: 11,
	/**
	 * Lines more skewed than this (degrees, from the nearest quarter turn): tilted. The scanner itself turns
	 * print level up to ±45° (geometry.ts), so only a strong slant, which also squeezes the print, is named.
	 */
	tilted: 20
} as const;

/** Print is scaled (down only) to about this height before judging sharpness, as recognition scales it. */
const PRINT_SCALE = 16;

export function measurePhoto(image: GrayImage, skewDegrees = 0): PhotoMeasures {
	const textHeight = estimateTextHeight(image);
	return {
		paperLevel: percentile(histogram(image), image.data.length, 0.9),
		glareShare: glareShare(image),
		contrast: inkStats(image).contrast,
		sharpness: sharpness(image, textHeight),
		textHeight,
		skewDegrees
	};
}

/** The faults the measures show, worst first. */
export function judgePhoto(
	measures: PhotoMeasures,
	t: typeof QUALITY_THRESHOLDS = QUALITY_THRESHOLDS
): PhotoProblem[] {
	const found: PhotoProblem[] = [];
	const add = (fault: PhotoFault, ratio: number) => {
		if (ratio > 1) found.push({ fault, severity: Math.log(ratio) });
	};
	add('dark', t.darkPaper / Math.max(1, measures.paperLevel));
	add('glare', measures.glareShare / t.glareShare);
	add('low-contrast', t.lowContrast / Math.max(1, measures.contrast));
	if (measures.sharpness !== null) add('blurred', t.blurred / Math.max(0.01, measures.sharpness));
	if (measures.textHeight !== null) add('small-print', t.smallPrint / measures.textHeight);
	add('tilted', Math.abs(measures.skewDegrees) / t.tilted);
	// dim light or a bright patch already explains the weak contrast, and the advice for it is the same
	const explained = found.some((p) => p.fault === 'dark' || p.fault === 'glare');
	return found
		.filter((p) => !(explained && p.fault === 'low-contrast'))
		.sort((a, b) => b.severity - a.severity);
}

/** Measures and judges the picture as it will be read (canvas pixels), its skew measured here. */
export function checkPhoto(image: RgbaImage | GrayImage): PhotoQuality {
	const gray =
		image.data.length === image.width * image.height ? (image as GrayImage) : toGray(image);
	const { degrees } = textOrientation(gray);
	const measures = measurePhoto(gray, degrees - 90 * Math.round(degrees / 90));
	return { measures, problems: judgePhoto(measures) };
}

function percentile(h: Uint32Array, total: number, share: number): number {
	let seen = 0;
	for (let v = 0; v < 256; v++) {
		seen += h[v]!;
		if (seen >= total * share) return v;
	}
	return 255;
}

/**
 * The largest 4-connected group of blown-out cells (nearly every pixel at blownLevel or above), as a share of
 * the picture; 0 when most of the rest is nearly as bright (an evenly white page is not glare).
 */
function glareShare(image: GrayImage): number {
	const { blownLevel, glareRest } = QUALITY_THRESHOLDS;
	const factor = Math.min(1, 400 / Math.max(image.width, image.height));
	const small = factor < 1 ? resizeGray(image, image.width * factor, image.height * factor) : image;
	const cell = Math.max(2, Math.round(Math.max(small.width, small.height) / 40));
	const cols = Math.ceil(small.width / cell);
	const rows = Math.ceil(small.height / cell);
	const blown = new Uint8Array(cols * rows);
	const rest = new Uint32Array(256);
	let restCount = 0;
	for (let r = 0; r < rows; r++)
		for (let c = 0; c < cols; c++) {
			let bright = 0;
			let count = 0;
			for (let y = r * cell; y < Math.min(small.height, (r + 1) * cell); y++)
				for (let x = c * cell; x < Math.min(small.width, (c + 1) * cell); x++) {
					count++;
					if (small.data[y * small.width + x]! >= blownLevel) bright++;
				}
			if (bright >= count * 0.95) blown[r * cols + c] = 1;
			else
				for (let y = r * cell; y < Math.min(small.height, (r + 1) * cell); y++)
					for (let x = c * cell; x < Math.min(small.width, (c + 1) * cell); x++) {
						rest[small.data[y * small.width + x]!]!++;
						restCount++;
					}
		}
	if (restCount && percentile(rest, restCount, 0.75) > glareRest) return 0;
	let largest = 0;
	const seen = new Uint8Array(blown.length);
	for (let start = 0; start < blown.length; start++) {
		if (!blown[start] || seen[start]) continue;
		let size = 0;
		const stack = [start];
		seen[start] = 1;
		while (stack.length) {
			const i = stack.pop()!;
			size++;
			const r = Math.floor(i / cols);
			const c = i % cols;
			for (const [nr, nc] of [
				[r - 1, c],
				[r + 1, c],
				[r, c - 1],
				[r, c + 1]
			] as const) {
				const n = nr * cols + nc;
				if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && blown[n] && !seen[n]) {
					seen[n] = 1;
					stack.push(n);
				}
			}
		}
		largest = Math.max(largest, size);
	}
	return largest / blown.length;
}

/**
 * See PhotoMeasures.sharpness. Edges are the pixels whose gradient is at least a third of the strongest
 * (99th percentile), so a soft edge is judged over its whole ramp, not only where it is steepest.
 */
function sharpness(image: GrayImage, textHeight: number | null): number | null {
	const long = Math.max(image.width, image.height);
	const factor = Math.min(1, textHeight ? PRINT_SCALE / textHeight : 1000 / long, 1200 / long);
	const small = factor < 1 ? resizeGray(image, image.width * factor, image.height * factor) : image;
	const { width, height, data } = small;
	if (width < 3 || height < 3) return null;
	const gradients = new Float32Array(width * height);
	const bins = new Uint32Array(256);
	for (let y = 1; y < height - 1; y++)
		for (let x = 1; x < width - 1; x++) {
			const i = y * width + x;
			const g = Math.hypot(data[i + 1]! - data[i - 1]!, data[i + width]! - data[i - width]!) / 2;
			gradients[i] = g;
			bins[Math.min(255, Math.round(g))]!++;
		}
	// a flat or noise-only picture has no edges to judge
	const edge = Math.max(4, percentile(bins, (width - 2) * (height - 2), 0.99) / 3);
	let lap2 = 0;
	let grad2 = 0;
	let count = 0;
	for (let y = 1; y < height - 1; y++)
		for (let x = 1; x < width - 1; x++) {
			const i = y * width + x;
			const g = gradients[i]!;
			if (g < edge) continue;
			const lap = data[i - 1]! + data[i + 1]! + data[i - width]! + data[i + width]! - 4 * data[i]!;
			lap2 += lap * lap;
			grad2 += g * g;
			count++;
		}
	return count < 100 ? null : Math.sqrt(lap2 / grad2);
}
