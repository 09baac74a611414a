import { describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE } from '../domain/label-review';
import { NotALabelError, recognizeLabel, type LabelOcrWorker } from './recognize';

/** A worker that "reads" the given text on every pass (no tesseract). */
const reading = (text: string): LabelOcrWorker => ({
	recognize: () => Promise.resolve({ data: { text, confidence: 80 } }),
	setParameters: () => Promise.resolve({})
});

/** A gray picture with a little dark print, enough for preprocessing to accept it. */
function picture() {
	const data = new Uint8Array(200 * 100).fill(230);
	for (let y = 40; y < 60; y++)
		for (let x = 20; x < 180; x++) if (x % 12 < 7) data[y * 200 + x] = 20;
	return { width: 200, height: 100, data };
}

async function notALabel(text: string): Promise<NotALabelError> {
	const error = await recognizeLabel(reading(text), picture()).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NotALabelError);
	return error as NotALabelError;
}

describe('NotALabelError', () => {
	it('carries the fields that could be read when the kind of label was not found, each marked unsure', async () => {
		const error = await notALabel('净含量：40千克\n生产日期：2025年03月12日');
		const read = Object.entries(error.parsed?.fields ?? {}).filter(([, f]) => f.value !== null);
		expect(read.map(([key]) => key).sort()).toEqual(['netContent', 'productionDate']);
		for (const [, f] of read) expect(f.confidence).toBeLessThan(LOW_CONFIDENCE);
		expect(error.parsed?.kindConfidence).toBe(0);
	});

	it('carries nothing when nothing of a label was read', async () => {
		expect((await notALabel('今天天气很好')).parsed).toBeNull();
	});
});
