import { describe, expect, it } from 'vitest';
import { balanceProblems, nutrientBalance, type BalanceInput } from './fertilizer';

// the worked example of the lesson "养分平衡法" (content/fertilization/nutrient-balance): maize, 600 kg/亩,
// soil N 160 mg/kg, correction 0.5, urea (46 % N) at 30 % efficiency → about 25 kg urea per 亩
const maize: BalanceInput = {
	crop: 'maize',
	nutrient: 'N',
	targetYield: 600,
	soilTest: 160,
	correction: 0.5,
	content: 0.46,
	efficiency: 0.3
};

describe('nutrient-balance fertilizer rate', () => {
	it('works the lesson example step by step', () => {
		const r = nutrientBalance(maize);
		expect(r.need).toBeCloseTo(15.42, 2);
		expect(r.soilSupply).toBeCloseTo(12, 5);
		expect(r.gap).toBeCloseTo(3.42, 2);
		expect(r.rate).toBeCloseTo(24.78, 1);
		// and the lesson's quiz: the same with a soil test of 140 mg/kg → 35.7 kg
		expect(nutrientBalance({ ...maize, soilTest: 140 }).rate).toBeCloseTo(35.7, 1);
	});

	it('counts only a third of soybean nitrogen, and never asks for a negative rate', () => {
		const soy = nutrientBalance({ ...maize, crop: 'soybean', targetYield: 200, soilTest: 20 });
		expect(soy.need).toBeCloseTo((2 * 7.2) / 3, 5);
		expect(nutrientBalance({ ...maize, soilTest: 400 }).rate).toBe(0);
	});

	it('names inputs out of any sensible range', () => {
		expect(balanceProblems(maize)).toEqual([]);
		expect(
			balanceProblems({ ...maize, targetYield: 0, content: 46, efficiency: Number.NaN })
		).toEqual(['yield', 'content', 'efficiency']);
	});
});
