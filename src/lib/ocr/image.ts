/**
 * Image preprocessing for the label scanner, as plain TypeScript on pixel buffers, so the browser (canvas
 * ImageData) and Node (decoded files) run the very same steps before tesseract sees the picture.
 *
 * Order (see preprocessLabel): RGBA → grayscale → downscale a huge photo → undo the tilt and find the label
 * (geometry.ts) → scale the print to a size tesseract reads best → even out the light → contrast stretch →
 * 8-bit PGM bytes that tesseract's Leptonica reads directly.
 */
import { borderLevel, findLabel, rotateExpand, textOrientation, warpQuad } from './geometry';

/** The shape of canvas ImageData: RGBA, 4 bytes a pixel, rows top to bottom. */
export interface RgbaImage {
	width: number;
	height: number;
	data: Uint8ClampedArray | Uint8Array;
}

/** One byte a pixel, 0 black … 255 white. */
export interface GrayImage {
	width: number;
	height: number;
	data: Uint8Array;
}

export class BadImageError extends Error {
	constructor(
		readonly reason: 'empty' | 'too-small' | 'not-an-image' | 'blank',
		message: string
	) {
		super(message);
		this.name = 'BadImageError';
	}
}

/** ITU-R BT.601 luma, (299 R + 587 G + 114 B) / 1000, laid on white where the picture is transparent. */
export function toGray(image: RgbaImage): GrayImage {
	const { width, height, data } = image;
	if (data.length < width * height * 4) throw new BadImageError('empty', 'pixel buffer too short');
	const out = new Uint8Array(width * height);
	for (let i = 0, p = 0; i < out.length; i++, p += 4) {
		const luma = (data[p]! * 299 + data[p + 1]! * 587 + data[p + 2]! * 114 + 500) / 1000;
		const alpha = data[p + 3]!;
		// transparent pixels count as white paper
		out[i] = alpha === 255 ? luma : (luma * alpha) / 255 + 255 - alpha;
	}
	return { width, height, data: out };
}

/**
 * Resizes a gray image: area averaging when shrinking (no aliasing on small print), bilinear when enlarging.
 */
export function resizeGray(image: GrayImage, width: number, height: number): GrayImage {
	width = Math.max(1, Math.round(width));
	height = Math.max(1, Math.round(height));
	if (width === image.width && height === image.height) return image;
	return width < image.width && height < image.height
		? shrinkArea(image, width, height)
		: bilinear(image, width, height);
}

function bilinear(image: GrayImage, width: number, height: number): GrayImage {
	const { width: w0, height: h0, data: src } = image;
	const out = new Uint8Array(width * height);
	const sx = w0 / width;
	const sy = h0 / height;
	const x0s = new Int32Array(width);
	const x1s = new Int32Array(width);
	const fxs = new Float32Array(width);
	for (let x = 0; x < width; x++) {
		const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w0 - 1);
		x0s[x] = Math.floor(fx);
		x1s[x] = Math.min(x0s[x]! + 1, w0 - 1);
		fxs[x] = fx - x0s[x]!;
	}
	for (let y = 0; y < height; y++) {
		const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h0 - 1);
		const y0 = Math.floor(fy);
		const y1 = Math.min(y0 + 1, h0 - 1);
		const wy = fy - y0;
		const r0 = y0 * w0;
		const r1 = y1 * w0;
		for (let x = 0; x < width; x++) {
			const a = x0s[x]!;
			const b = x1s[x]!;
			const wx = fxs[x]!;
			const top = src[r0 + a]! + (src[r0 + b]! - src[r0 + a]!) * wx;
			const bottom = src[r1 + a]! + (src[r1 + b]! - src[r1 + a]!) * wx;
			out[y * width + x] = top + (bottom - top) * wy + 0.5;
		}
	}
	return { width, height, data: out };
}

