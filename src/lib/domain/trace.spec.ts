import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	allLogs,
	at,
	batches,
	f1,
	f2,
	harvestBatch,
	inputs,
	log,
	noise,
	partA,
	partB,
	season
} from '../../../tests/fixtures/trace-season';
import { seasonOf } from './spray-safety';
import {
	batchLineage,
	compareEvents,
	publicPlace,
	traceChain,
	type TraceBatch,
	type TraceEvent
} from './trace';
import { localDay } from './units';

const kinds = (events: TraceEvent[]) => events.map((e) => e.kind);

describe('traceChain', () => {
	const chain = traceChain(partA, batches, allLogs, [f1, f2], inputs);
	const byLog = (id: string) => chain.find((e) => e.logId === id)!;

	it('follows a split part back to its parent’s field, in time order', () => {
		expect(kinds(chain)).toEqual([
			'fertilizing',
			'sowing',
			'fertilizing',
			'spraying',
			'observation',
			'spraying',
			'harvest',
			'commissioning',
			'split',
			'shipping'
		]);
		expect(chain.map((e) => e.day)).toEqual([
			'2026-05-10',
			'2026-05-12',
			'2026-06-20',
			'2026-08-20',
			'2026-08-28',
			'2026-09-20',
			'2026-09-28',
			'2026-09-28',
			'2026-10-05',
			'2026-10-10'
		]);
	});

	it('leaves out plans, deleted records, other seasons, after the harvest, other fields and batches', () => {
		const ids = new Set(chain.map((e) => e.logId));
		for (const noisy of Object.values(noise)) expect(ids.has(noisy.id)).toBe(false);
	});

	it('says what was sown', () => {
		expect(byLog(season.sowing.id)).toMatchObject({
			crop: '水稻',
			variety: '稻花香2号',
			seedLot: 'WC-2026-031',
			amount: { value: 4, unit: 'kgPerMu' },
			fieldName: '东大地'
		});
	});

	it('names each product with its registration number and dose', () => {
		expect(byLog(season.base.id)).toMatchObject({
			product: {
				name: '复合肥 15-15-15',
				registrationNo: '黑农肥(2021)准字1234号',
				kind: 'fertilizer'
			},
			amount: { value: 40, unit: 'kgPerMu' },
			method: 'broadcast'
		});
		expect(byLog(season.sprayKept.id)).toMatchObject({
			product: { name: '25%噻嗪酮可湿性粉剂', registrationNo: 'PD20080005' },
			amount: { value: 25, unit: 'gPerMu' },
			target: '稻飞虱'
		});
	});

	it('checks each spray’s pre-harvest interval against the harvest', () => {
		// 20 August + 14 days = 3 September, harvest 28 September: kept
		expect(byLog(season.sprayKept.id)).toMatchObject({
			phiDays: 14,
			safeDay: '2026-09-03',
			phiRespected: true
		});
		// 20 September + 14 days = 4 October, harvest 28 September: broken
		expect(byLog(season.sprayBroken.id)).toMatchObject({
			phiDays: 14,
			safeDay: '2026-10-04',
			phiRespected: false
		});
		expect(byLog(season.harvest.id)).toMatchObject({
			quantityKg: 8000,
			moisturePercent: 22,
			lot: '东大地-1',
			safeDay: '2026-10-04',
			phiRespected: false
		});
	});

	it('records the batch, its split and its sale', () => {
		const commissioning = chain.find((e) => e.kind === 'commissioning')!;
		expect(commissioning).toMatchObject({
			batch: { id: 'b-h', code: 'HL26-0001', quantityKg: 8000 },
			harvestStart: '2026-09-28',
			harvestEnd: '2026-09-28'
		});
		expect(chain.find((e) => e.kind === 'split')).toMatchObject({
			batch: { id: 'b-a', quantityKg: 5000 },
			inputs: [{ id: 'b-h', code: 'HL26-0001', quantityKg: 5000 }]
		});
		// the sale names the code as typed (lower case): it is still this batch's
		expect(chain.at(-1)).toMatchObject({
			kind: 'shipping',
			buyer: '五常市稻香米业',
			quantityKg: 5000,
			batch: { code: 'HL26-0001A', quantityKg: 5000 }
		});
	});

	it('gives the field’s place only rounded to a village', () => {
		for (const e of chain.filter((e) => e.fieldId === 'f1'))
			expect(e.place).toEqual({ lat: 44.91, lng: 127.15 });
	});

	it('without a sale, the other part’s chain stops at its split', () => {
		const other = traceChain(partB, batches, allLogs, [f1, f2], inputs);
		expect(other.at(-1)?.kind).toBe('split');
		expect(other.filter((e) => e.kind === 'shipping')).toEqual([]);
	});

	it('finds a sale that names its batch by id, as the sale form now stores it', () => {
		const byId = {
			...season.sale,
			id: 'sale-by-id',
			details: { ...season.sale.details, batch: partB.id }
		};
		const other = traceChain(partB, batches, [...allLogs, byId], [f1, f2], inputs);
		expect(other.filter((e) => e.kind === 'shipping').map((e) => e.logId)).toEqual(['sale-by-id']);
	});

	it('an unknown interval is neither kept nor broken', () => {
		const unknown = log('spraying', '2026-07-15T08:00', {
			product: 'gone',
			dose: { value: 1, unit: 'mlPerMu' }
		});
		const events = traceChain(harvestBatch, batches, [...allLogs, unknown], [f1], inputs);
		expect(events.find((e) => e.logId === unknown.id)).toMatchObject({
			product: null,
			phiDays: null,
			phiRespected: null
		});
	});

	it('counts whole days: a spray on the harvest day, even after it, breaks the interval', () => {
		const late = log('spraying', '2026-09-28T16:00', { product: 'bup' });
		const events = traceChain(harvestBatch, batches, [season.harvest, late], [f1], inputs);
		expect(events.find((e) => e.logId === late.id)).toMatchObject({
			safeDay: '2026-10-12',
			phiRespected: false
		});
		expect(events.find((e) => e.kind === 'harvest')?.phiRespected).toBe(false);
		expect(events.find((e) => e.kind === 'commissioning')?.phiRespected).toBe(false);
	});

	it('keeps the name of a field deleted since', () => {
		const events = traceChain(
			harvestBatch,
			batches,
			[season.sowing],
			[{ ...f1, deleted: true }],
			inputs
		);
		expect(events[0]).toMatchObject({ fieldName: '东大地', place: { lat: 44.91, lng: 127.15 } });
	});

	it('a merge holds every parent’s fields, each record once', () => {
		const h2 = log(
			'harvest',
			'2026-10-02T09:00',
			{ quantity: { value: 2000, unit: 'kg' } },
			{ fieldId: 'f2' }
		);
		const sow2 = log('sowing', '2026-05-15T08:00', { crop: '水稻' }, { fieldId: 'f2' });
		const second: TraceBatch = {
			...harvestBatch,
			id: 'b-h2',
			code: 'HL26-0002',
			quantityKg: 2000,
			fieldIds: ['f2'],
			harvestLogIds: [h2.id],
			createdAt: at('2026-10-02T18:00')
		};
		const merged: TraceBatch = {
			...harvestBatch,
			id: 'b-m',
			code: 'HL26-M1',
			quantityKg: 10_000,
			fieldIds: ['f1', 'f2'],
			harvestLogIds: [],
			parentIds: ['b-h', 'b-h2'],
			createdFrom: 'merge',
			createdAt: at('2026-10-03T08:00')
		};
		const events = traceChain(
			merged,
			[harvestBatch, second, merged],
			[...allLogs, h2, sow2],
			[f1, f2],
			inputs
		);
		expect(events.filter((e) => e.kind === 'sowing').map((e) => e.fieldId)).toEqual(['f1', 'f2']);
		expect(events.filter((e) => e.kind === 'commissioning')).toHaveLength(2);
		// f2's harvest on 2 October comes after the f1 spray's safe day, but the spray was not on f2
		expect(events.find((e) => e.logId === h2.id)?.phiRespected).toBe(true);
		expect(events.at(-1)).toMatchObject({
			kind: 'merge',
			inputs: [
				{ id: 'b-h', quantityKg: 8000 },
				{ id: 'b-h2', quantityKg: 2000 }
			]
		});
		expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
	});
});

