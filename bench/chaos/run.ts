/**
 * The chaos run (`npm run chaos`, tests/browser/chaos.spec.ts): devices of two accounts make random changes
 * through the app's own data and sync code while the fault proxy breaks requests and the server process is
 * killed and started again; then, faults off, every device syncs until quiet and every replica, a fresh
 * device and the server's database must hold identical data, with nothing lost and nothing applied twice.
 * See docs/sync-protocol.md, "Chaos test".
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { OutboxOp } from '$lib/domain/records';
import { createServerDb } from '$lib/server/db/database';
import { startServer, type RunningServer } from '../../tests/browser/server';
import { bundleForPage } from '../page-bundle';
import type { ChaosDevice, DeviceSnapshot, RunOptions } from './device';
import {
	DEFAULT_RATES,
	FAULT_KINDS,
	faultProxy,
	type FaultCounts,
	type FaultRates
} from './fault-proxy';
import { seeded } from './random';
import {
	compare,
	expectedRecords,
	toSet,
	type Difference,
	type Rec,
	type RecordSet
} from './verify';

declare const chaos: ChaosDevice;

export interface ChaosOptions {
	/** Random changes each device makes. */
	ops: number;
	seed: number;
	/** Devices per account: the first account's and the second's. */
	devices?: [number, number];
	/** Server restarts during the run, spread over it; the second is a graceful stop (SIGTERM), the rest SIGKILL. */
	restarts?: number;
	pauseMs?: number;
	syncChance?: number;
	rates?: FaultRates;
	/** The server's database: a postgres:// URL, or none for a fresh SQLite file. */
	databaseUrl?: string;
	log?: (line: string) => void;
}

export interface ChaosSummary {
	seed: number;
	database: 'sqlite' | 'postgres';
	devices: number;
	opsPerDevice: number;
	ops: number;
	faults: FaultCounts;
	restarts: { signal: string; atOps: number; downMs: number }[];
	restartsPlanned: number;
	syncs: number;
	failedSyncs: number;
	/** Changes made while a sync of the same device was under way. */
	duringSync: number;
	problems: Record<string, number>;
	finalRounds: number;
	records: { fields: number; logs: number; batches: number; deleted: number };
	/** Photos taken on the devices (one to four upload chunks each), and bytes the server holds of them. */
	photos: { made: number; bytes: number };
	appliedOps: number;
	lost: number;
	duplicated: number;
	/** Failed syncs that gave another reason than offline (every fault is a missing answer). */
	misread: number;
	differences: Difference[];
	seconds: number;
	ok: boolean;
}

const PASSWORD = 'chaos-password-1';
const QUIET_ROUNDS_MAX = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Device {
	name: string;
	account: number;
	page: Page;
}

async function openDevice(browser: Browser, url: string, script: string): Promise<Page> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	await page.goto(`${url}/api/health`);
	await page.addScriptTag({ content: script });
	return page;
}

type ServerDb = ReturnType<typeof createServerDb>['db'];

async function serverRecords(
	db: ServerDb,
	ownerId: string
): Promise<{ set: RecordSet; mismatched: string[] }> {
	const rows = await db
		.selectFrom('records')
		.select(['table_name', 'id', 'data', 'clocks', 'deleted'])
		.where('owner_id', '=', ownerId)
		.execute();
	const set: RecordSet = new Map();
	const mismatched: string[] = [];
	for (const row of rows) {
		const record: Rec = {
			...(JSON.parse(row.data) as Rec),
			clocks: JSON.parse(row.clocks) as Rec
		};
		if ((record.deleted === true) !== (Number(row.deleted) === 1))
			mismatched.push(`${row.table_name}/${row.id}`);
		set.set(`${row.table_name}/${row.id}`, record);
	}
	return { set, mismatched };
}

async function appliedOps(db: ServerDb): Promise<{
	byUser: Map<string, string[]>;
	total: number;
	counter: number;
	distinctRevs: number;
}> {
	const rows = await db.selectFrom('applied_ops').select(['op_id', 'user_id', 'rev']).execute();
	const byUser = new Map<string, string[]>();
	for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.op_id]);
	const counter = await db
		.selectFrom('counters')
		.select('value')
		.where('name', '=', 'rev')
		.executeTakeFirstOrThrow();
	return {
		byUser,
		total: rows.length,
		counter: Number(counter.value),
		distinctRevs: new Set(rows.map((r) => Number(r.rev))).size
	};
}