function shrinkArea(image: GrayImage, width: number, height: number): GrayImage {
	const { width: w0, height: h0, data: src } = image;
	// sum rows into output rows first (integer box boundaries), then columns: fast and good enough
	const sums = new Float64Array(width * height);
	const counts = new Float64Array(width * height);
	const colOf = new Int32Array(w0);
	for (let x = 0; x < w0; x++) colOf[x] = Math.min(width - 1, Math.floor((x * width) / w0));
	for (let y = 0; y < h0; y++) {
		const oy = Math.min(height - 1, Math.floor((y * height) / h0)) * width;
		const row = y * w0;
		for (let x = 0; x < w0; x++) {
			const o = oy + colOf[x]!;
			sums[o]! += src[row + x]!;
			counts[o]! += 1;
		}
	}
	const out = new Uint8Array(width * height);
	for (let i = 0; i < out.length; i++) out[i] = counts[i]! ? sums[i]! / counts[i]! + 0.5 : 255;
	return { width, height, data: out };
}

/** Histogram of a gray image (256 bins). */
export function histogram(image: GrayImage): Uint32Array {
	const h = new Uint32Array(256);
	for (let i = 0; i < image.data.length; i++) h[image.data[i]!]!++;
	return h;
}

/** Otsu's threshold: the gray level that best splits the histogram into dark (ink) and light (paper). */
export function otsuThreshold(image: GrayImage): number {
	const h = histogram(image);
	const total = image.data.length;
	let sumAll = 0;
	for (let t = 0; t < 256; t++) sumAll += t * h[t]!;
	let sumB = 0;
	let weightB = 0;
	let best = 0;
	let bestVariance = -1;
	for (let t = 0; t < 256; t++) {
		weightB += h[t]!;
		if (weightB === 0) continue;
		const weightF = total - weightB;
		if (weightF === 0) break;
		sumB += t * h[t]!;
		const meanB = sumB / weightB;
		const meanF = (sumAll - sumB) / weightF;
		const variance = weightB * weightF * (meanB - meanF) * (meanB - meanF);
		if (variance > bestVariance) {
			bestVariance = variance;
			best = t;
		}
	}
	return best;
}

/** Pixels darker than or equal to the threshold become 0 (ink), the rest 255 (paper). */
export function binarize(image: GrayImage, threshold = otsuThreshold(image)): GrayImage {
	const out = new Uint8Array(image.data.length);
	for (let i = 0; i < out.length; i++) out[i] = image.data[i]! <= threshold ? 0 : 255;
	return { width: image.width, height: image.height, data: out };
}

/**
 * Stretches gray levels so that the darkest `clip` share of pixels become black and the lightest become
 * white: grey, hazy phone photos get black ink on white paper without losing the anti-aliased edges that
 * tesseract's LSTM reads best.
 */
export function stretchContrast(image: GrayImage, clip = 0.01): GrayImage {
	const h = histogram(image);
	const total = image.data.length;
	const cut = total * clip;
	let low = 0;
	for (let seen = 0; low < 255 && seen + h[low]! <= cut; low++) seen += h[low]!;
	let high = 255;
	for (let seen = 0; high > 0 && seen + h[high]! <= cut; high--) seen += h[high]!;
	if (high - low < 16) return image;
	const lut = new Uint8Array(256);
	for (let v = 0; v < 256; v++)
		lut[v] = Math.min(255, Math.max(0, ((v - low) * 255) / (high - low)));
	const out = new Uint8Array(total);
	for (let i = 0; i < total; i++) out[i] = lut[image.data[i]!]!;
	return { width: image.width, height: image.height, data: out };
}

/** The mean of the (2r+1)² window around each pixel (cut at the edges), through an integral image. */
function windowMeans(image: GrayImage, radius: number): Float64Array {
	const { width, height, data } = image;
	const stride = width + 1;
	const integral = new Float64Array(stride * (height + 1));
	for (let y = 0; y < height; y++) {
		let row = 0;
		for (let x = 0; x < width; x++) {
			row += data[y * width + x]!;
			integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1]! + row;
		}
	}
	const means = new Float64Array(width * height);
	for (let y = 0; y < height; y++) {
		const y0 = Math.max(0, y - radius);
		const y1 = Math.min(height, y + radius + 1);
		for (let x = 0; x < width; x++) {
			const x0 = Math.max(0, x - radius);
			const x1 = Math.min(width, x + radius + 1);
			const sum =
				integral[y1 * stride + x1]! -
				integral[y0 * stride + x1]! -
				integral[y1 * stride + x0]! +
				integral[y0 * stride + x0]!;
			means[y * width + x] = sum / ((x1 - x0) * (y1 - y0));
		}
	}
	return means;
}

