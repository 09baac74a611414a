import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from '$lib/data/db';
import { openLocalData, type LocalData } from '$lib/data/local-data';
import { SyncStore } from '$lib/data/sync-store';
import type { PushOp } from '$lib/domain/sync-protocol';
import { isTraceCode, newTraceCode } from '$lib/domain/trace-code';
import { SyncEngine } from '$lib/sync/sync-engine';
import { HttpError, type SyncTransport } from '$lib/sync/transport';
import { POOL_LOW, POOL_SIZE } from './trace-code-pool';

let dbCount = 0;
async function fresh(account: string | null = 'alice'): Promise<{ data: LocalData; store: SyncStore }> {
	const opened = await openLocalData(() =>
		createDb(`pool-${++dbCount}`, { indexedDB, IDBKeyRange })
	);
	if (!opened.ok) throw new Error(opened.problem);
	const store = new SyncStore(opened.data.db);
	if (account) await store.setAccount({ id: account, login: account, role: 'farmer' });
	return { data: opened.data, store };
}

const harvest = (data: LocalData) =>
	data.batches.saveLog(
		{
			type: 'harvest',
			fieldId: null,
			status: 'done',
			at: Date.UTC(2026, 8, 1),
			notes: '',
			details: { quantity: { value: 100, unit: 'kg' } }
		},
		null
	);

/** A server that gives kept codes (or can't) and takes pushes, refusing `taken` for a batch. */
function server(
	options: { codes?: () => Promise<string[]>; taken?: string; pushes?: PushOp[][] } = {}
): SyncTransport & { asked: number[] } {
	const asked: number[] = [];
	return {
		asked,
		push: (ops) => {
			options.pushes?.push(ops);
			const i = ops.findIndex((o) => o.table === 'batches' && o.patch.code === options.taken);
			if (i >= 0)
				return Promise.reject(
					new HttpError(409, {
						error: 'trace_code_taken',
						field: `ops.${i}.patch.code`,
						message: 'This trace code is kept for another account: give this batch a new code.'
					})
				);
			return Promise.resolve({ acked: ops.map((o) => o.opId), rev: 1 });
		},
		pull: (since) => Promise.resolve({ changes: [], cursor: since, more: false }),
		blobStatus: () => Promise.resolve({ complete: true, received: 0 }),
		putBlobChunk: () => Promise.resolve({ complete: true, received: 0 }),
		reserveTraceCodes: (count) => {
			asked.push(count);
			return options.codes
				? options.codes()
				: Promise.resolve(Array.from({ length: count }, () => newTraceCode()));
		}
	};
}

describe('trace codes kept for the account on the phone', () => {
	it('a sync fills the pool; a batch made then takes a kept code and its code is protected before it syncs', async () => {
		const { data, store } = await fresh();
		const transport = server();
		expect(await store.keptCodesWanted()).toBe(POOL_SIZE);
		expect(await new SyncEngine(store, transport).run()).toMatchObject({ ok: true });
		expect(transport.asked).toEqual([POOL_SIZE]);
		const kept = (await data.db.traceCodes.toArray()).map((r) => r.code);
		expect(kept).toHaveLength(POOL_SIZE);
		expect(await store.keptCodesWanted()).toBe(0);

		await harvest(data);
		const { batch } = (await data.batches.list())[0]!;
		expect(kept).toContain(batch.code);
		expect(await data.db.outbox.count()).toBeGreaterThan(0);
		expect(await data.batches.codeProtected(batch.id)).toBe(true);
		// a second sync asks for no more until fewer than POOL_LOW are left
		await new SyncEngine(store, transport).run();
		expect(transport.asked).toEqual([POOL_SIZE]);
		for (let i = 0; i < POOL_SIZE - POOL_LOW; i++) await harvest(data);
		expect(await store.keptCodesWanted()).toBe(POOL_SIZE - POOL_LOW + 1);
		data.db.close();
	});

	it('with no kept code left, a batch gets a code made here, unprotected until its sync is acknowledged', async () => {
		const { data, store } = await fresh();
		await harvest(data);
		const { batch } = (await data.batches.list())[0]!;
		expect(isTraceCode(batch.code)).toBe(true);
		expect(await data.batches.codeProtected(batch.id)).toBe(false);
		// the server can't give codes now: the sync itself still succeeds
		const failing = server({ codes: () => Promise.reject(new HttpError(503, null)) });
		expect(await new SyncEngine(store, failing).run()).toMatchObject({ ok: true, pushed: 2 });
		expect(await data.batches.codeProtected(batch.id)).toBe(true);
		data.db.close();
	});

	it('never gives a batch a code kept for another account (signed out, or another account signed in)', async () => {
		const { data, store } = await fresh();
		await store.keepCodes([newTraceCode(), newTraceCode()]);
		await store.setAccount({ id: 'bob', login: 'bob', role: 'farmer' });
		await harvest(data);
		await store.setAccount(null);
		await harvest(data);
		const codes = (await data.batches.list()).map((v) => v.batch.code);
		const kept = (await data.db.traceCodes.toArray()).map((r) => r.code);
		expect(codes.some((c) => kept.includes(c))).toBe(false);
		expect(await store.keptCodesWanted()).toBe(0);
		data.db.close();
	});

	it('when the server says the code is taken, the batch gets a kept code and the change is noted until the farmer has read it', async () => {
		const { data, store } = await fresh();
		await harvest(data);
		const { batch } = (await data.batches.list())[0]!;
		const spare = newTraceCode();
		await store.keepCodes([spare]);
		const pushes: PushOp[][] = [];
		const result = await new SyncEngine(store, server({ taken: batch.code, pushes })).run();
		expect(result).toMatchObject({ ok: true });
		const now = (await data.batchesRepo.get(batch.id))!;
		expect(now.code).toBe(spare);
		expect(pushes.at(-1)!.find((o) => o.table === 'batches')?.patch.code).toBe(spare);
		expect(await data.batches.codeChange(batch.id)).toMatchObject({
			batchId: batch.id,
			from: batch.code,
			to: spare
		});
		await data.batches.dismissCodeChange(batch.id);
		expect(await data.batches.codeChange(batch.id)).toBeNull();
		data.db.close();
	});
});
