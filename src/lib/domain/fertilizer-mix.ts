/**
 * The cheapest balanced mix (最省钱又够用的配肥): of the products a farmer has and can buy, the kg of each per
 * unit of area that meets every nutrient worked out (N, P2O5, K2O) without a large excess, for the least
 * money. A linear programme (yalps): minimise Σ price × kg subject to, for each nutrient,
 * want ≤ supplied ≤ want + allowance. When no mix of the products can stay inside the allowance (a
 * compound alone, say), the page falls back to the closest mix (fertilizer.ts planProducts) and shows the
 * surplus or the shortfall.
 */
import { solve, type Coefficients, type Constraint } from 'yalps';
import {
	NUTRIENTS,
	planOf,
	planProducts,
	productKgs,
	type AreaUnit,
	type Nutrient,
	type Product,
	type ProductPlan
} from './fertilizer';
import { MU_PER_HECTARE } from './units';

/**
 * Default prices, 元 per tonne, when the farmer has not written what she pays: the ministry's monitored
 * average ex-factory prices of March 2018 for domestic urea 1,920, DAP 2,700, potassium chloride 2,200 and
 * compound fertilizer 2,500 (农业农村部 2018年第一季度重点农产品市场信息发布会, 2018-04-17, as reported by
 * chinaqfs.com/news/detail/120681.asp). Old, ex-factory, not the village shop's: editable guesses, shown as
 * such. What matters for the choice is mostly how they compare.
 */
export const DEFAULT_PRICE_PER_T = { urea: 1920, dap: 2700, kcl: 2200, npk15: 2500 } as const;

/**
 * A product with no price of its own (the farmer's compound, potassium sulfate, ammonium sulfate,
 * superphosphate) is priced like the ministry's average compound (2,500 元/t for 45 % nutrient, as above) for
 * its total nutrient: our guess, editable.
 */
export function guessPricePerKg(npk: readonly number[]): number {
	const total = npk.reduce((a, b) => a + b, 0);
	return ((DEFAULT_PRICE_PER_T.npk15 / 1000) * total) / 45;
}

/** The default 元 per kg of a product: its listed default, or the guess for its grade. */
export function defaultPricePerKg(product: { id: string; npk: readonly number[] }): number {
	const key = product.id.startsWith('common:') ? product.id.slice(7) : '';
	if (key in DEFAULT_PRICE_PER_T)
		return DEFAULT_PRICE_PER_T[key as keyof typeof DEFAULT_PRICE_PER_T] / 1000;
	return guessPricePerKg(product.npk);
}

/** 元 per bag, as a price is written, turned into 元 per kg. */
export function pricePerKg(perBag: number, bagKg: number): number {
	return perBag / bagKg;
}

/**
 * How much more than wanted a nutrient may get: 10 % of the want, at least 1 kg per 亩 (15 per ha). The
 * uptake and efficiency figures are themselves only within about that (facts.md §1 gives ranges wider
 * than 10 %), and the 1 kg floor lets DAP carry a little N where the soil needs almost none. Our choice.
 */
export const EXCESS = { share: 0.1, floorPerMu: 1 } as const;

export function allowance(want: number, unit: AreaUnit): number {
	const floor = EXCESS.floorPerMu * (unit === 'mu' ? 1 : MU_PER_HECTARE);
	return Math.max(floor, want * EXCESS.share);
}

export interface PricedPlan extends ProductPlan {
	/** 元 per unit of area. */
	cost: number;
	/** Every nutrient worked out is met and none goes over its allowance. */
	balanced: boolean;
}

const costOf = (plan: ProductPlan, price: (p: Product) => number) =>
	plan.lines.reduce((sum, l) => sum + l.kg * price(l.product), 0);

/** The cheapest mix that meets every nutrient within its allowance; null when none can. */
export function cheapestMix(
	wanted: Partial<Record<Nutrient, number>>,
	products: readonly Product[],
	price: (p: Product) => number,
	unit: AreaUnit
): PricedPlan | null {
	const targets = NUTRIENTS.filter((n) => wanted[n] !== undefined);
	if (!targets.length || !products.length) return null;
	const constraints: Record<string, Constraint> = {};
	for (const n of targets) {
		const want = wanted[n] ?? 0;
		constraints[n] = { min: want, max: want + allowance(want, unit) };
	}
	const variables: Record<string, Coefficients> = {};
	products.forEach((p, i) => {
		const coefficients: Record<string, number> = { cost: price(p) };
		NUTRIENTS.forEach((n, k) => {
			if (targets.includes(n)) coefficients[n] = (p.npk[k] ?? 0) / 100;
		});
		variables[`product:${i}`] = coefficients;
	});
	const solution = solve({ direction: 'minimize', objective: 'cost', constraints, variables });
	if (solution.status !== 'optimal') return null;
	const plan = planOf(wanted, products, productKgs(solution.variables));
	return { ...plan, cost: costOf(plan, price), balanced: true };
}

/**
 * The plan for the products chosen: their cheapest balanced mix, or, when they can't make one, the closest
 * (deficits first, then surpluses), with its cost.
 */
export function planChosen(
	wanted: Partial<Record<Nutrient, number>>,
	products: readonly Product[],
	price: (p: Product) => number,
	unit: AreaUnit
): PricedPlan {
	const cheapest = cheapestMix(wanted, products, price, unit);
	if (cheapest) return cheapest;
	const closest = planProducts(wanted, products);
	return { ...closest, cost: costOf(closest, price), balanced: false };
}

/**
 * What the plan starts from: the products of the cheapest balanced mix of all candidates (the farmer's
 * products with a grade, urea, DAP, potassium chloride). When none is balanced, the closest mix's.
 */
export function defaultChoice(
	wanted: Partial<Record<Nutrient, number>>,
	candidates: readonly Product[],
	price: (p: Product) => number,
	unit: AreaUnit
): string[] {
	return planChosen(wanted, candidates, price, unit).lines.map((l) => l.product.id);
}
