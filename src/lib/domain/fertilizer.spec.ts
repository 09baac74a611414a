import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	bagsFor,
	COMMON_PRODUCTS,
	defaultNutrients,
	fertilizerRates,
	harvestsByYear,
	NUTRIENTS,
	planProducts,
	plannedFertilizing,
	rateProblems,
	splitPlan,
	supplierFor,
	targetFromPast,
	type Product,
	type RateInput
} from './fertilizer';

const product = (key: string): Product => {
	const p = COMMON_PRODUCTS.find((c) => c.key === key);
	if (!p) throw new Error(key);
	return { id: p.id, name: key, npk: p.npk, bagKg: p.bagKg };
};
const urea = product('urea');
const dap = product('dap');
const kcl = product('kcl');
const npk15 = product('npk15');
const commons = COMMON_PRODUCTS.map((c) => product(c.key));

// the worked example of the lesson "养分平衡法" (content/fertilization/nutrient-balance): maize, 600 kg/亩,
// soil N 160 mg/kg, correction 0.5, urea (46 % N) at 30 % efficiency → about 25 kg urea per 亩
function lessonInput(over: Partial<RateInput> = {}): RateInput {
	const nutrients = defaultNutrients('maize');
	nutrients.N = { ...nutrients.N, soilTest: 160, correction: 0.5, efficiency: 0.3 };
	return {
		crop: 'maize',
		method: 'balance',
		unit: 'mu',
		targetYield: 600,
		blankYield: 0,
		legumeShare: 1,
		nutrients,
		...over
	};
}
const withSoil = (input: RateInput, n: 'N' | 'P2O5' | 'K2O', soilTest: number): RateInput => ({
	...input,
	nutrients: { ...input.nutrients, [n]: { ...input.nutrients[n], soilTest } }
});

describe('nutrient-balance method', () => {
	it('works the lesson example step by step, down to kg of urea', () => {
		const r = fertilizerRates(lessonInput()).N;
		expect(r?.need).toBeCloseTo(15.42, 2);
		expect(r?.soilSupply).toBeCloseTo(12, 5);
		expect(r?.gap).toBeCloseTo(3.42, 2);
		expect(r?.apply).toBeCloseTo(11.4, 2);
		expect(planProducts({ N: r?.apply }, [urea]).lines[0]?.kg).toBeCloseTo(24.78, 1);
		// and the lesson's quiz: the same with a soil test of 140 mg/kg → 35.7 kg
		const quiz = fertilizerRates(withSoil(lessonInput(), 'N', 140)).N;
		expect(planProducts({ N: quiz?.apply }, [urea]).lines[0]?.kg).toBeCloseTo(35.7, 1);
	});

	it('gives fifteen times the per-亩 figures per hectare, with the 2.25 soil factor', () => {
		const ha = fertilizerRates(lessonInput({ unit: 'ha', targetYield: 9000 })).N;
		expect(ha?.soilSupply).toBeCloseTo(160 * 2.25 * 0.5, 5);
		expect(ha?.apply).toBeCloseTo(11.4 * 15, 1);
	});

	it('skips a nutrient without a soil test, and counts soil P and K once (the correction carries P→P2O5)', () => {
		const r = fertilizerRates(withSoil(withSoil(lessonInput(), 'P2O5', 20), 'K2O', 150));
		// Olsen P 20 mg/kg × 0.15 × 0.5 = 1.5 kg P2O5 per 亩: the 校正系数 (no-fertilizer uptake as P2O5 ÷ (soil
		// test × 0.15), facts.md §1) already turns soil P into the crop's P2O5, so no second ÷ 0.436 (issue 21)
		expect(r.P2O5?.soilSupply).toBeCloseTo(1.5, 5);
		// 600 kg × 0.86 / 100 = 5.16 kg P2O5 needed; gap 3.66 at 15 % → 24.4 kg P2O5
		expect(r.P2O5?.apply).toBeCloseTo(24.4, 1);
		// K 150 × 0.15 × 0.5 = 11.25 kg K2O against 12.84 needed: gap 1.59 at 45 % → 3.5 kg K2O
		expect(r.K2O?.soilSupply).toBeCloseTo(11.25, 5);
		expect(r.K2O?.apply).toBeCloseTo(3.53, 2);
		expect(fertilizerRates(lessonInput()).P2O5).toBeNull();
	});

	it('takes the soybean legume share off the fertilizer N, never off the need, and never off P or K', () => {
		// soybean 200 kg/亩 on 碱解氮 150: need 14.4 kg N, soil 11.25, gap 3.15 ÷ 30 % = 10.5, a third: 3.5 kg N
		// (the share on the calculated N, as the facts' peanut example does; before issue 21 the share cut the
		// need to 4.8 kg, below the soil's 11.25, and the answer was 0)
		const nutrients = defaultNutrients('soybean');
		nutrients.N.soilTest = 150;
		nutrients.P2O5.soilTest = 20;
		const soy = fertilizerRates({
			...lessonInput(),
			crop: 'soybean',
			targetYield: 200,
			legumeShare: 1 / 3,
			nutrients
		});
		expect(soy.N?.need).toBeCloseTo(14.4, 5);
		expect(soy.N?.apply).toBeCloseTo(3.5, 5);
		expect(soy.N?.legume).toBe(true);
		// P2O5: 200 × 1.8 / 100 = 3.6 − 1.5 = 2.1 ÷ 15 % = 14 kg, not cut by the legume share
		expect(soy.P2O5?.apply).toBeCloseTo(14, 5);
		expect(soy.P2O5?.legume).toBe(false);
		expect(fertilizerRates(lessonInput()).N?.legume).toBe(false);
	});
});

