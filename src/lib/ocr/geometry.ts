/**
 * Geometry of a label photo, before tesseract sees it: which way the lines of print run (skew up to ±45°, and
 * whether the picture lies on its side), turning the picture upright on a canvas big enough to keep its
 * corners, finding the label's four corners, and warping them to a rectangle (perspective). Plain maths on
 * gray pixel buffers (image.ts), shared by the browser and Node, unit-tested on drawn images (geometry.spec.ts).
 */
import { localInk, maxFilter, otsuThreshold, resizeGray, type GrayImage } from './image';

/** A point in pixels, x to the right, y down. */
export interface Point {
	x: number;
	y: number;
}

/** Reduced copy for the cheap measurements (long side at most `side` px) and its factor. */
function reduced(image: GrayImage, side: number): { small: GrayImage; factor: number } {
	const factor = Math.min(1, side / Math.max(image.width, image.height));
	return {
		small: factor < 1 ? resizeGray(image, image.width * factor, image.height * factor) : image,
		factor
	};
}

/** Coordinates of ink pixels (local threshold: uneven light and a dark table do not count), centred. */
function inkPoints(image: GrayImage): { xs: Float64Array; ys: Float64Array } | null {
	const { width, height } = image;
	const ink = localInk(image, Math.max(4, Math.round(Math.min(width, height) / 40)), 18);
	let n = 0;
	for (let i = 0; i < ink.length; i++) n += ink[i]!;
	if (n < 50) return null;
	const xs = new Float64Array(n);
	const ys = new Float64Array(n);
	let k = 0;
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++)
			if (ink[y * width + x]) {
				xs[k] = x - width / 2;
				ys[k] = y - height / 2;
				k++;
			}
	return { xs, ys };
}

/**
 * How sharply the ink lines up in rows when the picture is turned by `degrees` (projection profile: the sum of
 * squared row counts; lines of print and the gaps between them make it large), and how many rows the ink
 * spans.
 */
function profile(
	xs: Float64Array,
	ys: Float64Array,
	degrees: number,
	bins: Float64Array
): { sq: number; span: number } {
	const r = (degrees * Math.PI) / 180;
	const s = Math.sin(r);
	const c = Math.cos(r);
	const half = bins.length / 2;
	bins.fill(0);
	for (let i = 0; i < xs.length; i++) {
		const b = Math.round(ys[i]! * c - xs[i]! * s + half);
		if (b >= 0 && b < bins.length) bins[b]! += 1;
	}
	let sq = 0;
	let first = -1;
	let last = -1;
	for (let i = 0; i < bins.length; i++) {
		const v = bins[i]!;
		if (!v) continue;
		sq += v * v;
		if (first < 0) first = i;
		last = i;
	}
	return { sq, span: first < 0 ? 0 : last - first + 1 };
}

export interface TextOrientation {
	/**
	 * Degrees to turn the picture counter-clockwise (rotateExpand) so that its lines of print run level: the
	 * skew, plus 90 when the lines run up and down (the picture lies on its side). Which of the two upright
	 * ways (0 or 180) reads is not known from the lines alone: the scanner tries the other when the first
	 * reads poorly (recognize.ts).
	 */
	degrees: number;
	/** How much better the chosen angle lines the print up than the picture as it is (1 = no better). */
	gain: number;
}

/**
 * Finds the angle of the lines of print, within ±`maxDegrees` of level and of upright-on-its-side, by the
 * projection profile of the ink on a reduced copy (≤ 600 px): a coarse search in 1° steps, then 0.1° around
 * the best. 0 when there is too little ink to tell.
 */
