/**
 * Runs in a Chromium page (bundled by bench/chaos/run.ts): one Heitu device made of the app's own data and
 * sync code on the browser's real IndexedDB: LocalData's repositories (record and outbox op in one
 * transaction), SyncStore, SyncEngine over FetchTransport, and the app's SyncScheduler (one run at a time, a
 * trigger during a run asks for another). It talks to the server through the fault proxy (the page's origin).
 *
 * `run` makes random changes to fields, field logs and harvest batches (create, edit, delete; edits and deletes
 * favour the oldest live records, which every device of the account holds once synced, so the same records
 * are changed on several devices at once), takes photos for some logs (20–200 KB: one to four upload
 * chunks, which the fault proxy drops, cuts and sends twice, together or one after the other) and starts a
 * sync at random moments, without waiting for it. Every change's outbox op is copied to `made` as it is
 * committed, every photo to `photos`: the test's record of what this device did.
 */
import { createDb } from '$lib/data/db';
import { LocalData } from '$lib/data/local-data';
import { SyncStore } from '$lib/data/sync-store';
import type { SyncRepository } from '$lib/data/sync-repository';
import { LOG_TYPES, type LogDetails } from '$lib/domain/field-logs';
import type { OutboxOp, SyncedRecord } from '$lib/domain/records';
import { newTraceCode } from '$lib/domain/trace-code';
import { AccountApi } from '$lib/sync/account-api';
import { SyncEngine, type SyncRunResult } from '$lib/sync/sync-engine';
import { SyncScheduler } from '$lib/sync/sync-scheduler';
import { FetchTransport } from '$lib/sync/transport';
import { toHex } from '$lib/domain/blobs';
import { SAMPLE_DETAILS } from '../../tests/factories/records';
import { pick, seeded } from './random';

export interface RunOptions {
	device: string;
	ops: number;
	seed: number;
	/** Mean pause between two changes, ms. */
	pauseMs: number;
	/** The chance of starting a sync after each change. */
	syncChance: number;
}

export interface DeviceSnapshot {
	records: Record<Table, Record<string, unknown>[]>;
	outbox: number;
	/** Photos not yet uploaded. */
	photosWaiting: number;
	cursor: number;
}

const data = new LocalData(createDb('heitu-chaos'));
const store = new SyncStore(data.db);
const engine = new SyncEngine(store, new FetchTransport(), data.blobs);
const accounts = new AccountApi();
const made: OutboxOp[] = [];
/** The photos this device took: sha256 and size. */
const photos: { hash: string; size: number }[] = [];
const stats = {
	changes: 0,
	/** Changes committed while a sync run was under way (racing its push, acknowledgement and pull). */
	duringSync: 0,
	syncs: 0,
	failedSyncs: 0,
	problems: {} as Record<string, number>
};
let progress = 0;
let syncing = false;

async function countedRun(): Promise<SyncRunResult> {
	syncing = true;
	const result = await engine.run().finally(() => (syncing = false));
	stats.syncs += 1;
	if (!result.ok) {
		stats.failedSyncs += 1;
		const problem = result.problem ?? 'unknown';
		stats.problems[problem] = (stats.problems[problem] ?? 0) + 1;
	}
	return result;
}

const scheduler = new SyncScheduler(async () => (await countedRun()).ok);

