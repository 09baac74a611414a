import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from '$lib/data/db';
import { openLocalData } from '$lib/data/local-data';
import { SyncStore } from '$lib/data/sync-store';
import type { PushOp } from '$lib/domain/sync-protocol';
import { isTraceCode, newTraceCode } from '$lib/domain/trace-code';
import { SyncEngine } from './sync-engine';
import { HttpError, type SyncTransport } from './transport';

/** A server that already holds `taken` for another batch, as SyncService answers (docs/sync-protocol.md). */
function serverHolding(taken: string, pushes: PushOp[][]): SyncTransport {
	return {
		push: (ops) => {
			pushes.push(ops);
			const i = ops.findIndex((o) => o.table === 'batches' && o.patch.code === taken);
			if (i >= 0)
				return Promise.reject(
					new HttpError(409, {
						error: 'trace_code_taken',
						field: `ops.${i}.patch.code`,
						message: 'Another batch already has this trace code'
					})
				);
			return Promise.resolve({ acked: ops.map((o) => o.opId), rev: 1 });
		},
		pull: (since) => Promise.resolve({ changes: [], cursor: since, more: false }),
		blobStatus: () => Promise.resolve({ complete: true, received: 0 }),
		putBlobChunk: () => Promise.resolve({ complete: true, received: 0 })
	};
}

describe('SyncEngine and what the server refuses', () => {
	it('gives a batch a new code when the server says another batch has it, then pushes', async () => {
		const opened = await openLocalData(() => createDb('recode', { indexedDB, IDBKeyRange }));
		if (!opened.ok) throw new Error(opened.problem);
		const data = opened.data;
		await data.batches.saveLog(
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
		const { batch } = (await data.batches.list())[0]!;
		await data.batchesRepo.update(batch.id, { notes: '东仓' });
		const taken = batch.code;
		const pushes: PushOp[][] = [];
		const result = await new SyncEngine(new SyncStore(data.db), serverHolding(taken, pushes)).run();
		expect(result).toMatchObject({ ok: true, pushed: 3 });
		const now = (await data.batchesRepo.get(batch.id))!;
		expect(now.code).not.toBe(taken);
		expect(isTraceCode(now.code)).toBe(true);
		// the second push carried the new code and nothing of the old one
		const last = pushes.at(-1)!.filter((o) => o.table === 'batches');
		expect(last.map((o) => o.patch.code)).toEqual([now.code, undefined]);
		expect(await data.db.outbox.count()).toBe(0);
		data.db.close();
	});

	it('gives up (and keeps every op) when the refusal is not about a batch it can recode', async () => {
		const opened = await openLocalData(() => createDb('recode-2', { indexedDB, IDBKeyRange }));
		if (!opened.ok) throw new Error(opened.problem);
		const data = opened.data;
		await data.fieldsRepo.create({ name: '东大地', areaM2: 1 });
		const transport = serverHolding(newTraceCode(), []);
		transport.push = () =>
			Promise.reject(
				new HttpError(409, { error: 'trace_code_taken', field: 'ops.0.patch.code', message: '' })
			);
		const result = await new SyncEngine(new SyncStore(data.db), transport).run();
		expect(result).toMatchObject({ ok: false, problem: 'rejected' });
		expect(await data.db.outbox.count()).toBe(1);
		data.db.close();
	});

	it('sends a change queued with a NUL (by an older version) without it, so it is not refused for ever', async () => {
		const opened = await openLocalData(() => createDb('nul', { indexedDB, IDBKeyRange }));
		if (!opened.ok) throw new Error(opened.problem);
		const data = opened.data;
		await data.db.outbox.add({
			opId: 'op-older-version-1',
			table: 'fields',
			recordId: 'f1',
			patch: { name: '东\u0000大地', details: { note: ['\u0000'] } },
			hlc: '000001790000000-00000-node',
			createdAt: 1
		});
		const pushes: PushOp[][] = [];
		const result = await new SyncEngine(new SyncStore(data.db), serverHolding('', pushes)).run();
		expect(result).toMatchObject({ ok: true, pushed: 1 });
		expect(pushes[0]?.[0]?.patch).toEqual({ name: '东大地', details: { note: [''] } });
		expect(await data.db.outbox.count()).toBe(0);
		data.db.close();
	});
});