export function textOrientation(image: GrayImage, maxDegrees = 45): TextOrientation {
	const { small } = reduced(image, 600);
	const points = inkPoints(small);
	if (!points) return { degrees: 0, gain: 1 };
	const { xs, ys } = points;
	const bins = new Float64Array(Math.ceil(Math.hypot(small.width, small.height)) + 4);
	const score = (d: number) => profile(xs, ys, d, bins).sq;
	/**
	 * The sharpness at the best angle on a scale that does not depend on how long or how many the lines are,
	 * so that the level and the on-its-side readings compare: as a share of the same ink spread evenly over
	 * the same rows (1 for no lines at all, about line pitch ÷ line height for clean lines).
	 */
	const sharpness = (d: number) => {
		const { sq, span } = profile(xs, ys, d, bins);
		return (sq * span) / (xs.length * xs.length);
	};
	const level = score(0);
	/** The best angle from `from` to `to` in 1° steps, refined to 0.1° around it. */
	const search = (from: number, to: number, start: number) => {
		let best = start;
		let bestScore = score(start);
		const consider = (d: number) => {
			const s = score(d);
			if (s > bestScore * 1.0001) {
				bestScore = s;
				best = d;
			}
		};
		for (let d = from; d <= to + 1e-9; d += 1) consider(d);
		const low = Math.max(from, best - 1);
		const high = Math.min(to, best + 1);
		for (let d = low; d <= high + 1e-9; d += 0.1) consider(Math.round(d * 10) / 10);
		return { best, bestScore };
	};
	const limit = Math.min(maxDegrees, 45);
	const found = search(-limit, limit, 0);
	if (limit >= 45) {
		// on its side: lines running up and down. Chinese print also stands in columns (each character
		// is a square), so the side is taken only when it lines up clearly better; an angle at the edge
		// of the level range means the lines lie beyond it, and then no margin is asked
		const side = search(46, 134, 90);
		const margin = Math.abs(found.best) >= limit - 0.5 ? 1 : 1.1;
		if (sharpness(side.best) > sharpness(found.best) * margin)
			return {
				degrees: Math.round(side.best * 10) / 10,
				gain: level ? side.bestScore / level : 1
			};
	}
	const degrees = Math.round(found.best * 10) / 10;
	return { degrees, gain: level ? found.bestScore / level : 1 };
}

/**
 * The median gray level of the picture's border: what lies around the label (the table, the bag), to fill
 * the corners a rotation uncovers so that they are not taken for paper or for ink.
 */
export function borderLevel(image: GrayImage): number {
	const { width, height, data } = image;
	const counts = new Uint32Array(256);
	let n = 0;
	const add = (i: number) => {
		counts[data[i]!]!++;
		n++;
	};
	for (let x = 0; x < width; x++) {
		add(x);
		add((height - 1) * width + x);
	}
	for (let y = 1; y < height - 1; y++) {
		add(y * width);
		add(y * width + width - 1);
	}
	let seen = 0;
	for (let v = 0; v < 256; v++) {
		seen += counts[v]!;
		if (seen * 2 >= n) return v;
	}
	return 255;
}

/**
 * Turns the picture counter-clockwise by `degrees` around its centre (so that rotateExpand(image,
 * textOrientation(image).degrees) puts the print level) onto a canvas big enough to hold all of it (nothing is
 * cut off), bilinear; the uncovered corners get `fill`. Quarter turns are exact.
 */
export function rotateExpand(image: GrayImage, degrees: number, fill = 255): GrayImage {
	const turn = ((degrees % 360) + 360) % 360;
	if (turn === 0) return image;
	const { width, height, data } = image;
	if (turn === 90 || turn === 180 || turn === 270) {
		const w = turn === 180 ? width : height;
		const h = turn === 180 ? height : width;
		const out = new Uint8Array(w * h);
		for (let y = 0; y < height; y++)
			for (let x = 0; x < width; x++) {
				const v = data[y * width + x]!;
				// counter-clockwise on screen (y down): (x, y) → (y, width − 1 − x) for 90°
				if (turn === 90) out[(width - 1 - x) * w + y] = v;
				else if (turn === 180) out[(height - 1 - y) * w + (width - 1 - x)] = v;
				else out[x * w + (height - 1 - y)] = v;
			}
		return { width: w, height: h, data: out };
	}
	const r = (degrees * Math.PI) / 180;
	const c = Math.cos(r);
	const s = Math.sin(r);
	const w = Math.ceil(Math.abs(width * c) + Math.abs(height * s));
	const h = Math.ceil(Math.abs(width * s) + Math.abs(height * c));
	const cx = width / 2;
	const cy = height / 2;
	const ox = w / 2;
	const oy = h / 2;
	const out = new Uint8Array(w * h);
	for (let y = 0; y < h; y++) {
		const dy = y + 0.5 - oy;
		for (let x = 0; x < w; x++) {
			const dx = x + 0.5 - ox;
			// the source of this pixel: turn back (counter-clockwise on screen is clockwise in maths with y down)
			const sx = c * dx - s * dy + cx - 0.5;
			const sy = s * dx + c * dy + cy - 0.5;
			out[y * w + x] = sample(data, width, height, sx, sy, fill);
		}
	}
	return { width: w, height: h, data: out };
}

