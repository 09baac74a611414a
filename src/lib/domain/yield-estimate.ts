/**
 * Yield estimate before harvest (测产, theoretical method): count the yield components in the field, multiply,
 * discount for field losses, and correct to the grain trade's standard moisture.
 *
 *   maize    kg/亩 = ears per 亩 × kernels per ear × 1000-kernel weight (g) ÷ 10⁶
 *   soybean  kg/亩 = plants per 亩 × pods per plant × seeds per pod × 100-seed weight (g) ÷ 10⁵
 *   rice     kg/亩 = panicles per 亩 × grains per panicle × seed set (%) ÷ 100 × 1000-grain weight (g) ÷ 10⁶
 *   estimate = theoretical × discount (八五折: 0.85)
 *   at standard moisture = estimate × (100 − measured moisture) ÷ (100 − standard moisture)
 *
 * Sources: the theoretical method and its 八五折 are those of the ministry's yield checks for high-yield
 * demonstration fields (农业部 粮棉油高产创建测产验收办法, 试行; its own text was not found here, so the
 * primary source is not confirmed); a province's version of it (2011, max.book118.com/html/2018/0719/
 * 8030015125001115.shtm) and a reported check in 陵县, where the expert calls 0.85 an experience constant
 * (jssljx.com/jm/cjfx/201210/t20121010_3160468.htm), are second links. Rice formula and discount,
 * "估产产量 = 亩穗数 × 穗粒数 × 千粒重(g) ÷ 10⁶ × 0.85" (bk.3456.tv/zhongzibk/16133); maize "理论产量(公斤/亩) =
 * 每亩株数 × 每穗粒数 × 千粒重…" (doczj.com/doc/5213316983.html); rice seed set 70–90 % (hqwc.cn/news/899428.html);
 * soybean: 每亩株数 × 单株粒数 with 百粒重 (m.sboyo.com/1/2559728.html).
 * Every coefficient here is an editable default, shown to the farmer.
 */
import { isQuantity, type LogDetails } from './field-logs';
import { jinToKg, kgToJin, MU_PER_HECTARE, SQ_M_PER_MU } from './units';

export const YIELD_CROPS = ['maize', 'soybean', 'rice'] as const;
export type YieldCrop = (typeof YIELD_CROPS)[number];

/**
 * Standard moisture the grain trade pays on, %: the national grain standards' moisture limits (primary texts
 * in the national standards full-text system, openstd.samr.gov.cn): GB 1353-2018 玉米 14.0 %; GB 1350-2009 稻谷,
 * japonica (粳稻, what Heilongjiang grows) 14.5 % and indica 13.5 %; GB 1352-2009 大豆 13.0 %. Second links:
 * 玉米实收测产 "÷ (1 − 14%)" (m.kob123.com/nongyebaike/353209.html), bk.3456.tv/zhongzibk/16133. Editable.
 */
export const STANDARD_MOISTURE: Record<YieldCrop, number> = { maize: 14, soybean: 13, rice: 14.5 };

/** 八五折: theoretical yield × 0.85 for what the field loses before the bin (bk.3456.tv/zhongzibk/16133). */
export const DEFAULT_DISCOUNT = 0.85;

/** A number the farmer types and the range it must fall in (both ends allowed). */
export interface Bounds {
	min: number;
	max: number;
}

/**
 * The components of each crop, first the count per 亩, then the others in the formula's order. The bounds are
 * sanity limits, wide enough for any real field, narrow enough to catch a slipped digit:
 * - maize ears per 亩 100–10,000 (Heilongjiang plants 3,500–6,000 per 亩); kernels per ear 0–1,200 (a big
 *   ear has 18 rows × 45 kernels ≈ 800); 1000-kernel weight 50–600 g (typical 300–400 g).
 * - soybean plants per 亩 1,000–60,000 (12,000–18,000 is usual, news.ymt.com/encyclopedia/17599232946937900653);
 *   pods per plant 0–300; seeds per pod 0–5 (a pod holds 1–4); 100-seed weight 5–60 g (usual 15–25 g).
 * - rice panicles per 亩 10,000–800,000; grains per panicle 0–500 (80–150 usual, up to 300 in high-yield
 *   varieties, hqwc.cn/news/899428.html); seed set 0–100 %; 1000-grain weight 10–50 g (usual ≈ 25 g).
 */
