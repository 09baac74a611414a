import { describe, expect, it } from 'vitest';
import { cleanInput, parseNpk, validateInput, type FarmInputDraft } from './farm-inputs';

const input = (over: Partial<FarmInputDraft>): FarmInputDraft => ({
	kind: 'fertilizer',
	name: '复合肥',
	registrationNo: '',
	npk: '',
	activeIngredient: '',
	preHarvestDays: null,
	maxApplications: null,
	notes: '',
	...over
});

describe('inputs inventory', () => {
	it('reads NPK grades as typed, full-width included', () => {
		expect(parseNpk('15-15-15')).toEqual([15, 15, 15]);
		expect(parseNpk('４６－０－０')).toEqual([46, 0, 0]);
		expect(parseNpk('15/15/15')).toBeNull();
	});

	it('accepts real pesticide registrations and refuses others', () => {
		const pesticide = (registrationNo: string) =>
			validateInput(input({ kind: 'pesticide', name: '烟嘧磺隆', registrationNo }));
		expect(pesticide('PD20080005')).toEqual({});
		expect(pesticide('pd 2008 0005')).toEqual({});
		expect(pesticide('')).toEqual({});
		expect(pesticide('20080005')).toEqual({ registrationNo: 'registration-format' });
	});

	it('needs a name, a sane NPK and whole numbers of days and sprays', () => {
		expect(validateInput(input({ name: ' ' }))).toEqual({ name: 'required' });
		expect(validateInput(input({ npk: '46-46-46' }))).toEqual({ npk: 'npk-total' });
		expect(validateInput(input({ npk: 'abc' }))).toEqual({ npk: 'npk-format' });
		expect(
			validateInput(input({ kind: 'pesticide', preHarvestDays: 7.5, maxApplications: 0 }))
		).toEqual({ preHarvestDays: 'whole-days', maxApplications: 'whole-times' });
	});

	it('keeps only what applies to the kind', () => {
		expect(
			cleanInput(input({ kind: 'seed', name: ' 黑河43 ', npk: '15-15-15', preHarvestDays: 21 }))
		).toMatchObject({ name: '黑河43', npk: '', preHarvestDays: null });
		expect(
			cleanInput(input({ kind: 'pesticide', registrationNo: 'pd20080005', preHarvestDays: 21 }))
		).toMatchObject({ registrationNo: 'PD20080005', preHarvestDays: 21 });
	});
});
