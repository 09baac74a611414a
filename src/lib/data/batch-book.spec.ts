import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { isTraceCode } from '$lib/domain/trace-code';
import { BatchRefusedError, type LogValues } from './batch-book';
import { createDb } from './db';
import { openLocalData, type LocalData } from './local-data';

let n = 0;
async function open(): Promise<LocalData> {
	const result = await openLocalData(() => createDb(`batches-${n++}`, { indexedDB, IDBKeyRange }));
	if (!result.ok) throw new Error(result.problem);
	return result.data;
}

const harvest = (fieldId: string | null, value: number, unit: 'kg' | 'jin' = 'kg'): LogValues => ({
	type: 'harvest',
	fieldId,
	status: 'done',
	at: Date.UTC(2026, 8, 20),
	notes: '',
	details: { quantity: { value, unit } }
});
const sale = (batch: string, value: number): LogValues => ({
	type: 'sale',
	fieldId: null,
	status: 'done',
	at: Date.UTC(2026, 9, 1),
	notes: '',
	details: { buyer: '粮库', quantity: { value, unit: 'kg' }, batch }
});

async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		if (e instanceof BatchRefusedError) return e.refusal;
		throw e;
	}
	throw new Error('not refused');
}

describe('BatchBook', () => {
	it('a done harvest makes its batch in the same write, with a code, the crop and kg', async () => {
		const data = await open();
		const field = await data.fieldsRepo.create({ name: '东大地', areaM2: 6667, crop: '玉米' });
		const log = await data.batches.saveLog(harvest(field.id, 2000, 'jin'), null);
		const [view] = await data.batches.list();
		expect(view?.batch).toMatchObject({
			product: '玉米',
			fieldIds: [field.id],
			harvestLogIds: [log.id],
			quantityKg: 1000,
			origin: 'harvest',
			status: 'open',
			publish: { enabled: false }
		});
		expect(isTraceCode(view!.batch.code)).toBe(true);
		expect(view?.leftKg).toBe(1000);
		// the batch's create is in the outbox, to sync
		expect(await data.db.outbox.where('table').equals('batches').count()).toBe(1);
		expect(await data.batches.byCode(view!.batch.code)).toMatchObject({ id: view!.batch.id });
		data.db.close();
	});

	it('a planned harvest makes no batch until it is done', async () => {
		const data = await open();
		const log = await data.batches.saveLog({ ...harvest(null, 10), status: 'planned' }, null);
		expect(await data.batches.list()).toEqual([]);
		await data.batches.saveLog({ ...harvest(null, 10) }, log);
		expect(await data.batches.list()).toHaveLength(1);
		data.db.close();
	});

	it('editing the harvest changes the batch until something was sold; then it explains', async () => {
		const data = await open();
		const log = await data.batches.saveLog(harvest(null, 100), null);
		const edited = await data.batches.saveLog(harvest(null, 120), log);
		const [view] = await data.batches.list();
		expect(view?.batch.quantityKg).toBe(120);
		await data.batches.saveLog(sale(view!.batch.id, 20), null);
		expect(await refusal(data.batches.saveLog(harvest(null, 90), edited))).toEqual({
			kind: 'harvest-locked',
			code: view!.batch.code,
			quantityKg: 120
		});
		// nothing half-written: the harvest still says 120
		expect((await data.logsRepo.get(log.id))?.details?.quantity).toEqual({ value: 120, unit: 'kg' });
		// notes may still change
		await data.batches.saveLog({ ...harvest(null, 120), notes: '晒干了' }, edited);
		data.db.close();
	});

	it('refuses an over-sale with the amount left, and counts a sale being edited once', async () => {
		const data = await open();
		await data.batches.saveLog(harvest(null, 100), null);
		const { batch } = (await data.batches.list())[0]!;
		const first = await data.batches.saveLog(sale(batch.id, 60), null);
		expect(await refusal(data.batches.saveLog(sale(batch.id, 50), null))).toEqual({
			kind: 'over',
			availableKg: 40,
			wantedKg: 50
		});
		// raising the first sale to 100 fits: its own 60 are not counted twice
		await data.batches.saveLog(sale(batch.id, 100), first);
		expect((await data.batches.get(batch.id))?.leftKg).toBe(0);
		// an old free-text batch is kept and not checked
		await data.batches.saveLog(sale('2025 老仓', 5), null);
		data.db.close();
	});

	it('splits and merges with the lineage kept', async () => {
		const data = await open();
		await data.batches.saveLog(harvest(null, 100), null);
		const { batch } = (await data.batches.list())[0]!;
		expect(await refusal(data.batches.split(batch.id, [60, 50]))).toMatchObject({
			kind: 'over',
			availableKg: 100
		});
		const parts = await data.batches.split(batch.id, [60, 30]);
		expect(parts.map((p) => p.parentIds)).toEqual([[batch.id], [batch.id]]);
		expect((await data.batches.get(batch.id))?.leftKg).toBe(10);
		await data.batches.saveLog(sale(parts[0]!.id, 20), null);
		const merged = await data.batches.merge([parts[0]!.id, parts[1]!.id]);
		expect(merged.quantityKg).toBe(70);
		expect((await data.batches.get(parts[0]!.id))?.batch.status).toBe('merged');
		const family = await data.batches.lineage(parts[0]!.id);
		expect(family.parents.map((b) => b.id)).toEqual([batch.id]);
		expect(family.children.map((b) => b.id)).toEqual([merged.id]);
		expect(family.sales).toHaveLength(1);
		expect((await data.batches.lineage(merged.id)).harvests).toHaveLength(1);
		data.db.close();
	});

	it('deletes a harvest with its batch only while nothing came of it', async () => {
		const data = await open();
		const log = await data.batches.saveLog(harvest(null, 100), null);
		const { batch } = (await data.batches.list())[0]!;
		await data.batches.split(batch.id, [10]);
		expect(await refusal(data.batches.removeLog(log))).toMatchObject({ kind: 'harvest-locked' });
		const other = await data.batches.saveLog(harvest(null, 5), null);
		await data.batches.removeLog(other);
		expect((await data.batches.list()).map((v) => v.batch.quantityKg).sort()).toEqual([10, 100]);
		data.db.close();
	});
});