describe('yield-difference method', () => {
	it('fertilizes the yield the soil alone does not give', () => {
		// maize, target 600 kg/亩, no-fertilizer plot 400 kg/亩: (600 − 400) × 2.57 / 100 = 5.14 kg N;
		// at 30 % that is 17.13 kg N, or 37.2 kg of urea (formula: petseason.cn/news_info/830.html)
		const r = fertilizerRates(lessonInput({ method: 'yieldDifference', blankYield: 400 }));
		expect(r.N?.gap).toBeCloseTo(5.14, 2);
		expect(r.N?.apply).toBeCloseTo(17.13, 2);
		expect(planProducts({ N: r.N?.apply }, [urea]).lines[0]?.kg).toBeCloseTo(37.25, 1);
		// no soil test is needed: every nutrient is worked out
		expect(r.K2O?.gap).toBeCloseTo(2 * 2.14, 5);
	});
});

describe('bad numbers', () => {
	it('names each number out of range with the range, in the units shown', () => {
		expect(rateProblems(lessonInput())).toEqual([]);
		const bad = lessonInput({ targetYield: -5 });
		bad.nutrients.N.efficiency = 1.2;
		expect(rateProblems(bad)).toEqual([
			{ field: 'targetYield', min: 1, max: 6000 },
			{ field: 'efficiency.N', min: 1, max: 100 }
		]);
		expect(
			rateProblems(withSoil(lessonInput({ unit: 'ha', targetYield: 9000 }), 'P2O5', 900))
		).toEqual([{ field: 'soil.P2O5', min: 0, max: 500 }]);
		expect(rateProblems(lessonInput({ targetYield: Number.NaN }))[0]?.field).toBe('targetYield');
	});

	it('refuses a no-fertilizer plot that yields as much as the target', () => {
		expect(rateProblems(lessonInput({ method: 'yieldDifference', blankYield: 600 }))).toEqual([
			{ field: 'blankYield', min: 0, max: 600, reason: 'blank-not-below-target' }
		]);
	});
});