/** Box blur of radius r (a (2r+1)² mean). */
export function boxBlur(image: GrayImage, radius: number): GrayImage {
	const means = windowMeans(image, radius);
	const out = new Uint8Array(means.length);
	for (let i = 0; i < means.length; i++) out[i] = means[i]! + 0.5;
	return { width: image.width, height: image.height, data: out };
}

/** Unsharp mask: adds back `amount` × (image − blurred image), crisping soft, out-of-focus print. */
export function sharpen(image: GrayImage, radius = 2, amount = 1): GrayImage {
	const blurred = boxBlur(image, radius);
	const out = new Uint8Array(image.data.length);
	for (let i = 0; i < out.length; i++) {
		const v = image.data[i]! + amount * (image.data[i]! - blurred.data[i]!);
		out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
	}
	return { width: image.width, height: image.height, data: out };
}

/** The largest value in each run of 2r+1 along rows, then along columns: a (2r+1)² max filter. */
export function maxFilter(image: GrayImage, r: number): GrayImage {
	const { width, height, data } = image;
	const pass = (src: Uint8Array, len: number, count: number, step: number, next: number) => {
		const out = new Uint8Array(src.length);
		for (let line = 0; line < count; line++) {
			const base = line * next;
			for (let i = 0; i < len; i++) {
				let m = 0;
				const a = Math.max(0, i - r);
				const b = Math.min(len - 1, i + r);
				for (let j = a; j <= b; j++) {
					const v = src[base + j * step]!;
					if (v > m) m = v;
				}
				out[base + i * step] = m;
			}
		}
		return out;
	};
	const rows = pass(data, width, height, 1, width);
	return { width, height, data: pass(rows, height, width, width, 1) };
}

/**
 * Evens out the light: estimates the paper's brightness around each pixel (the brightest level within a
 * window a few lines of print wide, smoothed, on a reduced copy) and divides by it, so that a shadow across
 * the label, a lamp's falloff or a dim corner all become white paper, while print stays as dark as it is
 * against its own paper. `textHeight` is the height of a line of print (px); the window spans about two lines,
 * wide enough that no character is taken for paper. Large flat areas (the table around the label, a dark
 * band) come out white too: that is what tesseract wants around the print.
 */
export function normalizeLight(image: GrayImage, textHeight: number): GrayImage {
	const { width, height, data } = image;
	const factor = Math.min(1, 300 / Math.max(width, height));
	const small = factor < 1 ? resizeGray(image, width * factor, height * factor) : image;
	const r = Math.max(2, Math.round(textHeight * factor * 1.2));
	const paper = boxBlur(maxFilter(small, r), r);
	const full = factor < 1 ? resizeGray(paper, width, height) : paper;
	const out = new Uint8Array(data.length);
	for (let i = 0; i < out.length; i++) {
		const bg = Math.max(full.data[i]!, 1);
		const v = (data[i]! * 255) / bg;
		out[i] = v > 255 ? 255 : v;
	}
	return { width, height, data: out };
}

/** Mean gray level, and the share of dark pixels below Otsu's threshold. */
export function inkStats(image: GrayImage): { contrast: number; inkShare: number } {
	const h = histogram(image);
	const t = otsuThreshold(image);
	let dark = 0;
	let darkSum = 0;
	let lightSum = 0;
	for (let v = 0; v < 256; v++) {
		if (v <= t) {
			dark += h[v]!;
			darkSum += v * h[v]!;
		} else lightSum += v * h[v]!;
	}
	const light = image.data.length - dark;
	const contrast = dark && light ? lightSum / light - darkSum / dark : 0;
	return { contrast, inkShare: dark / image.data.length };
}

