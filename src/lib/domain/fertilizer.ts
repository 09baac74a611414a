/**
 * Formula fertilization (测土配方施肥), as in ../shared/agronomy/facts.md §1. Every coefficient is an editable
 * default: the farmer's soil station may give other values.
 *
 * The methods are those of the ministry's standard NY/T 1118-2006 测土配方施肥技术规范 (primary text; its full
 * text was not read here, so the formulas below are checked against these second links):
 * Nutrient-balance method (养分平衡法; zhiwuziliao.com/feiliao/a6e25741…, e7feng.com/hztop-Article-28715):
 *   nutrient to apply = (target yield × uptake per unit yield − soil test (mg/kg) × factor × correction) ÷ efficiency
 *   factor = kg of 0–20 cm topsoil per area × 10⁻⁶: 0.15 per 亩 (150,000 kg), 2.25 per ha (15 亩 = 1 ha).
 * Yield-difference method (地力差减法; petseason.cn/news_info/830.html):
 *   nutrient to apply = (target yield − no-fertilizer plot yield) × uptake per unit yield ÷ efficiency
 * Soil tests give available P (Olsen) as P and available K as K, while the crop's uptake is counted as P2O5 and
 * K2O. The soil's supply is NOT converted from P to P2O5 (or K to K2O): the 校正系数 as facts.md §1 defines it,
 * correction = (no-fertilizer plot yield × uptake per unit yield) ÷ (soil test × 0.15), has the uptake in P2O5
 * (K2O) on top and the soil test in P (K) below, so soil test × 0.15 × correction is already kg of P2O5 (K2O)
 * — the no-fertilizer plot's own uptake. Multiplying by 1/0.436 = 2.29 (1/0.83 = 1.205) again counted it twice
 * (issue 21). Whoever gives a correction factor measured for P itself must give it in these terms.
 * The ministry's regional recommendation (content/fertilization/spring-guidance.json) is shown beside the result
 * and is where the plan starts unless the farmer has her station's correction factors (regionalRecommendation).
 * Dividing the nutrient by a product's content gives kg of product; several products are mixed by a small
 * linear programme (planProducts).
 */
import { solve, type Coefficients, type Constraint } from 'yalps';
import type { LogDraft } from './field-logs';
import { MU_PER_HECTARE } from './units';
import guidance from '../../../content/fertilization/spring-guidance.json' with { type: 'json' };

export type Crop = 'maize' | 'soybean' | 'rice' | 'springWheat' | 'potato';
export type Nutrient = 'N' | 'P2O5' | 'K2O';
export type AreaUnit = 'mu' | 'ha';
export type Method = 'balance' | 'yieldDifference';

export const CROPS: readonly Crop[] = ['maize', 'soybean', 'rice', 'springWheat', 'potato'];
export const NUTRIENTS: readonly Nutrient[] = ['N', 'P2O5', 'K2O'];

/** kg of nutrient taken up per 100 kg of harvest (e7feng.com/hztop-Article-28715, via facts.md). */
export const UPTAKE_PER_100KG: Record<Crop, Record<Nutrient, number>> = {
	rice: { N: 2.25, P2O5: 1.1, K2O: 2.7 },
	springWheat: { N: 3.0, P2O5: 1.0, K2O: 2.5 },
	maize: { N: 2.57, P2O5: 0.86, K2O: 2.14 },
	soybean: { N: 7.2, P2O5: 1.8, K2O: 4.0 },
	potato: { N: 0.5, P2O5: 0.2, K2O: 1.06 }
};

/**
 * Legumes fix most of their own nitrogen: soybean takes only about a third of its N from the soil and fertilizer
 * (facts.md §1, legumes; zhiwuziliao.com). The share is applied to the fertilizer N worked out as for any crop,
 * as the facts' peanut example does (40 % of the calculated N), never to the crop's need before the soil's
 * supply is taken off: that made almost any soil test give nothing (issue 21). P and K are never cut.
 */
export const LEGUME_N_SHARE: Partial<Record<Crop, number>> = { soybean: 1 / 3 };

/** kg of 0–20 cm topsoil per area × 10⁻⁶: turns mg/kg of soil into kg per 亩 or per ha. */
export const SOIL_FACTOR: Record<AreaUnit, number> = { mu: 0.15, ha: 2.25 };
/** Kept for the lesson's wording: the per-亩 factor. */
export const SOIL_FACTOR_PER_MU = SOIL_FACTOR.mu;

