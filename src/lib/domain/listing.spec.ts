import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	buildTitle,
	calculatePrice,
	checkPhoto,
	checkTitle,
	hasPhoneNumber,
	perWeight,
	readGreenFoodCode,
	roundUpToFen,
	titleLength,
	type PriceInputs
} from './listing';

const parts = (brand: string, attributes: string, product: string) => ({
	brand,
	attributes,
	product
});

describe('title', () => {
	it('is brand + attributes + product word', () => {
		expect(buildTitle(parts(' 黑土香 ', '五常  稻花香 10斤', '大米'))).toBe(
			'黑土香 五常 稻花香 10斤 大米'
		);
		expect(buildTitle(parts('', '新米', '大米'))).toBe('新米 大米');
	});

	it('counts a Chinese character as 2 bytes: 30 characters fit, 31 do not', () => {
		expect(titleLength('大米10kg')).toBe(8);
		expect(checkTitle(parts('', '', '米'.repeat(30))).problems).toEqual([]);
		expect(checkTitle(parts('', '', '米'.repeat(31))).problems).toEqual([
			{ kind: 'too-long', length: 62, max: 60 }
		]);
	});

	it('needs a product word', () => {
		expect(checkTitle(parts('', '', '')).problems).toEqual([{ kind: 'empty' }]);
		expect(checkTitle(parts('黑土香', '五常', '')).problems).toEqual([{ kind: 'no-product' }]);
	});

	it('refuses phone numbers however they are written', () => {
		for (const typed of [
			'13812345678',
			'138 1234 5678',
			'138-1234-5678',
			'１３８１２３４５６７８',
			'+86 138 1234 5678',
			'0451-86661234',
			'(0451) 8666 1234',
			'400-123-4567'
		])
			expect(hasPhoneNumber(`五常大米 ${typed}`), typed).toBe(true);
		for (const honest of ['五常大米 10斤', '2025年新米 5kg', '长粒香 25kg 2袋', '12345'])
			expect(hasPhoneNumber(honest), honest).toBe(false);
		expect(checkTitle(parts('', '五常 138-1234-5678', '大米')).problems).toEqual([
			{ kind: 'phone' }
		]);
	});

	it('refuses WeChat, URLs and symbol padding', () => {
		const kinds = (attributes: string) =>
			checkTitle(parts('', attributes, '大米')).problems.map((p) => p.kind);
		expect(kinds('加微信 heitu2025')).toEqual(['wechat']);
		expect(kinds('VX：rice_88')).toEqual(['wechat']);
		expect(kinds('www.heitu.cn')).toEqual(['url']);
		expect(kinds('https://x.cn/a')).toEqual(['url']);
		expect(kinds('★★新米★★')).toEqual(['symbols']);
		expect(kinds('新米!!!')).toEqual(['symbols']);
	});

	it('warns on the 广告法 第九条 extreme words without refusing', () => {
		const check = checkTitle(parts('', '国家级 最好吃 第一', '大米'));
		expect(check.problems).toEqual([]);
		expect(check.extremeWords).toEqual(['国家级', '第一', '最']);
		expect(checkTitle(parts('', '最佳口感', '大米')).extremeWords).toEqual(['最佳']);
	});
});

describe('绿色食品 code', () => {
	it('reads product numbers (LB-XX + 10 or 11 digits, grade A/AA) and enterprise codes (GF + 12)', () => {
		// real numbers listed on greenfood.hao86.com
		expect(readGreenFoodCode('LB-15-1711196965A')).toEqual({
			kind: 'product',
			code: 'LB-15-1711196965A'
		});
		expect(readGreenFoodCode('lb－15－19012700330a')?.code).toBe('LB-15-19012700330A');
		expect(readGreenFoodCode('LB-50-1703081720')?.kind).toBe('product');
		expect(readGreenFoodCode('GF 230100 25 0012')).toEqual({
			kind: 'enterprise',
			code: 'GF230100250012'
		});
		for (const bad of ['LB-1-1711196965A', 'LB-15-17111969', 'AB-15-1711196965A', 'GF12345', ''])
			expect(readGreenFoodCode(bad), bad).toBeNull();
	});
});

const base: PriceInputs = {
	cost: 30,
	packaging: 3,
	shipping: 8,
	loss: 1,
	platformFeePct: 5,
	promotionPct: 10,
	marginPct: 15
};