export async function runChaos(browser: Browser, options: ChaosOptions): Promise<ChaosSummary> {
	const started = performance.now();
	const log = options.log ?? (() => undefined);
	const [perA, perB] = options.devices ?? [3, 2];
	const restartCount = options.restarts ?? 3;
	const random = seeded(options.seed ^ 0x5eed);
	const script = await bundleForPage('bench/chaos/device.ts');
	const server: RunningServer = await startServer({
		env: options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}
	});
	const proxy = await faultProxy(server.port, options.seed, options.rates ?? DEFAULT_RATES);
	const devices: Device[] = [];
	const accounts: string[] = [];
	let openReader: { destroy(): Promise<void> } | null = null;
	const restarts: ChaosSummary['restarts'] = [];
	try {
		// setup, faults off: two accounts, each signed up on its first device and logged in on the others
		for (const [account, count] of [perA, perB].entries()) {
			for (let k = 0; k < count; k++) {
				const page = await openDevice(browser, proxy.url, script);
				const login = `chaos_${account}_${options.seed}`;
				const id = await page.evaluate(
					([l, p, first]) => (first ? chaos.signUp(l, p) : chaos.logIn(l, p)),
					[login, PASSWORD, k === 0] as const
				);
				if (k === 0) accounts.push(id);
				devices.push({ name: `${'AB'[account]}${k + 1}`, account, page });
			}
		}
		log(
			`${devices.length} devices (${perA} + ${perB}, two accounts), ${options.ops} changes each, seed ${options.seed}`
		);

		// long enough for every restart to fall inside the run (a restart takes a few seconds)
		const pauseMs = options.pauseMs ?? Math.max(40, ((restartCount + 1) * 6_000) / options.ops);
		proxy.setFaults(true);
		let done = false;
		const runs = Promise.all(
			devices.map((device, i) =>
				device.page.evaluate((o: RunOptions) => chaos.run(o), {
					device: device.name,
					ops: options.ops,
					seed: options.seed * 31 + i,
					pauseMs,
					syncChance: options.syncChance ?? 0.3
				})
			)
		).finally(() => (done = true));

		// the server dies and comes back at evenly spread points of the run
		const disrupt = (async () => {
			for (let r = 1; r <= restartCount; r++) {
				const at = (options.ops * r) / (restartCount + 1);
				let progress = 0;
				while (!done) {
					const each = await Promise.all(
						devices.map((d) => d.page.evaluate(() => chaos.progress()))
					);
					progress = Math.min(...each);
					if (progress >= at) break;
					await sleep(200);
				}
				if (done) break;
				const signal = r === 2 ? 'SIGTERM' : 'SIGKILL';
				const down = performance.now();
				await server.stop(signal);
				await sleep(300 + random() * 2_700);
				await server.restart();
				const downMs = Math.round(performance.now() - down);
				restarts.push({ signal, atOps: progress, downMs });
				log(`server ${signal} at ${progress} changes per device, back after ${downMs} ms`);
			}
		})();
		await Promise.all([runs, disrupt]);
		const faults = proxy.counts();
		proxy.setFaults(false);

		// faults off: every device syncs, round after round, until a round where nothing moves
		let finalRounds = 0;
		for (let quiet = false; !quiet;) {
			if (finalRounds >= QUIET_ROUNDS_MAX) throw new Error(`not quiet after ${finalRounds} rounds`);
			finalRounds += 1;
			quiet = true;
			for (const device of devices) {
				const result = await device.page.evaluate(() => chaos.sync());
				if (!result.ok || result.pushed || result.pulled) quiet = false;
				if (!result.ok) log(`final round ${finalRounds}: ${device.name} ${JSON.stringify(result)}`);
			}
		}

		// what every device made, what every replica holds, what the server holds
		const differences: Difference[] = [];
		let lost = 0;
		let duplicated = 0;
		let stats = { syncs: 0, failedSyncs: 0, duringSync: 0, problems: {} as Record<string, number> };
		// read straight from the server's database, whichever it is
		const reader = createServerDb({
			databaseUrl: server.databaseEnv.DATABASE_URL || undefined,
			sqlitePath: server.databaseEnv.SQLITE_PATH
		});
		const db = reader.db;
		openReader = db;
		const applied = await appliedOps(db);
		const totals = { fields: 0, logs: 0, batches: 0, deleted: 0 };
		const photoTotals = { made: 0, bytes: 0 };
		let opsMade = 0;
		for (const [account, ownerId] of accounts.entries()) {
			const own = devices.filter((d) => d.account === account);
			const made: OutboxOp[] = [];
			const photos = new Map<string, number>();
			for (const device of own) {
				made.push(...(await device.page.evaluate(() => chaos.made())));
				for (const p of await device.page.evaluate(() => chaos.photos()))
					photos.set(p.hash, p.size);
				const s = await device.page.evaluate(() => chaos.stats());
				stats = {
					syncs: stats.syncs + s.syncs,
					failedSyncs: stats.failedSyncs + s.failedSyncs,
					duringSync: stats.duringSync + s.duringSync,
					problems: { ...stats.problems }
				};
				for (const [p, n] of Object.entries(s.problems))
					stats.problems[p] = (stats.problems[p] ?? 0) + n;
			}
			opsMade += made.length;
			const opIds = new Set(made.map((op) => op.opId));
			duplicated += made.length - opIds.size;
			const want = expectedRecords(made, ownerId);
			for (const [key, r] of want) {
				totals[key.split('/')[0] as 'fields' | 'logs' | 'batches'] += 1;
				if (r.deleted === true) totals.deleted += 1;
			}

			// server: applied_ops holds each op once, and only these
			const serverOps = applied.byUser.get(ownerId) ?? [];
			const serverSet = new Set(serverOps);
			duplicated += serverOps.length - serverSet.size;
			for (const id of opIds) if (!serverSet.has(id)) lost += 1;
			for (const id of serverSet) if (!opIds.has(id)) duplicated += 1;

			// every replica of the account, a fresh device that pulls everything, and the database
			const replicas: [string, DeviceSnapshot][] = [];
			for (const device of own)
				replicas.push([device.name, await device.page.evaluate(() => chaos.snapshot())]);
			const fresh = await openDevice(browser, proxy.url, script);
			await fresh.evaluate(([l, p]) => chaos.logIn(l, p), [
				`chaos_${account}_${options.seed}`,
				PASSWORD
			] as const);
			const pulledFresh = await fresh.evaluate(() => chaos.sync());
			if (!pulledFresh.ok) throw new Error(`fresh device: ${JSON.stringify(pulledFresh)}`);
			// every photo the account's devices took comes back whole (its sha256 checked) to a new device
			const missing = await fresh.evaluate((h) => chaos.missingPhotos(h), [...photos.keys()]);
			lost += missing.length;
			for (const hash of missing)
				differences.push({
					replica: `${'AB'[account]}-fresh`,
					key: `photo/${hash}`,
					problem: 'missing'
				});
			// and the server holds each once, as this account's upload, at its size: no chunk stored twice
			const uploads = await db
				.selectFrom('blob_uploads')
				.innerJoin('blobs', 'blobs.hash', 'blob_uploads.hash')
				.select(['blob_uploads.hash', 'blob_uploads.received', 'blobs.size'])
				.where('blob_uploads.user_id', '=', ownerId)
				.where('blob_uploads.completed_at', 'is not', null)
				.execute();
			const held = new Map(uploads.map((u) => [u.hash, Number(u.size)]));
			for (const [hash, size] of photos) {
				photoTotals.made += 1;
				photoTotals.bytes += held.get(hash) ?? 0;
				if (held.get(hash) !== size)
					differences.push({
						replica: 'server',
						key: `photo/${hash}`,
						problem: held.has(hash) ? 'different' : 'missing',
						want: String(size),
						got: String(held.get(hash))
					});
			}
			replicas.push([`${'AB'[account]}-fresh`, await fresh.evaluate(() => chaos.snapshot())]);
			await fresh.context().close();
			for (const [name, snapshot] of replicas) {
				const { set, duplicates } = toSet(snapshot.records);
				duplicated += duplicates;
				if (snapshot.outbox !== 0)
					differences.push({
						replica: name,
						key: 'outbox',
						problem: 'extra',
						got: String(snapshot.outbox)
					});
				if (snapshot.photosWaiting !== 0)
					differences.push({
						replica: name,
						key: 'photos waiting',
						problem: 'extra',
						got: String(snapshot.photosWaiting)
					});
				const found = compare(name, want, set);
				lost += found.filter((d) => d.problem === 'missing').length;
				differences.push(...found);
			}
			const server = await serverRecords(db, ownerId);
			const found = compare('server', want, server.set, ['ownerId']);
			lost += found.filter((d) => d.problem === 'missing').length;
			differences.push(...found);
			for (const key of server.mismatched)
				differences.push({ replica: 'server', key, problem: 'different', got: 'deleted column' });
		}
		// no upload left half done: every part file was finished and put in place
		const blobDir = join(dirname(server.databaseEnv.SQLITE_PATH ?? ''), 'blobs');
		const parts = readdirSync(blobDir, { recursive: true })
			.map(String)
			.filter((f) => f.endsWith('.part'));
		for (const part of parts)
			differences.push({ replica: 'server', key: part, problem: 'extra', got: 'part file' });
		// each applied op took one revision from the counter: an op applied twice would show here
		if (applied.counter !== applied.total || applied.distinctRevs !== applied.total) {
			differences.push({
				replica: 'server',
				key: 'counters.rev',
				problem: 'different',
				want: String(applied.total),
				got: `${applied.counter} (distinct revs ${applied.distinctRevs})`
			});
		}
		// the faults only ever take answers away: a failed sync must say offline, never blame the server
		const misread = Object.entries(stats.problems)
			.filter(([problem]) => problem !== 'offline')
			.reduce((n, [, count]) => n + count, 0);
		const ok =
			differences.length === 0 &&
			lost === 0 &&
			duplicated === 0 &&
			misread === 0 &&
			restarts.length === restartCount;
		return {
			seed: options.seed,
			database: reader.kind,
			devices: devices.length,
			opsPerDevice: options.ops,
			ops: opsMade,
			faults,
			restarts,
			restartsPlanned: restartCount,
			...stats,
			finalRounds,
			records: totals,
			photos: photoTotals,
			appliedOps: applied.total,
			lost,
			duplicated,
			misread,
			differences,
			seconds: Math.round((performance.now() - started) / 1000),
			ok
		};
	} finally {
		await openReader?.destroy();
		for (const device of devices)
			await device.page
				.context()
				.close()
				.catch(() => undefined);
		await proxy.close();
		await server.dispose();
	}
}