describe('batchLineage', () => {
	it('puts parents first and survives a loop in bad data', () => {
		expect(batchLineage(partA, batches).map((b) => b.id)).toEqual(['b-h', 'b-a']);
		const loopA: TraceBatch = { ...partA, id: 'x', parentIds: ['y'] };
		const loopB: TraceBatch = { ...partA, id: 'y', parentIds: ['x'] };
		expect(batchLineage(loopA, [loopA, loopB]).map((b) => b.id)).toEqual(['y', 'x']);
	});
});

describe('publicPlace', () => {
	it('rounds the centroid to 0.01° and has none without a boundary', () => {
		expect(publicPlace(f1)).toEqual({ lat: 44.91, lng: 127.15 });
		expect(publicPlace(f2)).toBeNull();
		expect(publicPlace(f1, 0.1)).toEqual({ lat: 44.9, lng: 127.2 });
	});
});

describe('traceChain, any records', () => {
	const types = [
		'sowing',
		'fertilizing',
		'spraying',
		'irrigation',
		'observation',
		'harvest',
		'sale'
	];
	const record = fc.record({
		type: fc.constantFrom(...types),
		// 2025-01-01 to 2027-12-31, UTC+8
		at: fc.integer({ min: Date.UTC(2024, 11, 31, 16), max: Date.UTC(2027, 11, 31, 15) }),
		status: fc.constantFrom('done' as const, 'planned' as const),
		deleted: fc.boolean(),
		fieldId: fc.constantFrom('f1', 'f2', null),
		product: fc.constantFrom('bup', 'iso', 'urea', 'gone')
	});

	it('keeps only done, live records in the season window, in time order', () => {
		fc.assert(
			fc.property(
				fc.array(record, { maxLength: 40 }),
				fc.integer({ min: 0, max: 39 }),
				(rows, pick) => {
					const logs = rows.map((r, i) =>
						log(
							r.type,
							'2026-01-01T00:00',
							{ product: r.product, batch: 'HL26-0001' },
							{ ...r, id: `r${i}` }
						)
					);
					const harvests = logs.filter((l) => l.type === 'harvest' && l.fieldId === 'f1');
					const chosen = harvests.length ? [harvests[pick % harvests.length]!] : [];
					const batch: TraceBatch = {
						...harvestBatch,
						harvestLogIds: chosen.map((h) => h.id),
						createdAt: (chosen[0]?.at ?? Date.UTC(2026, 8, 1)) + 3_600_000
					};
					const events = traceChain(batch, [batch], logs, [f1, f2], inputs);
					const sorted = [...events].sort(compareEvents);
					expect(events).toEqual(sorted);
					const byId = new Map(logs.map((l) => [l.id, l]));
					for (const e of events) {
						if (!e.logId) continue;
						const source = byId.get(e.logId)!;
						expect(source.status).toBe('done');
						expect(source.deleted).toBe(false);
						if (e.kind === 'shipping') continue;
						// field work and harvest: this field, the harvest's season, not after the harvest's day
						const end = chosen[0]?.at ?? batch.createdAt;
						expect(e.fieldId).toBe('f1');
						expect(seasonOf(e.at)).toBe(seasonOf(end));
						expect(e.day <= localDay(end)).toBe(true);
						if (e.kind === 'harvest') expect(e.logId).toBe(chosen[0]?.id);
					}
				}
			)
		);
	});
});
