import { describe, expect, it } from 'vitest';
import { validateLog, type LogDetails, type LogDraft } from './field-logs';
import {
	checkSaleMoney,
	completeSaleMoney,
	formatMoneyQuantity,
	formatPrice,
	formatYuan,
	moneyTolerance,
	priceHistory,
	priceUnitFor,
	saleMoneyOf,
	salesTotal
} from './sale-money';

const sale = (details: LogDetails): LogDetails => ({ buyer: '县粮库', ...details });

describe('the money of a sale', () => {
	it('works out the amount from the price and the quantity, to the fen', () => {
		const details = sale({
			quantity: { value: 500, unit: 'kg' },
			price: { value: 2.4, unit: 'yuanPerKg' }
		});
		expect(checkSaleMoney(details, 'yuanPerKg')).toEqual({
			kind: 'filled',
			key: 'amount',
			value: { value: 1200, unit: 'yuan' }
		});
		expect(completeSaleMoney(details, 'yuanPerKg').amount).toEqual({ value: 1200, unit: 'yuan' });
	});

	it('never works a box out over one holding what is not a number: the record is refused at that box', () => {
		const typed = sale({
			quantity: { value: 500, unit: 'kg' },
			price: { value: Number.NaN, unit: 'yuanPerKg' },
			amount: { value: 1200, unit: 'yuan' }
		});
		expect(checkSaleMoney(typed, 'yuanPerKg')).toEqual({ kind: 'none' });
		const completed = completeSaleMoney(typed, 'yuanPerKg');
		expect(completed).toEqual(typed);
		const draft: LogDraft = {
			type: 'sale',
			fieldId: null,
			status: 'done',
			at: Date.UTC(2026, 9, 1),
			notes: '',
			point: null,
			details: completed
		};
		expect(validateLog(draft, Date.UTC(2026, 9, 2)).price).toBe('not-a-number');
	});

	it('converts between 斤 and kg: 1,000 斤 at 1.185 元/斤 is 1,185.00 元', () => {
		const details = sale({
			quantity: { value: 1000, unit: 'jin' },
			price: { value: 1.185, unit: 'yuanPerJin' }
		});
		expect(completeSaleMoney(details, 'yuanPerJin').amount).toEqual({
			value: 1185,
			unit: 'yuan'
		});
		// 500 kg sold at a per-斤 price: 1,000 斤
		const mixed = sale({
			quantity: { value: 500, unit: 'kg' },
			price: { value: 1.2, unit: 'yuanPerJin' }
		});
		expect(completeSaleMoney(mixed, 'yuanPerJin').amount).toEqual({ value: 1200, unit: 'yuan' });
	});

	it('works out the price from the amount, in the unit of the price box', () => {
		const details = sale({
			quantity: { value: 437, unit: 'kg' },
			amount: { value: 1000, unit: 'yuan' }
		});
		const perKg = completeSaleMoney(details, 'yuanPerKg').price;
		expect(perKg).toEqual({ value: 2.2883, unit: 'yuanPerKg' });
		const perJin = completeSaleMoney(details, 'yuanPerJin').price;
		expect(perJin).toEqual({ value: 1.1442, unit: 'yuanPerJin' });
	});

	it('accepts rounding and a dropped odd 元, and asks when price and amount disagree', () => {
		const base = {
			quantity: { value: 1234, unit: 'kg' },
			price: { value: 2.35, unit: 'yuanPerKg' }
		} as const;
		// 1234 × 2.35 = 2899.90
		expect(
			checkSaleMoney(sale({ ...base, amount: { value: 2899.9, unit: 'yuan' } }), 'yuanPerKg')
		).toEqual({ kind: 'agrees' });
		expect(
			checkSaleMoney(sale({ ...base, amount: { value: 2890, unit: 'yuan' } }), 'yuanPerKg')
		).toEqual({ kind: 'agrees' });
		expect(
			checkSaleMoney(sale({ ...base, amount: { value: 1450, unit: 'yuan' } }), 'yuanPerKg')
		).toEqual({
			kind: 'disagrees',
			expected: 2899.9,
			amount: 1450
		});
		// a disagreement is left as written: she decides
		const written = sale({ ...base, amount: { value: 1450, unit: 'yuan' } });
		expect(completeSaleMoney(written, 'yuanPerKg')).toEqual(written);
	});

	it('allows 1 % or 1 元, whichever is more', () => {
		expect(moneyTolerance(50)).toBe(1);
		expect(moneyTolerance(10_000)).toBe(100);
	});

	it('leaves a sale without price and amount, or without a quantity, alone', () => {
		expect(checkSaleMoney(sale({ quantity: { value: 10, unit: 'kg' } }), 'yuanPerKg')).toEqual({
			kind: 'none'
		});
		expect(checkSaleMoney(sale({ price: { value: 2, unit: 'yuanPerKg' } }), 'yuanPerKg')).toEqual({
			kind: 'none'
		});
		// a box left empty is NaN in the draft: empty, not a number to work from
		expect(
			checkSaleMoney(
				sale({
					quantity: { value: 10, unit: 'kg' },
					price: { value: Number.NaN, unit: 'yuanPerKg' }
				}),
				'yuanPerKg'
			)
		).toEqual({ kind: 'none' });
	});

	it('prices a sale by the 斤 when it was weighed in 斤', () => {
		expect(priceUnitFor('jin')).toBe('yuanPerJin');
		expect(priceUnitFor('kg')).toBe('yuanPerKg');
		expect(priceUnitFor(undefined)).toBe('yuanPerKg');
	});
});