describe('product plan', () => {
	it('mixes straight fertilizers to meet each nutrient exactly', () => {
		const plan = planProducts({ N: 11.4, P2O5: 10, K2O: 5 }, [urea, dap, kcl]);
		const kg = Object.fromEntries(plan.lines.map((l) => [l.product.name, l.kg]));
		expect(kg.dap).toBeCloseTo(10 / 0.46, 3);
		expect(kg.urea).toBeCloseTo((11.4 - (10 / 0.46) * 0.18) / 0.46, 3);
		expect(kg.kcl).toBeCloseTo(5 / 0.6, 3);
		for (const n of NUTRIENTS) expect(plan.balance[n]).toBeCloseTo(0, 6);
		expect(plan.short).toEqual([]);
	});

	it('with a compound alone, meets the largest need and shows the surplus of the others', () => {
		const plan = planProducts({ N: 10, P2O5: 5, K2O: 5 }, [npk15]);
		expect(plan.lines[0]?.kg).toBeCloseTo(66.67, 2);
		expect(plan.balance.N).toBeCloseTo(0, 6);
		expect(plan.balance.P2O5).toBeCloseTo(5, 6);
		expect(plan.balance.K2O).toBeCloseTo(5, 6);
	});

	it('says which nutrient is missing and which product would supply it', () => {
		const plan = planProducts({ N: 10, P2O5: 5 }, [urea]);
		expect(plan.short).toEqual(['P2O5']);
		expect(plan.balance.P2O5).toBeCloseTo(-5, 6);
		expect(supplierFor('P2O5', commons)?.name).toBe('dap');
		expect(supplierFor('K2O', commons)?.name).toBe('kcl');
		expect(supplierFor('K2O', [urea, dap])).toBeNull();
	});

	it('counts bags up to the next whole bag', () => {
		expect(bagsFor(24.8, 20, 40)).toBe(13); // 496 kg
		expect(bagsFor(20, 10, 50)).toBe(4);
		expect(bagsFor(0, 10, 50)).toBe(0);
	});

	it('splits the N for topdressing off the straight N product', () => {
		// maize: 39 % of 11.4 kg N = 4.446 kg N as urea = 9.67 kg urea later
		const plan = planProducts({ N: 11.4, P2O5: 10 }, [urea, dap]);
		const split = splitPlan(plan, 11.4, 0.39);
		expect(split.topdress).toHaveLength(1);
		const top = split.topdress[0]?.kg ?? 0;
		expect(split.topdress[0]?.product.name).toBe('urea');
		expect(top).toBeCloseTo(4.446 / 0.46, 3);
		const basalUrea = split.basal.find((l) => l.product.name === 'urea')?.kg ?? 0;
		expect(basalUrea + top).toBeCloseTo(
			plan.lines.find((l) => l.product.name === 'urea')?.kg ?? 0,
			6
		);
		expect(splitPlan(planProducts({ N: 10 }, [npk15]), 10, 0.39).noStraightN).toBe(true);
	});
});

describe('the plan as records', () => {
	it('makes one planned record per product and timing, per 亩, and leaves out what rounds to nothing', () => {
		// DAP 10 ÷ 0.46 = 21.7 kg; urea (11.4 − 21.74 × 0.18) ÷ 0.46 = 16.3 kg, of which 39 % of the N (9.7 kg) later
		const plan = planProducts({ N: 11.4, P2O5: 10 }, [urea, dap]);
		const split = splitPlan(plan, 11.4, 0.39);
		const when = { basal: { at: 1, notes: 'basal' }, topdress: { at: 2, notes: 'top' } };
		const drafts = plannedFertilizing(split, 'mu', 'f1', when);
		expect(drafts.map((d) => [d.at, d.details.product, d.details.rate])).toEqual([
			[1, urea.id, { value: 6.6, unit: 'kgPerMu' }],
			[1, dap.id, { value: 21.7, unit: 'kgPerMu' }],
			[2, urea.id, { value: 9.7, unit: 'kgPerMu' }]
		]);
		expect(drafts.every((d) => d.status === 'planned' && d.type === 'fertilizing')).toBe(true);
		// per ha: the same rates per 亩
		const perHa = planProducts({ N: 11.4 * 15, P2O5: 150 }, [urea, dap]);
		const haDrafts = plannedFertilizing(splitPlan(perHa, 11.4 * 15, 0.39), 'ha', 'f1', when);
		expect(haDrafts.map((d) => d.details.rate)).toEqual(drafts.map((d) => d.details.rate));
		const tiny = planProducts({ N: 0.01 }, [urea]);
		expect(plannedFertilizing(splitPlan(tiny, 0.01, 0), 'mu', 'f1', when)).toEqual([]);
	});
});

