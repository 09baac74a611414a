import { describe, expect, it } from 'vitest';
import {
	cleanInput,
	COLOUR_BANDS,
	parseNpk,
	PESTICIDE_CATEGORIES,
	validateInput,
	type FarmInputDraft,
	type PesticideCategory,
	type ToxicityClass
} from './farm-inputs';

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

	it('keeps a pesticide’s category and toxicity class from its label, and refuses made-up ones', () => {
		const pesticide = input({ kind: 'pesticide', name: '噻嗪酮', preHarvestDays: 14 });
		expect(validateInput({ ...pesticide, category: 'insecticide', toxicity: 'low' })).toEqual({});
		// items saved before these were asked load without them
		expect(validateInput(pesticide)).toEqual({});
		expect(
			validateInput({
				...pesticide,
				category: 'poison' as PesticideCategory,
				toxicity: 'mild' as ToxicityClass
			})
		).toEqual({ category: 'not-an-option', toxicity: 'not-an-option' });
		expect(cleanInput({ ...pesticide, category: 'insecticide', toxicity: 'low' })).toMatchObject({
			category: 'insecticide',
			toxicity: 'low'
		});
		expect(cleanInput(pesticide)).toMatchObject({ category: null, toxicity: null });
		expect(
			cleanInput({ ...pesticide, kind: 'fertilizer', category: 'herbicide', toxicity: 'high' })
		).toMatchObject({ category: null, toxicity: null });
	});

	it('has a colour band for every category, readable with its word on it', () => {
		// WCAG 2.1 relative luminance and contrast ratio
		const luminance = (hex: string) => {
			const [r, g, b] = [1, 3, 5].map((i) => {
				const c = parseInt(hex.slice(i, i + 2), 16) / 255;
				return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
		};
		for (const category of PESTICIDE_CATEGORIES) {
			const { band, ink } = COLOUR_BANDS[category];
			const [hi, lo] = [luminance(band), luminance(ink)].sort((a, b) => b - a);
			expect((hi! + 0.05) / (lo! + 0.05), category).toBeGreaterThanOrEqual(4.5);
		}
	});
});