/** Target yield: the last three years' average × 1.1–1.25 for grain crops (51a.net/1389095588474992780.html). */
export const TARGET_YIELD_FACTOR = { low: 1.1, high: 1.25, default: 1.15 } as const;

/**
 * In-season use efficiency defaults: N 20–35 %, P 10–20 %, K 30–60 % (syhmjs.com via facts.md); the middle of
 * each range except N, where the lesson's example (and the MARA 2019 figure of 39 % for the three grain
 * crops) argue for 30 %.
 */
export const DEFAULT_EFFICIENCY: Record<Nutrient, number> = { N: 0.3, P2O5: 0.15, K2O: 0.45 };

/**
 * 校正系数 default. The real one comes from the soil station's no-fertilizer plots (facts.md: correction =
 * no-fertilizer yield × uptake ÷ (soil test × 0.15)); 0.5 is the lesson's example, shown as a default to change.
 * No source gives 0.5 for Heilongjiang soils: it is a guess, which is why the plan follows the ministry's
 * regional recommendation until the farmer says her factors are her station's, and why a computed rate far
 * from that recommendation is warned about (farFromRecommendation).
 */
export const DEFAULT_CORRECTION = 0.5;

/**
 * Share of the season's N given as topdressing (追肥). Maize, rice and soybean come from the ministry's guidance
 * as recorded in content/fertilization/spring-guidance.json (`topdressNShare`), the file the split-nitrogen
 * lesson cites, so the lesson and the plan say the same: maize about 60 % at the seven-leaf stage, rice about
 * 30 % as panicle fertilizer, soybean none. (The 39 % of a 2014 survey is what farmers did, not advice.)
 * Not in the guidance read here, our editable choices: spring wheat 35 % (the 2014 survey's farmers' practice,
 * aed.org.cn/nyzyyhjxb/html/2014/6/20140604.htm) and potato 30 %.
 */
export const TOPDRESS_N_SHARE: Record<Crop, number> = {
	maize: guidance.topdressNShare.maize.share,
	springWheat: 0.35,
	rice: guidance.topdressNShare.rice.share,
	potato: 0.3,
	soybean: guidance.topdressNShare.soybean.share
};

/** Physical or sensible limits of each number, in the units the farmer types. */
export const LIMITS = {
	/** kg per 亩; ×15 per ha. Fresh potato tubers reach 4–5 t per 亩. */
	yieldPerMu: { min: 1, max: 6000 },
	/** mg/kg: 碱解氮 (alkali-hydrolysable N), Olsen P, available K. Beyond these no soil is measured. */
	soil: { N: { min: 0, max: 1000 }, P2O5: { min: 0, max: 500 }, K2O: { min: 0, max: 2000 } },
	correction: { min: 0, max: 2 },
	/** Percent. */
	efficiency: { min: 1, max: 100 },
	/** kg of nutrient per 100 kg of harvest. */
	uptake: { min: 0, max: 20 },
	/** Percent. */
	legumeShare: { min: 0, max: 100 },
	/** Percent of N. */
	topdressShare: { min: 0, max: 100 },
	/** kg per bag. */
	bag: { min: 1, max: 100 },
	/** Percent of a nutrient in a product. */
	content: { min: 0, max: 100 },
	yieldFactor: { min: 1, max: 1.5 }
} as const;

export interface NutrientInput {
	/** Soil test, mg/kg; null when the farmer has no test for it (the nutrient is then not worked out). */
	soilTest: number | null;
	/** 校正系数: the share of the soil test the crop really gets. */
	correction: number;
	/** In-season use efficiency, 0–1. */
	efficiency: number;
	/** kg of the nutrient per 100 kg of harvest. */
	uptake: number;
}

export interface RateInput {
	crop: Crop;
	method: Method;
	unit: AreaUnit;
	/** kg per unit of area. */
	targetYield: number;
	/** Yield of the no-fertilizer plot (空白区), kg per unit of area; the yield-difference method only. */
	blankYield: number;
	/** Share of N a legume takes from soil and fertilizer, 0–1 (1 for other crops). */
	legumeShare: number;
	nutrients: Record<Nutrient, NutrientInput>;
}

export interface NutrientRate {
	/** kg the crop takes up for the target yield. */
	need: number;
	/** kg the soil supplies. */
	soilSupply: number;
	/** kg to add (never below 0). */
	gap: number;
	/** kg of the nutrient to put on as fertilizer: the gap ÷ the use efficiency (× the legume share for N). */
	apply: number;
	/** The gap ÷ the use efficiency, before the legume share (the same as apply for other crops). */
	beforeLegume: number;
	/** The legume share was applied to this nutrient (soybean N). */
	legume: boolean;
}

