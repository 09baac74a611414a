/**
 * "是不是写错了？": numbers that are allowed but hardly ever true, so the app asks once before saving and the
 * farmer can confirm past the question (a second tap on save). Hard limits (LOG_FORMS, checkFieldForm) still
 * refuse what can't be true at all; these questions catch a slipped digit inside them, e.g. 9,999,999 kg
 * harvested from 50 亩. Pure: the screens ask with `doubtsToAsk` and keep the keys already asked.
 */
import { isQuantity, type LogDraft } from './field-logs';
import { cropFromName, type SurveyCrop } from './seedling-survey';
import { KG_PER_JIN, SQ_M_PER_MU } from './units';

export type PlausibleCrop = SurveyCrop;

/**
 * China's record or near-record yields, kg/亩, measured by expert panels at the grain trade's standard
 * moisture (实打实收). No farmer's field beats them; a harvest record above them is almost surely a typo.
 * - maize 1,663.25: 新疆生产建设兵团第六师奇台总场 high-density field, 实收测产 by 农业农村部玉米专家指导组,
 *   October 2020, beating the 1,517.11 national record of 2017 (中国农业科学院作物科学研究所; reported at
 *   reamhauser.com/p/221215.html, 51dongshi.net/wzztf/rcdag/rcdagaebe).
 * - soybean 467.24: 新疆农垦科学院 "龙垦324", 实收 by the 农业农村部 yield panel (大豆专家指导组副组长张玉先),
 *   22 September 2023, the national soybean record (兵团日报 2023-09-27, epaper.bingtuannet.com/pc/cont/202309/27/c1054321.html).
 * - rice 1,203.36: super hybrid rice 湘两优900, 实打实收 by an expert panel of 华中农大 and 河北省农林科学院
 *   (fx361.cc/page/2018/0212/17006560.shtml; the 1,149.02 record of 2017 at jizihe.com/page/2017/1109/2441356.shtml).
 *   Heilongjiang's japonica rice yields far less; the world record is the honest ceiling.
 * - spring wheat 851.05: no spring-wheat record was found, so the wheat record bounds it (winter wheat, with
 *   the longer season, yields more): 851.05 kg/亩 in 安徽颍泉, 2021, by an expert panel (english.ah.gov.cn/News/554007001.html);
 *   the 2025 百亩 record in 新疆奇台 is 849.8 (中国新闻网 2025-07-20).
 * - potato 9,580 fresh tubers: 希森6号 in 山东平度, measured to the national high-yield standard before 28 experts
 *   of 中国作物学会马铃薯专业委员会 (农民日报, via m.hngza.cn/Tech/1228224.html; 人民日报 2017-07-14 reported 9.3 t).
 */
export const RECORD_YIELD_KG_PER_MU: Record<PlausibleCrop, number> = {
	maize: 1663.25,
	soybean: 467.24,
	rice: 1203.36,
	springWheat: 851.05,
	potato: 9580
};

/**
 * Grain is often weighed wet off the field while the records are at standard moisture (13–14.5 %): maize at
 * 30 % moisture weighs (100 − 14) ÷ (100 − 30) ≈ 1.23 times as much (yield-estimate.ts, STANDARD_MOISTURE).
 * So a grain harvest is questioned only above record × 1.3; potatoes are weighed fresh in the record too.
 */
export const WET_WEIGHT_SLACK: Record<PlausibleCrop, number> = {
	maize: 1.3,
	soybean: 1.3,
	rice: 1.3,
	springWheat: 1.3,
	potato: 1
};

export interface Range {
	min: number;
	max: number;
}

/**
 * Seed rates, kg/亩, wider than any common practice, so only a slip asks (e.g. 20 for 2.0, or 斤 meant as kg
 * twice over):
 * - maize: hybrid maize about 3 kg/亩 drilled, 2 kg/亩 by precision seeding (runkan.net/forum.php?tid=7700);
 *   below 1 kg/亩 cannot reach Heilongjiang's 3,500–6,000 plants/亩 at ~300 g per 1000 seeds.
 * - soybean: spring soybean 5–6 kg/亩, summer 7.5–10 (yileen.com.cn 艺莲园, 大豆科学栽培); 窄行密植 up to ~10.
 * - rice: cold-region nursery trays take 2 两 (100 g) of sprouted seed each, at most 2.4 两
 *   (greatytc.com/p/0718f93dfcc4, 北方寒地水稻育秧), about 3 kg per 亩 of paddy; direct seeding up to ~10.
 * - spring wheat: seed = basic seedlings × 1000-grain weight ÷ (germination × emergence)
 *   (zhijingyan.com/zh/shenghuo/r09oxr.html); spring wheat hardly tillers, so 40–45万 seedlings/亩 at 40 g
 *   is about 20 kg/亩; a winter-wheat precision rate is 7.4 kg/亩.
 * - potato: seed tubers 130–150 kg/亩 single rows, 150–175 double rows (sxxnz.com/nyzx/816.html); 4,000–5,000
 *   pieces of 20–25 g is 80–125 kg (m.heicha7.com/nongye/shucaizhongzhi/202104/170050.html); the record form refuses over 200.
 */
