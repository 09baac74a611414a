/**
 * A label photo in the browser: opened from a file (camera or gallery) without freezing the page (decoded off
 * the main thread by createImageBitmap, huge photos scaled down at once), turned in quarter turns, cropped, and
 * drawn for recognition. Pure canvas work; the grayscale and contrast steps come after, in the recognition path.
 */
export type PhotoProblem = 'not-image' | 'unreadable' | 'empty' | 'too-small';

export class PhotoError extends Error {
	constructor(readonly problem: PhotoProblem) {
		super(problem);
	}
}

/** Longest side kept after opening: enough for small print on a bag, far below a 20-megapixel photo. */
export const MAX_SIDE = 2400;
/** Below this a label cannot be read. */
export const MIN_SIDE = 200;

export interface Crop {
	/** Fractions (0–1) of the turned photo's width and height. */
	x: number;
	y: number;
	w: number;
	h: number;
}
export const WHOLE: Crop = { x: 0, y: 0, w: 1, h: 1 };
export const isWhole = (c: Crop): boolean => c.x === 0 && c.y === 0 && c.w === 1 && c.h === 1;

/** Opens a photo; a 20-megapixel photo is scaled so its longest side is MAX_SIDE. */
export async function openPhoto(file: File): Promise<ImageBitmap> {
	if (file.size === 0) throw new PhotoError('empty');
	if (file.type && !file.type.startsWith('image/')) throw new PhotoError('not-image');
	let full: ImageBitmap;
	try {
		full = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		throw new PhotoError('unreadable');
	}
	if (full.width === 0 || full.height === 0) throw new PhotoError('empty');
	if (Math.max(full.width, full.height) < MIN_SIDE) throw new PhotoError('too-small');
	const scale = MAX_SIDE / Math.max(full.width, full.height);
	if (scale >= 1) return full;
	try {
		return await createImageBitmap(full, {
			resizeWidth: Math.round(full.width * scale),
			resizeHeight: Math.round(full.height * scale),
			resizeQuality: 'high'
		});
	} finally {
		full.close();
	}
}

/** The photo turned by `quarterTurns` × 90° clockwise, cropped, scaled so its longest side is at most `maxSide`. */
export function drawPhoto(
	photo: ImageBitmap,
	quarterTurns: number,
	crop: Crop,
	maxSide: number,
	canvas: HTMLCanvasElement = document.createElement('canvas')
): HTMLCanvasElement {
	const turns = ((quarterTurns % 4) + 4) % 4;
	const sideways = turns % 2 === 1;
	const turnedW = sideways ? photo.height : photo.width;
	const turnedH = sideways ? photo.width : photo.height;
	const cropW = Math.max(1, crop.w * turnedW);
	const cropH = Math.max(1, crop.h * turnedH);
	const scale = Math.min(1, maxSide / Math.max(cropW, cropH));
	canvas.width = Math.max(1, Math.round(cropW * scale));
	canvas.height = Math.max(1, Math.round(cropH * scale));
	const ctx = canvas.getContext('2d');
	if (!ctx) return canvas;
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, canvas.width, canvas.height);
	ctx.scale(scale, scale);
	ctx.translate(-crop.x * turnedW, -crop.y * turnedH);
	// turn about the origin, then move the turned photo back into view
	ctx.translate(turnedW / 2, turnedH / 2);
	ctx.rotate((turns * Math.PI) / 2);
	ctx.drawImage(photo, -photo.width / 2, -photo.height / 2);
	return canvas;
}

/** The crop between two points given as fractions of the shown photo, at least 5 % each way. */
export function cropBetween(a: { x: number; y: number }, b: { x: number; y: number }): Crop {
	const clamp = (v: number) => Math.min(1, Math.max(0, v));
	const x = clamp(Math.min(a.x, b.x));
	const y = clamp(Math.min(a.y, b.y));
	const w = clamp(Math.max(a.x, b.x)) - x;
	const h = clamp(Math.max(a.y, b.y)) - y;
	return w < 0.05 || h < 0.05 ? WHOLE : { x, y, w, h };
}

/** A JPEG of the canvas for keeping with the inventory item (the photo beside the fields). */
export function photoBytes(canvas: HTMLCanvasElement, quality = 0.82): Promise<Blob> {
	return new Promise((resolve, reject) =>
		canvas.toBlob(
			(blob) => (blob ? resolve(blob) : reject(new Error('toBlob'))),
			'image/jpeg',
			quality
		)
	);
}
