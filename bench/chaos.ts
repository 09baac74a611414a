/**
 * `npm run chaos -- --ops 10000 [--seed S] [--restarts N] [--postgres]` (needs `npm run build`): the chaos run
 * of bench/chaos/run.ts with `--ops` random changes on each of five devices of two accounts (default 1,000),
 * faults from a seeded generator, the server killed and restarted. The server runs on a fresh SQLite file, or
 * with `--postgres` on PostgreSQL (bench/postgres.ts: next to BENCH_DATABASE_URL or TEST_DATABASE_URL, else
 * a throwaway Debian cluster). Exits 1 on any difference.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/browser/chromium';
import { formatSummary, runChaos } from './chaos/run';
import { benchPostgres } from './postgres';
import { freePort } from '../tests/browser/server';

const { values } = parseArgs({
	options: {
		ops: { type: 'string', default: '1000' },
		seed: { type: 'string' },
		restarts: { type: 'string', default: '3' },
		pause: { type: 'string' },
		postgres: { type: 'boolean', default: false }
	}
});
if (!existsSync('build/handler.js')) {
	console.error('Run `npm run build` first.');
	process.exit(2);
}
const seed =
	values.seed === undefined ? Math.floor(Math.random() * 1_000_000) : Number(values.seed);
const postgres = values.postgres ? await benchPostgres('heitu_chaos', await freePort()) : null;
if (values.postgres && !postgres) {
	console.error(
		'No PostgreSQL: set BENCH_DATABASE_URL, or run as root with Debian’s postgresql installed.'
	);
	process.exit(2);
}
let browser: Browser | null = null;
// the throwaway cluster goes too, whether the run ends, fails or is stopped with Ctrl-C
const cleanUp = async () => {
	await browser?.close();
	await postgres?.stop();
};
process.once('SIGINT', () => {
	void cleanUp().finally(() => process.exit(130));
});
try {
	browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	const summary = await runChaos(browser, {
		ops: Number(values.ops),
		seed,
		restarts: Number(values.restarts),
		pauseMs: values.pause === undefined ? undefined : Number(values.pause),
		databaseUrl: postgres?.url,
		log: (line) => console.log(line)
	});
	console.log(`\n${formatSummary(summary)}`);
	process.exitCode = summary.ok ? 0 : 1;
} finally {
	await cleanUp();
}
