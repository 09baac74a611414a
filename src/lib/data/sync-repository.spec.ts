import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { compareHlc, hlcFromString } from '$lib/domain/hlc';
import type { FieldRecord } from '$lib/domain/records';
import { createDb, type HeituDb } from './db';
import { SyncRepository } from './sync-repository';

let opened: HeituDb[] = [];
let counter = 0;

function freshDb(name = `test-${Date.now()}-${counter++}`): HeituDb {
	const db = createDb(name, { indexedDB, IDBKeyRange });
	opened.push(db);
	return db;
}

function sequentialIds() {
	let n = 0;
	return () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
}

afterEach(() => {
	for (const db of opened) db.close();
	opened = [];
});

describe('SyncRepository', () => {
	it('writes each new record and its outbox op together', async () => {
		const db = freshDb();
		const fields = new SyncRepository<FieldRecord>(db, 'fields', {
			now: () => 1_000,
			newId: sequentialIds()
		});
		const field = await fields.create({ name: '东大地', areaM2: 6667 });

		expect(await fields.get(field.id)).toEqual(field);
		expect(field).toMatchObject({ deleted: false, ownerId: '', createdAt: 1_000 });
		const ops = await db.outbox.toArray();
		expect(ops).toHaveLength(1);
		expect(ops[0]).toMatchObject({
			table: 'fields',
			recordId: field.id,
			hlc: field.hlc,
			patch: { name: '东大地', areaM2: 6667 }
		});
		expect(ops[0]?.opId).not.toBe(field.id);
	});

	it('leaves neither the record nor the op when the write fails', async () => {
		const db = freshDb();
		const id = '00000000-0000-7000-8000-000000000001';
		// an op with the id the next change will use is already queued, so the outbox insert must fail
		await db.outbox.add({ opId: id, table: 'fields', recordId: 'x', patch: {}, hlc: '', createdAt: 0 });
		const fields = new SyncRepository<FieldRecord>(db, 'fields', { now: () => 1, newId: () => id });
		await expect(fields.create({ name: 'a', areaM2: 1 })).rejects.toThrow();
		expect(await db.fields.count()).toBe(0);
		expect(await db.outbox.count()).toBe(1);
	});

	it('keeps no NUL character in what it saves and queues, which the server could not store', async () => {
		const db = freshDb();
		const fields = new SyncRepository<FieldRecord>(db, 'fields', {
			now: () => 1,
			newId: sequentialIds()
		});
		// as a GeoJSON file with a broken name might bring in
		const field = await fields.create({ name: '东\u0000大地', areaM2: 6667, crop: '\u0000' });
		expect(field).toMatchObject({ name: '东大地', crop: '' });
		const ops = await db.outbox.toArray();
		expect(ops[0]?.patch).toMatchObject({ name: '东大地', areaM2: 6667, crop: '' });
	});

	it('records an update as a patch of only what changed, stamped later', async () => {
		const db = freshDb();
		let now = 1_000;
		const fields = new SyncRepository<FieldRecord>(db, 'fields', {
			now: () => now,
			newId: sequentialIds()
		});
		const field = await fields.create({ name: '东大地', areaM2: 6667 });
		now = 2_000;
		const renamed = await fields.update(field.id, { name: '河边地' });

		expect(renamed).toMatchObject({ name: '河边地', areaM2: 6667, updatedAt: 2_000 });
		const ops = await db.outbox.orderBy('seq').toArray();
		expect(ops[1]?.patch).toEqual({ name: '河边地', updatedAt: 2_000 });
		expect(renamed.clocks.name).toBe(renamed.hlc);
		expect(renamed.clocks.areaM2).toBe(field.hlc);
		expect(compareHlc(hlcFromString(field.hlc), hlcFromString(renamed.hlc))).toBe(-1);
	});

	it('deletes with a tombstone that syncs like any change', async () => {
		const db = freshDb();
		const fields = new SyncRepository<FieldRecord>(db, 'fields');
		const field = await fields.create({ name: 'x', areaM2: 10 });
		await fields.remove(field.id);

		expect(await fields.list()).toEqual([]);
		expect((await fields.get(field.id))?.deleted).toBe(true);
		const last = await db.outbox.orderBy('seq').last();
		expect(last?.patch).toMatchObject({ deleted: true });
		await expect(fields.update(field.id, { name: 'y' })).rejects.toThrow(/No fields record/);
	});

	it('keeps stamps increasing across reloads even when the phone clock goes back', async () => {
		const name = `reload-${counter++}`;
		const first = freshDb(name);
		const a = await new SyncRepository<FieldRecord>(first, 'fields', {
			now: () => 5_000,
			newId: sequentialIds()
		}).create({ name: 'a', areaM2: 1 });
		first.close();

		const second = freshDb(name);
		const b = await new SyncRepository<FieldRecord>(second, 'fields', {
			now: () => 4_000,
			newId: () => crypto.randomUUID()
		}).create({ name: 'b', areaM2: 1 });

		const stampA = hlcFromString(a.hlc);
		const stampB = hlcFromString(b.hlc);
		expect(compareHlc(stampA, stampB)).toBe(-1);
		expect(stampB.node).toBe(stampA.node);
	});
});
