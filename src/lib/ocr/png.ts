/**
 * A small PNG decoder (all colour types, bit depths 1–16, no interlace … and Adam7 too) to RGBA. The inflate
 * step is passed in, so Node uses node:zlib and nothing else is needed.
 */
import type { RgbaImage } from './image';

export type Inflate = (compressed: Uint8Array) => Uint8Array;

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function isPng(bytes: Uint8Array): boolean {
	return SIGNATURE.every((b, i) => bytes[i] === b);
}

export function decodePng(bytes: Uint8Array, inflate: Inflate): RgbaImage {
	if (!isPng(bytes)) throw new Error('not a PNG file');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let pos = 8;
	let width = 0;
	let height = 0;
	let depth = 8;
	let colorType = 0;
	let interlace = 0;
	let palette: Uint8Array | null = null;
	let alphaTable: Uint8Array | null = null;
	const idat: Uint8Array[] = [];
	while (pos + 8 <= bytes.length) {
		const length = view.getUint32(pos);
		const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
		const body = bytes.subarray(pos + 8, pos + 8 + length);
		pos += 12 + length;
		if (type === 'IHDR') {
			width = view.getUint32(pos - 12 - length + 8);
			height = view.getUint32(pos - 12 - length + 12);
			depth = body[8]!;
			colorType = body[9]!;
			interlace = body[12]!;
		} else if (type === 'PLTE') palette = body;
		else if (type === 'tRNS') alphaTable = body;
		else if (type === 'IDAT') idat.push(body);
		else if (type === 'IEND') break;
	}
	if (!width || !height) throw new Error('PNG without size');
	const total = idat.reduce((n, c) => n + c.length, 0);
	const joined = new Uint8Array(total);
	let at = 0;
	for (const chunk of idat) {
		joined.set(chunk, at);
		at += chunk.length;
	}
	const raw = inflate(joined);
	const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
	if (!channels) throw new Error(`PNG colour type ${colorType} unknown`);
	const bitsPerPixel = channels * depth;
	const out = new Uint8Array(width * height * 4);
	const passes =
		interlace === 1
			? [
					[0, 0, 8, 8],
					[4, 0, 8, 8],
					[0, 4, 4, 8],
					[2, 0, 4, 4],
					[0, 2, 2, 4],
					[1, 0, 2, 2],
					[0, 1, 1, 2]
				]
			: [[0, 0, 1, 1]];
	let offset = 0;
	for (const [x0, y0, dx, dy] of passes) {
		const pw = Math.ceil((width - x0!) / dx!);
		const ph = Math.ceil((height - y0!) / dy!);
		if (pw <= 0 || ph <= 0) continue;
		const stride = Math.ceil((pw * bitsPerPixel) / 8);
		const bpp = Math.max(1, bitsPerPixel >> 3);
		let previous = new Uint8Array(stride);
		for (let row = 0; row < ph; row++) {
			const filter = raw[offset]!;
			const line = raw.slice(offset + 1, offset + 1 + stride);
			offset += 1 + stride;
			unfilter(filter, line, previous, bpp);
			if (interlace !== 1 && depth === 8 && (colorType === 2 || colorType === 0)) {
				// fast paths for what Leptonica writes: 8-bit RGB or gray, not interlaced
				let o = row * width * 4;
				if (colorType === 2)
					for (let i = 0; i < stride; i += 3, o += 4) {
						out[o] = line[i]!;
						out[o + 1] = line[i + 1]!;
						out[o + 2] = line[i + 2]!;
						out[o + 3] = 255;
					}
				else
					for (let i = 0; i < stride; i++, o += 4) {
						out[o] = out[o + 1] = out[o + 2] = line[i]!;
						out[o + 3] = 255;
					}
				previous = line;
				continue;
			}
			for (let col = 0; col < pw; col++) {
				const rgba = pixel(line, col, depth, colorType, palette, alphaTable);
				const o = ((y0! + row * dy!) * width + x0! + col * dx!) * 4;
				out[o] = rgba[0];
				out[o + 1] = rgba[1];
				out[o + 2] = rgba[2];
				out[o + 3] = rgba[3];
			}
			previous = line;
		}
	}
	return { width, height, data: out };
}

function unfilter(filter: number, line: Uint8Array, prev: Uint8Array, bpp: number): void {
	for (let i = 0; i < line.length; i++) {
		const a = i >= bpp ? line[i - bpp]! : 0;
		const b = prev[i]!;
		const c = i >= bpp ? prev[i - bpp]! : 0;
		let add = 0;
		if (filter === 1) add = a;
		else if (filter === 2) add = b;
		else if (filter === 3) add = (a + b) >> 1;
		else if (filter === 4) {
			const p = a + b - c;
			const pa = Math.abs(p - a);
			const pb = Math.abs(p - b);
			const pc = Math.abs(p - c);
			add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
		}
		line[i] = (line[i]! + add) & 255;
	}
}

function sample(line: Uint8Array, index: number, depth: number): number {
	if (depth === 8) return line[index]!;
	if (depth === 16) return line[index * 2]!; // high byte
	const perByte = 8 / depth;
	const byte = line[Math.floor(index / perByte)]!;
	const shift = 8 - depth * ((index % perByte) + 1);
	return (byte >> shift) & ((1 << depth) - 1);
}

function pixel(
	line: Uint8Array,
	col: number,
	depth: number,
	colorType: number,
	palette: Uint8Array | null,
	alpha: Uint8Array | null
): [number, number, number, number] {
	const scaleUp = (v: number) => (depth >= 8 ? v : Math.round((v * 255) / ((1 << depth) - 1)));
	switch (colorType) {
		case 0: {
			const v = scaleUp(sample(line, col, depth));
			return [v, v, v, 255];
		}
		case 2:
			return [
				sample(line, col * 3, depth),
				sample(line, col * 3 + 1, depth),
				sample(line, col * 3 + 2, depth),
				255
			];
		case 3: {
			const i = sample(line, col, depth);
			if (!palette) throw new Error('PNG palette missing');
			return [palette[i * 3]!, palette[i * 3 + 1]!, palette[i * 3 + 2]!, alpha?.[i] ?? 255];
		}
		case 4: {
			const v = sample(line, col * 2, depth);
			return [v, v, v, sample(line, col * 2 + 1, depth)];
		}
		default:
			return [
				sample(line, col * 4, depth),
				sample(line, col * 4 + 1, depth),
				sample(line, col * 4 + 2, depth),
				sample(line, col * 4 + 3, depth)
			];
	}
}
