import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkSale,
	harvestBatchEditable,
	planMerge,
	planSplit,
	quantityKgOf,
	remainingKg,
	type BatchOrigin,
	type BatchStatus
} from './batches';

const batch = (
	id: string,
	quantityKg: number,
	extra: { status?: BatchStatus; origin?: BatchOrigin; parentIds?: string[]; product?: string } = {}
) => ({
	id,
	quantityKg,
	status: extra.status ?? 'open',
	origin: extra.origin ?? 'harvest',
	parentIds: extra.parentIds ?? [],
	product: extra.product ?? '玉米'
});
const sale = (
	id: string,
	batchId: string,
	value: number,
	unit: 'kg' | 'jin' = 'kg',
	deleted = false
) => ({
	id,
	type: 'sale',
	status: 'done',
	deleted,
	details: { buyer: '粮库', quantity: { value, unit }, batch: batchId }
});

describe('batch quantities', () => {
	it('reads a record quantity in kg, 斤 halved', () => {
		expect(quantityKgOf({ quantity: { value: 1000, unit: 'jin' } })).toBe(500);
		expect(quantityKgOf({ quantity: { value: 12.5, unit: 'kg' } })).toBe(12.5);
		expect(quantityKgOf({})).toBeNull();
	});

	it('what is left: less what was split off and sold, deleted sales and other batches not counted', () => {
		const b = batch('b', 1000);
		const parts = [batch('p1', 300, { origin: 'split', parentIds: ['b'] })];
		const logs = [
			sale('s1', 'b', 100),
			sale('s2', 'b', 200, 'jin'),
			sale('s3', 'b', 50, 'kg', true),
			sale('s4', 'x', 9)
		];
		expect(remainingKg(b, parts, logs)).toBe(500);
		// editing s1 leaves it out
		expect(remainingKg(b, parts, logs, 's1')).toBe(600);
		expect(remainingKg({ ...b, status: 'merged' }, parts, logs)).toBe(0);
	});

	it('keeps grams exact: 0.1 + 0.2 kg sold of 0.3 kg leaves 0', () => {
		const b = batch('b', 0.3);
		expect(remainingKg(b, [], [sale('1', 'b', 0.1), sale('2', 'b', 0.2)])).toBe(0);
	});
});

describe('sales', () => {
	it('refuses more than the batch has left, with the amount available', () => {
		const b = batch('b', 100);
		expect(checkSale(b, 40, 40)).toBeNull();
		expect(checkSale(b, 40, 40.5)).toEqual({ kind: 'over', availableKg: 40, wantedKg: 40.5 });
		expect(checkSale({ ...b, status: 'split' }, 0, 1)).toEqual({ kind: 'not-open' });
	});

	it('property: a run of accepted sales never sells more than the batch', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 100_000 }),
				fc.array(fc.integer({ min: 1, max: 50_000 })),
				(q, wants) => {
					const b = batch('b', q / 10);
					const logs: ReturnType<typeof sale>[] = [];
					for (const [i, w] of wants.entries()) {
						const left = remainingKg(b, [], logs);
						if (checkSale(b, left, w / 10) === null) logs.push(sale(String(i), 'b', w / 10));
					}
					const sold = logs.reduce((s, l) => s + l.details.quantity.value, 0);
					expect(sold).toBeLessThanOrEqual(q / 10 + 1e-9);
					expect(remainingKg(b, [], logs)).toBeGreaterThanOrEqual(0);
				}
			)
		);
	});
});

describe('split', () => {
	it('splits into parts that add up to at most what is left; the rest stays in the batch', () => {
		const b = batch('b', 1000);
		expect(planSplit(b, 1000, [400, 600])).toEqual({
			ok: true,
			parts: [400, 600],
			leftKg: 0,
			status: 'split'
		});
		expect(planSplit(b, 1000, [250, 250])).toEqual({
			ok: true,
			parts: [250, 250],
			leftKg: 500,
			status: 'open'
		});
		expect(planSplit(b, 800, [400, 600])).toEqual({
			ok: false,
			problem: { kind: 'over', availableKg: 800, wantedKg: 1000 }
		});
	});

	it('refuses an empty split, a part of 0 or less, and a batch already used up', () => {
		const b = batch('b', 10);
		expect(planSplit(b, 10, [])).toMatchObject({ ok: false, problem: { kind: 'no-parts' } });
		expect(planSplit(b, 10, [5, 0])).toMatchObject({
			ok: false,
			problem: { kind: 'bad-part', index: 1 }
		});
		expect(planSplit(b, 10, [Number.NaN])).toMatchObject({
			ok: false,
			problem: { kind: 'bad-part', index: 0 }
		});
		expect(planSplit({ ...b, status: 'merged' }, 0, [1])).toMatchObject({
			ok: false,
			problem: { kind: 'not-open' }
		});
	});

	it('property: parts plus what is left always equal what the batch had', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1_000_000 }),
				fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 8 }),
				(have, parts) => {
					const b = batch('b', have / 1000);
					const plan = planSplit(
						b,
						have / 1000,
						parts.map((p) => p / 1000)
					);
					const total = parts.reduce((a, c) => a + c, 0);
					if (total > have) expect(plan.ok).toBe(false);
					else if (plan.ok)
						expect(Math.round((plan.leftKg + plan.parts.reduce((a, c) => a + c, 0)) * 1000)).toBe(
							have
						);
					else throw new Error('refused a split that fits');
				}
			)
		);
	});
});

describe('merge', () => {
	it('merges open batches of one product into what they have left', () => {
		const a = batch('a', 100);
		const b = batch('b', 50);
		const left = new Map([
			['a', 80],
			['b', 50]
		]);
		expect(planMerge([a, b], left)).toEqual({ ok: true, quantityKg: 130, product: '玉米' });
	});

	it('refuses other products, one batch alone, the same twice and used-up batches', () => {
		const a = batch('a', 100);
		const left = new Map([
			['a', 100],
			['b', 100],
			['c', 0]
		]);
		expect(planMerge([a, batch('b', 100, { product: '大豆' })], left)).toMatchObject({
			problem: { kind: 'mixed-products' }
		});
		expect(planMerge([a], left)).toMatchObject({ problem: { kind: 'too-few' } });
		expect(planMerge([a, a], left)).toMatchObject({ problem: { kind: 'same-batch-twice' } });
		expect(planMerge([a, batch('c', 10)], left)).toMatchObject({ problem: { kind: 'not-open' } });
		expect(planMerge([a, batch('b', 10, { status: 'split' })], left)).toMatchObject({
			problem: { kind: 'not-open' }
		});
	});
});

describe('editing a harvest', () => {
	it('may change its batch only while nothing was sold, split or merged', () => {
		const b = batch('b', 100);
		expect(harvestBatchEditable(b, [], [])).toBe(true);
		expect(harvestBatchEditable(b, [], [sale('s', 'b', 1)])).toBe(false);
		expect(
			harvestBatchEditable(b, [batch('p', 10, { origin: 'split', parentIds: ['b'] })], [])
		).toBe(false);
		expect(harvestBatchEditable({ ...b, status: 'merged' }, [], [])).toBe(false);
	});
});
