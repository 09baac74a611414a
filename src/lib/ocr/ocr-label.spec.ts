/**
 * The label scanner for real: tesseract.js 7 with the chi_sim best_int data from node_modules, in a Node
 * worker thread, through the code path of `npm run ocr:label` (scripts/ocr-label-run.ts). About 10 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOcrLabel, scanFile, type ImageResult } from '../../../scripts/ocr-label-run';
import { sameValue } from '../../../bench/ocr-score';
import { rotateExpand } from './geometry';
import { resizeGray, toGray, type GrayImage } from './image';
import { createNodeLabelWorker, decodeImageBytes, type NodeLabelWorker } from './node';
import { decodePng } from './png';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'labels');
const scratch = mkdtempSync(join(tmpdir(), 'heitu-ocr-test-'));

/** A minimal PNG writer (8-bit gray), for test pictures. */
function encodeGrayPng(image: GrayImage): Uint8Array {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Uint8Array) => {
		let c = 0xffffffff;
		for (const b of bytes) c = crcTable[(c ^ b) & 255]! ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, body: Uint8Array) => {
		const out = Buffer.alloc(12 + body.length);
		out.writeUInt32BE(body.length, 0);
		out.write(type, 4, 'ascii');
		Buffer.from(body).copy(out, 8);
		out.writeUInt32BE(crc(out.subarray(4, 8 + body.length)), 8 + body.length);
		return out;
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(image.width, 0);
	header.writeUInt32BE(image.height, 4);
	header[8] = 8; // bit depth
	header[9] = 0; // gray
	const raw = Buffer.alloc((image.width + 1) * image.height);
	for (let y = 0; y < image.height; y++)
		Buffer.from(image.data.subarray(y * image.width, (y + 1) * image.width)).copy(
			raw,
			y * (image.width + 1) + 1
		);
	return Buffer.concat([
		Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 1 })),
		chunk('IEND', new Uint8Array())
	]);
}

let worker: NodeLabelWorker;
beforeAll(async () => {
	worker = await createNodeLabelWorker();
});
afterAll(async () => {
	await worker?.terminate();
});

function expectMostlyRight(result: ImageResult, expectedFile: string, atLeast: number) {
	const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Record<string, unknown>;
	const wrong = Object.entries(expected)
		.filter(([key, want]) => want !== null && !sameValue(want, result[key]))
		.map(
			([key, want]) =>
				`${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(result[key])}`
		);
	const total = Object.values(expected).filter((v) => v !== null).length;
	expect((total - wrong.length) / total, wrong.join('; ')).toBeGreaterThanOrEqual(atLeast);
	// nothing printed on the label is made up
	for (const [key, want] of Object.entries(expected))
		if (want === null) expect(result[key]).toBeNull();
	return expected;
}