function sample(
	data: Uint8Array,
	width: number,
	height: number,
	sx: number,
	sy: number,
	fill: number
): number {
	if (sx < -0.5 || sy < -0.5 || sx > width - 0.5 || sy > height - 0.5) return fill;
	const x0 = Math.min(Math.max(Math.floor(sx), 0), width - 1);
	const y0 = Math.min(Math.max(Math.floor(sy), 0), height - 1);
	const x1 = Math.min(x0 + 1, width - 1);
	const y1 = Math.min(y0 + 1, height - 1);
	const fx = Math.min(Math.max(sx - x0, 0), 1);
	const fy = Math.min(Math.max(sy - y0, 0), 1);
	const top = data[y0 * width + x0]! + (data[y0 * width + x1]! - data[y0 * width + x0]!) * fx;
	const bottom = data[y1 * width + x0]! + (data[y1 * width + x1]! - data[y1 * width + x0]!) * fx;
	return top + (bottom - top) * fy + 0.5;
}

/** The label's corners, clockwise from the top left. */
export type Quad = [Point, Point, Point, Point];

/**
 * Finds the label: the largest connected bright region (paper is lighter than what it lies on, by Otsu's
 * threshold on a reduced copy), and its four corners as the region's points farthest towards each corner of
 * the picture. Null when there is no such region, when it fills (nearly) the whole picture (the photo is
 * already of the label alone), or when it is not shaped like a four-cornered sheet (its area is well below
 * that of the quadrilateral of its corners). Works on an upright picture (after rotateExpand).
 */
export function findLabel(image: GrayImage): Quad | null {
	const { small, factor } = reduced(image, 400);
	const { width, height, data } = small;
	const t = otsuThreshold(small);
	const bright = new Uint8Array(width * height);
	for (let i = 0; i < bright.length; i++) bright[i] = data[i]! > t ? 1 : 0;
	// close small gaps (print on the label) so that the paper is one region: the mask's max over a 5×5 window
	const closed = maxFilter({ width, height, data: bright }, 2).data;
	const { labels, sizes } = components(closed, width);
	let biggest = 0;
	for (let k = 1; k < sizes.length; k++) if (sizes[k]! > sizes[biggest]!) biggest = k;
	if (biggest === 0) return null;
	const area = sizes[biggest]!;
	if (area < width * height * 0.15) return null;
	const pick = [
		(x: number, y: number) => -x - y, // top left
		(x: number, y: number) => x - y, // top right
		(x: number, y: number) => x + y, // bottom right
		(x: number, y: number) => -x + y // bottom left
	];
	const best = pick.map(() => ({ v: -Infinity, x: 0, y: 0 }));
	let touches = 0;
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			if (labels[y * width + x] !== biggest) continue;
			if (x === 0 || y === 0 || x === width - 1 || y === height - 1) touches++;
			for (let k = 0; k < 4; k++) {
				const v = pick[k]!(x, y);
				if (v > best[k]!.v) best[k] = { v, x, y };
			}
		}
	// paper running off the picture's edge: its corners are not in the photo
	if (touches > (width + height) * 0.2) return null;
	const quad = best.map((b) => ({ x: (b.x + 0.5) / factor, y: (b.y + 0.5) / factor })) as Quad;
	const quadArea = polygonArea(quad) * factor * factor;
	if (quadArea < width * height * 0.15 || area < quadArea * 0.85) return null;
	return quad;
}

