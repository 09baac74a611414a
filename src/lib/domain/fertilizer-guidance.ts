/**
 * The ministry's regional recommendation (content/fertilization/spring-guidance.json): per crop, zone and yield
 * level, the formula, its kg and the urea to topdress, as pure nutrients, and how far a computed rate is from
 * it. The fertilizer calculator (fertilizer.ts) shows it beside its own result and plans from it.
 */
import { NUTRIENTS, type AreaUnit, type Crop, type Nutrient, type Rates } from './fertilizer';
import type { FieldRecord } from './records';
import { publicPlace } from './trace';
import { MU_PER_HECTARE } from './units';
import guidance from '../../../content/fertilization/spring-guidance.json' with { type: 'json' };

/** Where in Heilongjiang the field is: the ministry's spring-maize zones (rice and soybean have one zone). */
export type Region = 'cool' | 'semiHumid' | 'semiArid';
export const REGIONS: readonly Region[] = ['cool', 'semiHumid', 'semiArid'];
/** Most of Heilongjiang is in the 东北冷凉春玉米区: the default when the field's place is not known. */
export const DEFAULT_REGION: Region = 'cool';

export type Range = { min: number; max: number };
type Pair = readonly [number, number];
interface GuidanceLevel {
	yield: readonly [number, number | null];
	formulaKg?: Pair;
	ureaKg?: Pair;
	kclKg?: Pair;
	nutrients?: Record<Nutrient, Pair>;
}
interface GuidanceZone {
	name: Record<'zh-CN' | 'en', string>;
	document: string;
	/** A reprint where the figures were read; null when the only copy found is not fit to cite. */
	repost: string | null;
	formula?: readonly number[];
	topdressStage: string;
	levels: readonly GuidanceLevel[];
}
const ZONES = guidance.crops as unknown as Partial<
	Record<Crop, Partial<Record<Region | 'all', GuidanceZone>>>
>;

export interface Recommendation {
	zone: GuidanceZone;
	/** The yield level, kg per 亩 (max null: and above). */
	level: { min: number; max: number | null };
	/** kg per 亩 of the formula and of the urea to topdress, when the guidance gives them so. */
	formula: { npk: readonly number[]; kg: Range } | null;
	urea: Range | null;
	kcl: Range | null;
	/** kg of each nutrient per unit of area (per 亩 or per ha, as asked). */
	nutrients: Record<Nutrient, Range>;
}

const add = (a: Range, b: Range): Range => ({ min: a.min + b.min, max: a.max + b.max });
const times = (r: Pair | undefined, share: number): Range =>
	r ? { min: r[0] * share, max: r[1] * share } : { min: 0, max: 0 };

/**
 * The ministry's spring recommendation for the crop, zone and target yield (kg per unit of area), with the
 * nutrients it comes to: the formula's kg × its grade, plus urea × 46 % N and potassium chloride × 60 % K2O.
 * Null when the guidance read here has no figure for that crop or yield.
 */
export function regionalRecommendation(
	crop: Crop,
	region: Region,
	targetYield: number,
	unit: AreaUnit
): Recommendation | null {
	const zones = ZONES[crop];
	const zone = zones?.[region] ?? zones?.all;
	if (!zone || !Number.isFinite(targetYield)) return null;
	const perMu = unit === 'mu' ? targetYield : targetYield / MU_PER_HECTARE;
	const level = zone.levels.find(
		(l) => perMu >= l.yield[0] && (l.yield[1] === null || perMu < l.yield[1])
	);
	if (!level) return null;
	const per = unit === 'mu' ? 1 : MU_PER_HECTARE;
	const scale = (r: Range): Range => ({ min: r.min * per, max: r.max * per });
	let nutrients: Record<Nutrient, Range>;
	if (level.nutrients) {
		const given = level.nutrients;
		nutrients = {
			N: times(given.N, 1),
			P2O5: times(given.P2O5, 1),
			K2O: times(given.K2O, 1)
		};
	} else {
		const [gN = 0, gP = 0, gK = 0] = zone.formula ?? [];
		nutrients = {
			N: add(times(level.formulaKg, gN / 100), times(level.ureaKg, guidance.ureaN / 100)),
			P2O5: times(level.formulaKg, gP / 100),
			K2O: add(times(level.formulaKg, gK / 100), times(level.kclKg, guidance.kclK2O / 100))
		};
	}
	return {
		zone,
		level: { min: level.yield[0], max: level.yield[1] },
		formula:
			zone.formula && level.formulaKg
				? { npk: zone.formula, kg: scale(times(level.formulaKg, 1)) }
				: null,
		urea: level.ureaKg ? scale(times(level.ureaKg, 1)) : null,
		kcl: level.kclKg && level.kclKg[1] > 0 ? scale(times(level.kclKg, 1)) : null,
		nutrients: {
			N: scale(nutrients.N),
			P2O5: scale(nutrients.P2O5),
			K2O: scale(nutrients.K2O)
		}
	};
}

/** The middle of each nutrient's range: what the plan puts on when it starts from the recommendation. */
export function recommendedNutrients(r: Recommendation): Record<Nutrient, number> {
	const mid = (x: Range) => (x.min + x.max) / 2;
	return { N: mid(r.nutrients.N), P2O5: mid(r.nutrients.P2O5), K2O: mid(r.nutrients.K2O) };
}

/**
 * Nutrients whose computed rate is below half or above twice the ministry's range: why the farmer should not
 * trust our figure alone (a very high soil test, or a correction factor that is only a guess).
 */
export function farFromRecommendation(
	rates: Rates,
	r: Recommendation
): { nutrient: Nutrient; apply: number; range: Range; side: 'low' | 'high' }[] {
	const out: { nutrient: Nutrient; apply: number; range: Range; side: 'low' | 'high' }[] = [];
	for (const n of NUTRIENTS) {
		const rate = rates[n];
		const range = r.nutrients[n];
		if (!rate || range.max <= 0) continue;
		if (rate.apply < range.min / 2)
			out.push({ nutrient: n, apply: rate.apply, range, side: 'low' });
		else if (rate.apply > range.max * 2)
			out.push({ nutrient: n, apply: rate.apply, range, side: 'high' });
	}
	return out;
}

interface Box {
	south: number;
	north: number;
	west: number;
	east: number;
}
const inBox = (b: Box, lat: number, lng: number) =>
	lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east;
const PLACE = guidance.zoneByPlace as { province: Box; boxes: (Box & { region: Region })[] };

/**
 * The spring-maize zone of a place in Heilongjiang (lat and lng in degrees), by the county boxes of
 * content/fertilization/spring-guidance.json (`zoneByPlace`): our lines round the guidance's words, so the
 * farmer is told it is a guess. Null outside the province's box, where the app does not guess.
 */
export function regionAt(place: { lat: number; lng: number }): Region | null {
	const { lat, lng } = place;
	if (!Number.isFinite(lat) || !Number.isFinite(lng) || !inBox(PLACE.province, lat, lng))
		return null;
	return PLACE.boxes.find((b) => inBox(b, lat, lng))?.region ?? 'cool';
}

/**
 * The zone guessed for a field (regionAt on its place: the mean of its boundary's corners), `none` for a field
 * with no boundary, `outside` for one outside Heilongjiang, where the app does not guess.
 */
export function fieldRegion(field: Pick<FieldRecord, 'boundary'>): Region | 'none' | 'outside' {
	const place = publicPlace(field, 0.0001);
	return place ? (regionAt(place) ?? 'outside') : 'none';
}