describe('target yield', () => {
	it('is the last three years’ average times the factor (the lesson: 500 × 1.2 = 600)', () => {
		expect(targetFromPast([480, 500, 520], 1.2)).toBeCloseTo(600, 6);
		expect(targetFromPast([300, 480, 500, 520], 1.2)).toBeCloseTo(600, 6);
		expect(targetFromPast([], 1.2)).toBeNull();
	});

	it('adds up a field’s harvests by year', () => {
		expect(
			harvestsByYear([
				{ year: '2025', kg: 6000 },
				{ year: '2024', kg: 5000 },
				{ year: '2025', kg: 1000 }
			])
		).toEqual([
			{ year: '2024', kg: 5000 },
			{ year: '2025', kg: 7000 }
		]);
	});
});

describe('properties', () => {
	const inputs = fc.record({
		crop: fc.constantFrom('maize', 'soybean', 'rice', 'springWheat', 'potato' as const),
		method: fc.constantFrom('balance', 'yieldDifference' as const),
		unit: fc.constantFrom('mu', 'ha' as const),
		targetYield: fc.double({ min: 1, max: 5000, noNaN: true }),
		blank: fc.double({ min: 0, max: 1, noNaN: true }),
		soil: fc.tuple(
			fc.double({ min: 0, max: 1000, noNaN: true }),
			fc.double({ min: 0, max: 500, noNaN: true }),
			fc.double({ min: 0, max: 2000, noNaN: true })
		),
		correction: fc.double({ min: 0, max: 2, noNaN: true }),
		efficiency: fc.double({ min: 0.01, max: 1, noNaN: true })
	});
	const toInput = (v: {
		crop: 'maize' | 'soybean' | 'rice' | 'springWheat' | 'potato';
		method: 'balance' | 'yieldDifference';
		unit: 'mu' | 'ha';
		targetYield: number;
		blank: number;
		soil: [number, number, number];
		correction: number;
		efficiency: number;
	}): RateInput => {
		const nutrients = defaultNutrients(v.crop);
		NUTRIENTS.forEach((n, k) => {
			nutrients[n] = {
				...nutrients[n],
				soilTest: v.soil[k] ?? null,
				correction: v.correction,
				efficiency: v.efficiency
			};
		});
		return {
			crop: v.crop,
			method: v.method,
			unit: v.unit,
			targetYield: v.targetYield,
			blankYield: v.targetYield * v.blank * 0.99,
			legumeShare: v.crop === 'soybean' ? 1 / 3 : 1,
			nutrients
		};
	};

	it('more target yield never gives less fertilizer', () => {
		fc.assert(
			fc.property(inputs, fc.double({ min: 0, max: 3000, noNaN: true }), (v, more) => {
				const low = fertilizerRates(toInput(v));
				const high = fertilizerRates({ ...toInput(v), targetYield: v.targetYield + more });
				for (const n of NUTRIENTS)
					expect(high[n]?.apply ?? 0).toBeGreaterThanOrEqual(low[n]?.apply ?? 0);
			})
		);
	});

	it('a product plan is never negative, and with a source of each nutrient never falls short', () => {
		const want = fc.double({ min: 0, max: 300, noNaN: true });
		const anyProduct = fc
			.tuple(
				fc.integer({ min: 0, max: 60 }),
				fc.integer({ min: 0, max: 60 }),
				fc.integer({ min: 0, max: 60 })
			)
			.map(([n, p, k]): Product => ({
				id: `${n}-${p}-${k}`,
				name: `${n}-${p}-${k}`,
				npk: [n, p, k],
				bagKg: 50
			}));
		fc.assert(
			fc.property(want, want, want, fc.array(anyProduct, { maxLength: 6 }), (n, p, k, chosen) => {
				const plan = planProducts({ N: n, P2O5: p, K2O: k }, chosen);
				for (const line of plan.lines) expect(line.kg).toBeGreaterThan(0);
				for (const nutrient of NUTRIENTS) expect(plan.supplied[nutrient]).toBeGreaterThanOrEqual(0);
				const full = planProducts({ N: n, P2O5: p, K2O: k }, [...chosen, urea, dap, kcl]);
				expect(full.short).toEqual([]);
			})
		);
	});
});
