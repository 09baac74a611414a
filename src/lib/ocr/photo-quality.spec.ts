import { describe, expect, it } from 'vitest';
import { rotateExpand } from './geometry';
import { boxBlur, type GrayImage } from './image';
import {
	checkPhoto,
	judgePhoto,
	measurePhoto,
	QUALITY_THRESHOLDS,
	type PhotoFault,
	type PhotoMeasures
} from './photo-quality';

/** Deterministic pseudo-random numbers (a linear congruential generator), so every run draws the same. */
function random(seed = 7) {
	let s = seed;
	return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * A label drawn in gray levels: lines of glyph-like marks (a few strokes in each square cell), `print` px
 * high, on paper of level `paper` in ink of level `ink`.
 */
function label({
	width = 900,
	height = 700,
	print = 24,
	paper = 225,
	ink = 35
}: {
	width?: number;
	height?: number;
	print?: number;
	paper?: number;
	ink?: number;
} = {}): GrayImage {
	const data = new Uint8Array(width * height).fill(paper);
	const next = random();
	const stroke = Math.max(1, Math.round(print / 8));
	const margin = Math.round(width * 0.06);
	for (let top = margin; top + print < height - margin; top += Math.round(print * 1.6))
		for (let left = margin; left + print < width - margin; left += Math.round(print * 1.15)) {
			if (next() < 0.12) continue; // a space between words
			for (let s = 0; s < 4; s++) {
				const across = next() < 0.5;
				const at = Math.floor(next() * (print - stroke));
				for (let a = 0; a < print; a++)
					for (let b = 0; b < stroke; b++) {
						const [x, y] = across ? [left + a, top + at + b] : [left + at + b, top + a];
						data[y * width + x] = ink;
					}
			}
		}
	return { width, height, data };
}

const map = (image: GrayImage, f: (v: number, x: number, y: number) => number): GrayImage => ({
	...image,
	data: Uint8Array.from(image.data, (v, i) => f(v, i % image.width, Math.floor(i / image.width)))
});
const faults = (image: GrayImage): PhotoFault[] => checkPhoto(image).problems.map((p) => p.fault);

describe('checkPhoto', () => {
	it('finds nothing wrong with crisp, well-lit, large, straight print', () => {
		expect(faults(label())).toEqual([]);
		expect(faults(label({ print: 40, paper: 250, ink: 10 }))).toEqual([]);
	});

	it('says a photo in the shade is too dark, not also that its contrast is low', () => {
		const dark = map(label(), (v) => v * 0.3);
		expect(faults(dark)).toEqual(['dark']);
	});

	it('tells a bright lamp or sun patch from a label that is simply white', () => {
		const image = label({ paper: 205 });
		const glare = map(image, (v, x, y) => {
			const d = Math.hypot(x - 500, y - 300);
			// a blown-out core with a fading halo, as a lamp makes on a glossy bag
			return d < 150 ? 255 : d < 200 ? Math.max(v, 255 - (d - 150)) : v;
		});
		expect(faults(glare)).toContain('glare');
		expect(faults(label({ paper: 255 }))).not.toContain('glare');
		// a small highlight is not worth a word
		const spot = map(image, (v, x, y) => (Math.hypot(x - 500, y - 300) < 30 ? 255 : v));
		expect(faults(spot)).not.toContain('glare');
	});

	it('says grey print on grey paper has too little contrast', () => {
		const flat = label({ paper: 190, ink: 150 });
		expect(faults(flat)).toEqual(['low-contrast']);
	});

	it('says a shaken or unfocused photo is blurred, whatever the size of the print', () => {
		for (const print of [20, 40]) {
			const r = Math.round(print / 5);
			const soft = boxBlur(boxBlur(label({ print }), r), r);
			expect(faults(soft), `print ${print} px`).toContain('blurred');
			expect(faults(label({ print })), `print ${print} px`).not.toContain('blurred');
		}
	});

	it('says print a few pixels high was taken from too far away', () => {
		const far = label({ print: 7 });
		expect(checkPhoto(far).measures.textHeight).toBeLessThan(QUALITY_THRESHOLDS.smallPrint);
		expect(faults(far)).toEqual(['small-print']);
	});

	it('says a photo taken at a slant is tilted, from the skew it measures', () => {
		expect(faults(rotateExpand(label(), 28, 225))).toContain('tilted');
		expect(faults(rotateExpand(label(), 8, 225))).not.toContain('tilted');
		// a picture on its side is turned by the scanner, not a slant
		expect(faults(rotateExpand(label(), 90, 225))).not.toContain('tilted');
	});

	it('reads canvas pixels (RGBA) the same as gray ones', () => {
		const gray = map(label(), (v) => v * 0.3);
		const rgba = {
			width: gray.width,
			height: gray.height,
			data: new Uint8ClampedArray(gray.data.length * 4).map((_, i) =>
				i % 4 === 3 ? 255 : gray.data[i >> 2]!
			)
		};
		expect(checkPhoto(rgba).problems).toEqual(checkPhoto(gray).problems);
	});
});

describe('judgePhoto', () => {
	const fine: PhotoMeasures = {
		paperLevel: 230,
		glareShare: 0,
		contrast: 150,
		sharpness: 1,
		textHeight: 20,
		skewDegrees: 0
	};

	it('puts the problem farthest past its threshold first', () => {
		const both = { ...fine, paperLevel: 80, sharpness: 0.1 };
		expect(judgePhoto(both).map((p) => p.fault)).toEqual(['blurred', 'dark']);
		const mostlyDark = { ...fine, paperLevel: 30, sharpness: 0.35 };
		expect(judgePhoto(mostlyDark).map((p) => p.fault)).toEqual(['dark', 'blurred']);
	});

	it('judges at the thresholds, not before', () => {
		const t = QUALITY_THRESHOLDS;
		const at = {
			paperLevel: t.darkPaper,
			glareShare: t.glareShare,
			contrast: t.lowContrast,
			sharpness: t.blurred,
			textHeight: t.smallPrint,
			skewDegrees: -t.tilted
		};
		expect(judgePhoto(at)).toEqual([]);
		const past = {
			paperLevel: t.darkPaper - 1,
			glareShare: t.glareShare * 1.1,
			contrast: t.lowContrast - 1,
			sharpness: t.blurred * 0.9,
			textHeight: t.smallPrint - 1,
			skewDegrees: -t.tilted - 1
		};
		// low contrast goes without saying when the light is the cause
		expect(
			judgePhoto(past)
				.map((p) => p.fault)
				.sort()
		).toEqual(['blurred', 'dark', 'glare', 'small-print', 'tilted']);
		expect(judgePhoto({ ...fine, contrast: t.lowContrast - 1 })[0]?.fault).toBe('low-contrast');
	});

	it('does not judge what it could not measure', () => {
		expect(judgePhoto({ ...fine, sharpness: null, textHeight: null })).toEqual([]);
		expect(measurePhoto({ width: 50, height: 50, data: new Uint8Array(2500).fill(200) })).toEqual(
			expect.objectContaining({ sharpness: null, textHeight: null, glareShare: 0 })
		);
	});
});