describe('the sale record form takes price and amount within sanity bounds', () => {
	const draft = (details: LogDetails): LogDraft => ({
		type: 'sale',
		fieldId: null,
		status: 'done',
		at: Date.UTC(2026, 9, 1),
		notes: '',
		point: null,
		details: sale({ quantity: { value: 500, unit: 'kg' }, ...details })
	});
	const now = Date.UTC(2026, 9, 2);
	it('accepts a price and an amount, and a sale with neither', () => {
		expect(validateLog(draft({}), now)).toEqual({});
		expect(
			validateLog(
				draft({ price: { value: 2.4, unit: 'yuanPerKg' }, amount: { value: 1200, unit: 'yuan' } }),
				now
			)
		).toEqual({});
		// given away
		expect(validateLog(draft({ amount: { value: 0, unit: 'yuan' } }), now)).toEqual({});
	});
	it('refuses a price over 10,000 元/kg (5,000 元/斤), a negative one and an amount over 100 million', () => {
		expect(validateLog(draft({ price: { value: 10_001, unit: 'yuanPerKg' } }), now)).toEqual({
			price: 'too-large'
		});
		expect(validateLog(draft({ price: { value: 5001, unit: 'yuanPerJin' } }), now)).toEqual({
			price: 'too-large'
		});
		expect(validateLog(draft({ price: { value: 5000, unit: 'yuanPerJin' } }), now)).toEqual({});
		expect(validateLog(draft({ price: { value: -1, unit: 'yuanPerKg' } }), now)).toEqual({
			price: 'too-small'
		});
		expect(validateLog(draft({ amount: { value: 100_000_001, unit: 'yuan' } }), now)).toEqual({
			amount: 'too-large'
		});
		expect(validateLog(draft({ amount: { value: 12, unit: 'kg' } }), now)).toEqual({
			amount: 'bad-unit'
		});
	});
});

describe('what sales brought in', () => {
	it('reads a saved sale, working out the missing half of older ones', () => {
		expect(
			saleMoneyOf({
				quantity: { value: 1000, unit: 'jin' },
				price: { value: 1.2, unit: 'yuanPerJin' }
			})
		).toEqual({ kg: 500, yuanPerKg: 2.4, amount: 1200 });
		expect(
			saleMoneyOf({ quantity: { value: 500, unit: 'kg' }, amount: { value: 1000, unit: 'yuan' } })
		).toEqual({ kg: 500, yuanPerKg: 2, amount: 1000 });
		expect(saleMoneyOf({ quantity: { value: 500, unit: 'kg' } })).toEqual({
			kg: 500,
			yuanPerKg: null,
			amount: null
		});
	});

	it('adds up done sales only, and counts those without money and the planned ones', () => {
		const total = salesTotal([
			{
				status: 'done',
				details: { quantity: { value: 500, unit: 'kg' }, amount: { value: 1200, unit: 'yuan' } }
			},
			{
				status: 'done',
				details: {
					quantity: { value: 100, unit: 'kg' },
					price: { value: 2.455, unit: 'yuanPerKg' }
				}
			},
			{ status: 'done', details: { quantity: { value: 100, unit: 'kg' } } },
			{
				status: 'planned',
				details: { quantity: { value: 100, unit: 'kg' }, amount: { value: 999, unit: 'yuan' } }
			}
		]);
		expect(total).toEqual({ earned: 1445.5, counted: 2, withoutMoney: 1, planned: 1 });
	});
});