export const SEED_RATE_KG_PER_MU: Record<PlausibleCrop, Range> = {
	maize: { min: 1, max: 6 },
	soybean: { min: 2.5, max: 12 },
	rice: { min: 1, max: 12 },
	springWheat: { min: 7, max: 35 },
	potato: { min: 60, max: 200 }
};

/**
 * A field drawn on the map (or typed) over 2,000 亩 (about 133 ha) asks first: a family field in
 * Heilongjiang is tens of 亩, a large co-operative plot a few hundred; four careless taps on a zoomed-out map
 * make thousands.
 */
export const BIG_FIELD_MU = 2000;

/** A drawn area less than half or more than twice the area the farmer gave is probably drawn wrong. */
export const AREA_MISMATCH_FACTOR = 2;

export type Doubt =
	| { kind: 'harvest-per-mu'; perMu: number; record: number; crop: PlausibleCrop | null }
	| { kind: 'seed-rate'; kgPerMu: number; usual: Range; crop: PlausibleCrop }
	| { kind: 'big-field'; mu: number }
	| { kind: 'area-mismatch'; drawnMu: number; typedMu: number };

/** Same doubt, same key: a confirmed question is not asked again unless the number changes. */
export function doubtKey(doubt: Doubt): string {
	switch (doubt.kind) {
		case 'harvest-per-mu':
			return `harvest:${doubt.perMu.toFixed(1)}`;
		case 'seed-rate':
			return `seed:${doubt.kgPerMu}`;
		case 'big-field':
			return `big:${doubt.mu.toFixed(1)}`;
		case 'area-mismatch':
			return `mismatch:${doubt.drawnMu.toFixed(1)}:${doubt.typedMu}`;
	}
}

/**
 * Harvested kg from a field of `areaM2` against the record for its crop (the crop named in the field or the
 * record; any crop's highest record when Heitu does not know the crop). Null when it is plausible or there is
 * no area to divide by.
 */
export function harvestDoubt(
	kg: number,
	areaM2: number,
	cropName: string | undefined
): Doubt | null {
	if (!(kg > 0) || !(areaM2 > 0)) return null;
	const crop = cropFromName(cropName);
	const perMu = kg / (areaM2 / SQ_M_PER_MU);
	const record = crop
		? RECORD_YIELD_KG_PER_MU[crop]
		: Math.max(...Object.values(RECORD_YIELD_KG_PER_MU));
	const limit = crop ? record * WET_WEIGHT_SLACK[crop] : record;
	return perMu > limit ? { kind: 'harvest-per-mu', perMu, record, crop } : null;
}

/** A sowing's seed rate (kg/亩) outside the crop's usual range; null for a crop Heitu does not know. */
export function seedRateDoubt(kgPerMu: number, cropName: string | undefined): Doubt | null {
	const crop = cropFromName(cropName);
	if (!crop || !(kgPerMu > 0)) return null;
	const usual = SEED_RATE_KG_PER_MU[crop];
	return kgPerMu < usual.min || kgPerMu > usual.max
		? { kind: 'seed-rate', kgPerMu, usual, crop }
		: null;
}

/**
 * What a record asks before it is saved, by detail key: a harvest per 亩 of its field, a sowing's seed rate.
 * `field` is the record's field (its area and crop), when it has one.
 */
export function logDoubts(
	draft: Pick<LogDraft, 'type' | 'details'>,
	field: { areaM2: number; crop?: string } | null
): Record<string, Doubt> {
	const doubts: Record<string, Doubt> = {};
	const toKg = (q: { value: number; unit: string }) =>
		q.unit === 'jin' ? q.value * KG_PER_JIN : q.value;
	const quantity = draft.details.quantity;
	if (draft.type === 'harvest' && field && isQuantity(quantity)) {
		const doubt = harvestDoubt(toKg(quantity), field.areaM2, field.crop);
		if (doubt) doubts.quantity = doubt;
	}
	const rate = draft.details.seedRate;
	const crop = draft.details.crop;
	if (draft.type === 'sowing' && isQuantity(rate)) {
		const doubt = seedRateDoubt(
			toKg(rate),
			typeof crop === 'string' && crop.trim() ? crop : field?.crop
		);
		if (doubt) doubts.seedRate = doubt;
	}
	return doubts;
}

/**
 * A field's area, drawn or typed, against what the farmer expects: over BIG_FIELD_MU asks, and a drawn area
 * far from an area the farmer typed for it asks too.
 */
export function fieldAreaDoubts(areaM2: number, typedMu: number | null, drawn: boolean): Doubt[] {
	const mu = areaM2 / SQ_M_PER_MU;
	const doubts: Doubt[] = [];
	if (mu > BIG_FIELD_MU) doubts.push({ kind: 'big-field', mu });
	if (drawn && typedMu !== null && typedMu > 0 && mu > 0) {
		const ratio = mu / typedMu;
		if (ratio > AREA_MISMATCH_FACTOR || ratio < 1 / AREA_MISMATCH_FACTOR)
			doubts.push({ kind: 'area-mismatch', drawnMu: mu, typedMu });
	}
	return doubts;
}

/**
 * The doubts still to ask: those whose key was not asked before. The screen shows them and remembers their
 * keys; a second tap with the same numbers then saves, a changed number asks again.
 */
export function doubtsToAsk(doubts: readonly Doubt[], asked: readonly string[]): Doubt[] {
	return doubts.filter((d) => !asked.includes(doubtKey(d)));
}
