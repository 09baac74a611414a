/**
 * The nutrient-balance method (养分平衡法) of formula fertilization (测土配方施肥), as in
 * ../shared/agronomy/facts.md §1:
 *   rate (kg product / 亩) = (target yield × uptake per unit yield − soil test value (mg/kg) × 0.15 × correction)
 *                            ÷ (nutrient content of the fertilizer × in-season use efficiency)
 * 0.15 = 150,000 kg of 0–20 cm topsoil per 亩 × 10⁻⁶ (zhiwuziliao.com/feiliao/a6e25741…; e7feng.com/hztop-Article-28715).
 * Every coefficient is an editable default: the farmer's soil station may give other values.
 */

export type Crop = 'maize' | 'soybean' | 'rice' | 'springWheat' | 'potato';
export type Nutrient = 'N' | 'P2O5' | 'K2O';

/** kg of nutrient taken up per 100 kg of harvest (e7feng.com/hztop-Article-28715, via facts.md). */
export const UPTAKE_PER_100KG: Record<Crop, Record<Nutrient, number>> = {
	rice: { N: 2.25, P2O5: 1.1, K2O: 2.7 },
	springWheat: { N: 3.0, P2O5: 1.0, K2O: 2.5 },
	maize: { N: 2.57, P2O5: 0.86, K2O: 2.14 },
	soybean: { N: 7.2, P2O5: 1.8, K2O: 4.0 },
	potato: { N: 0.5, P2O5: 0.2, K2O: 1.06 }
};

/** Soybean takes only about a third of its nitrogen from the soil and fertilizer (facts.md §1, legumes). */
export const SOYBEAN_N_FROM_SOIL = 1 / 3;

/** kg of 0–20 cm topsoil per 亩 × 10⁻⁶: turns mg/kg of soil into kg per 亩. */
export const SOIL_FACTOR_PER_MU = 0.15;

/** Target yield: the last three years' average × 1.1–1.25 for grain crops (51a.net/1389095588474992780.html). */
export const TARGET_YIELD_FACTOR = { low: 1.1, high: 1.25 } as const;

export interface BalanceInput {
	crop: Crop;
	nutrient: Nutrient;
	/** kg per 亩. */
	targetYield: number;
	/** Soil test value of the nutrient, mg/kg. */
	soilTest: number;
	/** 校正系数: the share of the soil test value the crop really gets (from the no-fertilizer plot). */
	correction: number;
	/** Share of the nutrient in the fertilizer, 0–1 (urea 0.46). */
	content: number;
	/** In-season use efficiency, 0–1 (N 0.2–0.35 per facts.md). */
	efficiency: number;
}

export interface BalanceResult {
	/** kg of the nutrient the crop needs for the target yield. */
	need: number;
	/** kg the soil supplies. */
	soilSupply: number;
	/** kg to add (never below 0). */
	gap: number;
	/** kg of fertilizer product per 亩. */
	rate: number;
}

export type BalanceProblem = 'yield' | 'soil' | 'correction' | 'content' | 'efficiency';

/** What is wrong with the inputs (plain numbers out of any sensible range), by field. */
export function balanceProblems(input: BalanceInput): BalanceProblem[] {
	const problems: BalanceProblem[] = [];
	const within = (v: number, lo: number, hi: number) => Number.isFinite(v) && v >= lo && v <= hi;
	if (!within(input.targetYield, 1, 5000)) problems.push('yield');
	if (!within(input.soilTest, 0, 2000)) problems.push('soil');
	if (!within(input.correction, 0, 2)) problems.push('correction');
	if (!within(input.content, 0.01, 1)) problems.push('content');
	if (!within(input.efficiency, 0.01, 1)) problems.push('efficiency');
	return problems;
}

export function nutrientBalance(input: BalanceInput): BalanceResult {
	const uptake = UPTAKE_PER_100KG[input.crop][input.nutrient];
	let need = (input.targetYield / 100) * uptake;
	if (input.crop === 'soybean' && input.nutrient === 'N') need *= SOYBEAN_N_FROM_SOIL;
	const soilSupply = input.soilTest * SOIL_FACTOR_PER_MU * input.correction;
	const gap = Math.max(0, need - soilSupply);
	return { need, soilSupply, gap, rate: gap / (input.content * input.efficiency) };
}