describe('price', () => {
	it('works the facts.md §5 formula: 42 ÷ (1 − 5% − 10% − 15%) = 60; break-even 42 ÷ 0.85', () => {
		const result = calculatePrice(base);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.costs).toBe(42);
		expect(result.price).toBeCloseTo(60, 10);
		expect(result.breakEven).toBeCloseTo(49.4117647, 6);
		expect(result.profit).toBeCloseTo(9, 10);
		expect(roundUpToFen(result.breakEven)).toBe(49.42);
		expect(roundUpToFen(result.price)).toBe(60);
	});

	it('per kg and per 斤 over the net weight', () => {
		expect(perWeight(60, 5)).toEqual({ perKg: 12, perJin: 6 });
	});

	it('refuses shares of 100 % or more, and negative costs', () => {
		expect(calculatePrice({ ...base, marginPct: 85 })).toEqual({
			ok: false,
			problems: [{ kind: 'shares-too-high', total: 100 }]
		});
		expect(calculatePrice({ ...base, platformFeePct: 60, promotionPct: 45 })).toEqual({
			ok: false,
			problems: [{ kind: 'fees-too-high', total: 105 }]
		});
		expect(calculatePrice({ ...base, shipping: -1 })).toEqual({
			ok: false,
			problems: [{ kind: 'negative-cost', field: 'shipping' }]
		});
		expect(calculatePrice({ ...base, cost: 0, packaging: 0, shipping: 0, loss: 0 })).toEqual({
			ok: false,
			problems: [{ kind: 'no-cost' }]
		});
		expect(calculatePrice({ ...base, marginPct: Number.NaN }).ok).toBe(false);
	});

	const money = fc.double({ min: 0, max: 10_000, noNaN: true });
	const share = fc.double({ min: 0, max: 99.9, noNaN: true });
	const inputs = fc.record({
		cost: money,
		packaging: money,
		shipping: money,
		loss: money,
		platformFeePct: share,
		promotionPct: share,
		marginPct: share
	});

	it('property: the price is never below break-even when the margin is ≥ 0', () => {
		fc.assert(
			fc.property(inputs, (i) => {
				const result = calculatePrice(i);
				if (result.ok) expect(result.price).toBeGreaterThanOrEqual(result.breakEven);
			})
		);
	});

	it('property: the price and break-even are never negative, whatever is typed', () => {
		fc.assert(
			fc.property(
				fc.record({
					cost: fc.double(),
					packaging: fc.double(),
					shipping: fc.double(),
					loss: fc.double(),
					platformFeePct: fc.double(),
					promotionPct: fc.double(),
					marginPct: fc.double()
				}),
				(i) => {
					const result = calculatePrice(i);
					if (result.ok) {
						expect(result.price).toBeGreaterThan(0);
						expect(result.breakEven).toBeGreaterThan(0);
						expect(Number.isFinite(result.price)).toBe(true);
					}
				}
			)
		);
	});

	it('property: refused exactly when the shares reach 100 %', () => {
		fc.assert(
			fc.property(inputs, (i) => {
				const result = calculatePrice(i);
				const costs = i.cost + i.packaging + i.shipping + i.loss;
				const total = i.platformFeePct + i.promotionPct + i.marginPct;
				expect(result.ok).toBe(costs > 0 && total < 100);
			})
		);
	});
});

describe('photo checklist', () => {
	it('takes 1:1 and upright 3:4 photos of at least 800×800', () => {
		expect(checkPhoto(800, 800)).toEqual({ ratio: '1:1', bigEnough: true, ok: true });
		expect(checkPhoto(1200, 1600)).toEqual({ ratio: '3:4', bigEnough: true, ok: true });
		expect(checkPhoto(1000, 1015)).toEqual({ ratio: '1:1', bigEnough: true, ok: true });
		expect(checkPhoto(600, 600)).toEqual({ ratio: '1:1', bigEnough: false, ok: false });
		expect(checkPhoto(1600, 1200)).toEqual({ ratio: null, bigEnough: true, ok: false });
		expect(checkPhoto(1920, 1080)).toEqual({ ratio: null, bigEnough: true, ok: false });
		expect(checkPhoto(600, 800)).toEqual({ ratio: '3:4', bigEnough: false, ok: false });
		expect(checkPhoto(0, 0)).toEqual({ ratio: null, bigEnough: false, ok: false });
	});
});