const CROPS = ['玉米', '大豆', '水稻', '小麦'];
const VARIETIES = ['德美亚1号', '黑河43', '龙粳31', '绥农26'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Table = 'fields' | 'logs' | 'batches';

/** A photo of its own: JPEG's first bytes, then seeded noise (so it does not compress), one to four chunks. */
async function takePhoto(random: () => number): Promise<string> {
	const bytes = new Uint8Array(20_000 + Math.floor(random() * 180_000));
	for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
	bytes.set([0xff, 0xd8, 0xff, 0xe0]);
	const hash = await data.blobs.put(bytes.buffer, 'image/jpeg');
	photos.push({ hash, size: bytes.length });
	return hash;
}

/** Makes one change in a transaction that also reads back its outbox op, so `made` holds exactly what committed. */
async function change(
	table: Table,
	write: (live: () => Promise<SyncedRecord[]>) => Promise<unknown>
): Promise<boolean> {
	const db = data.db;
	const op = await db.transaction(
		'rw',
		[db.fields, db.logs, db.batches, db.outbox, db.meta],
		async () => {
			const before = (await db.outbox.orderBy('seq').last())?.seq ?? 0;
			const live = () =>
				(db.table(table) as typeof db.fields).filter((r) => !r.deleted).toArray() as Promise<
					SyncedRecord[]
				>;
			const wrote = await write(live);
			if (wrote === null) return null;
			const last = await db.outbox.orderBy('seq').last();
			if (!last || (last.seq ?? 0) <= before) throw new Error('a change without an outbox op');
			return last;
		}
	);
	if (!op) return false;
	made.push(structuredClone(op));
	stats.changes += 1;
	if (syncing) stats.duringSync += 1;
	return true;
}

/** A live record, most often one of the oldest few (held by every device, so edited concurrently). */
async function target(random: () => number, live: () => Promise<SyncedRecord[]>) {
	const records = (await live()).sort((a, b) => (a.id < b.id ? -1 : 1));
	if (records.length === 0) return null;
	return random() < 0.6 ? pick(random, records.slice(0, 6)) : pick(random, records);
}

async function randomChange(random: () => number, device: string, i: number): Promise<boolean> {
	const tag = `${device}#${i}`;
	const roll = random();
	const repo = (table: Table) =>
		(table === 'fields'
			? data.fieldsRepo
			: table === 'logs'
				? data.logsRepo
				: data.batchesRepo) as unknown as SyncRepository<SyncedRecord>;
	const edit = (
		table: Table,
		changes: (id: string) => Record<string, unknown> | Promise<Record<string, unknown>>
	) =>
		change(table, async (live) => {
			const record = await target(random, live);
			if (!record) return null;
			return repo(table).update(record.id, await changes(record.id));
		});
	const remove = (table: Table) =>
		change(table, async (live) => {
			const record = await target(random, live);
			return record ? repo(table).remove(record.id) : null;
		});
	const randomField = async () => {
		const fields = (await data.db.fields.toArray()).filter((f) => !f.deleted);
		return fields.length ? pick(random, fields).id : null;
	};
	const day = () => Date.UTC(2026, 4, 1) + Math.floor(random() * 90) * 86_400_000;
	if (roll < 0.08)
		return change('fields', () =>
			data.fieldsRepo.create({
				name: `地块 ${tag}`,
				areaM2: Math.round(random() * 100_000) / 10 + 1,
				crop: pick(random, CROPS),
				season: '2026'
			})
		);
	if (roll < 0.24) {
		// a quarter of new logs come with a photo (stored on the device first, as the record form does)
		const photo = random() < 0.25 ? await takePhoto(random) : null;
		return change('logs', async () => {
			const type = pick(random, LOG_TYPES);
			return data.logsRepo.create({
				type,
				fieldId: random() < 0.8 ? await randomField() : null,
				status: random() < 0.3 ? 'planned' : 'done',
				at: day(),
				notes: `记录 ${tag}`,
				...(photo ? { photos: [photo] } : {}),
				// what each kind of record needs (the record schemas refuse a harvest without its weight)
				details: SAMPLE_DETAILS[type] as LogDetails
			});
		});
	}
	if (roll < 0.3)
		return change('batches', async () =>
			data.batchesRepo.create({
				code: newTraceCode(),
				product: pick(random, CROPS),
				fieldIds: [],
				harvestLogIds: [],
				quantityKg: Math.round(random() * 50_000) + 1,
				origin: 'harvest',
				parentIds: [],
				status: 'open',
				at: day(),
				publish: { enabled: random() < 0.5, photos: random() < 0.5 },
				notes: `批次 ${tag}`
			})
		);
	if (roll < 0.48)
		return edit('fields', () => {
			const changes: Record<string, unknown> = {};
			const which = random();
			if (which < 0.4) changes.name = `地块 ${tag}`;
			if (which > 0.3) changes.areaM2 = Math.round(random() * 100_000) / 10 + 1;
			if (random() < 0.3) changes.crop = pick(random, CROPS);
			if (random() < 0.2) changes.variety = `${pick(random, VARIETIES)} ${tag}`;
			return changes;
		});
	if (roll < 0.72) {
		const photo = random() < 0.05 ? await takePhoto(random) : null;
		return edit('logs', async () => {
			const changes: Record<string, unknown> = { notes: `改 ${tag}` };
			if (photo) changes.photos = [photo];
			if (random() < 0.3) changes.status = random() < 0.5 ? 'planned' : 'done';
			if (random() < 0.2) changes.fieldId = await randomField();
			if (random() < 0.2) changes.at = day();
			return changes;
		});
	}
	if (roll < 0.8)
		return edit('batches', () => {
			const changes: Record<string, unknown> = { notes: `改 ${tag}` };
			if (random() < 0.4) changes.quantityKg = Math.round(random() * 50_000) + 1;
			if (random() < 0.3) changes.publish = { enabled: random() < 0.5, photos: random() < 0.5 };
			return changes;
		});
	if (roll < 0.86) return remove('fields');
	if (roll < 0.94) return remove('logs');
	return remove('batches');
}

const chaos = {
	async signUp(login: string, password: string): Promise<string> {
		const account = await accounts.signUp(login, password);
		await store.setAccount(account);
		return account.id;
	},
	async logIn(login: string, password: string): Promise<string> {
		const account = await accounts.logIn(login, password);
		await store.setAccount(account);
		return account.id;
	},
	/** `ops` random changes, with syncs started at random moments; returns once the last sync is over. */
	async run(options: RunOptions): Promise<void> {
		const random = seeded(options.seed);
		for (let i = 0; i < options.ops;) {
			if (await randomChange(random, options.device, i)) i += 1;
			progress = i;
			if (random() < options.syncChance) void scheduler.trigger();
			await sleep(random() * 2 * options.pauseMs);
		}
		await scheduler.trigger();
		scheduler.stop();
	},
	progress: () => progress,
	/** One sync run of the engine, straight (the scheduler is stopped by then). */
	sync: () => countedRun(),
	made: () => made,
	photos: () => photos,
	/** Which of these photos the server does not give back whole (this device's account signed in). */
	async missingPhotos(hashes: string[]): Promise<string[]> {
		const missing: string[] = [];
		for (const hash of hashes) {
			const answer = await fetch(`/api/blobs/${hash}`);
			const bytes = answer.ok ? await answer.arrayBuffer() : null;
			const digest = bytes ? toHex(await crypto.subtle.digest('SHA-256', bytes)) : null;
			if (digest !== hash) missing.push(hash);
		}
		return missing;
	},
	stats: () => stats,
	async snapshot(): Promise<DeviceSnapshot> {
		return {
			records: {
				fields: (await data.db.fields.toArray()) as unknown as Record<string, unknown>[],
				logs: (await data.db.logs.toArray()) as unknown as Record<string, unknown>[],
				batches: (await data.db.batches.toArray()) as unknown as Record<string, unknown>[]
			},
			outbox: await store.pendingCount(),
			photosWaiting: (await data.blobs.waitingForUpload()).length,
			cursor: await store.cursor()
		};
	}
};

export type ChaosDevice = typeof chaos;
Object.assign(globalThis, { chaos });
