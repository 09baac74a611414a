import { describe, expect, it } from 'vitest';
import {
	BIG_FIELD_MU,
	doubtKey,
	doubtsToAsk,
	fieldAreaDoubts,
	harvestDoubt,
	logDoubts,
	RECORD_YIELD_KG_PER_MU,
	seedRateDoubt
} from './plausibility';
import { SQ_M_PER_MU } from './units';

const mu = (n: number) => n * SQ_M_PER_MU;

describe('harvest per 亩 against the crop’s record', () => {
	it('asks about 9,999,999 kg from 49.89 亩 of maize, and not about a good harvest', () => {
		const doubt = harvestDoubt(9_999_999, mu(49.89), '玉米');
		expect(doubt).toMatchObject({ kind: 'harvest-per-mu', crop: 'maize', record: 1663.25 });
		expect(doubt && doubt.kind === 'harvest-per-mu' && Math.round(doubt.perMu)).toBe(200_441);
		// 700 kg/亩 is a very good Heilongjiang maize field, not a typo
		expect(harvestDoubt(700 * 49.89, mu(49.89), '玉米')).toBeNull();
	});

	it('leaves room for grain weighed wet, none for potatoes', () => {
		const record = RECORD_YIELD_KG_PER_MU.soybean;
		expect(harvestDoubt(record * 1.25 * 10, mu(10), '大豆')).toBeNull();
		expect(harvestDoubt(record * 1.35 * 10, mu(10), '大豆')).not.toBeNull();
		expect(harvestDoubt(9000 * 2, mu(2), '土豆')).toBeNull();
		expect(harvestDoubt(9700 * 2, mu(2), '马铃薯')).not.toBeNull();
	});

	it('measures an unknown crop against the highest record, and needs an area', () => {
		expect(harvestDoubt(5000, mu(1), '白菜')).toBeNull();
		expect(harvestDoubt(20_000, mu(1), '')).toMatchObject({ crop: null, record: 9580 });
		expect(harvestDoubt(1_000_000, 0, '玉米')).toBeNull();
	});
});

describe('seed rates', () => {
	it('asks outside each crop’s usual range', () => {
		expect(seedRateDoubt(2.5, '玉米')).toBeNull();
		expect(seedRateDoubt(25, '玉米')).toMatchObject({
			kind: 'seed-rate',
			crop: 'maize',
			usual: { min: 1, max: 6 }
		});
		expect(seedRateDoubt(0.2, '玉米')).not.toBeNull();
		expect(seedRateDoubt(5, '大豆')).toBeNull();
		expect(seedRateDoubt(20, '春小麦')).toBeNull();
		expect(seedRateDoubt(2, '小麦')).not.toBeNull();
		expect(seedRateDoubt(150, '土豆')).toBeNull();
		expect(seedRateDoubt(15, '土豆')).not.toBeNull();
		expect(seedRateDoubt(3, '水稻')).toBeNull();
	});

	it('says nothing for a crop it does not know', () => {
		expect(seedRateDoubt(50, '谷子')).toBeNull();
	});
});

describe('a record’s doubts', () => {
	it('divides a harvest by its field’s area, in kg or 斤', () => {
		const field = { areaM2: mu(49.89), crop: '玉米' };
		const harvest = (value: number, unit: 'kg' | 'jin') =>
			logDoubts({ type: 'harvest', details: { quantity: { value, unit } } }, field);
		expect(Object.keys(harvest(9_999_999, 'kg'))).toEqual(['quantity']);
		expect(harvest(35_000, 'kg')).toEqual({});
		// 35,000 斤 = 17,500 kg
		expect(harvest(35_000, 'jin')).toEqual({});
		expect(
			logDoubts({ type: 'harvest', details: { quantity: { value: 9e6, unit: 'kg' } } }, null)
		).toEqual({});
	});

	it('checks a sowing’s seed rate by the crop it names, or else the field’s crop', () => {
		const sowing = (crop: string, value: number, unit: 'kgPerMu' | 'jin' = 'kgPerMu') =>
			logDoubts(
				{ type: 'sowing', details: { crop, seedRate: { value, unit } } },
				{
					areaM2: mu(10),
					crop: '大豆'
				}
			);
		expect(Object.keys(sowing('玉米', 20))).toEqual(['seedRate']);
		expect(sowing('', 5)).toEqual({});
		// 5 斤/亩 of maize = 2.5 kg/亩
		expect(sowing('玉米', 5, 'jin')).toEqual({});
	});
});

describe('field areas', () => {
	it('asks about a field over 2,000 亩', () => {
		expect(fieldAreaDoubts(mu(12_771), null, true)).toEqual([{ kind: 'big-field', mu: 12_771 }]);
		expect(fieldAreaDoubts(mu(BIG_FIELD_MU), null, true)).toEqual([]);
		expect(fieldAreaDoubts(mu(3000), null, false)).toMatchObject([{ kind: 'big-field' }]);
	});

	it('asks when a drawn area is far from the area the farmer typed', () => {
		expect(fieldAreaDoubts(mu(30), 28, true)).toEqual([]);
		expect(fieldAreaDoubts(mu(130), 30, true)).toMatchObject([
			{ kind: 'area-mismatch', typedMu: 30 }
		]);
		expect(fieldAreaDoubts(mu(10), 30, true)).toMatchObject([{ kind: 'area-mismatch' }]);
		// a typed area is not compared with itself
		expect(fieldAreaDoubts(mu(130), 30, false)).toEqual([]);
	});
});

describe('confirming past a question', () => {
	it('asks each doubt once; a changed number asks again', () => {
		const first = fieldAreaDoubts(mu(5000), null, true);
		expect(doubtsToAsk(first, [])).toEqual(first);
		const asked = first.map(doubtKey);
		expect(doubtsToAsk(first, asked)).toEqual([]);
		expect(doubtsToAsk(fieldAreaDoubts(mu(6000), null, true), asked)).toHaveLength(1);
	});
});