describe('money as people read it', () => {
	it('formats amounts to the fen in Chinese and English', () => {
		expect(formatYuan(1200, 'zh-CN')).toBe('1,200.00 元');
		expect(formatYuan(1200.5, 'en')).toBe('1,200.50 yuan');
		expect(formatYuan(0, 'zh-CN')).toBe('0.00 元');
	});
	it('formats prices with their unit, keeping a price written to the 厘', () => {
		expect(formatPrice(2.4, 'yuanPerKg', 'zh-CN')).toBe('2.40 元/公斤');
		expect(formatPrice(1.185, 'yuanPerJin', 'zh-CN')).toBe('1.185 元/斤');
		expect(formatPrice(2.4, 'yuanPerKg', 'en')).toBe('2.40 yuan/kg');
		expect(formatMoneyQuantity({ value: 1.2, unit: 'yuanPerJin' }, 'en')).toBe('1.20 yuan/jin');
		expect(formatMoneyQuantity({ value: 12, unit: 'kg' }, 'en')).toBeNull();
	});
});

describe('the listing’s price history', () => {
	const batches = [
		{ id: 'b1', code: 'ABCD234567', product: '五常 大米' },
		{ id: 'b2', code: 'EFGH234567', product: '玉米' }
	];
	const log = (id: string, at: number, details: LogDetails, status = 'done') => ({
		id,
		type: 'sale',
		status,
		at,
		details
	});
	const sales = [
		log('s1', 100, {
			buyer: '老李',
			batch: 'b1',
			quantity: { value: 100, unit: 'kg' },
			price: { value: 6, unit: 'yuanPerKg' }
		}),
		log('s2', 300, {
			buyer: '网店',
			batch: 'b1',
			quantity: { value: 10, unit: 'jin' },
			amount: { value: 40, unit: 'yuan' }
		}),
		log('s3', 200, {
			buyer: '粮库',
			batch: 'b2',
			quantity: { value: 100, unit: 'kg' },
			price: { value: 2.4, unit: 'yuanPerKg' }
		}),
		// no money written: not a price
		log('s4', 400, { buyer: '邻居', batch: 'b1', quantity: { value: 5, unit: 'kg' } }),
		// planned: nobody paid it yet
		log(
			's5',
			500,
			{
				buyer: '超市',
				batch: 'b1',
				quantity: { value: 5, unit: 'kg' },
				price: { value: 9, unit: 'yuanPerKg' }
			},
			'planned'
		),
		// an older sale that typed the trace code
		log('s6', 50, {
			buyer: '集市',
			batch: 'abcd-234-567',
			quantity: { value: 2, unit: 'kg' },
			amount: { value: 10, unit: 'yuan' }
		})
	];

	it('lists what this product sold for, newest first, with date, buyer and price per kg', () => {
		const history = priceHistory(sales, batches, { product: '五常大米', code: '' });
		expect(history.map((h) => [h.logId, h.buyer, h.yuanPerKg])).toEqual([
			['s2', '网店', 8],
			['s1', '老李', 6],
			['s6', '集市', 5]
		]);
		expect(history[0]).toMatchObject({ at: 300, kg: 5, amount: 40, code: 'ABCD234567' });
	});

	it('finds the listing’s batch by its trace code too, and nothing for an unknown product', () => {
		expect(
			priceHistory(sales, batches, { product: '', code: 'EFGH-234-567' }).map((h) => h.logId)
		).toEqual(['s3']);
		expect(priceHistory(sales, batches, { product: '土豆', code: '' })).toEqual([]);
		expect(priceHistory(sales, batches, { product: ' ', code: '' })).toEqual([]);
	});
});