/**
 * Marks ink with a local threshold (darker than the mean of the surrounding (2r+1)² window by a margin), so
 * that uneven light, a shadow or the table around the label do not count as print. Uses an integral image.
 */
export function localInk(image: GrayImage, radius = 15, margin = 18): Uint8Array {
	const means = windowMeans(image, radius);
	const ink = new Uint8Array(means.length);
	for (let i = 0; i < means.length; i++) ink[i] = image.data[i]! < means[i]! - margin ? 1 : 0;
	return ink;
}

/**
 * Estimates the height of a line of print in pixels: the picture is cut into vertical strips, and in each
 * strip the runs of rows that hold ink are text lines; the median run is the answer. Null when there is no
 * line-like print. Runs on a reduced copy (≤ 1000 px), so it costs a few tens of milliseconds.
 */
export function estimateTextHeight(image: GrayImage): number | null {
	const factor = Math.min(1, 1000 / Math.max(image.width, image.height));
	const small = factor < 1 ? resizeGray(image, image.width * factor, image.height * factor) : image;
	const { width, height } = small;
	const ink = localInk(small, Math.max(4, Math.round(Math.min(width, height) / 60)));
	const strips = 8;
	const stripWidth = Math.floor(width / strips);
	if (stripWidth < 8) return null;
	const runs: number[] = [];
	for (let s = 0; s < strips; s++) {
		const x0 = s * stripWidth;
		let run = 0;
		for (let y = 0; y <= height; y++) {
			let count = 0;
			if (y < height) for (let x = x0; x < x0 + stripWidth; x++) count += ink[y * width + x]!;
			if (y < height && count >= Math.max(2, stripWidth * 0.03)) run++;
			else {
				if (run >= 3 && run <= height / 6) runs.push(run);
				run = 0;
			}
		}
	}
	if (runs.length < 5) return null;
	runs.sort((a, b) => a - b);
	return runs[Math.floor(runs.length / 2)]! / factor;
}

/** Binary PGM (P5), 8 bits a pixel: the simplest file Leptonica (inside tesseract) reads. */
export function encodePgm(image: GrayImage): Uint8Array {
	const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
	const out = new Uint8Array(header.length + image.data.length);
	out.set(header, 0);
	out.set(image.data, header.length);
	return out;
}

export interface PreprocessOptions {
	/** Longest side after downscaling a big photo (px). */
	maxSide?: number;
	/** Shortest acceptable side before upscaling (px); smaller images are enlarged up to this. */
	minSide?: number;
	/** Contrast stretch clip share (0 to skip). */
	contrastClip?: number;
	/** 'none' keeps gray levels (best for the LSTM engine), 'otsu' makes the image black and white. */
	threshold?: 'none' | 'otsu';
	/**
	 * Find and undo the tilt of the lines of print up to this many degrees (0 to skip); at 45 a picture
	 * lying on its side is turned upright too (geometry.ts textOrientation).
	 */
	deskewMaxDegrees?: number;
	/** Find the label's four corners and warp it to a rectangle (perspective), cutting away what is around it. */
	perspective?: boolean;
	/** Even out shadows and uneven light (normalizeLight). */
	normalizeLight?: boolean;
	/** Turn the picture by this many extra degrees first (180 to try it upside down). */
	turn?: number;
	/**
	 * Scale so that a line of print is about this many pixels high (estimateTextHeight), within maxSide and
	 * at most 3×; 0 to use minSide instead. Print much larger than this is shrunk towards it (faster OCR).
	 */
	targetTextHeight?: number;
	/** Unsharp-mask strength (0 to skip); the radius follows the size of the print. */
	sharpen?: number;
}

export interface Preprocessed {
	image: GrayImage;
	/** Factor applied to the input size. */
	scale: number;
	/** Rotation applied to undo the skew (degrees, counter-clockwise; 90 for a picture on its side). */
	deskewDegrees: number;
	/** Whether the label's corners were found and warped to a rectangle. */
	perspective: boolean;
	original: { width: number; height: number };
}

