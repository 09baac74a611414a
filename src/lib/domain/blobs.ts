/**
 * Photos and other blobs: content-addressed by sha256, made small on the device before they are stored.
 * Targets (issue 3): longest side ≤ 1600 px, about 200 KB.
 */
export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_TARGET_BYTES = 200 * 1024;
/** JPEG qualities tried in turn until the photo fits the target. */
export const PHOTO_QUALITIES = [0.82, 0.72, 0.62, 0.52, 0.42];
/** Uploads go in chunks of this size, so a dropped connection costs at most one chunk. */
export const BLOB_CHUNK_BYTES = 64 * 1024;
/** The server refuses blobs larger than this. */
export const BLOB_MAX_BYTES = 5 * 1024 * 1024;

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
	return SHA256_HEX.test(value);
}

/** The size to draw an image at so its longest side is at most `maxSide`, keeping its shape. */
export function fitWithin(
	width: number,
	height: number,
	maxSide = PHOTO_MAX_SIDE
): { width: number; height: number } {
	const longest = Math.max(width, height);
	if (longest <= maxSide) return { width, height };
	const scale = maxSide / longest;
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

export function toHex(bytes: ArrayBuffer): string {
	return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Parses `bytes START-END/TOTAL` (inclusive END), or null. */
export function parseContentRange(
	header: string | null
): { start: number; end: number; total: number } | null {
	const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? '');
	if (!match) return null;
	const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (end < start || end >= total) return null;
	return { start, end, total };
}