/** What each nutrient needs; null for a nutrient that cannot be worked out (no soil test). */
export type Rates = Record<Nutrient, NutrientRate | null>;

export type RateField =
	| 'targetYield'
	| 'blankYield'
	| 'legumeShare'
	| `${'soil' | 'correction' | 'efficiency' | 'uptake'}.${Nutrient}`;

export interface RangeProblem {
	field: string;
	min: number;
	max: number;
	/** The no-fertilizer plot's yield must be below the target: the only problem that is not a plain range. */
	reason?: 'blank-not-below-target';
}

const within = (v: number, r: { min: number; max: number }) =>
	Number.isFinite(v) && v >= r.min && v <= r.max;

export function yieldLimits(unit: AreaUnit): { min: number; max: number } {
	const per = unit === 'mu' ? 1 : 15;
	return { min: LIMITS.yieldPerMu.min * per, max: LIMITS.yieldPerMu.max * per };
}

/** Every number out of its range, with the range, in the units shown. Empty means the input can be worked out. */
export function rateProblems(input: RateInput): RangeProblem[] {
	const problems: RangeProblem[] = [];
	const check = (field: string, v: number, r: { min: number; max: number }) => {
		if (!within(v, r)) problems.push({ field, min: r.min, max: r.max });
	};
	const yields = yieldLimits(input.unit);
	check('targetYield', input.targetYield, yields);
	if (input.method === 'yieldDifference') {
		check('blankYield', input.blankYield, { min: 0, max: yields.max });
		if (
			within(input.blankYield, { min: 0, max: yields.max }) &&
			input.blankYield >= input.targetYield
		)
			problems.push({
				field: 'blankYield',
				min: 0,
				max: input.targetYield,
				reason: 'blank-not-below-target'
			});
	}
	if (input.crop in LEGUME_N_SHARE)
		check('legumeShare', input.legumeShare * 100, LIMITS.legumeShare);
	for (const n of NUTRIENTS) {
		const v = input.nutrients[n];
		if (input.method === 'balance' && v.soilTest !== null) {
			check(`soil.${n}`, v.soilTest, LIMITS.soil[n]);
			check(`correction.${n}`, v.correction, LIMITS.correction);
		}
		check(`efficiency.${n}`, v.efficiency * 100, LIMITS.efficiency);
		check(`uptake.${n}`, v.uptake, LIMITS.uptake);
	}
	return problems;
}

/** The nutrients to apply per unit of area (per 亩 or per ha, as the input's unit). */
export function fertilizerRates(input: RateInput): Rates {
	const rates = {} as Rates;
	for (const n of NUTRIENTS) {
		const v = input.nutrients[n];
		const legume = n === 'N' && input.crop in LEGUME_N_SHARE;
		const share = legume ? input.legumeShare : 1;
		const perKg = v.uptake / 100;
		const need = input.targetYield * perKg;
		let soilSupply: number;
		if (input.method === 'yieldDifference') soilSupply = input.blankYield * perKg;
		else if (v.soilTest === null) {
			rates[n] = null;
			continue;
		} else soilSupply = v.soilTest * SOIL_FACTOR[input.unit] * v.correction;
		const gap = Math.max(0, need - soilSupply);
		const beforeLegume = gap / v.efficiency;
		rates[n] = { need, soilSupply, gap, apply: beforeLegume * share, beforeLegume, legume };
	}
	return rates;
}

/** The defaults for a crop, as the calculator first shows them. */
export function defaultNutrients(crop: Crop): Record<Nutrient, NutrientInput> {
	const out = {} as Record<Nutrient, NutrientInput>;
	for (const n of NUTRIENTS)
		out[n] = {
			soilTest: null,
			correction: DEFAULT_CORRECTION,
			efficiency: DEFAULT_EFFICIENCY[n],
			uptake: UPTAKE_PER_100KG[crop][n]
		};
	return out;
}

// ── target yield ─────────────────────────────────────────────────────────────────────────────────────────

/** The last three years' average × the factor; null when there is no past yield. */
export function targetFromPast(yields: readonly number[], factor: number): number | null {
	const last = yields.filter((y) => Number.isFinite(y) && y > 0).slice(-3);
	if (!last.length) return null;
	return (last.reduce((a, b) => a + b, 0) / last.length) * factor;
}

