import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDb, migrateToLatest } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import {
	addressOf,
	LOCK_MS,
	Limits,
	limitFor,
	MAX_ADDRESS_FAILURES,
	MAX_FAILURES,
	WINDOW_MS
} from './limits';

const dir = mkdtempSync(join(tmpdir(), 'heitu-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backends = await testBackends(dir, 'limits');

describe.each(backends)('limits in the database (%s)', (_, config) => {
	const setUp = async () => {
		const server = createServerDb(config);
		await dropAllTables(server);
		await migrateToLatest(server.db);
		let now = 1_000_000;
		const limits = new Limits(server.db, () => now);
		return { server, limits, advance: (ms: number) => (now += ms), clock: () => now };
	};
	const phone = () => [limitFor.login('13812345678'), limitFor.wrongGuesses('10.0.0.1')];

	it('locks a login after five wrong passwords, for fifteen minutes', async () => {
		const { server, limits, advance } = await setUp();
		for (let i = 0; i < MAX_FAILURES; i++)
			expect(await limits.attempt(phone())).toEqual({ allowed: true });
		expect(await limits.attempt(phone())).toEqual({ allowed: false, retryAfterMs: LOCK_MS });
		// the same number written another way is the same login
		expect(await limits.attempt([limitFor.login('+86 138-1234-5678')])).toMatchObject({
			allowed: false
		});
		// another login from the same address is not locked by it
		expect(
			await limits.attempt([limitFor.login('other'), limitFor.wrongGuesses('10.0.0.1')])
		).toEqual({
			allowed: true
		});
		advance(LOCK_MS - 1);
		expect(await limits.attempt(phone())).toEqual({ allowed: false, retryAfterMs: 1 });
		advance(1);
		expect(await limits.attempt(phone())).toEqual({ allowed: true });
		await server.db.destroy();
	});

	it('forgets tries older than the window, and a right password clears the login', async () => {
		const { server, limits, advance } = await setUp();
		const tries = phone();
		for (let i = 0; i < MAX_FAILURES - 1; i++) await limits.attempt(tries);
		advance(WINDOW_MS + 1);
		for (let i = 0; i < MAX_FAILURES - 1; i++)
			expect(await limits.attempt(tries)).toEqual({ allowed: true });
		await limits.clear(tries[0]!);
		for (let i = 0; i < MAX_FAILURES; i++)
			expect(await limits.attempt(tries)).toEqual({ allowed: true });
		expect(await limits.attempt(tries)).toMatchObject({ allowed: false });
		await server.db.destroy();
	});

	it('locks an address that tries many logins; a forgiven try (a right password) does not count', async () => {
		const { server, limits } = await setUp();
		const address = limitFor.wrongGuesses('10.0.0.9');
		// a village's farmers logging in rightly from one wifi never lock it
		for (let i = 0; i < 100; i++) {
			expect(await limits.attempt([limitFor.login(`farmer${i}`), address])).toEqual({
				allowed: true
			});
			await limits.forgive([address]);
		}
		for (let i = 0; i < MAX_ADDRESS_FAILURES; i++)
			expect(await limits.attempt([limitFor.login(`user${i}`), address])).toEqual({
				allowed: true
			});
		expect(await limits.attempt([limitFor.login('fresh_user'), address])).toEqual({
			allowed: false,
			retryAfterMs: LOCK_MS
		});
		expect(
			await limits.attempt([limitFor.login('fresh_user'), limitFor.wrongGuesses('10.0.0.8')])
		).toEqual({
			allowed: true
		});
		await server.db.destroy();
	});

	it('a refused try counts against nothing', async () => {
		const { server, limits } = await setUp();
		const tries = phone();
		for (let i = 0; i < MAX_FAILURES; i++) await limits.attempt(tries);
		// many more tries at the locked login do not use up the address
		for (let i = 0; i < MAX_ADDRESS_FAILURES * 2; i++)
			expect((await limits.attempt(tries)).allowed).toBe(false);
		for (let i = 0; i < MAX_ADDRESS_FAILURES - MAX_FAILURES; i++)
			expect(await limits.attempt([limitFor.login(`user${i}`), tries[1]!])).toEqual({
				allowed: true
			});
		await server.db.destroy();
	});

	it('two server processes trying at once let exactly five through', async () => {
		const { server, clock } = await setUp();
		const other = createServerDb(config);
		const limitsA = new Limits(server.db, clock);
		const limitsB = new Limits(other.db, clock);
		const tries = phone();
		const answers = await Promise.all(
			Array.from({ length: 24 }, (_, i) => (i % 2 ? limitsA : limitsB).attempt(tries))
		);
		expect(answers.filter((a) => a.allowed)).toHaveLength(MAX_FAILURES);
		expect(await limitsA.attempt(tries)).toMatchObject({ allowed: false });
		expect(await limitsB.attempt(tries)).toMatchObject({ allowed: false });
		await other.db.destroy();
		await server.db.destroy();
	});

	it('drops rows whose time is over', async () => {
		const { server, limits, advance } = await setUp();
		for (let i = 0; i < 20; i++) await limits.attempt([limitFor.login(`user${i}`)]);
		advance(WINDOW_MS + LOCK_MS + 61_000);
		await limits.attempt([limitFor.login('late')]);
		const rows = await server.db.selectFrom('rate_limits').select('key').execute();
		expect(rows.map((r) => r.key)).toEqual(['login:late']);
		await server.db.destroy();
	});

	it('keeps a key of any length', async () => {
		const { server, limits } = await setUp();
		const long = limitFor.wrongGuesses('x'.repeat(20_000));
		expect(await limits.attempt([long])).toEqual({ allowed: true });
		await server.db.destroy();
	});
});

describe('the address a limit counts', () => {
	it('is the IPv4 address, also when written as IPv6', () => {
		expect(addressOf('203.0.113.7')).toBe('203.0.113.7');
		expect(addressOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
	});

	it('is the /64 network for IPv6: one home or phone holds a whole /64', () => {
		expect(addressOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(addressOf('2001:DB8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
		expect(addressOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressOf('::1')).toBe('0:0:0:0::/64');
	});

	it('is whatever else the proxy header says, as it came', () => {
		expect(addressOf('unknown')).toBe('unknown');
	});
});
