import { fitWithin, PHOTO_MAX_SIDE, PHOTO_QUALITIES, PHOTO_TARGET_BYTES } from '$lib/domain/blobs';

export interface CompressedPhoto {
	bytes: ArrayBuffer;
	type: 'image/jpeg';
	width: number;
	height: number;
}

export class NotAPhotoError extends Error {}

/**
 * Makes a phone photo small before it is stored: longest side ≤ 1600 px, JPEG at the best quality that fits
 * about 200 KB (the lowest tried quality if none does). EXIF orientation is applied while decoding.
 */
export async function compressPhoto(
	file: Blob,
	maxSide = PHOTO_MAX_SIDE,
	targetBytes = PHOTO_TARGET_BYTES
): Promise<CompressedPhoto> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		throw new NotAPhotoError('not an image');
	}
	const { width, height } = fitWithin(bitmap.width, bitmap.height, maxSide);
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d');
	if (!context) throw new NotAPhotoError('no canvas');
	context.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	let blob: Blob | null = null;
	for (const quality of PHOTO_QUALITIES) {
		blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
		if (blob.size <= targetBytes) break;
	}
	return { bytes: await blob!.arrayBuffer(), type: 'image/jpeg', width, height };
}
