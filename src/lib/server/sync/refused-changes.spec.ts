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
});
