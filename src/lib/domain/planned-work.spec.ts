import { describe, expect, it } from 'vitest';
import type { LogDetails } from './field-logs';
import { jobLine } from './planned-work';

const names = {
	fields: new Map([
		['f1', '东大地'],
		['f2', '河边地']
	]),
	inputs: new Map([
		['urea', '尿素'],
		['dap', '磷酸二铵'],
		['nico', '烟嘧磺隆']
	])
};
const at = Date.UTC(2026, 4, 12);

describe('a planned job, told apart from the others', () => {
	it('names the product and the field of three fertilizings', () => {
		const plans: { fieldId: string; details: LogDetails }[] = [
			{ fieldId: 'f1', details: { product: 'urea', rate: { value: 15, unit: 'kgPerMu' } } },
			{ fieldId: 'f1', details: { product: 'dap' } },
			{ fieldId: 'f2', details: { product: 'urea' } }
		];
		const lines = plans.map((l) => jobLine({ type: 'fertilizing', at, ...l }, names));
		expect(lines.map((l) => [l.what, l.field])).toEqual([
			['尿素', '东大地'],
			['磷酸二铵', '东大地'],
			['尿素', '河边地']
		]);
		expect(new Set(lines.map((l) => `${l.what}|${l.field}`)).size).toBe(3);
	});

	it('says what a sowing or a spraying is about, and leaves out what it does not know', () => {
		expect(
			jobLine(
				{ type: 'sowing', fieldId: 'f2', at, details: { crop: '大豆', variety: '黑河43' } },
				names
			)
		).toEqual({ type: 'sowing', what: '大豆 黑河43', field: '河边地', at });
		// the product, not the pest, says which spraying it is
		expect(
			jobLine(
				{ type: 'spraying', fieldId: null, at, details: { product: 'nico', target: '杂草' } },
				names
			)
		).toMatchObject({ what: '烟嘧磺隆', field: null });
		// a product or field deleted since: no name rather than an id
		expect(
			jobLine({ type: 'fertilizing', fieldId: 'gone', at, details: { product: 'gone' } }, names)
		).toMatchObject({ what: null, field: null });
		expect(jobLine({ type: 'irrigation', fieldId: 'f1', at }, names)).toMatchObject({
			what: null,
			field: '东大地'
		});
		expect(jobLine({ type: 'unknown-kind', fieldId: null, at }, names).what).toBeNull();
	});
});
