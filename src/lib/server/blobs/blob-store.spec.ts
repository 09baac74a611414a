import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hlcToString } from '$lib/domain/hlc';
import { Accounts } from '../auth/accounts';
import { Migrator } from 'kysely';
import { createServerDb, migrateToLatest } from '../db/database';
import { migrationProvider } from '../db/migrations';
import { dropAllTables, testBackends } from '../db/testing';
import { SyncService } from '../sync/sync-service';
import { createPatch } from '../../../../tests/factories/records';
import { BlobStore } from './blob-store';

const dir = mkdtempSync(join(tmpdir(), 'heitu-blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backends = await testBackends(dir, 'blobs');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (size: number, seed = 7) => new Uint8Array(size).map((_, i) => (i * seed) % 251);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
let n = 0;

async function setUp(config: Parameters<typeof createServerDb>[0], quotaBytes?: number) {
	const server = createServerDb(config);
	await dropAllTables(server);
	await migrateToLatest(server.db);
	const root = mkdtempSync(join(dir, 'store-'));
	let now = NOW;
	const clock = () => now;
	const store = new BlobStore(server, root, { now: clock, quotaBytes });
	const sync = new SyncService(server, clock);
	const accounts = new Accounts(server.db);
	const a = (await accounts.createUser('blob_a', 'black-soil-2026')).id;
	const b = (await accounts.createUser('blob_b', 'black-soil-2026')).id;
	const log = (user: string, id: string, patch: Record<string, unknown>) =>
		sync.push(user, [
			{
				opId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
				table: 'logs',
				recordId: id,
				patch: createPatch('logs', patch, { id, at: now - 60_000 }),
				hlc: hlcToString({ wall: now - 60_000 + n, counter: 0, node: 'phone' })
			}
		]);
	const files = () => readdirSync(root, { recursive: true }).map(String);
	return { server, root, store, a, b, log, files, later: (ms: number) => (now += ms) };
}

// each test writes a few hundred KB through real files and locks: room for a loaded machine
describe.each(backends)('the blob store on %s', { timeout: 20_000 }, (kind, config) => {
	const photo = bytesOf(150_000);
	const hash = sha(photo);

	it('takes an upload in chunks, a chunk sent again is a retry, and publishes it once the hash matches', async () => {
		const { store, a } = await setUp(config);
		expect(await store.status(a, hash)).toEqual({ complete: false, received: 0 });
		const first = photo.subarray(0, 65_536);
		expect(await store.append(a, hash, 0, first, photo.length)).toEqual({
			kind: 'partial',
			received: 65_536
		});
		// the phone lost the answer and sends the same chunk again: nothing written twice
		expect(await store.append(a, hash, 0, first, photo.length)).toEqual({
			kind: 'partial',
			received: 65_536
		});
		// other bytes where the server has some: told where to carry on, nothing held is changed
		expect(await store.append(a, hash, 0, bytesOf(65_536, 3), photo.length)).toEqual({
			kind: 'wrong-offset',
			received: 65_536
		});
		expect(await store.append(a, hash, 100_000, photo.subarray(100_000), photo.length)).toEqual({
			kind: 'wrong-offset',
			received: 65_536
		});
		expect(await store.status(a, hash)).toEqual({ complete: false, received: 65_536 });
		// a chunk overlapping what is held carries on after it
		expect(await store.append(a, hash, 60_000, photo.subarray(60_000), photo.length)).toEqual({
			kind: 'complete',
			size: photo.length
		});
		expect(await store.status(a, hash)).toEqual({
			complete: true,
			received: photo.length,
			size: photo.length
		});
		expect(await store.read(hash)).toEqual(Buffer.from(photo));
		expect(await store.canRead(a, hash)).toBe(true);
	});

	it('stores a chunk sent twice at once once, also through two servers on one PostgreSQL', async () => {
		const { store, a, root } = await setUp(config);
		// a second server's own connections (on SQLite, whose driver waits for a lock without letting the
		// process go on, two in one process would wait for each other: there all go through one)
		const other = kind === 'postgres' ? createServerDb(config) : null;
		const second = other ? new BlobStore(other, root, { now: () => NOW }) : store;
		const size = 131_089;
		const bytes = bytesOf(size, 11);
		const h = sha(bytes);
		for (const start of [0, 65_536]) {
			const chunk = bytes.subarray(start, start + 65_536);
			const answers = await Promise.all([
				store.append(a, h, start, chunk, size),
				second.append(a, h, start, chunk, size),
				store.append(a, h, start, chunk, size)
			]);
			expect(answers).toEqual(Array(3).fill({ kind: 'partial', received: start + 65_536 }));
		}
		const last = bytes.subarray(131_072);
		expect(
			await Promise.all([
				store.append(a, h, 131_072, last, size),
				second.append(a, h, 131_072, last, size)
			])
		).toEqual(Array(2).fill({ kind: 'complete', size }));
		expect(await second.read(h)).toEqual(Buffer.from(bytes));
		await other?.db.destroy();
	});

	it('checks every PUT against the hash: wrong bytes keep nothing, and never change a photo held', async () => {
		const { store, a, b, files } = await setUp(config);
		const claimed = sha(new Uint8Array([1, 2, 3]));
		expect(await store.append(a, claimed, 0, new Uint8Array([9, 9, 9]), 3)).toEqual({
			kind: 'hash-mismatch'
		});
		expect(await store.status(a, claimed)).toEqual({ complete: false, received: 0 });
		expect(await store.read(claimed)).toBeNull();
		expect(files().filter((f) => f.endsWith('.part'))).toEqual([]);

		expect((await store.append(a, hash, 0, photo, photo.length)).kind).toBe('complete');
		const wrong = photo.slice();
		wrong[149_999] = (wrong[149_999] ?? 0) ^ 1;
		for (const who of [a, b])
			expect(await store.append(who, hash, 0, wrong, photo.length)).toEqual({
				kind: 'hash-mismatch'
			});
		expect(await store.append(a, hash, 140_000, wrong.subarray(140_000), photo.length)).toEqual({
			kind: 'hash-mismatch'
		});
		expect(await store.read(hash)).toEqual(Buffer.from(photo));
		expect(await store.append(a, hash, 140_000, photo.subarray(140_000), photo.length)).toEqual({
			kind: 'complete',
			size: photo.length
		});
	});

	it("tells an account only of its own uploads; another's photo is theirs once they send its bytes", async () => {
		const { store, a, b, log } = await setUp(config);
		expect((await store.append(a, hash, 0, photo, photo.length)).kind).toBe('complete');
		expect(await store.status(b, hash)).toEqual({ complete: false, received: 0 });
		// naming it is not having it
		await log(b, 'b-note', { notes: hash, photos: [hash] });
		expect(await store.canRead(b, hash)).toBe(false);
		expect(await store.append(b, hash, 0, photo.subarray(0, 65_536), photo.length)).toEqual({
			kind: 'partial',
			received: 65_536
		});
		expect(await store.status(a, hash)).toMatchObject({ complete: true });
		expect(await store.status(b, hash)).toEqual({ complete: false, received: 65_536 });
		expect((await store.append(b, hash, 65_536, photo.subarray(65_536), photo.length)).kind).toBe(
			'complete'
		);
		expect(await store.canRead(b, hash)).toBe(true);
		expect(await store.isUploader(a, hash)).toBe(true);
	});

	it('refuses what would pass the account quota, counting partial uploads', async () => {
		const { store, a, b } = await setUp(config, 200_000);
		expect((await store.append(a, hash, 0, photo.subarray(0, 1000), photo.length)).kind).toBe(
			'partial'
		);
		const more = bytesOf(60_000, 5);
		expect(await store.append(a, sha(more), 0, more, more.length)).toEqual({
			kind: 'quota-exceeded',
			quotaBytes: 200_000
		});
		// another account has its own quota
		expect((await store.append(b, sha(more), 0, more, more.length)).kind).toBe('complete');
		// the same upload carries on: it is counted once
		expect((await store.append(a, hash, 1000, photo.subarray(1000), photo.length)).kind).toBe(
			'complete'
		);
	});

	it('lets go of given-up uploads and unnamed photos after their grace period, never of a named one', async () => {
		const { store, a, b, log, later, files } = await setUp(config);
		const named = bytesOf(5000, 13);
		const unnamed = bytesOf(5000, 17);
		const dropped = bytesOf(5000, 19);
		for (const bytes of [named, unnamed, dropped])
			expect((await store.append(a, sha(bytes), 0, bytes, bytes.length)).kind).toBe('complete');
		expect((await store.append(a, hash, 0, photo.subarray(0, 1000), photo.length)).kind).toBe(
			'partial'
		);
		await log(a, 'kept', { photos: [sha(named)] });
		await log(a, 'gone', { photos: [sha(dropped)] });
		// B names A's unnamed photo: that does not keep it for A, but its bytes stay while it is named
		await log(b, 'b-names', { photos: [sha(unnamed)] });
		expect(await store.cleanup()).toEqual({ uploads: 0, blobs: 0 });

		later(8 * DAY);
		expect(await store.cleanup()).toEqual({ uploads: 1, blobs: 0 });
		expect(await store.status(a, hash)).toEqual({ complete: false, received: 0 });
		expect(files().filter((f) => f.endsWith('.part'))).toEqual([]);

		await log(a, 'gone', { deleted: true, photos: [sha(dropped)] });
		later(25 * DAY);
		// unnamed for 33 days: let go; dropped only 25 days ago: kept
		expect(await store.cleanup()).toEqual({ uploads: 1, blobs: 0 });
		expect(await store.canRead(a, sha(unnamed))).toBe(false);
		expect(await store.read(sha(unnamed))).not.toBeNull();
		expect(await store.canRead(a, sha(dropped))).toBe(true);

		later(6 * DAY);
		expect(await store.cleanup()).toEqual({ uploads: 1, blobs: 1 });
		expect(await store.read(sha(dropped))).toBeNull();
		expect(await store.canRead(a, sha(named))).toBe(true);
		expect(await store.read(sha(named))).toEqual(Buffer.from(named));
		// once B's record is gone too, the unnamed photo's bytes go
		await log(b, 'b-names', { deleted: true, photos: [sha(unnamed)] });
		expect(await store.cleanup()).toEqual({ uploads: 0, blobs: 1 });
		expect(await store.read(sha(unnamed))).toBeNull();
		// and an upload of it again works
		expect((await store.append(a, sha(unnamed), 0, unnamed, unnamed.length)).kind).toBe('complete');
	});

	it('matches photos stored before uploaders were kept to the accounts naming them', async () => {
		const { server, store, root, a } = await setUp(config);
		const held = bytesOf(3000, 23);
		const lost = bytesOf(3000, 29);
		mkdirSync(join(root, sha(held).slice(0, 2)), { recursive: true });
		writeFileSync(join(root, sha(held).slice(0, 2), sha(held)), held);
		for (const bytes of [held, lost])
			await server.db
				.insertInto('blob_uploads')
				.values({
					hash: sha(bytes),
					user_id: a,
					total: 0,
					received: 0,
					created_at: NOW,
					updated_at: NOW,
					completed_at: NOW
				})
				.execute();
		expect(await store.canRead(a, sha(held))).toBe(false);
		expect(await store.adoptLegacy()).toBe(1);
		expect(await store.canRead(a, sha(held))).toBe(true);
		expect(await store.status(a, sha(held))).toEqual({
			complete: true,
			received: 3000,
			size: 3000
		});
		expect(await store.status(a, sha(lost))).toEqual({ complete: false, received: 0 });
		expect(existsSync(join(root, sha(held).slice(0, 2), sha(held)))).toBe(true);
	});

	it('the migration takes the photo fields of the records already stored, and adoptLegacy the photos held', async () => {
		const server = createServerDb(config);
		await dropAllTables(server);
		await new Migrator({ db: server.db, provider: migrationProvider }).migrateTo(
			'0006_record_problems'
		);
		const a = (await new Accounts(server.db).createUser('legacy_a', 'black-soil-2026')).id;
		const held = bytesOf(3000, 31);
		const note = sha(bytesOf(10, 3));
		const row = (id: string, data: object, deleted = 0) => ({
			owner_id: a,
			table_name: 'logs',
			id,
			data: JSON.stringify({ id, ...data }),
			clocks: '{}',
			deleted,
			rev: 1,
			updated_at: NOW
		});
		await server.db
			.insertInto('records')
			.values([
				row('with-photo', { photos: [sha(held)], notes: '' }),
				row('gone', { photos: [sha(bytesOf(10, 5))], deleted: true }, 1),
				row('note', { notes: note }),
				row('broken', {}),
				{ ...row('unreadable', {}), data: 'not json' }
			])
			.execute();
		await migrateToLatest(server.db);
		expect(await server.db.selectFrom('blob_refs').selectAll().execute()).toEqual([
			{ owner_id: a, table_name: 'logs', record_id: 'with-photo', hash: sha(held) }
		]);
		const root = mkdtempSync(join(dir, 'legacy-'));
		mkdirSync(join(root, sha(held).slice(0, 2)));
		writeFileSync(join(root, sha(held).slice(0, 2), sha(held)), held);
		const store = new BlobStore(server, root);
		expect(await store.adoptLegacy()).toBe(1);
		expect(await store.canRead(a, sha(held))).toBe(true);
		expect(await store.canRead(a, note)).toBe(false);
	});

	it('never touches a path that is not a sha256', async () => {
		const { store, a } = await setUp(config);
		await expect(store.status(a, '../../etc/passwd')).rejects.toThrow(/sha256/);
		expect(await store.canRead(a, '../../etc/passwd')).toBe(false);
	});
});