export const COMPONENTS = {
	maize: {
		ears: { min: 100, max: 10_000 },
		kernelsPerEar: { min: 0, max: 1200 },
		kernelWeight: { min: 50, max: 600 }
	},
	soybean: {
		plants: { min: 1000, max: 60_000 },
		podsPerPlant: { min: 0, max: 300 },
		seedsPerPod: { min: 0, max: 5 },
		seedWeight100: { min: 5, max: 60 }
	},
	rice: {
		panicles: { min: 10_000, max: 800_000 },
		grainsPerPanicle: { min: 0, max: 500 },
		seedSet: { min: 0, max: 100 },
		grainWeight: { min: 10, max: 50 }
	}
} as const satisfies Record<YieldCrop, Record<string, Bounds>>;

/** Any crop's component key. */
export type ComponentKey = { [C in YieldCrop]: keyof (typeof COMPONENTS)[C] & string }[YieldCrop];

/** Every component key of every crop, e.g. to hold what was typed for each. */
export const COMPONENT_KEYS = [
	...new Set(YIELD_CROPS.flatMap((c) => Object.keys(COMPONENTS[c])))
] as ComponentKey[];

/** The count per 亩 each crop starts from (ears, plants or panicles). */
export const COUNT_KEY = { maize: 'ears', soybean: 'plants', rice: 'panicles' } as const;

/** The other numbers: discount, moisture when the grain was weighed, standard moisture, field area. */
export const SETTINGS = {
	discount: { min: 0.5, max: 1 },
	// grain fresh from the field is 25–35 % water in the Northeast; 60 % is beyond any grain that can be shelled
	moisture: { min: 0, max: 60 },
	standardMoisture: { min: 0, max: 30 },
	areaMu: { min: 0.01, max: 100_000 }
} as const satisfies Record<string, Bounds>;

export interface YieldInput {
	crop: YieldCrop;
	/** The crop's components by key (COMPONENTS[crop]); NaN when not filled in. */
	components: Record<string, number>;
	discount: number;
	/** Moisture (%) of the grain when the kernel weight was taken; null when it is already at standard moisture. */
	moisture: number | null;
	standardMoisture: number;
	/** The field's area in 亩 for the total; null without a field. */
	areaMu: number | null;
}

export interface YieldResult {
	/** Components multiplied, kg/亩. */
	theoretical: number;
	/** After the discount, kg/亩. */
	discounted: number;
	/** At standard moisture (equal to `discounted` when no moisture was given): the estimate, kg/亩. */
	kgPerMu: number;
	jinPerMu: number;
	kgPerHa: number;
	/** For the whole field, kg; null without an area. */
	totalKg: number | null;
}

/** A number out of its range, by key (a component key or a SETTINGS key). */
export interface RangeProblem extends Bounds {
	key: string;
}

const within = (v: number, b: Bounds) => Number.isFinite(v) && v >= b.min && v <= b.max;

/** Every typed number that is missing or out of its range; empty means the estimate can be made. */
export function yieldProblems(input: YieldInput): RangeProblem[] {
	const problems: RangeProblem[] = [];
	const check = (key: string, value: number, bounds: Bounds) => {
		if (!within(value, bounds)) problems.push({ key, ...bounds });
	};
	for (const [key, bounds] of Object.entries(COMPONENTS[input.crop] as Record<string, Bounds>))
		check(key, input.components[key] ?? Number.NaN, bounds);
	check('discount', input.discount, SETTINGS.discount);
	if (input.moisture !== null) check('moisture', input.moisture, SETTINGS.moisture);
	check('standardMoisture', input.standardMoisture, SETTINGS.standardMoisture);
	if (input.areaMu !== null) check('areaMu', input.areaMu, SETTINGS.areaMu);
	return problems;
}

