import { v7 as uuidv7 } from 'uuid';
import type { Table } from 'dexie';
import { HybridClock, hlcFromString, hlcToString } from '$lib/domain/hlc';
import type { OutboxOp, SyncedRecord } from '$lib/domain/records';
import type { HeituDb } from './db';

export type NewRecord<T extends SyncedRecord> = Omit<T, keyof SyncedRecord>;
export type SyncedTableName = 'fields' | 'logs' | 'lessonProgress';

export interface RepositoryDeps {
	now: () => number;
	newId: () => string;
}

const defaultDeps: RepositoryDeps = { now: Date.now, newId: uuidv7 };
const CLOCK_KEY = 'hlc';

/**
 * A typed repository over one synced table. Every change and its outbox row are written in one Dexie
 * transaction, so a change can never exist without the op that will carry it to the server, nor the reverse.
 * The replica's clock is stored in `meta` inside the same transaction, so stamps stay monotonic across reloads.
 */
export class SyncRepository<T extends SyncedRecord> {
	readonly #db: HeituDb;
	readonly #table: Table<T, string>;
	readonly #name: SyncedTableName;
	readonly #deps: RepositoryDeps;

	constructor(db: HeituDb, name: SyncedTableName, deps: RepositoryDeps = defaultDeps) {
		this.#db = db;
		this.#name = name;
		this.#table = db.table(name);
		this.#deps = deps;
	}

	get(id: string): Promise<T | undefined> {
		return this.#table.get(id);
	}

	/** Live records (tombstones left out). */
	async list(): Promise<T[]> {
		return (await this.#table.toArray()).filter((r) => !r.deleted);
	}

	create(data: NewRecord<T>): Promise<T> {
		return this.#write(async (stamp, now) => {
			const record = {
				...data,
				id: this.#deps.newId(),
				ownerId: '',
				hlc: stamp,
				deleted: false,
				createdAt: now,
				updatedAt: now
			} as T;
			await this.#table.add(record);
			return { record, patch: Object.fromEntries(Object.entries(record)) };
		});
	}

	update(id: string, changes: Partial<NewRecord<T>>): Promise<T> {
		return this.#write(async (stamp, now) => {
			const existing = await this.#table.get(id);
			if (!existing || existing.deleted) throw new Error(`No ${this.#name} record ${id}`);
			const patch = { ...changes, hlc: stamp, updatedAt: now };
			const record: T = { ...existing, ...patch };
			await this.#table.put(record);
			return { record, patch };
		});
	}

	/** A delete is a tombstone so that it syncs like any other change. */
	remove(id: string): Promise<T> {
		return this.#write(async (stamp, now) => {
			const existing = await this.#table.get(id);
			if (!existing) throw new Error(`No ${this.#name} record ${id}`);
			const patch = { deleted: true, hlc: stamp, updatedAt: now };
			const record: T = { ...existing, ...patch };
			await this.#table.put(record);
			return { record, patch };
		});
	}

	#write(
		change: (stamp: string, now: number) => Promise<{ record: T; patch: Record<string, unknown> }>
	): Promise<T> {
		const db = this.#db;
		return db.transaction('rw', [this.#table, db.outbox, db.meta], async () => {
			const now = this.#deps.now();
			const stamp = hlcToString(await this.#tick(now));
			const { record, patch } = await change(stamp, now);
			const op: OutboxOp = {
				opId: this.#deps.newId(),
				table: this.#name,
				recordId: record.id,
				patch,
				hlc: stamp,
				createdAt: now
			};
			await db.outbox.add(op);
			return record;
		});
	}

	async #tick(now: number) {
		const stored = await this.#db.meta.get(CLOCK_KEY);
		const last = typeof stored?.value === 'string' ? hlcFromString(stored.value) : undefined;
		const node = last?.node ?? (await this.#nodeId());
		const clock = new HybridClock(node, () => now, last);
		const stamp = clock.tick();
		await this.#db.meta.put({ key: CLOCK_KEY, value: hlcToString(stamp) });
		return stamp;
	}

	/** A short random id for this replica, made once. */
	async #nodeId(): Promise<string> {
		const stored = await this.#db.meta.get('nodeId');
		if (typeof stored?.value === 'string') return stored.value;
		const node = this.#deps.newId().replace(/-/g, '').slice(-12);
		await this.#db.meta.put({ key: 'nodeId', value: node });
		return node;
	}
}
