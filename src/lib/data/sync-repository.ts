import { v7 as uuidv7 } from 'uuid';
import type { Table } from 'dexie';
import { HybridClock, hlcFromString, hlcToString } from '$lib/domain/hlc';
import { applyOp } from '$lib/domain/merge';
import { changeProblems, PLANNED_AHEAD_MS, type RecordProblem } from '$lib/domain/record-schemas';
import type { OutboxOp, SyncedRecord } from '$lib/domain/records';
import { withoutNul, type SyncedTable } from '$lib/domain/sync-protocol';
import type { HeituDb } from './db';

export type NewRecord<T extends SyncedRecord> = Omit<T, keyof SyncedRecord>;
export type SyncedTableName = SyncedTable;

export interface RepositoryDeps {
	now: () => number;
	newId: () => string;
}

const defaultDeps: RepositoryDeps = { now: Date.now, newId: uuidv7 };

/** Work done may be dated a few minutes ahead of the phone's clock (a form filled in over a minute or two). */
const PHONE_TIME_RULES = { slackMs: 10 * 60_000, plannedAheadMs: PLANNED_AHEAD_MS };

/**
 * A change its table's schema refuses (domain/record-schemas): nothing was written. The forms check first and
 * say what is wrong at the box; this is the last guard, so nothing the server would refuse enters the outbox.
 */
export class RecordRefusedError extends Error {
	override readonly name = 'RecordRefusedError';
	constructor(
		readonly table: SyncedTableName,
		readonly problems: RecordProblem[]
	) {
		super(`${table}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
	}
}
export const CLOCK_KEY = 'hlc';
export const NODE_KEY = 'nodeId';

/**
 * A typed repository over one synced table. Every change and its outbox row are written in one Dexie
 * transaction, so a change can never exist without the op that will carry it to the server, nor the reverse.
 * The change is applied with the same per-field merge the server uses (domain/merge.ts), and the replica's
 * clock is stored in `meta` in the same transaction, so stamps stay monotonic across reloads.
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

	/** Creates a record; `id` may be given for records with a fixed id (the profile). */
	create(data: NewRecord<T>, id: string = this.#deps.newId()): Promise<T> {
		return this.#write(id, false, (now) => ({
			...data,
			deleted: false,
			createdAt: now,
			updatedAt: now
		}));
	}

	/** Creates several records in one transaction: all of them, or (on any failure) none. */
	createMany(list: NewRecord<T>[]): Promise<T[]> {
		return this.#db.transaction('rw', [this.#table, this.#db.outbox, this.#db.meta], async () => {
			const created: T[] = [];
			for (const data of list) created.push(await this.create(data));
			return created;
		});
	}

	update(id: string, changes: Partial<NewRecord<T>>): Promise<T> {
		return this.#write(id, true, (now) => ({ ...changes, updatedAt: now }));
	}

	/** A delete is a tombstone so that it syncs like any other change. */
	remove(id: string): Promise<T> {
		return this.#write(id, true, (now) => ({ deleted: true, updatedAt: now }));
	}

	#write(
		id: string,
		mustExist: boolean,
		makePatch: (now: number) => Record<string, unknown>
	): Promise<T> {
		const db = this.#db;
		return db.transaction('rw', [this.#table, db.outbox, db.meta], async () => {
			const existing = await this.#table.get(id);
			if (mustExist && (!existing || existing.deleted)) {
				throw new Error(`No ${this.#name} record ${id}`);
			}
			if (!mustExist && existing) throw new Error(`${this.#name} record ${id} already exists`);
			const now = this.#deps.now();
			const stamp = hlcToString(await this.#tick(now));
			const patch = withoutNul(makePatch(now));
			const merged = applyOp<T>(existing, { recordId: id, patch, hlc: stamp });
			const record: T = existing ? merged : { ...merged, ownerId: '' };
			const problems = changeProblems(
				this.#name,
				existing,
				patch,
				record as unknown as Record<string, unknown>,
				now,
				PHONE_TIME_RULES
			);
			if (problems.length) throw new RecordRefusedError(this.#name, problems);
			await this.#table.put(record);
			const op: OutboxOp = {
				opId: this.#deps.newId(),
				table: this.#name,
				recordId: id,
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
		const stored = await this.#db.meta.get(NODE_KEY);
		if (typeof stored?.value === 'string') return stored.value;
		const node = this.#deps.newId().replace(/-/g, '').slice(-12);
		await this.#db.meta.put({ key: NODE_KEY, value: node });
		return node;
	}
}