/**
 * Measured on both fixture sets (bench/ocr.ts, 2 cores): see README "Label scanner engine". A long side of
 * 2000 px keeps the print of a whole label photo legible while keeping tesseract around a second.
 */
export const DEFAULT_PREPROCESS: Required<PreprocessOptions> = {
	maxSide: 2000,
	minSide: 800,
	contrastClip: 0.01,
	threshold: 'none',
	deskewMaxDegrees: 45,
	perspective: true,
	normalizeLight: true,
	turn: 0,
	targetTextHeight: 28,
	sharpen: 0
};

/** Smallest picture worth reading (px on the short side) and fewest pixels. */
export const MIN_IMAGE_SIDE = 32;

/**
 * Prepares a photo for tesseract, in this order: grayscale; a huge photo shrunk to maxSide; the tilt of the
 * print undone (on a canvas that keeps the corners); the label found and warped square (perspective); scaled
 * so that print is about targetTextHeight px high; light evened out; contrast stretched. Throws BadImageError
 * for an empty, tiny or flat picture.
 */
export function preprocessLabel(
	input: RgbaImage | GrayImage,
	options: PreprocessOptions = {}
): Preprocessed {
	const o = { ...DEFAULT_PREPROCESS, ...options };
	const { width, height } = input;
	if (!width || !height) throw new BadImageError('empty', 'the picture has no pixels');
	if (Math.min(width, height) < MIN_IMAGE_SIDE)
		throw new BadImageError(
			'too-small',
			`the picture is ${width}×${height} px; a label needs at least ${MIN_IMAGE_SIDE} px on each side`
		);
	let gray: GrayImage = input.data.length === width * height ? (input as GrayImage) : toGray(input);
	let scale = 1;
	if (Math.max(width, height) > o.maxSide) {
		scale = o.maxSide / Math.max(width, height);
		gray = resizeGray(gray, width * scale, height * scale);
	}
	if (inkStats(gray).contrast < 12)
		throw new BadImageError('blank', 'the picture is one flat colour: no print to read');
	let deskewDegrees = 0;
	if (o.deskewMaxDegrees > 0) {
		const { degrees } = textOrientation(gray, o.deskewMaxDegrees);
		if (Math.abs(degrees) >= 0.3) deskewDegrees = degrees;
	}
	if (deskewDegrees || o.turn) gray = rotateExpand(gray, deskewDegrees + o.turn, borderLevel(gray));
	let perspective = false;
	if (o.perspective) {
		const quad = findLabel(gray);
		if (quad) {
			gray = warpQuad(gray, quad, borderLevel(gray));
			perspective = true;
		}
	}
	const long = Math.max(gray.width, gray.height);
	const short = Math.min(gray.width, gray.height);
	const text = o.targetTextHeight > 0 ? estimateTextHeight(gray) : null;
	let resize = 1;
	if (text) {
		const wanted = o.targetTextHeight / text;
		if (wanted > 1.1) resize = Math.min(wanted, 3, o.maxSide / long);
		else if (wanted < 0.5) resize = Math.max(wanted * 1.25, MIN_IMAGE_SIDE / short);
	} else if (scale === 1 && short < o.minSide)
		resize = Math.min(o.minSide / short, o.maxSide / long, 4);
	if (resize > 1.01 || resize < 0.99) {
		gray = resizeGray(gray, gray.width * resize, gray.height * resize);
		scale *= resize;
	}
	if (o.normalizeLight) gray = normalizeLight(gray, text ? text * resize : o.targetTextHeight);
	if (o.contrastClip > 0) gray = stretchContrast(gray, o.contrastClip);
	if (o.sharpen > 0)
		gray = sharpen(gray, Math.max(1, Math.round(o.targetTextHeight / 14)), o.sharpen);
	if (o.threshold === 'otsu') gray = binarize(gray);
	return { image: gray, scale, deskewDegrees, perspective, original: { width, height } };
}