describe('real OCR through the CLI code path', () => {
	it('reads a fertilizer bag and a pesticide bottle', async () => {
		const lines: string[] = [];
		const code = await runOcrLabel(
			[join(FIXTURES, 'fert-05-1.jpg'), join(FIXTURES, 'pest-03-2.jpg')],
			{ out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) }
		);
		expect(code).toBe(0);
		expect(lines).toHaveLength(2);
		const [fert, pest] = lines.map((l) => JSON.parse(l) as ImageResult);
		expect(fert!.kind).toBe('fertilizer');
		expect(fert).toMatchObject({
			npk: '18-46-0',
			totalNutrientPct: 64,
			licenceNo: 'XK13-001-04456',
			productionDate: '2024-11-20'
		});
		expectMostlyRight(fert!, join(FIXTURES, 'fert-05-1.json'), 0.9);
		expect(pest!.kind).toBe('pesticide');
		expect(pest).toMatchObject({
			pesticideRegNo: 'PD20121873',
			toxicity: '低毒',
			phiDays: 14,
			maxApplications: 3
		});
		expectMostlyRight(pest!, join(FIXTURES, 'pest-03-2.json'), 0.9);
		// every field has a confidence between 0 and 1
		for (const r of [fert!, pest!])
			for (const c of Object.values(r.confidence as Record<string, number>)) {
				expect(c).toBeGreaterThanOrEqual(0);
				expect(c).toBeLessThanOrEqual(1);
			}
	}, 30_000);

	it('downscales a 20-megapixel photo before reading it', async () => {
		const decoded = await decodeImageBytes(
			worker,
			new Uint8Array(readFileSync(join(FIXTURES, 'pest-03-2.jpg'))),
			'pest-03-2.jpg'
		);
		const gray = toGray(decoded);
		const big = resizeGray(gray, 5472, Math.round((5472 * gray.height) / gray.width));
		expect(big.width * big.height).toBeGreaterThan(20e6);
		const file = join(scratch, 'huge.png');
		writeFileSync(file, encodeGrayPng(big));
		const result = await scanFile(worker, file);
		expect(result.error).toBeUndefined();
		expect(result.pesticideRegNo).toBe('PD20121873');
		expect(result.seconds as number).toBeLessThan(15);
	}, 30_000);

	it('reads a label photographed upside down or on its side', async () => {
		const decoded = await decodeImageBytes(
			worker,
			new Uint8Array(readFileSync(join(FIXTURES, 'fert-05-1.jpg'))),
			'fert-05-1.jpg'
		);
		for (const turn of [180, 90]) {
			const file = join(scratch, `turned-${turn}.png`);
			writeFileSync(file, encodeGrayPng(rotateExpand(toGray(decoded), turn)));
			const result = await scanFile(worker, file);
			expect(result.error).toBeUndefined();
			expect(result).toMatchObject({ kind: 'fertilizer', licenceNo: 'XK13-001-04456' });
			expectMostlyRight(result, join(FIXTURES, 'fert-05-1.json'), 0.9);
		}
	}, 60_000);

	it('says so when a picture has no label on it', async () => {
		const noise = new Uint8Array(640 * 480);
		for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251 > 125 ? 250 : 10;
		const file = join(scratch, 'noise.png');
		writeFileSync(file, encodeGrayPng({ width: 640, height: 480, data: noise }));
		expect(decodePng(new Uint8Array(readFileSync(file)), () => new Uint8Array()).width).toBe(640);
		const result = await scanFile(worker, file);
		expect(result.error).toMatch(/no fertilizer, pesticide or seed label/);
	}, 30_000);
});

describe('bad input to npm run ocr:label', () => {
	it('names the file and exits non-zero for a non-image, an empty, a blank and a missing file', () => {
		const notImage = join(scratch, 'notes.jpg');
		writeFileSync(notImage, 'this is text, not a photo');
		const emptyFile = join(scratch, 'empty.jpg');
		writeFileSync(emptyFile, '');
		const blank = join(scratch, 'blank.png');
		writeFileSync(
			blank,
			encodeGrayPng({ width: 300, height: 200, data: new Uint8Array(300 * 200).fill(200) })
		);
		const missing = join(scratch, 'missing.jpg');
		const run = spawnSync(
			process.execPath,
			[
				'--import',
				'tsx',
				join(ROOT, 'scripts', 'ocr-label.ts'),
				notImage,
				emptyFile,
				blank,
				missing
			],
			{ encoding: 'utf8', cwd: ROOT }
		);
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(`${notImage}: not an image`);
		expect(run.stderr).toContain(`${emptyFile}: the file is empty`);
		expect(run.stderr).toContain(`${blank}: the picture is one flat colour`);
		expect(run.stderr).toContain(`${missing}: no such file`);
		const out = run.stdout
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as ImageResult);
		expect(out.map((o) => o.file)).toEqual([notImage, emptyFile, blank, missing]);
		expect(out.every((o) => typeof o.error === 'string')).toBe(true);
	}, 30_000);

	it('prints its usage and exits 2 without images', () => {
		const run = spawnSync(
			process.execPath,
			['--import', 'tsx', join(ROOT, 'scripts', 'ocr-label.ts')],
			{
				encoding: 'utf8',
				cwd: ROOT
			}
		);
		expect(run.status).toBe(2);
		expect(run.stderr).toMatch(/usage: npm run ocr:label/);
	}, 30_000);
});
