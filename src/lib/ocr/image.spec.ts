import { describe, expect, it } from 'vitest';
import {
	BadImageError,
	binarize,
	encodePgm,
	estimateTextHeight,
	localInk,
	normalizeLight,
	otsuThreshold,
	preprocessLabel,
	resizeGray,
	sharpen,
	stretchContrast,
	toGray,
	type GrayImage
} from './image';

/** White page with dark horizontal text-like bars (dashed, as words are). */
function page(width = 400, height = 300): GrayImage {
	const data = new Uint8Array(width * height).fill(235);
	for (let y = 30; y < height - 30; y += 24)
		for (let dy = 0; dy < 10; dy++)
			for (let x = 40; x < width - 40; x++) if (x % 30 < 24) data[(y + dy) * width + x] = 30;
	return { width, height, data };
}

describe('toGray', () => {
	it('uses BT.601 luma and lays transparency on white', () => {
		const rgba = new Uint8ClampedArray([
			255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 0, 10, 10, 10, 255
		]);
		const gray = toGray({ width: 4, height: 1, data: rgba });
		expect([...gray.data]).toEqual([76, 150, 255, 10]);
	});
});

describe('resizeGray', () => {
	it('keeps a flat image flat when shrinking and enlarging', () => {
		const flat = { width: 10, height: 8, data: new Uint8Array(80).fill(77) };
		expect(resizeGray(flat, 5, 4).data.every((v) => v === 77)).toBe(true);
		expect(resizeGray(flat, 25, 20).data.every((v) => v === 77)).toBe(true);
	});
	it('averages areas when shrinking', () => {
		const checker = { width: 2, height: 2, data: new Uint8Array([0, 200, 200, 0]) };
		expect([...resizeGray(checker, 1, 1).data]).toEqual([100]);
	});
});

describe('otsu and contrast', () => {
	it('splits ink from paper', () => {
		const img = page();
		const t = otsuThreshold(img);
		expect(t).toBeGreaterThanOrEqual(30);
		expect(t).toBeLessThan(235);
		const bw = binarize(img, t);
		expect(new Set(bw.data)).toEqual(new Set([0, 255]));
	});
	it('stretches a hazy photo to black and white ends', () => {
		const hazy = page();
		for (let i = 0; i < hazy.data.length; i++) hazy.data[i] = 100 + hazy.data[i]! / 4;
		const stretched = stretchContrast(hazy);
		expect(Math.min(...stretched.data)).toBe(0);
		expect(Math.max(...stretched.data)).toBe(255);
	});
});

const dims = (p: { image: GrayImage }) => [p.image.width, p.image.height];

describe('print size', () => {
	it('measures the height of lines of print', () => {
		expect(estimateTextHeight(page())).toBeCloseTo(10, 0);
		const doubled = resizeGray(page(), 800, 600);
		expect(estimateTextHeight(doubled)).toBeCloseTo(20, 0);
		expect(
			estimateTextHeight({ width: 300, height: 200, data: new Uint8Array(60000).fill(90) })
		).toBeNull();
	});
	it('finds ink by local contrast, not in an evenly dark background', () => {
		const img = page();
		for (let i = 0; i < img.width * 20; i++) img.data[i] = 60; // a dark band (table edge)
		const ink = localInk(img);
		expect(ink[5 * img.width + 200]).toBe(0);
		expect(ink[35 * img.width + 45]).toBe(1);
	});
	it('sharpens without changing a flat picture', () => {
		const flat = { width: 20, height: 20, data: new Uint8Array(400).fill(128) };
		expect(sharpen(flat).data.every((v) => v === 128)).toBe(true);
		const edge = page();
		const crisp = sharpen(edge);
		expect(Math.min(...crisp.data)).toBeLessThanOrEqual(Math.min(...edge.data));
	});
});

describe('normalizeLight', () => {
	it('turns a shadow across the paper white and keeps the print dark', () => {
		const shaded = page(400, 300);
		// light falls off from 100 % on the right to 35 % on the left
		for (let y = 0; y < 300; y++)
			for (let x = 0; x < 400; x++)
				shaded.data[y * 400 + x] = shaded.data[y * 400 + x]! * (0.35 + (0.65 * x) / 399);
		const even = normalizeLight(shaded, 10);
		const paperLeft = even.data[20 * 400 + 10]!;
		const paperRight = even.data[20 * 400 + 390]!;
		expect(paperLeft).toBeGreaterThan(225);
		expect(paperRight).toBeGreaterThan(225);
		// print at the dark end is as dark against its paper as at the bright end
		expect(even.data[35 * 400 + 45]!).toBeLessThan(60);
		expect(even.data[35 * 400 + 340]!).toBeLessThan(60);
	});
});

describe('preprocessLabel', () => {
	it('downscales a huge photo to 2000 px and scales print towards 28 px lines', () => {
		const big = { width: 5000, height: 4000, data: new Uint8Array(5000 * 4000).fill(240) };
		for (let i = 0; i < big.data.length; i += 97) big.data[i] = 20;
		expect(Math.max(...dims(preprocessLabel(big)))).toBe(2000);
		// lines of print 10 px high: enlarged 2.8×
		const small = preprocessLabel(page(200, 150));
		expect(small.scale).toBeCloseTo(2.8, 1);
		// without a print size to go by, the short side is brought to 800 px (at most 4×)
		const fixed = preprocessLabel(page(200, 150), { targetTextHeight: 0 });
		expect([fixed.image.width, fixed.image.height, fixed.scale]).toEqual([800, 600, 4]);
		// huge print is shrunk towards the target
		const huge = preprocessLabel(resizeGray(page(250, 190), 2000, 1520));
		expect(huge.scale).toBeLessThan(1);
	});
	it('refuses empty, tiny and flat pictures with a reason', () => {
		expect(() => preprocessLabel({ width: 0, height: 0, data: new Uint8Array() })).toThrow(
			BadImageError
		);
		expect(() => preprocessLabel({ width: 10, height: 10, data: new Uint8Array(100) })).toThrow(
			/at least 32/
		);
		expect(() =>
			preprocessLabel({ width: 100, height: 100, data: new Uint8Array(10000).fill(128) })
		).toThrow(/flat colour/);
	});
	it('encodes a PGM that says its size', () => {
		const pgm = encodePgm({ width: 3, height: 2, data: new Uint8Array([1, 2, 3, 4, 5, 6]) });
		expect(new TextDecoder().decode(pgm.subarray(0, 11))).toBe('P5\n3 2\n255\n');
		expect([...pgm.subarray(11)]).toEqual([1, 2, 3, 4, 5, 6]);
	});
});
