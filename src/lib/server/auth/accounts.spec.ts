import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDb, migrateToLatest } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import { Accounts } from './accounts';

const dir = mkdtempSync(join(tmpdir(), 'heitu-accounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backends = await testBackends(dir, 'accounts');

/** The quickest of a few runs: the least disturbed by whatever else the machine is doing. */
async function fastest(work: () => Promise<unknown>): Promise<number> {
	let best = Infinity;
	for (let i = 0; i < 3; i++) {
		const start = performance.now();
		await work();
		best = Math.min(best, performance.now() - start);
	}
	return best;
}

describe.each(backends)('logging in (%s)', (_, config) => {
	it('an unknown login costs a password check too, so the time does not tell which logins exist', async () => {
		const server = createServerDb(config);
		await dropAllTables(server);
		await migrateToLatest(server.db);
		const accounts = new Accounts(server.db);
		await accounts.createUser('13708127732', 'heitu-black-soil');

		expect(await accounts.authenticate('13708127732', 'wrong-password')).toBeNull();
		expect(await accounts.authenticate('13900000000', 'wrong-password')).toBeNull();
		expect(await accounts.authenticate('+86 137 0812 7732', 'heitu-black-soil')).toMatchObject({
			login: '13708127732'
		});
		const known = await fastest(() => accounts.authenticate('13708127732', 'wrong-password'));
		const unknown = await fastest(() => accounts.authenticate('13900000000', 'wrong-password'));
		// scrypt is tens of milliseconds, a lookup well under one: without the check the unknown login is
		// over ten times faster; with it both take about as long (a generous bound, never flaky)
		expect(unknown).toBeGreaterThan(known / 3);
		await server.db.destroy();
	});
});
