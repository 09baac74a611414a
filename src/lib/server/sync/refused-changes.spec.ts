/**
 * A phone's engine against the real server rules (SyncService on SQLite, and PostgreSQL in CI): a change
 * queued by an older app that the schema refuses is moved aside, kept and shown; the changes after it sync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '$lib/data/db';
import { openLocalData } from '$lib/data/local-data';
import { SyncStore } from '$lib/data/sync-store';
import { SyncEngine } from '$lib/sync/sync-engine';
import { HttpError, type SyncTransport } from '$lib/sync/transport';
import { Accounts } from '../auth/accounts';
import { createServerDb, migrateToLatest } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import { SyncError, SyncService } from './sync-service';

const dir = mkdtempSync(join(tmpdir(), 'heitu-refused-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backends = await testBackends(dir, 'refused');

/** The transport a phone uses, answering as the push route does (SyncError → the error body). */
function direct(sync: SyncService, userId: string): SyncTransport {
	const answer = async <T>(call: () => Promise<T>) => {
		try {
			return await call();
		} catch (error) {
			if (error instanceof SyncError)
				throw new HttpError(error.status, {
					error: error.code,
					field: error.field,
					message: error.message
				});
			throw error;
		}
	};
	return {
		push: (ops, since) => answer(() => sync.push(userId, ops, since)),
		pull: (since, limit) => answer(() => sync.pull(userId, since, limit)),
		blobStatus: () => Promise.resolve({ complete: true, received: 0 }),
		putBlobChunk: () => Promise.resolve({ complete: true, received: 0 })
	};
}

describe.each(backends)('changes the server refuses, on %s', (_kind, config) => {
	it('are kept aside with the server’s words while the rest syncs; one can be sent again', async () => {
		const server = createServerDb(config);
		await dropAllTables(server);
		await migrateToLatest(server.db);
		const user = await new Accounts(server.db).createUser('wang_li', 'black-soil-2026');
		const sync = new SyncService(server);
		const opened = await openLocalData(() =>
			createDb(`refused-${_kind}`, { indexedDB, IDBKeyRange })
		);
		if (!opened.ok) throw new Error(opened.problem);
		const data = opened.data;

		const before = await data.fieldsRepo.create({ name: '东大地', areaM2: 6667 });
		// what an older app queued without today's checks: a field with an area below nothing
		await data.db.outbox.add({
			opId: '0193f0c2-7a1b-7000-8000-00000000b001',
			table: 'fields',
			recordId: '0193f0c2-7a1b-7000-8000-00000000f001',
			patch: { name: '坏地', areaM2: -5, deleted: false, createdAt: 1, updatedAt: 1 },
			hlc: `${String(Date.now() - 1000).padStart(15, '0')}-00000-olderapp`,
			createdAt: 1
		});
		const after = await data.fieldsRepo.create({ name: '河边地', areaM2: 3000 });

		const store = new SyncStore(data.db);
		const result = await new SyncEngine(store, direct(sync, user.id)).run();
		expect(result).toMatchObject({ ok: true, refused: 1 });
		expect(await data.db.outbox.count()).toBe(0);
		const refused = await store.refusedOps();
		expect(refused).toHaveLength(1);
		expect(refused[0]).toMatchObject({
			recordId: '0193f0c2-7a1b-7000-8000-00000000f001',
			field: 'ops.1.patch.areaM2',
			message: 'at least 0 m²'
		});
		expect((await store.history())[0]).toMatchObject({ ok: true, refused: 1 });
		// the server has both good fields, and nothing of the refused one
		const pulled = await sync.pull(user.id, 0, 10);
		expect(pulled.changes.map((c) => c.id).sort()).toEqual([before.id, after.id].sort());

		// sent again, it is refused again, and still kept
		await store.retryRefused(refused[0]!.opId);
		expect(await data.db.outbox.count()).toBe(1);
		const again = await new SyncEngine(store, direct(sync, user.id)).run();
		expect(again).toMatchObject({ ok: true, refused: 1 });
		expect(await store.refusedOps()).toHaveLength(1);
		data.db.close();
		await server.db.destroy();
	});

	it('a push too large for the server goes again in halves; a change too large alone waits aside', async () => {
		const server = createServerDb(config);
		await dropAllTables(server);
		await migrateToLatest(server.db);
		const user = await new Accounts(server.db).createUser('wang_big', 'black-soil-2026');
		const sync = new SyncService(server);
		const opened = await openLocalData(() =>
			createDb(`large-${_kind}`, { indexedDB, IDBKeyRange })
		);
		if (!opened.ok) throw new Error(opened.problem);
		const data = opened.data;
		// a server whose body limit is 3 KB: as PUSH_MAX_BYTES is to a phone with many big boundaries
		const LIMIT = 3000;
		const inner = direct(sync, user.id);
		const sizes: number[] = [];
		const limited: SyncTransport = {
			...inner,
			push: (ops, since) => {
				const bytes = JSON.stringify({ schemaVersion: 1, ops, since }).length;
				sizes.push(ops.length);
				return bytes > LIMIT
					? Promise.reject(
							new HttpError(413, { error: 'too_large', field: 'body', message: 'too large' })
						)
					: inner.push(ops, since);
			}
		};
		for (let i = 0; i < 12; i++)
			await data.fieldsRepo.create({
				name: `地块 ${i}`,
				areaM2: 100 + i,
				variety: '稻'.repeat(40)
			});
		await data.fieldsRepo.create({
			name: '备注很长的地',
			areaM2: 1,
			variety: '长'.repeat(40),
			crop: '玉'
		});
		const store = new SyncStore(data.db);
		const result = await new SyncEngine(store, limited).run();
		expect(result).toMatchObject({ ok: true, pushed: 13 });
		// 13 refused, then halves: 7 and the 6 left
		expect(sizes).toEqual([13, 7, 6]);
		expect((await sync.pull(user.id, 0, 100)).changes).toHaveLength(13);

		// one change alone over the limit: aside, shown; the outbox is free again
		await data.fieldsRepo.create({ name: '大地', areaM2: 1, variety: '大'.repeat(40) });
		const tight: SyncTransport = {
			...inner,
			push: () =>
				Promise.reject(
					new HttpError(413, { error: 'too_large', field: 'body', message: 'too large' })
				)
		};
		expect(await new SyncEngine(store, tight).run()).toMatchObject({ ok: true, refused: 1 });
		expect(await data.db.outbox.count()).toBe(0);
		expect((await store.refusedOps())[0]).toMatchObject({ field: 'body', message: 'too large' });
		data.db.close();
		await server.db.destroy();
	});
});