/** kg harvested per year (Asia/Shanghai calendar year), oldest first: the field's harvest records added up. */
export function harvestsByYear(harvests: readonly { year: string; kg: number }[]): {
	year: string;
	kg: number;
}[] {
	const byYear = new Map<string, number>();
	for (const h of harvests) if (h.kg > 0) byYear.set(h.year, (byYear.get(h.year) ?? 0) + h.kg);
	return [...byYear]
		.map(([year, kg]) => ({ year, kg }))
		.sort((a, b) => a.year.localeCompare(b.year));
}

// ── products ─────────────────────────────────────────────────────────────────────────────────────────────

export interface Product {
	id: string;
	name: string;
	/** Percent N, P2O5, K2O. */
	npk: readonly [number, number, number];
	/** kg per bag. */
	bagKg: number;
}

/**
 * Common straight and compound fertilizers (cdfxiaoke.com/118279.html via facts.md §1): urea 46 % N, DAP 18-46-0,
 * potassium chloride ≈ 60 % K2O, potassium sulfate 50 %, ammonium sulfate 21 %, single superphosphate 12–18 %
 * (16 taken), compound 15-15-15 (facts.md §2). Bags of 40 kg (urea) and 50 kg are the usual sizes sold; editable.
 */
export const COMMON_PRODUCTS = [
	{ id: 'common:urea', key: 'urea', npk: [46, 0, 0], bagKg: 40 },
	{ id: 'common:dap', key: 'dap', npk: [18, 46, 0], bagKg: 50 },
	{ id: 'common:kcl', key: 'kcl', npk: [0, 0, 60], bagKg: 50 },
	{ id: 'common:npk15', key: 'npk15', npk: [15, 15, 15], bagKg: 50 },
	{ id: 'common:sop', key: 'sop', npk: [0, 0, 50], bagKg: 50 },
	{ id: 'common:as', key: 'as', npk: [21, 0, 0], bagKg: 50 },
	{ id: 'common:ssp', key: 'ssp', npk: [0, 16, 0], bagKg: 50 }
] as const satisfies readonly { id: string; key: string; npk: readonly number[]; bagKg: number }[];
export type CommonProductKey = (typeof COMMON_PRODUCTS)[number]['key'];

export interface PlanLine {
	product: Product;
	/** kg of product per unit of area. */
	kg: number;
}

export interface ProductPlan {
	lines: PlanLine[];
	/** kg of each nutrient the plan puts on per unit of area. */
	supplied: Record<Nutrient, number>;
	/** supplied − wanted, for the nutrients worked out (positive: surplus; negative: deficit). */
	balance: Partial<Record<Nutrient, number>>;
	/** Nutrients the chosen products cannot supply enough of (deficit over 0.05 kg). */
	short: Nutrient[];
}

/** The fraction of a product that is the nutrient at index k (N, P2O5, K2O). */
const share = (p: Product, k: number): number => (p.npk[k] ?? 0) / 100;

/** A deficit costs far more than a surplus, which costs more than carrying kilograms of product. */
const WEIGHT = { deficit: 1000, surplus: 1, productKg: 0.001 } as const;
/** Deficits smaller than this (kg of nutrient per unit of area) are rounding, not a missing nutrient. */
export const SHORT_KG = 0.05;

/**
 * The mix of the chosen products that comes closest to the nutrients wanted: a linear programme over kg of each
 * product (never negative) with a deficit and a surplus variable per nutrient, minimising deficits first, then
 * surpluses, then total weight. Nutrients without a figure (not worked out) are not constrained.
 */
export function planProducts(
	wanted: Partial<Record<Nutrient, number>>,
	products: readonly Product[]
): ProductPlan {
	const targets = NUTRIENTS.filter((n) => wanted[n] !== undefined);
	const constraints: Record<string, Constraint> = {};
	const variables: Record<string, Coefficients> = {};
	for (const n of targets) {
		constraints[n] = { equal: wanted[n] ?? 0 };
		variables[`deficit:${n}`] = { [n]: 1, cost: WEIGHT.deficit };
		variables[`surplus:${n}`] = { [n]: -1, cost: WEIGHT.surplus };
	}
	products.forEach((p, i) => {
		const coefficients: Record<string, number> = { cost: WEIGHT.productKg };
		NUTRIENTS.forEach((n, k) => {
			if (targets.includes(n)) coefficients[n] = share(p, k);
		});
		variables[`product:${i}`] = coefficients;
	});
	const solution = targets.length
		? solve({ direction: 'minimize', objective: 'cost', constraints, variables })
		: { status: 'optimal' as const, variables: [] as [string, number][] };
	return planOf(wanted, products, productKgs(solution.variables));
}

