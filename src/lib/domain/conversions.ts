/**
 * Conversions farmers meet on bags, in lessons and at the grain depot: 亩/公顷/平方米, 斤/公斤, and the oxide
 * forms fertilizer labels use (P2O5, K2O) against the element (P, K) that soil reports and some papers use.
 */
import { KG_PER_JIN, MU_PER_HECTARE, SQ_M_PER_MU } from './units';

/**
 * P = P2O5 × 0.436 and K = K2O × 0.83 (../shared/agronomy/facts.md §1 Conversions, from
 * 360docs.net/doc/1b10528695.html). They are the mass ratios 2 × 30.97 / 141.94 and 2 × 39.10 / 94.20.
 */
export const P_PER_P2O5 = 0.436;
export const K_PER_K2O = 0.83;

export function p2o5ToP(p2o5: number): number {
	return p2o5 * P_PER_P2O5;
}

export function pToP2O5(p: number): number {
	return p / P_PER_P2O5;
}

export function k2oToK(k2o: number): number {
	return k2o * K_PER_K2O;
}

export function kToK2O(k: number): number {
	return k / K_PER_K2O;
}

/** What the converter screen converts; every unit of a group says how many of it make one of the first. */
export const CONVERSION_GROUPS = {
	area: [
		{ unit: 'mu', perFirst: 1 },
		{ unit: 'ha', perFirst: 1 / MU_PER_HECTARE },
		{ unit: 'm2', perFirst: SQ_M_PER_MU }
	],
	mass: [
		{ unit: 'jin', perFirst: 1 },
		{ unit: 'kg', perFirst: KG_PER_JIN }
	],
	phosphorus: [
		{ unit: 'P2O5', perFirst: 1 },
		{ unit: 'P', perFirst: P_PER_P2O5 }
	],
	potassium: [
		{ unit: 'K2O', perFirst: 1 },
		{ unit: 'K', perFirst: K_PER_K2O }
	]
} as const;

export type ConversionGroup = keyof typeof CONVERSION_GROUPS;

/** A value given in one unit of a group, in every unit of that group (the given one included). */
export function convertAll(
	group: ConversionGroup,
	value: number,
	from: string
): Map<string, number> {
	const units = CONVERSION_GROUPS[group];
	const source = units.find((u) => u.unit === from);
	if (!source) throw new Error(`no unit ${from} in ${group}`);
	const first = value / source.perFirst;
	return new Map(units.map((u) => [u.unit, u.unit === from ? value : first * u.perFirst]));
}

/** Largest amount the converter takes: beyond it a typing mistake is likelier than a real farm. */
export const CONVERT_MAX = 1e9;

export type ConvertProblem = 'not-a-number' | 'out-of-range';

/** What is wrong with a typed amount to convert (null: nothing). Amounts are 0 to CONVERT_MAX. */
export function convertProblem(value: number | null): ConvertProblem | null {
	if (value === null || !Number.isFinite(value)) return 'not-a-number';
	if (value < 0 || value > CONVERT_MAX) return 'out-of-range';
	return null;
}

/**
 * A converted amount as plain text a person can read and type back: more decimals for small amounts
 * (1 m² = 0.0015 亩), fewer for large ones, never an exponent.
 */
export function plainAmount(value: number): string {
	const size = Math.abs(value);
	const decimals = size >= 1000 ? 1 : size >= 1 ? 3 : 6;
	return String(Number(value.toFixed(decimals)));
}
