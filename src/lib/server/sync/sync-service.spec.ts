import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hlcToString } from '$lib/domain/hlc';
import { newTraceCode } from '$lib/domain/trace-code';
import type { PushOp } from '$lib/domain/sync-protocol';
import { Accounts } from '../auth/accounts';
import { createServerDb, migrateToLatest, type DbConfig, type ServerDb } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import { SyncError, SyncService } from './sync-service';
import { createPatch } from '../../../../tests/factories/records';

const dir = mkdtempSync(join(tmpdir(), 'heitu-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backends = await testBackends(dir, 'sync');

const NOW = Date.UTC(2026, 4, 1);
const stamp = (wall: number, node = 'device-a', counter = 0) =>
	hlcToString({ wall: NOW + wall, counter, node });
let opCounter = 0;
/** A new field named so: the whole record a device sends when it creates one. */
const newField = (name: string, extra: Record<string, unknown> = {}) =>
	createPatch('fields', { name, ...extra });
const op = (
	recordId: string,
	patch: Record<string, unknown>,
	wall: number,
	node?: string
): PushOp => ({
	opId: `00000000-0000-7000-8000-${String(++opCounter).padStart(12, '0')}`,
	table: 'fields',
	recordId,
	patch,
	hlc: stamp(wall, node, opCounter)
});

async function fresh(config: DbConfig): Promise<ServerDb> {
	const server = createServerDb(config);
	await dropAllTables(server);
	await migrateToLatest(server.db);
	return server;
}

describe.each(backends)('accounts and sync on %s', (_kind, config) => {
	let server: ServerDb;
	let accounts: Accounts;
	let sync: SyncService;
	beforeEach(async () => {
		await server?.db.destroy();
		server = await fresh(config);
		accounts = new Accounts(server.db, () => NOW);
		sync = new SyncService(server, () => NOW);
		return async () => {
			await server.db.destroy();
		};
	});

	it('signs up, logs in with the same login typed differently, refuses a wrong password', async () => {
		const user = await accounts.createUser('138 1234 5678', 'black-soil-2026');
		expect(user).toMatchObject({ login: '13812345678', role: 'farmer' });
		expect(await accounts.authenticate('+8613812345678', 'black-soil-2026')).toEqual(user);
		expect(await accounts.authenticate('13812345678', 'wrong-password')).toBeNull();
		expect(await accounts.authenticate('nobody', 'black-soil-2026')).toBeNull();
		await expect(accounts.createUser('13812345678', 'another-password')).rejects.toMatchObject({
			code: 'login_taken',
			field: 'login'
		});
		await expect(accounts.createUser('ab', 'long-enough-1')).rejects.toMatchObject({
			field: 'login'
		});
		await expect(accounts.createUser('wang_li', 'short')).rejects.toMatchObject({
			field: 'password'
		});
		const row = await server.db
			.selectFrom('users')
			.select('password_hash')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
		expect(row.password_hash).not.toContain('black-soil');
	});

	it('keeps a session for at least 90 days, sliding forward with use, and ends it on logout', async () => {
		const user = await accounts.createUser('wang_li', 'black-soil-2026');
		const { token, expiresAt } = await accounts.startSession(user.id);
		expect(expiresAt - NOW).toBeGreaterThanOrEqual(90 * 86_400_000);
		const later = new Accounts(server.db, () => NOW + 100 * 86_400_000);
		const resumed = await later.resumeSession(token);
		expect(resumed?.user.id).toBe(user.id);
		expect(resumed!.expiresAt).toBeGreaterThan(expiresAt);
		const muchLater = new Accounts(server.db, () => resumed!.expiresAt + 1);
		expect(await muchLater.resumeSession(token)).toBeNull();

		const second = await accounts.startSession(user.id);
		await accounts.endSession(second.token);
		expect(await accounts.resumeSession(second.token)).toBeNull();
		const stored = await server.db.selectFrom('sessions').select('id').execute();
		expect(stored.map((s) => s.id)).not.toContain(token);
	});

	it('applies a push once, however often it is replayed', async () => {
		const user = await accounts.createUser('wang_li', 'black-soil-2026');
		const ops = [
			op('f1', newField('东大地', { areaM2: 6667 }), 1),
			op('f1', { name: '河边地' }, 2)
		];
		const first = await sync.push(user.id, ops);
		expect(first.acked).toEqual(ops.map((o) => o.opId));
		const again = await sync.push(user.id, ops);
		expect(again).toEqual(first);
		const pulled = await sync.pull(user.id, 0, 100);
		expect(pulled.changes).toHaveLength(1);
		expect(pulled.changes[0]).toMatchObject({
			table: 'fields',
			id: 'f1',
			record: { name: '河边地', areaM2: 6667, ownerId: user.id }
		});
		expect(pulled.cursor).toBe(first.rev);
	});

	it('lets a device skip pulling back its own push only when nothing else changed meanwhile', async () => {
		const user = await accounts.createUser('wang_li', 'black-soil-2026');
		const other = await accounts.createUser('neighbour', 'black-soil-2026');
		// the phone pushes from a cursor of 0, nothing else is there: it may move its cursor to the push
		const first = await sync.push(user.id, [op('f1', newField('东大地'), 1, 'phone')], 0);
		expect(first.cursor).toBe(first.rev);
		// another account's changes in between do not matter
		await sync.push(other.id, [op('n1', newField('not yours'), 2, 'theirs')]);
		const second = await sync.push(user.id, [op('f2', newField('河边地'), 3, 'phone')], first.rev);
		expect(second.cursor).toBe(second.rev);
		expect((await sync.pull(user.id, first.rev, 10)).changes.map((c) => c.id)).toEqual(['f2']);
		// the tablet changed the account after the phone's cursor: the phone must pull, so no cursor
		const tablet = await sync.push(user.id, [op('f1', { crop: '大豆' }, 4, 'tablet')], second.rev);
		const third = await sync.push(user.id, [op('f3', newField('岗地'), 5, 'phone')], second.rev);
		expect(third.cursor).toBeUndefined();
		const missed = await sync.pull(user.id, second.rev, 10);
		expect(missed.changes.map((c) => c.id)).toEqual(['f1', 'f3']);
		expect(missed.cursor).toBe(third.rev);
		expect(tablet.rev).toBeLessThan(third.rev);
		// without a cursor in the push (an older app), no advice either
		expect(
			(await sync.push(user.id, [op('f4', newField('x'), 6, 'phone')])).cursor
		).toBeUndefined();
	});

	it('merges changes from two devices field by field, whatever order they arrive in', async () => {
		const user = await accounts.createUser('wang_li', 'black-soil-2026');
		const create = op('f1', newField('a', { areaM2: 1, crop: '' }), 1, 'phone');
		const phoneRename = op('f1', { name: 'phone name' }, 5, 'phone');
		const tabletCrop = op('f1', { crop: '大豆', name: 'older name' }, 3, 'tablet');
		await sync.push(user.id, [create]);
		await sync.push(user.id, [phoneRename]);
		await sync.push(user.id, [tabletCrop]);
		const [change] = (await sync.pull(user.id, 0, 10)).changes;
		expect(change?.record).toMatchObject({ name: 'phone name', crop: '大豆', areaM2: 1 });
	});

	it('keeps record ids per account: another account using an id changes nothing of the owner’s', async () => {
		const owner = await accounts.createUser('owner', 'black-soil-2026');
		const intruder = await accounts.createUser('intruder', 'black-soil-2026');
		await sync.push(owner.id, [op('f1', newField('mine'), 1)]);
		// the intruder names the owner's field, and makes a log under its id first
		await sync.push(intruder.id, [
			op('f1', newField('theirs'), 2),
			{ ...op('f1', createPatch('logs', { type: 'observation' }), 3), table: 'logs' }
		]);
		// the owner can still make a log with that id: nobody can take an id away from another account
		await sync.push(owner.id, [
			{ ...op('f1', createPatch('logs', { type: 'observation', notes: '我的' }), 4), table: 'logs' }
		]);
		const mine = (await sync.pull(owner.id, 0, 10)).changes;
		expect(mine.map((c) => [c.table, c.id, c.record.name ?? c.record.notes])).toEqual([
			['fields', 'f1', 'mine'],
			['logs', 'f1', '我的']
		]);
		const theirs = (await sync.pull(intruder.id, 0, 10)).changes;
		expect(theirs.map((c) => [c.table, c.ownerId, c.record.name ?? c.record.notes])).toEqual([
			['fields', intruder.id, 'theirs'],
			['logs', intruder.id, '']
		]);
	});

	it('refuses a profile that is not "me" and a lesson’s progress under an id no lesson has', async () => {
		const user = await accounts.createUser('ids_user', 'black-soil-2026');
		const profile = (id: string, patch: Record<string, unknown>) => ({
			...op(id, patch, 1),
			table: 'profile' as const
		});
		for (const attempt of [
			profile('someone-else', createPatch('profile', { displayName: 'A' })),
			profile('tombstone', { deleted: true, updatedAt: 1 })
		]) {
			await expect(sync.push(user.id, [attempt])).rejects.toMatchObject({
				status: 400,
				code: 'invalid',
				field: 'ops.0.recordId',
				message: 'the profile is always "me"'
			});
		}
		const progress = (id: string) => ({
			...op(id, createPatch('lessonProgress', {}, { id }), 2),
			table: 'lessonProgress' as const
		});
		await expect(sync.push(user.id, [progress('../Soil Testing')])).rejects.toMatchObject({
			status: 400,
			field: 'ops.0.recordId',
			message: 'not a lesson id (lower-case letters, digits and dashes)'
		});
		await sync.push(user.id, [progress('soil-testing')]);
		expect((await sync.pull(user.id, 0, 10)).changes.map((c) => c.id)).toEqual(['soil-testing']);
	});

	it('tells a device whose cursor is ahead of the server (a restored database) to pull from 0', async () => {
		const user = await accounts.createUser('restored', 'black-soil-2026');
		const { rev } = await sync.push(user.id, [op('f1', newField('东大地'), 1)]);
		expect((await sync.pull(user.id, rev, 10)).changes).toEqual([]);
		await expect(sync.pull(user.id, rev + 1, 10)).rejects.toMatchObject({
			status: 409,
			code: 'cursor_ahead',
			field: 'since'
		});
	});

	it('keeps each user’s profile apart although every device calls it "me"', async () => {
		const a = await accounts.createUser('user_a', 'black-soil-2026');
		const b = await accounts.createUser('user_b', 'black-soil-2026');
		await sync.push(a.id, [
			{ ...op('me', createPatch('profile', { displayName: 'A' }), 1), table: 'profile' }
		]);
		await sync.push(b.id, [
			{ ...op('me', createPatch('profile', { displayName: 'B' }), 1), table: 'profile' }
		]);
		expect((await sync.pull(a.id, 0, 10)).changes.map((c) => c.record.displayName)).toEqual(['A']);
		expect((await sync.pull(b.id, 0, 10)).changes.map((c) => c.record.displayName)).toEqual(['B']);
	});

	it('pages through changes in revision order without skipping any', async () => {
		const user = await accounts.createUser('wang_li', 'black-soil-2026');
		const ops = Array.from({ length: 25 }, (_, i) => op(`f${i}`, newField(`field ${i}`), i));
		await sync.push(user.id, ops);
		const seen: string[] = [];
		let cursor = 0;
		let pages = 0;
		for (let more = true; more; pages++) {
			const page = await sync.pull(user.id, cursor, 10);
			seen.push(...page.changes.map((c) => c.id));
			cursor = page.cursor;
			more = page.more;
		}
		expect(pages).toBe(3);
		expect(seen).toEqual(ops.map((o) => o.recordId));
		expect((await sync.pull(user.id, cursor, 10)).changes).toEqual([]);
	});

	it('refuses a change stamped more than a week ahead, naming the op', async () => {
		const user = await accounts.createUser('wang_li', 'black-soil-2026');
		const future = op('f1', newField('x'), 8 * 86_400_000);
		await expect(sync.push(user.id, [op('f0', newField('ok'), 1), future])).rejects.toBeInstanceOf(
			SyncError
		);
		await expect(sync.push(user.id, [future])).rejects.toMatchObject({
			status: 400,
			field: 'ops.0.hlc'
		});
		expect((await sync.pull(user.id, 0, 10)).changes).toEqual([]);
	});
	it('syncs harvest batches, and refuses a second batch with the same trace code', async () => {
		const user = await accounts.createUser('wang_li', 'black-soil-2026');
		const other = await accounts.createUser('neighbour', 'black-soil-2026');
		const code = newTraceCode();
		const batch = (id: string, patch: Record<string, unknown>, wall: number) => ({
			...op(id, patch, wall),
			table: 'batches' as const
		});
		const record = createPatch('batches', {
			code,
			fieldIds: ['f1'],
			harvestLogIds: ['h1'],
			at: NOW
		});
		await sync.push(user.id, [batch('b1', record, 1)]);
		// the same batch again (another change, or its code sent again) is fine
		await sync.push(user.id, [batch('b1', { code, status: 'split' }, 2)]);
		const pulled = await sync.pull(user.id, 0, 10);
		expect(pulled.changes[0]).toMatchObject({
			table: 'batches',
			id: 'b1',
			record: { ...record, status: 'split', ownerId: user.id }
		});
		// another batch, of this account or another, may not take the code: refused, nothing written
		const taken = { status: 409, code: 'trace_code_taken', field: 'ops.1.patch.code' };
		await expect(
			sync.push(user.id, [
				batch('b2', { ...record, code: newTraceCode() }, 3),
				batch('b3', record, 4)
			])
		).rejects.toMatchObject(taken);
		await expect(sync.push(other.id, [batch('x1', { ...record, code }, 5)])).rejects.toMatchObject({
			...taken,
			field: 'ops.0.patch.code'
		});
		expect((await sync.pull(user.id, pulled.cursor, 10)).changes).toEqual([]);
		// a code with a slip in it is not a code
		const slip = code.slice(0, 9) + (code[9] === 'A' ? 'B' : 'A');
		await expect(
			sync.push(user.id, [batch('b4', { ...record, code: slip }, 6)])
		).rejects.toMatchObject({
			status: 400,
			field: 'ops.0.patch.code'
		});
	});
});