/** 4-connected regions of a mask: a label per pixel (0 for none) and each label's size. */
function components(mask: Uint8Array, width: number): { labels: Int32Array; sizes: number[] } {
	const labels = new Int32Array(mask.length);
	const sizes = [0];
	const stack: number[] = [];
	for (let start = 0; start < mask.length; start++) {
		if (!mask[start] || labels[start]) continue;
		const label = sizes.length;
		let size = 0;
		labels[start] = label;
		stack.push(start);
		while (stack.length) {
			const i = stack.pop()!;
			size++;
			const x = i % width;
			const neighbours = [
				x > 0 ? i - 1 : -1,
				x < width - 1 ? i + 1 : -1,
				i >= width ? i - width : -1,
				i < mask.length - width ? i + width : -1
			];
			for (const j of neighbours)
				if (j >= 0 && mask[j] && !labels[j]) {
					labels[j] = label;
					stack.push(j);
				}
		}
		sizes.push(size);
	}
	return { labels, sizes };
}

/** The area of a simple polygon (shoelace). */
export function polygonArea(points: readonly Point[]): number {
	let sum = 0;
	for (let i = 0; i < points.length; i++) {
		const a = points[i]!;
		const b = points[(i + 1) % points.length]!;
		sum += a.x * b.y - b.x * a.y;
	}
	return Math.abs(sum) / 2;
}

/**
 * The projective transform (3×3, row-major, last entry 1) that takes each `from` corner to the matching `to`
 * corner: the 8 unknowns from the 4 point pairs, by Gaussian elimination with partial pivoting.
 */
export function homography(from: readonly Point[], to: readonly Point[]): number[] {
	const a: number[][] = [];
	for (let i = 0; i < 4; i++) {
		const { x, y } = from[i]!;
		const { x: u, y: v } = to[i]!;
		a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
		a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
	}
	for (let col = 0; col < 8; col++) {
		let pivot = col;
		for (let r = col + 1; r < 8; r++)
			if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
		[a[col], a[pivot]] = [a[pivot]!, a[col]!];
		const p = a[col]![col]!;
		if (Math.abs(p) < 1e-12) throw new Error('the corners are degenerate');
		for (let r = 0; r < 8; r++) {
			if (r === col) continue;
			const f = a[r]![col]! / p;
			if (f) for (let c = col; c < 9; c++) a[r]![c]! -= f * a[col]![c]!;
		}
	}
	const h = a.map((row, i) => row[8]! / row[i]!);
	return [...h, 1];
}

/** Applies a homography to a point. */
export function project(h: readonly number[], p: Point): Point {
	const w = h[6]! * p.x + h[7]! * p.y + h[8]!;
	return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Warps the quadrilateral `quad` (clockwise from the top left) of the picture to an upright rectangle whose
 * sides are the mean lengths of the quadrilateral's opposite sides: the label as if photographed square on.
 */
export function warpQuad(image: GrayImage, quad: Quad, fill = 255): GrayImage {
	const [tl, tr, br, bl] = quad;
	const w = Math.max(1, Math.round((dist(tl, tr) + dist(bl, br)) / 2));
	const h = Math.max(1, Math.round((dist(tl, bl) + dist(tr, br)) / 2));
	const rect: Point[] = [
		{ x: 0, y: 0 },
		{ x: w, y: 0 },
		{ x: w, y: h },
		{ x: 0, y: h }
	];
	// from the rectangle back into the photo, so that every output pixel has a source
	const back = homography(rect, quad);
	const out = new Uint8Array(w * h);
	const { width, height, data } = image;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const p = project(back, { x: x + 0.5, y: y + 0.5 });
			out[y * w + x] = sample(data, width, height, p.x - 0.5, p.y - 0.5, fill);
		}
	return { width: w, height: h, data: out };
}
