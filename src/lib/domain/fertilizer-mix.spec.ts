import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_PRODUCTS, NUTRIENTS, type Nutrient, type Product } from './fertilizer';
import {
	allowance,
	cheapestMix,
	defaultChoice,
	defaultPricePerKg,
	guessPricePerKg,
	planChosen,
	pricePerKg
} from './fertilizer-mix';

const common = (key: string): Product => {
	const p = COMMON_PRODUCTS.find((c) => c.key === key);
	if (!p) throw new Error(key);
	return { id: p.id, name: key, npk: p.npk, bagKg: p.bagKg };
};
const urea = common('urea');
const dap = common('dap');
const kcl = common('kcl');
/** The farmer's own 15-15-15, from the inventory. */
const own15: Product = { id: 'inv-1', name: '复合肥', npk: [15, 15, 15], bagKg: 50 };
const byDefault = (p: Product) => defaultPricePerKg(p);
const kgOf = (plan: { lines: { product: Product; kg: number }[] }) =>
	Object.fromEntries(plan.lines.map((l) => [l.product.id, Math.round(l.kg * 10) / 10]));

describe('prices', () => {
	it('takes the ministry’s 2018 averages for urea, DAP, potassium chloride and compound fertilizer', () => {
		expect(defaultPricePerKg(urea)).toBe(1.92);
		expect(defaultPricePerKg(dap)).toBe(2.7);
		expect(defaultPricePerKg(kcl)).toBe(2.2);
		expect(defaultPricePerKg(common('npk15'))).toBe(2.5);
	});
	it('guesses any other product’s price from its total nutrient, like the average compound', () => {
		expect(guessPricePerKg([15, 15, 15])).toBeCloseTo(2.5, 6);
		expect(guessPricePerKg([14, 18, 13])).toBeCloseTo(2.5, 6);
		expect(defaultPricePerKg(own15)).toBeCloseTo(2.5, 6);
		expect(defaultPricePerKg(common('as'))).toBeCloseTo((2.5 * 21) / 45, 6);
	});
	it('turns a price per bag into a price per kg', () => {
		expect(pricePerKg(100, 40)).toBe(2.5);
	});
});

describe('the cheapest balanced mix', () => {
	it('meets N and P2O5 with DAP and urea, not the dearer compound (the calculator’s maize example)', () => {
		// N 11.4, P2O5 11.5 per 亩, no soil test for K
		const plan = cheapestMix({ N: 11.4, P2O5: 11.5 }, [own15, urea, dap, kcl], byDefault, 'mu');
		expect(plan).not.toBeNull();
		expect(kgOf(plan!)).toEqual({ 'common:urea': 15, 'common:dap': 25 });
		expect(plan!.balance.N).toBeCloseTo(0, 6);
		expect(plan!.balance.P2O5).toBeCloseTo(0, 6);
		expect(plan!.cost).toBeCloseTo(15 * 1.92 + 25 * 2.7, 0);
	});

	it('starts from straight fertilizers rather than 171 kg of 15-15-15 with 11 kg too much P2O5', () => {
		const wanted = { N: 25.65, P2O5: 14.6, K2O: 25.65 };
		// the farmer's compound alone: the closest it gets leaves 11 kg of P2O5 over
		const alone = planChosen(wanted, [own15], byDefault, 'mu');
		expect(alone.balanced).toBe(false);
		expect(alone.lines[0]!.kg).toBeCloseTo(171, 0);
		expect(alone.balance.P2O5).toBeCloseTo(11.05, 1);
		// with urea, DAP and potassium chloride to hand, the plan starts from the cheapest balanced mix
		const chosen = defaultChoice(wanted, [own15, urea, dap, kcl], byDefault, 'mu');
		expect(chosen).toEqual(['common:urea', 'common:dap', 'common:kcl']);
		const plan = planChosen(wanted, [urea, dap, kcl], byDefault, 'mu');
		expect(plan.balanced).toBe(true);
		for (const n of NUTRIENTS)
			expect(plan.balance[n]!).toBeLessThanOrEqual(allowance(wanted[n], 'mu'));
		expect(plan.cost).toBeLessThan(alone.cost);
	});

	it('uses the farmer’s compound when her price makes it the cheaper way', () => {
		const cheap = (p: Product) => (p.id === own15.id ? 1.5 : defaultPricePerKg(p));
		const plan = cheapestMix({ N: 10, P2O5: 5, K2O: 5 }, [own15, urea, dap, kcl], cheap, 'mu');
		expect(kgOf(plan!)).toEqual({ 'inv-1': 33.3, 'common:urea': 10.9 });
	});

	it('refuses a mix that would put on far more of a nutrient than wanted', () => {
		// 15-15-15 alone can only meet P2O5 5 and K2O 20 by putting on 15 kg too much P2O5
		expect(cheapestMix({ N: 20, P2O5: 5, K2O: 20 }, [own15], byDefault, 'mu')).toBeNull();
		// and urea alone can't give phosphate at all
		expect(cheapestMix({ N: 10, P2O5: 5 }, [urea], byDefault, 'mu')).toBeNull();
		const closest = planChosen({ N: 10, P2O5: 5 }, [urea], byDefault, 'mu');
		expect(closest.balanced).toBe(false);
		expect(closest.short).toEqual(['P2O5']);
	});

	it('lets DAP carry a little N where the soil needs none (within 1 kg per 亩, 15 per ha)', () => {
		const plan = cheapestMix({ N: 0, P2O5: 2 }, [urea, dap], byDefault, 'mu');
		expect(kgOf(plan!)).toEqual({ 'common:dap': 4.3 });
		expect(allowance(0, 'ha')).toBe(15);
		expect(allowance(50, 'mu')).toBe(5);
		expect(cheapestMix({ N: 0, P2O5: 30 }, [urea, dap], byDefault, 'mu')).toBeNull();
	});

	it('finds a balanced mix whenever there is one, never dearer than it (property)', () => {
		const products = [own15, urea, dap, kcl];
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 4, maxLength: 4 }),
				fc.array(fc.double({ min: 0, max: 0.099, noNaN: true }), { minLength: 3, maxLength: 3 }),
				(kgs, over) => {
					// a mix, and a want it meets within the allowance (up to 9.9 % over)
					const supplied = NUTRIENTS.map((_, k) =>
						products.reduce((sum, p, i) => sum + (kgs[i]! * p.npk[k]!) / 100, 0)
					);
					const wanted = Object.fromEntries(
						NUTRIENTS.map((n, k) => [n, supplied[k]! / (1 + over[k]!)])
					) as Record<Nutrient, number>;
					const cost = products.reduce((sum, p, i) => sum + kgs[i]! * byDefault(p), 0);
					const plan = cheapestMix(wanted, products, byDefault, 'mu');
					expect(plan).not.toBeNull();
					expect(plan!.cost).toBeLessThanOrEqual(cost + 1e-6);
					for (const n of NUTRIENTS) {
						expect(plan!.balance[n]!).toBeGreaterThanOrEqual(-1e-6);
						expect(plan!.balance[n]!).toBeLessThanOrEqual(allowance(wanted[n], 'mu') + 1e-6);
					}
				}
			),
			{ numRuns: 200 }
		);
	});
});