export function formatSummary(s: ChaosSummary): string {
	const faults = FAULT_KINDS.map((k) => `${k} ${s.faults[k]}`).join(', ');
	const problems = Object.entries(s.problems)
		.map(([p, n]) => `${p} ${n}`)
		.join(', ');
	const lines = [
		`Chaos run on ${s.database === 'postgres' ? 'PostgreSQL' : 'SQLite'}, seed ${s.seed}: ${s.devices} devices × ${s.opsPerDevice} changes = ${s.ops} ops in ${s.seconds} s`,
		`Faults on ${s.faults.requests} API requests: ${faults}; ${s.faults.down} found the server down`,
		`Photo chunks: ${s.faults.chunks} sent, ${s.faults.chunksTwiceAtOnce} of them twice at once`,
		`Server restarts: ${s.restarts.map((r) => `${r.signal} at ${r.atOps} (${r.downMs} ms down)`).join(', ')}`,
		`Syncs: ${s.syncs} (${s.failedSyncs} failed${problems ? `: ${problems}` : ''}), ${s.duringSync} changes made during a sync, then ${s.finalRounds} rounds to quiet`,
		`Records: ${s.records.fields} fields, ${s.records.logs} logs, ${s.records.batches} batches (${s.records.deleted} deleted); server applied_ops ${s.appliedOps}`,
		`Photos: ${s.photos.made} taken, ${Math.round(s.photos.bytes / 1024)} KB on the server, each whole and once`,
		`lost=${s.lost} duplicated=${s.duplicated} differences=${s.differences.length}`
	];
	for (const d of s.differences.slice(0, 20))
		lines.push(
			`  ${d.replica} ${d.key}: ${d.problem}${d.want ? `\n    want ${d.want}\n    got  ${d.got}` : d.got ? ` ${d.got}` : ''}`
		);
	if (s.misread) lines.push(`${s.misread} failed syncs blamed something else than the network`);
	if (s.restarts.length < s.restartsPlanned)
		lines.push(`only ${s.restarts.length} of ${s.restartsPlanned} restarts fell inside the run`);
	lines.push(s.ok ? 'OK: every replica and the server hold identical data' : 'FAILED');
	return lines.join('\n');
}