/** The components multiplied out, kg/亩 (see the formulas at the top). */
export function theoreticalYield(crop: YieldCrop, c: Record<string, number>): number {
	const v = (key: string) => c[key] ?? Number.NaN;
	switch (crop) {
		case 'maize':
			return (v('ears') * v('kernelsPerEar') * v('kernelWeight')) / 1e6;
		case 'soybean':
			return (v('plants') * v('podsPerPlant') * v('seedsPerPod') * v('seedWeight100')) / 1e5;
		case 'rice':
			return (
				(v('panicles') * v('grainsPerPanicle') * (v('seedSet') / 100) * v('grainWeight')) / 1e6
			);
	}
}

/**
 * A weight of grain at one moisture, at another: the dry matter stays, the water changes
 * (yield_std = yield × (100 − measured) ÷ (100 − standard)).
 */
export function atMoisture(kg: number, measured: number, standard: number): number {
	return (kg * (100 - measured)) / (100 - standard);
}

/** The estimate; call only when yieldProblems() is empty. */
export function estimateYield(input: YieldInput): YieldResult {
	const theoretical = theoreticalYield(input.crop, input.components);
	const discounted = theoretical * input.discount;
	const kgPerMu =
		input.moisture === null
			? discounted
			: atMoisture(discounted, input.moisture, input.standardMoisture);
	return {
		theoretical,
		discounted,
		kgPerMu,
		jinPerMu: kgToJin(kgPerMu),
		kgPerHa: kgPerMu * MU_PER_HECTARE,
		totalKg: input.areaMu === null ? null : kgPerMu * input.areaMu
	};
}

/**
 * Counting in the field instead of knowing the count per 亩: ears (plants, panicles) counted along some
 * rows of a measured length at the field's row spacing (垄距).
 */
export interface CountSample {
	counted: number;
	rows: number;
	/** m */
	rowLength: number;
	/** cm, as farmers give 垄距 (65 cm is common on ridged fields). */
	rowSpacing: number;
}

/** Sanity limits of a sample: a few rows of a few metres is usual; 10–200 cm covers every row spacing. */
export const SAMPLE = {
	counted: { min: 1, max: 100_000 },
	rows: { min: 1, max: 100 },
	rowLength: { min: 0.5, max: 1000 },
	rowSpacing: { min: 10, max: 200 }
} as const satisfies Record<keyof CountSample, Bounds>;

export function sampleProblems(sample: CountSample): RangeProblem[] {
	return (Object.keys(SAMPLE) as (keyof CountSample)[])
		.filter((key) => !within(sample[key], SAMPLE[key]))
		.map((key) => ({ key, ...SAMPLE[key] }));
}

/** m² the sample covers: rows × length × spacing. */
export function sampleArea(sample: CountSample): number {
	return sample.rows * sample.rowLength * (sample.rowSpacing / 100);
}

/** The count per 亩 a sample stands for (666.7 m² per 亩). */
export function perMuFromSample(sample: CountSample): number {
	return (sample.counted / sampleArea(sample)) * SQ_M_PER_MU;
}

/** The crop a field's free-text crop names, when the estimate knows it ("玉米", "Soybean", "水稻" …). */
export function cropFromText(text: string | undefined): YieldCrop | null {
	const t = (text ?? '').trim().toLowerCase();
	if (/玉米|苞米|包米|maize|corn/.test(t)) return 'maize';
	if (/大豆|黄豆|soy/.test(t)) return 'soybean';
	if (/稻|rice|paddy/.test(t)) return 'rice';
	return null;
}

/**
 * A harvest record's weight at the crop's standard moisture, when it gives its moisture and the crop is known
 * (the field's crop): what the grain depot will count. Null otherwise.
 */
export function harvestAtStandard(
	details: LogDetails | undefined,
	crop: YieldCrop | null
): { kg: number; standardMoisture: number } | null {
	const quantity = details?.quantity;
	const moisture = details?.moisture;
	if (!crop || !isQuantity(quantity) || !isQuantity(moisture)) return null;
	if (!within(moisture.value, SETTINGS.moisture)) return null;
	if (quantity.unit !== 'kg' && quantity.unit !== 'jin') return null;
	const kg = quantity.unit === 'jin' ? jinToKg(quantity.value) : quantity.value;
	const standardMoisture = STANDARD_MOISTURE[crop];
	return { kg: atMoisture(kg, moisture.value, standardMoisture), standardMoisture };
}
