import { expect, test } from '@playwright/test';
import { formatSummary, runChaos } from '../../bench/chaos/run';
// only the helper: this test starts its own server, so not the fixtures' per-worker one
import { withPostgres } from './fixtures';

// The chaos run of `npm run chaos` (bench/chaos/run.ts), small: five devices of two accounts (Chromium pages
// on the app's own data and sync code), 150 random changes each (fields, logs, some with photos, batches),
// through the seeded fault proxy (which also sends photo chunks twice, together or one after the other), with the
// server killed (SIGKILL, then SIGTERM, then SIGKILL) and restarted during the run. Afterwards every replica,
// a fresh device and the server's database must hold identical data, nothing lost, nothing applied twice,
// every photo whole on the server once and given back to a new device.
// On SQLite, and in the `postgres` project on a fresh PostgreSQL database.

test('sync loses and duplicates nothing under network faults and server restarts', async ({
	browser
}, testInfo) => {
	// a run takes 40–60 s alone here; beside other browser tests on a busy CI machine it may take much longer
	test.setTimeout(240_000);
	const { database = 'sqlite' } = testInfo.project.use as { database?: 'sqlite' | 'postgres' };
	const seed = Number(process.env.CHAOS_SEED ?? 20_260_410);
	const run = async (databaseUrl?: string) => {
		const summary = await runChaos(browser, { ops: 150, seed, restarts: 3, databaseUrl });
		console.log(formatSummary(summary));
		expect(summary.database).toBe(database);
		expect(summary.restarts.map((r) => r.signal)).toEqual(['SIGKILL', 'SIGTERM', 'SIGKILL']);
		expect(summary.ops).toBe(5 * 150);
		expect(
			summary.faults.drop + summary.faults.resetAfter + summary.faults.duplicate
		).toBeGreaterThan(0);
		expect(summary.records.batches).toBeGreaterThan(0);
		expect(summary.photos.made).toBeGreaterThan(0);
		expect(summary.faults.chunksTwiceAtOnce).toBeGreaterThan(0);
		expect(summary.differences).toEqual([]);
		expect(summary.lost).toBe(0);
		expect(summary.duplicated).toBe(0);
		expect(summary.misread).toBe(0);
		expect(summary.appliedOps).toBe(summary.ops);
		expect(summary.ok).toBe(true);
	};
	if (database === 'postgres') await withPostgres(run, `chaos_${testInfo.workerIndex}`);
	else await run();
});
