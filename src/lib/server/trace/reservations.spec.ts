import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hlcToString } from '$lib/domain/hlc';
import type { PushOp } from '$lib/domain/sync-protocol';
import {
	isTraceCode,
	newTraceCode,
	TRACE_RESERVE_MAX,
	TRACE_RESERVED_CAP
} from '$lib/domain/trace-code';
import { Accounts } from '../auth/accounts';
import { createServerDb, migrateToLatest, type ServerDb } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import { SyncService } from '../sync/sync-service';
import { TraceCodeReservations } from './reservations';
import { publicTrace } from './public-trace';
import { createPatch } from '../../../../tests/factories/records';

const dir = mkdtempSync(join(tmpdir(), 'heitu-reserve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backends = await testBackends(dir, 'reservations');

const NOW = Date.UTC(2026, 4, 1);
let opCounter = 0;
const batch = (recordId: string, code: string, product = '玉米'): PushOp => ({
	opId: `00000000-0000-7000-8000-${String(++opCounter).padStart(12, '0')}`,
	table: 'batches',
	recordId,
	patch: createPatch('batches', { code, product, at: NOW, publish: { enabled: true } }),
	hlc: hlcToString({ wall: NOW + opCounter, counter: 0, node: 'device-a' })
});

describe.each(backends)('trace code reservations on %s', (_kind, config) => {
	let server: ServerDb;
	let sync: SyncService;
	let reservations: TraceCodeReservations;
	let alice: string;
	let bob: string;
	beforeEach(async () => {
		server = createServerDb(config);
		await dropAllTables(server);
		await migrateToLatest(server.db);
		const accounts = new Accounts(server.db, () => NOW);
		alice = (await accounts.createUser('alice_r', 'heitu-black-soil')).id;
		bob = (await accounts.createUser('bob_r', 'heitu-black-soil')).id;
		sync = new SyncService(server, () => NOW);
		reservations = new TraceCodeReservations(server, () => NOW);
		return async () => {
			await server.db.destroy();
		};
	});

	it('gives an account valid new codes, different each time, kept for it', async () => {
		const first = await reservations.reserve(alice, 10);
		const second = await reservations.reserve(alice, 10);
		expect(first).toHaveLength(10);
		expect(second).toHaveLength(10);
		expect(new Set([...first, ...second]).size).toBe(20);
		expect([...first, ...second].every(isTraceCode)).toBe(true);
		expect(await reservations.unusedCount(alice)).toBe(20);
		expect(await reservations.unusedCount(bob)).toBe(0);
	});

	it('a reserved code is claimed only by its account: another is refused in plain words, the owner later succeeds and /t/ shows the owner', async () => {
		const [code] = await reservations.reserve(alice, 1);
		await expect(sync.push(bob, [batch('squat', code!, '假货')])).rejects.toMatchObject({
			status: 409,
			code: 'trace_code_taken',
			field: 'ops.0.patch.code',
			message: 'This trace code is kept for another account: give this batch a new code.'
		});
		// nothing of Bob's push was stored
		expect((await sync.pull(bob, 0, 10)).changes).toEqual([]);
		await sync.push(alice, [batch('mine', code!, '玉米')]);
		const shown = await publicTrace(server.db, code!);
		expect(shown).toMatchObject({ code, product: '玉米' });
		// used: no longer counted among the account's unused codes, and Bob still can't have it
		expect(await reservations.unusedCount(alice)).toBe(0);
		await expect(sync.push(bob, [batch('squat2', code!, '假货')])).rejects.toMatchObject({
			status: 409,
			code: 'trace_code_taken'
		});
	});

	it('keeps at most the cap unused per account: past it, the oldest unused codes are handed out again, never new ones', async () => {
		const given: string[] = [];
		while (given.length < TRACE_RESERVED_CAP)
			given.push(
				...(await reservations.reserve(
					alice,
					Math.min(TRACE_RESERVE_MAX, TRACE_RESERVED_CAP - given.length)
				))
			);
		expect(new Set(given).size).toBe(TRACE_RESERVED_CAP);
		// asking for more than a request may have gives only that many
		expect(await reservations.reserve(bob, 1000)).toHaveLength(TRACE_RESERVE_MAX);
		expect(await reservations.unusedCount(alice)).toBe(TRACE_RESERVED_CAP);
		const again = await reservations.reserve(alice, 5);
		expect(again).toHaveLength(5);
		expect(given).toEqual(expect.arrayContaining(again));
		expect(await reservations.unusedCount(alice)).toBe(TRACE_RESERVED_CAP);
		// one used frees one place for a new code
		await sync.push(alice, [batch('b1', given[0]!)]);
		const next = await reservations.reserve(alice, 1);
		expect(given).not.toContain(next[0]);
		expect(await reservations.unusedCount(alice)).toBe(TRACE_RESERVED_CAP);
	});

	it('never reserves a code a batch already has or another account keeps', async () => {
		const claimed = newTraceCode();
		await sync.push(bob, [batch('b1', claimed)]);
		const [bobs] = await reservations.reserve(bob, 1);
		const draws = [claimed, bobs!, newTraceCode()];
		const picky = new TraceCodeReservations(
			server,
			() => NOW,
			() => draws.shift()!
		);
		const got = await picky.reserve(alice, 1);
		expect(got).toHaveLength(1);
		expect(got[0]).not.toBe(claimed);
		expect(got[0]).not.toBe(bobs);
		expect(draws).toHaveLength(0);
	});

	it('an offline-made code is still first come, first served (unchanged)', async () => {
		const code = newTraceCode();
		await sync.push(bob, [batch('b1', code)]);
		await expect(sync.push(alice, [batch('a1', code)])).rejects.toMatchObject({
			status: 409,
			code: 'trace_code_taken',
			message: 'Another batch already has this trace code: give this batch a new code.'
		});
	});
});
