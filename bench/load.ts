/**
 * `npm run bench:load` (part of `npm run bench`; needs `npm run build`): the server under 200 phones syncing at
 * once, on SQLite and on PostgreSQL (bench/postgres.ts). Each simulated phone has its own account and, for
 * LOAD_SECONDS (60), loops as the app does: push a few new field records (gzip, with `since`), then pull from
 * its cursor. Reported per database: requests per second, p50 and p99 latency, errors (target 0), and a check
 * that the server holds exactly the records it acknowledged (none lost, none twice).
 * The phones run in this one Node process (fetch with keep-alive) and the server in another, on the same
 * machine: the figures are for both sharing its cores. LOAD_CLIENTS and LOAD_SECONDS change the shape.
 */
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { freePort, startServer, type RunningServer } from '../tests/browser/server';
import { benchPostgres } from './postgres';
import { machine, percentile, saveResult } from './results';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const OPS_PER_PUSH = 5;
const gzipAsync = promisify(gzip);

// Node's fetch keeps connections alive and opens as many as are asked for at once: one per phone

interface Phone {
	cookie: string;
	cursor: number;
	acked: number;
}

interface Run {
	database: string;
	requests: number;
	errors: number;
	errorKinds: Record<string, number>;
	seconds: number;
	perSecond: number;
	p50: number;
	p99: number;
	pushP50: number;
	pullP50: number;
	acked: number;
	stored: number;
}

async function signUp(url: string, n: number): Promise<Phone> {
	const response = await fetch(`${url}/api/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({
			login: `load_${n}_${Date.now() % 100000}`,
			password: 'heitu-black-soil'
		})
	});
	if (response.status !== 201) throw new Error(`sign-up ${response.status}`);
	const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
	return { cookie, cursor: 0, acked: 0 };
}

function opsFor(n: number) {
	const now = Date.now();
	return Array.from({ length: OPS_PER_PUSH }, (_, i) => ({
		opId: randomUUID(),
		table: 'logs',
		recordId: randomUUID(),
		hlc: `${String(now).padStart(15, '0')}-${String(i).padStart(5, '0')}-load${n}`,
		patch: {
			type: 'observation',
			fieldId: null,
			status: 'done',
			at: now,
			notes: `苗情正常，第 ${n} 号手机`,
			createdAt: now,
			updatedAt: now,
			deleted: false
		}
	}));
}

async function runOn(server: RunningServer, database: string): Promise<Run> {
	const url = server.url;
	const phones: Phone[] = [];
	// sign-ups are set-up, not measured (scrypt makes each one slow on purpose)
	for (let start = 0; start < CLIENTS; start += 20)
		phones.push(
			...(await Promise.all(
				Array.from({ length: Math.min(20, CLIENTS - start) }, (_, i) => signUp(url, start + i))
			))
		);
	const latencies: number[] = [];
	const push: number[] = [];
	const pull: number[] = [];
	const errorKinds: Record<string, number> = {};
	const fail = (kind: string) => (errorKinds[kind] = (errorKinds[kind] ?? 0) + 1);
	const started = performance.now();
	const until = started + SECONDS * 1000;

	const loop = async (phone: Phone, n: number) => {
		while (performance.now() < until) {
			const body = await gzipAsync(
				JSON.stringify({ schemaVersion: 1, ops: opsFor(n), since: phone.cursor })
			);
			let t = performance.now();
			try {
				const answer = await fetch(`${url}/api/sync/push`, {
					method: 'POST',
					headers: {
						cookie: phone.cookie,
						origin: url,
						'content-type': 'application/json',
						'content-encoding': 'gzip'
					},
					body
				});
				const json = (await answer.json()) as { acked?: string[]; cursor?: number };
				const ms = performance.now() - t;
				latencies.push(ms);
				push.push(ms);
				if (answer.status !== 200) fail(`push ${answer.status}`);
				else {
					phone.acked += json.acked?.length ?? 0;
					if (json.cursor !== undefined) phone.cursor = json.cursor;
				}
			} catch (error) {
				fail(`push ${(error as Error).message}`);
			}
			t = performance.now();
			try {
				const answer = await fetch(
					`${url}/api/sync/pull?schemaVersion=1&since=${phone.cursor}&limit=500`,
					{ headers: { cookie: phone.cookie } }
				);
				const json = (await answer.json()) as { cursor?: number };
				const ms = performance.now() - t;
				latencies.push(ms);
				pull.push(ms);
				if (answer.status !== 200) fail(`pull ${answer.status}`);
				else if (json.cursor !== undefined) phone.cursor = json.cursor;
			} catch (error) {
				fail(`pull ${(error as Error).message}`);
			}
		}
	};
	await Promise.all(phones.map(loop));
	const seconds = (performance.now() - started) / 1000;

	// what the server holds: every phone pulls everything from the start
	let stored = 0;
	for (const phone of phones) {
		let since = 0;
		for (;;) {
			const page = (await (
				await fetch(`${url}/api/sync/pull?schemaVersion=1&since=${since}&limit=1000`, {
					headers: { cookie: phone.cookie }
				})
			).json()) as { changes: unknown[]; cursor: number; more: boolean };
			stored += page.changes.length;
			since = page.cursor;
			if (!page.more) break;
		}
	}
	const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
	return {
		database,
		requests: latencies.length,
		errors,
		errorKinds,
		seconds,
		perSecond: latencies.length / seconds,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		pushP50: percentile(push, 50),
		pullP50: percentile(pull, 50),
		acked: phones.reduce((s, p) => s + p.acked, 0),
		stored
	};
}

const runs: Run[] = [];
{
	const server = await startServer({});
	try {
		runs.push(await runOn(server, 'SQLite'));
	} finally {
		await server.dispose();
	}
}
const postgres = await benchPostgres('heitu_bench_load', await freePort());
if (postgres) {
	const server = await startServer({ env: { DATABASE_URL: postgres.url } });
	try {
		runs.push(await runOn(server, 'PostgreSQL'));
	} finally {
		await server.dispose();
		await postgres.stop();
	}
} else {
	console.log(
		'PostgreSQL skipped: set BENCH_DATABASE_URL, or run as root with Debian’s postgresql installed.'
	);
}

console.log(`bench:load — ${CLIENTS} phones syncing for ${SECONDS} s each, on ${machine()}`);
console.log(
	'| database | requests/s | p50 | p99 | push p50 | pull p50 | errors | acked = stored |'
);
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const r of runs)
	console.log(
		`| ${r.database} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.pushP50.toFixed(0)} ms | ${r.pullP50.toFixed(0)} ms | ${r.errors} | ${r.acked} = ${r.stored} ${r.acked === r.stored ? 'ok' : 'MISMATCH'} |`
	);
const ok = runs.every((r) => r.errors === 0 && r.acked === r.stored);
saveResult({
	name: 'load',
	rows: runs.flatMap((r) => [
		{
			what: `${r.database}: ${CLIENTS} phones syncing for ${SECONDS} s`,
			value: `${r.perSecond.toFixed(0)} req/s, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms`
		},
		{
			what: `${r.database}: errors; records acknowledged = stored`,
			value: `${r.errors}; ${r.acked} = ${r.stored}`,
			target: '0 errors, equal',
			ok: r.errors === 0 && r.acked === r.stored
		}
	]),
	details: runs
});
if (!ok) {
	for (const r of runs) if (r.errors) console.log(r.database, r.errorKinds);
	process.exitCode = 1;
}
