import { describe, expect, it } from 'vitest';
import {
	inputFromLabel,
	labelUpdate,
	readFew,
	reviewFieldsOf,
	sameItem,
	type ReviewFields
} from './label-review';
import { validateInput } from './farm-inputs';

const read = (values: Record<string, string>): ReviewFields =>
	Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value, confidence: 0.9 }]));

describe('from a reviewed label to an inventory item', () => {
	it('keeps a fertilizer bag’s grade and registration, and the rest of the label in the notes', () => {
		// ../shared/fixtures/labels/fert-01-1.json
		const item = inputFromLabel(
			'fertilizer',
			read({
				productName: '复合肥料',
				npk: '15-15-15',
				totalNutrientPct: '45',
				chlorine: 'low',
				fertilizerRegNo: '黑农肥(2021)准字0412号',
				licenceNo: 'XK13-001-03321',
				netContent: '40kg',
				manufacturer: '黑龙江丰垦肥业有限公司',
				productionDate: '2025-03-12',
				batch: '20250312A',
				pesticideRegNo: 'PD20080005'
			})
		);
		expect(item).toMatchObject({
			kind: 'fertilizer',
			name: '复合肥料',
			npk: '15-15-15',
			registrationNo: '黑农肥(2021)准字0412号',
			preHarvestDays: null
		});
		expect(item.notes.split('\n')).toEqual([
			'总养分（%）：45',
			'氯离子：含氯（低氯）',
			'生产许可证号：XK13-001-03321',
			'净含量：40kg',
			'生产企业：黑龙江丰垦肥业有限公司',
			'生产日期：2025-03-12',
			'批号：20250312A'
		]);
		expect(validateInput(item)).toEqual({});
	});

	it('keeps a pesticide’s interval, maximum and toxicity where the spray checks use them', () => {
		const item = inputFromLabel(
			'pesticide',
			read({
				productName: '噻嗪酮',
				pesticideRegNo: 'PD20080005',
				activeIngredient: '噻嗪酮',
				content: '25%',
				formulation: '可湿性粉剂',
				toxicity: '低毒',
				phiDays: '14',
				maxApplications: '2'
			}),
			'放在仓库左边'
		);
		expect(item).toMatchObject({
			kind: 'pesticide',
			registrationNo: 'PD20080005',
			activeIngredient: '噻嗪酮 25%',
			toxicity: 'low',
			preHarvestDays: 14,
			maxApplications: 2,
			notes: '放在仓库左边\n剂型：可湿性粉剂'
		});
		expect(validateInput(item)).toEqual({});
	});

	it('refuses a number it cannot read rather than guess or save the item without it', () => {
		const item = inputFromLabel(
			'pesticide',
			read({ productName: 'x', phiDays: '1O', maxApplications: '' })
		);
		// "1O" (a letter O read for 0) is not left out: the farmer is asked at the box to mend it
		expect(item.preHarvestDays).toBeNaN();
		expect(validateInput(item)).toEqual({ preHarvestDays: 'whole-days' });
		// a box left blank is not on the label
		expect(item.maxApplications).toBeNull();
		const mended = inputFromLabel('pesticide', read({ productName: 'x', phiDays: '１０' }));
		expect(mended.preHarvestDays).toBe(10);
	});

	it('finds the item already in the inventory by registration number, or by name when it has none', () => {
		const items = [
			{
				...inputFromLabel(
					'pesticide',
					read({ productName: '旧名字', pesticideRegNo: 'pd 20080005' })
				),
				id: 'a'
			},
			{ ...inputFromLabel('fertilizer', read({ productName: '尿素' })), id: 'b' }
		];
		const scanned = inputFromLabel(
			'pesticide',
			read({ productName: '噻嗪酮', pesticideRegNo: 'PD20080005' })
		);
		expect(sameItem(scanned, items)?.id).toBe('a');
		expect(sameItem(inputFromLabel('fertilizer', read({ productName: '尿素' })), items)?.id).toBe(
			'b'
		);
		expect(sameItem(inputFromLabel('fertilizer', read({ productName: '二铵' })), items)).toBeNull();
	});
});

describe('the scanner’s result on the review screen', () => {
	it('shows every value found as text, keeps its confidence, and leaves what was not found empty', async () => {
		const { parseLabel } = await import('./label-parser');
		const parsed = parseLabel(
			'产品名称：复合肥料\n养分含量：N-P2O5-K2O 15-15-15\n总养分≥45%\n肥料登记证号：黑农肥(2021)准字0412号'
		);
		const fields = reviewFieldsOf(parsed);
		expect(fields.npk?.value).toBe('15-15-15');
		expect(fields.totalNutrientPct?.value).toBe('45');
		expect(fields.npk?.confidence).toBeGreaterThan(0);
		expect(fields.batch).toBeUndefined();
	});
});

describe('updating an item from a label', () => {
	it('changes only what the label gave, and adds the photo once', () => {
		const values = inputFromLabel('pesticide', read({ productName: '噻嗪酮', phiDays: '14' }));
		const changes = labelUpdate(values, ['old'], 'new');
		expect(changes).toMatchObject({ name: '噻嗪酮', preHarvestDays: 14, photos: ['old', 'new'] });
		expect(changes).not.toHaveProperty('registrationNo');
		expect(changes).not.toHaveProperty('maxApplications');
		expect(labelUpdate(values, ['new'], 'new').photos).toEqual(['new']);
	});
});

describe('a scan that read only a few fields', () => {
	const five = {
		productName: '除草剂',
		pesticideRegNo: 'PD20080005',
		activeIngredient: '草甘膦',
		content: '30%',
		formulation: '水剂'
	};
	const pesticide = { ...five, toxicity: '低毒' };
	it('is one that read fewer than half the fields its kind prints', () => {
		expect(readFew('pesticide', read(pesticide))).toBe(false);
		expect(readFew('pesticide', read(five))).toBe(true);
		expect(readFew('seed', read({ productName: '玉米种子', batch: 'A1', netContent: '5kg' }))).toBe(
			false
		);
	});

	it('counts only the fields of that kind, and only filled ones', () => {
		expect(readFew('pesticide', read({ ...five, npk: '15-15-15', chlorine: 'low' }))).toBe(true);
		expect(readFew('pesticide', read({ ...five, toxicity: ' ' }))).toBe(true);
	});
});
