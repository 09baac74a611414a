import { describe, expect, it } from 'vitest';
import {
	borderLevel,
	findLabel,
	homography,
	polygonArea,
	project,
	rotateExpand,
	textOrientation,
	warpQuad,
	type Point,
	type Quad
} from './geometry';
import type { GrayImage } from './image';

/** A small deterministic random number source (mulberry32), so that drawn pages are the same every run. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A page of print as a label has it: lines 12 px high, 22 px apart, each a row of "characters" of random
 * width and strokes, in words of random length, on paper of level 235; ink 30.
 */
function textPage(width = 480, height = 360, seed = 1): GrayImage {
	const next = random(seed);
	const data = new Uint8Array(width * height).fill(235);
	for (let top = 30; top + 12 < height - 30; top += 22) {
		let x = 30 + Math.floor(next() * 40);
		const end = width - 30 - Math.floor(next() * 120);
		while (x + 14 < end) {
			const word = 1 + Math.floor(next() * 6);
			for (let c = 0; c < word && x + 14 < end; c++) {
				// a character: strokes at random places, 8–13 px wide, like 口, 日 or 川
				const w = 8 + Math.floor(next() * 6);
				const strokes = [0, w - 2, Math.floor(next() * w)];
				for (let dy = 0; dy < 12; dy++)
					for (let dx = 0; dx < w; dx++) {
						const across = dy < 2 || dy > 9 || (dy > 5 && dy < 7 && next() < 0.5);
						if (across || strokes.some((sx) => dx >= sx && dx < sx + 2))
							data[(top + dy) * width + x + dx] = 30;
					}
				x += w + 1 + Math.floor(next() * 3);
			}
			x += 8 + Math.floor(next() * 6);
		}
	}
	return { width, height, data };
}

/** Angle difference for lines of print, where θ and θ ± 180 are the same lines. */
const lineAngleDiff = (a: number, b: number) => {
	const d = (((a - b) % 180) + 180) % 180;
	return Math.min(d, 180 - d);
};

describe('textOrientation and rotateExpand', () => {
	it('a level page stays level', () => {
		expect(Math.abs(textOrientation(textPage()).degrees)).toBeLessThanOrEqual(0.3);
	});

	it.each([-44, -30, -12, -3.5, 2, 8, 19, 33, 45])(
		'a page turned %s° comes back level within 1°',
		(angle) => {
			const turned = rotateExpand(textPage(), angle, 235);
			const found = textOrientation(turned);
			expect(lineAngleDiff(found.degrees, -angle)).toBeLessThanOrEqual(1);
			const back = rotateExpand(turned, found.degrees, 235);
			expect(lineAngleDiff(textOrientation(back).degrees, 0)).toBeLessThanOrEqual(1);
		}
	);

	it('a page on its side is stood up, lines level', () => {
		for (const quarter of [90, 270]) {
			const side = rotateExpand(textPage(360, 480, 7), quarter + 6, 235);
			const found = textOrientation(side);
			expect(lineAngleDiff(found.degrees, -(quarter + 6))).toBeLessThanOrEqual(1);
		}
	});

	it('only looks as far as it is told', () => {
		const turned = rotateExpand(textPage(), 20, 235);
		expect(Math.abs(textOrientation(turned, 10).degrees)).toBeLessThanOrEqual(10);
	});

	it('turns by quarter turns exactly and keeps every pixel', () => {
		const page = textPage(50, 30, 3);
		const once = rotateExpand(page, 90);
		expect([once.width, once.height]).toEqual([30, 50]);
		// counter-clockwise: the top right corner comes to the top left
		expect(once.data[0]).toBe(page.data[49]);
		expect(rotateExpand(rotateExpand(page, 180), 180).data).toEqual(page.data);
		expect(rotateExpand(rotateExpand(page, 90), 270).data).toEqual(page.data);
	});

	it('keeps the corners when turning by an odd angle', () => {
		const page = textPage(200, 100, 4);
		const turned = rotateExpand(page, 30, 128);
		// the canvas holds the turned page: |w cos| + |h sin| by |w sin| + |h cos|
		expect(turned.width).toBe(Math.ceil(200 * Math.cos(Math.PI / 6) + 100 * 0.5));
		expect(turned.height).toBe(Math.ceil(200 * 0.5 + 100 * Math.cos(Math.PI / 6)));
		expect(turned.data[0]).toBe(128);
		expect(borderLevel(turned)).toBe(128);
	});

	it('says there is no tilt when there is no print', () => {
		const blank = { width: 100, height: 100, data: new Uint8Array(10_000).fill(200) };
		expect(textOrientation(blank)).toEqual({ degrees: 0, gain: 1 });
	});
});

/** Draws `page` into a picture of a dark table, warped onto the quadrilateral `quad` (perspective). */
function photograph(page: GrayImage, quad: Quad, width: number, height: number): GrayImage {
	const rect: Point[] = [
		{ x: 0, y: 0 },
		{ x: page.width, y: 0 },
		{ x: page.width, y: page.height },
		{ x: 0, y: page.height }
	];
	const back = homography(quad, rect);
	const data = new Uint8Array(width * height).fill(70);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const p = project(back, { x: x + 0.5, y: y + 0.5 });
			const px = Math.floor(p.x);
			const py = Math.floor(p.y);
			if (px >= 0 && py >= 0 && px < page.width && py < page.height)
				data[y * width + x] = page.data[py * page.width + px]!;
		}
	return { width, height, data };
}

describe('perspective', () => {
	const corners: Quad = [
		{ x: 90, y: 60 },
		{ x: 560, y: 85 },
		{ x: 530, y: 420 },
		{ x: 70, y: 455 }
	];

	it('a homography takes each corner to its match', () => {
		const rect: Point[] = [
			{ x: 0, y: 0 },
			{ x: 480, y: 0 },
			{ x: 480, y: 360 },
			{ x: 0, y: 360 }
		];
		const h = homography(rect, corners);
		rect.forEach((p, i) => {
			const q = project(h, p);
			expect(q.x).toBeCloseTo(corners[i]!.x, 6);
			expect(q.y).toBeCloseTo(corners[i]!.y, 6);
		});
		expect(() => homography(rect, [corners[0], corners[0], corners[0], corners[0]])).toThrow(
			/degenerate/
		);
	});

	it('finds a label photographed at an angle on a dark table, and warps it square', () => {
		const photo = photograph(textPage(), corners, 640, 520);
		const found = findLabel(photo);
		expect(found).not.toBeNull();
		found!.forEach((p, i) => {
			expect(Math.hypot(p.x - corners[i]!.x, p.y - corners[i]!.y)).toBeLessThan(6);
		});
		const square = warpQuad(photo, found!, 70);
		// the mean lengths of opposite sides
		expect(Math.abs(square.width - 470)).toBeLessThan(8);
		expect(Math.abs(square.height - 365)).toBeLessThan(8);
		expect(Math.abs(textOrientation(square).degrees)).toBeLessThanOrEqual(1);
		expect(polygonArea(found!)).toBeGreaterThan(0.4 * 640 * 520);
	});

	it('finds nothing to cut when the paper fills the picture or runs off its edge', () => {
		expect(findLabel(textPage())).toBeNull();
		const offEdge: Quad = [
			{ x: -40, y: 60 },
			{ x: 560, y: 60 },
			{ x: 560, y: 420 },
			{ x: -40, y: 420 }
		];
		expect(findLabel(photograph(textPage(), offEdge, 640, 520))).toBeNull();
	});
});