/** kg of each product (by its index) in a solution whose product variables are named `product:<index>`. */
export function productKgs(variables: readonly (readonly [string, number])[]): Map<number, number> {
	const kgOf = new Map<number, number>();
	for (const [name, value] of variables)
		if (name.startsWith('product:') && value > 1e-9) kgOf.set(Number(name.slice(8)), value);
	return kgOf;
}

/** The plan that puts these kg of each product (by index) on: what it supplies and how that meets the want. */
export function planOf(
	wanted: Partial<Record<Nutrient, number>>,
	products: readonly Product[],
	kgOf: ReadonlyMap<number, number>
): ProductPlan {
	const targets = NUTRIENTS.filter((n) => wanted[n] !== undefined);
	const lines = products
		.map((product, i) => ({ product, kg: kgOf.get(i) ?? 0 }))
		.filter((l) => l.kg > 0);
	const supplied = { N: 0, P2O5: 0, K2O: 0 };
	for (const l of lines) NUTRIENTS.forEach((n, k) => (supplied[n] += l.kg * share(l.product, k)));
	const balance: Partial<Record<Nutrient, number>> = {};
	for (const n of targets) balance[n] = supplied[n] - (wanted[n] ?? 0);
	const short = targets.filter((n) => (balance[n] ?? 0) < -SHORT_KG);
	return { lines, supplied, balance, short };
}

/** The product richest in the nutrient among the candidates: what to add when the plan falls short. */
export function supplierFor(nutrient: Nutrient, candidates: readonly Product[]): Product | null {
	const k = NUTRIENTS.indexOf(nutrient);
	let best: Product | null = null;
	for (const p of candidates)
		if (share(p, k) > 0 && (!best || share(p, k) > share(best, k))) best = p;
	return best;
}

/** Whole bags to buy for an area: always rounded up (a part bag is still a bag to carry). */
export function bagsFor(kgPerUnit: number, units: number, bagKg: number): number {
	return Math.max(0, Math.ceil((kgPerUnit * units) / bagKg - 1e-9));
}

// ── basal and topdressing ────────────────────────────────────────────────────────────────────────────────

export interface Split {
	basal: PlanLine[];
	topdress: PlanLine[];
	/** N was meant for topdressing but the plan has no straight N product (such as urea) to carry it. */
	noStraightN: boolean;
}

/**
 * Basal (底肥) and topdressing (追肥): the share of the N to apply goes on later as the plan's straight N product
 * (the richest one with no P or K, such as urea); everything else goes in at sowing. P and K are all basal, as
 * they move little in the soil.
 */
export function splitPlan(plan: ProductPlan, nApply: number, topdressShare: number): Split {
	const straight = plan.lines
		.filter((l) => l.product.npk[1] === 0 && l.product.npk[2] === 0 && l.product.npk[0] > 0)
		.sort((a, b) => b.product.npk[0] - a.product.npk[0])[0];
	const wantTop = nApply * topdressShare;
	if (wantTop <= 0) return { basal: plan.lines, topdress: [], noStraightN: false };
	if (!straight) return { basal: plan.lines, topdress: [], noStraightN: true };
	const topKg = Math.min(straight.kg, wantTop / (straight.product.npk[0] / 100));
	const basal = plan.lines
		.map((l) => (l === straight ? { ...l, kg: l.kg - topKg } : l))
		.filter((l) => l.kg > 1e-9);
	return { basal, topdress: [{ product: straight.product, kg: topKg }], noStraightN: false };
}

/**
 * The split as planned fertilizing records on a field: one per product and timing, the rate per 亩 (records
 * keep kg/亩; per-ha plans are divided by 15) to 0.1 kg, lines that round to nothing left out. `product` is the
 * product's id as planned (a common product's id until it is in the inventory).
 */
export function plannedFertilizing(
	split: Split,
	unit: AreaUnit,
	fieldId: string,
	when: Record<'basal' | 'topdress', { at: number; notes: string }>
): LogDraft[] {
	const perMu = (kg: number) => Math.round((unit === 'mu' ? kg : kg / MU_PER_HECTARE) * 10) / 10;
	return (['basal', 'topdress'] as const).flatMap((timing) =>
		split[timing]
			.filter((line) => perMu(line.kg) > 0)
			.map((line): LogDraft => ({
				type: 'fertilizing',
				fieldId,
				status: 'planned',
				at: when[timing].at,
				notes: when[timing].notes,
				point: null,
				details: {
					product: line.product.id,
					rate: { value: perMu(line.kg), unit: 'kgPerMu' }
				}
			}))
	);
}
