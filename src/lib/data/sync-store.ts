import { HybridClock, hlcFromString, hlcToString } from '$lib/domain/hlc';
import { applyOps, RESERVED_FIELDS, type AnyRecord } from '$lib/domain/merge';
import type { OutboxOp } from '$lib/domain/records';
import { newTraceCode } from '$lib/domain/trace-code';
import { SYNCED_TABLES, type PulledRecord, type SyncedTable } from '$lib/domain/sync-protocol';
import type { HeituDb, RefusedOp } from './db';
import { CLOCK_KEY, NODE_KEY } from './sync-repository';
import { keepCodes, keptCodesWanted, noteCodeChange, takeKeptCode } from './trace-code-pool';

const CURSOR_KEY = 'pullCursor';
const ACCOUNT_KEY = 'account';
const HISTORY_KEY = 'syncHistory';
const HISTORY_LENGTH = 20;

export interface SyncedAccount {
	id: string;
	login: string;
	role: string;
}

export interface SyncRunRecord {
	at: number;
	ok: boolean;
	pushed: number;
	pulled: number;
	/** Changes the server refused in the run (see refuse). */
	refused?: number;
	problem?: string;
}

/**
 * What sync needs from the device database. Pulled records are merged with the device's own unsynced ops
 * for them (the same per-field merge as the server), and the cursor is saved in the same transaction as
 * the records of its page, so a crash can neither skip nor half-apply a page.
 */
export class SyncStore {
	readonly #db: HeituDb;

	constructor(db: HeituDb) {
		this.#db = db;
	}

	outboxBatch(limit: number): Promise<OutboxOp[]> {
		return this.#db.outbox.orderBy('seq').limit(limit).toArray();
	}

	pendingCount(): Promise<number> {
		return this.#db.outbox.count();
	}

	/**
	 * Removes acknowledged ops from the outbox. With `advance` (the server said nothing but this push changed
	 * the account after `from`), the pull cursor moves to `to` in the same transaction, unless it moved
	 * meanwhile, and the pushed records are marked as the account's, as pulling them back would have done.
	 */
	async acknowledge(opIds: string[], advance?: { from: number; to: number }): Promise<void> {
		const db = this.#db;
		const tables = SYNCED_TABLES.map((t) => db.table(t));
		await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
			const ops = await db.outbox.where('opId').anyOf(opIds).toArray();
			await db.outbox.where('opId').anyOf(opIds).delete();
			if (!advance || advance.to <= advance.from || (await this.cursor()) !== advance.from) return;
			await db.meta.put({ key: CURSOR_KEY, value: advance.to });
			const account = await this.account();
			if (!account) return;
			for (const table of SYNCED_TABLES) {
				const ids = ops.filter((op) => op.table === table).map((op) => op.recordId);
				if (ids.length === 0) continue;
				await db
					.table(table)
					.where('id')
					.anyOf(ids)
					.modify((record: { ownerId?: string }) => {
						if (!record.ownerId) record.ownerId = account.id;
					});
			}
		});
	}

	/**
	 * The server refused a batch's trace code (409 trace_code_taken: another batch has it, a 45-bit collision
	 * between devices). Gives the batch a new code, on the device and in every waiting op of it that sends a
	 * code, in one transaction, so the next push carries the new code. Returns the new code, or null when the
	 * op is not a batch's (or is gone). It happens before the batch ever reached the server, so the old code
	 * was only on this phone, or on labels printed from it: another account may have read one and synced first
	 * (a code made offline is the account's only once it syncs). The new code is a kept one when one is left,
	 * and the change is noted (trace-code-pool.ts) so the batch and print pages tell the farmer to print again.
	 */
	async recodeBatch(opId: string, now = Date.now()): Promise<string | null> {
		const db = this.#db;
		return db.transaction('rw', [db.batches, db.outbox, db.traceCodes, db.meta], async () => {
			const op = await db.outbox.where('opId').equals(opId).first();
			if (!op || op.table !== 'batches') return null;
			let code = (await takeKeptCode(db)) ?? newTraceCode();
			while ((await db.batches.where('code').equals(code).count()) > 0) code = newTraceCode();
			const ops = await db.outbox.where('recordId').equals(op.recordId).toArray();
			for (const o of ops) {
				if (o.table === 'batches' && typeof o.patch.code === 'string')
					await db.outbox.update(o.seq, { patch: { ...o.patch, code } });
			}
			const batch = await db.batches.get(op.recordId);
			if (batch) {
				await db.batches.update(batch.id, { code });
				await noteCodeChange(db, { batchId: batch.id, from: batch.code, to: code, at: now });
			}
			return code;
		});
	}

	/**
	 * The server refused this op (400 or 403 naming it): it moves from the outbox to `refused`, with the
	 * server's words, in one transaction, so the ops after it sync and it is never lost. The device's record
	 * keeps the change (shown 未同步, LocalData.unsynced) until the farmer corrects the record or another
	 * device's change to it comes back on a pull.
	 */
	async refuse(opId: string, field: string, message: string, now: number): Promise<boolean> {
		const db = this.#db;
		return db.transaction('rw', [db.outbox, db.refused], async () => {
			const op = await db.outbox.where('opId').equals(opId).first();
			if (!op) return false;
			const kept: RefusedOp = { ...op, refusedAt: now, field, message };
			delete kept.seq;
			await db.refused.add(kept);
			await db.outbox.where('opId').equals(opId).delete();
			return true;
		});
	}

	/** Changes the server refused, newest first. */
	async refusedOps(): Promise<RefusedOp[]> {
		return (await this.#db.refused.orderBy('seq').toArray()).reverse();
	}

	/** Sends a refused change again (after an update that mends it): back to the end of the outbox. */
	async retryRefused(opId: string): Promise<void> {
		const db = this.#db;
		await db.transaction('rw', [db.outbox, db.refused], async () => {
			const op = await db.refused.where('opId').equals(opId).first();
			if (!op) return;
			await db.refused.where('opId').equals(opId).delete();
			await db.outbox.add({
				opId: op.opId,
				table: op.table,
				recordId: op.recordId,
				patch: op.patch,
				hlc: op.hlc,
				createdAt: op.createdAt
			});
		});
	}

	/**
	 * The server has fewer revisions than the device's cursor (its database was restored from an older copy):
	 * every record the device holds goes back into the outbox and the cursor goes back to 0, in one
	 * transaction, so what the server lost comes back from the phone and the next pull brings all the rest.
	 * Each record is sent as it is merged here, clock by clock: first all its fields at its oldest stamp (a
	 * record the server lost must arrive whole), then the fields of each later stamp at that stamp. The server
	 * merges by stamp, so a field it holds newer from another device keeps its value. Returns the ops queued.
	 */
	async resendAll(newId: () => string, now: number): Promise<number> {
		const db = this.#db;
		const tables = SYNCED_TABLES.map((t) => db.table(t));
		return db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
			let queued = 0;
			for (const table of SYNCED_TABLES) {
				for (const record of (await db.table(table).toArray()) as AnyRecord[]) {
					const fields = Object.keys(record).filter((k) => !RESERVED_FIELDS.has(k));
					const stampOf = (field: string) => record.clocks?.[field] ?? record.hlc ?? '';
					const stamps = [...new Set(fields.map(stampOf))].filter(Boolean).sort();
					for (const [n, stamp] of stamps.entries()) {
						const keys = n === 0 ? fields : fields.filter((f) => stampOf(f) === stamp);
						await db.outbox.add({
							opId: newId(),
							table,
							recordId: record.id,
							patch: Object.fromEntries(keys.map((k) => [k, record[k]])),
							hlc: stamp,
							createdAt: now
						});
						queued += 1;
					}
				}
			}
			await db.meta.put({ key: CURSOR_KEY, value: 0 });
			return queued;
		});
	}

	/** How many trace codes to ask the server to keep for the account now (trace-code-pool.ts). */
	keptCodesWanted(): Promise<number> {
		return keptCodesWanted(this.#db);
	}

	keepCodes(codes: string[], now = Date.now()): Promise<void> {
		return keepCodes(this.#db, codes, now);
	}

	async cursor(): Promise<number> {
		const row = await this.#db.meta.get(CURSOR_KEY);
		return typeof row?.value === 'number' ? row.value : 0;
	}

	async applyPulled(changes: PulledRecord[], cursor: number): Promise<void> {
		const db = this.#db;
		const tables = SYNCED_TABLES.map((t) => db.table(t));
		await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
			let latest = '';
			// the device's own unsynced ops for these records, oldest first, in one query for the page
			const pending = new Map<string, OutboxOp[]>();
			const ops = await db.outbox
				.where('recordId')
				.anyOf(changes.map((c) => c.id))
				.sortBy('seq');
			for (const op of ops) {
				const key = `${op.table}/${op.recordId}`;
				const list = pending.get(key);
				if (list) list.push(op);
				else pending.set(key, [op]);
			}
			const merged = new Map<SyncedTable, AnyRecord[]>();
			for (const change of changes) {
				const server: AnyRecord = {
					...(change.record as AnyRecord),
					id: change.id,
					clocks: change.clocks
				};
				const record = applyOps(server, pending.get(`${change.table}/${change.id}`) ?? []) ?? server;
				const list = merged.get(change.table);
				if (list) list.push(record);
				else merged.set(change.table, [record]);
				const stamp = typeof change.record.hlc === 'string' ? change.record.hlc : '';
				if (stamp > latest) latest = stamp;
			}
			for (const [table, records] of merged) await db.table(table).bulkPut(records);
			await db.meta.put({ key: CURSOR_KEY, value: cursor });
			if (latest) await this.#receive(latest);
		});
	}

	/** Moves the device clock past what it pulled, so its next change sorts after it. */
	async #receive(stamp: string): Promise<void> {
		const stored = await this.#db.meta.get(CLOCK_KEY);
		const node = await this.#db.meta.get(NODE_KEY);
		const last = typeof stored?.value === 'string' ? hlcFromString(stored.value) : undefined;
		const nodeId = last?.node ?? (typeof node?.value === 'string' ? node.value : 'device');
		const clock = new HybridClock(nodeId, Date.now, last);
		try {
			await this.#db.meta.put({ key: CLOCK_KEY, value: hlcToString(clock.receive(hlcFromString(stamp))) });
		} catch {
			// a stamp from a badly wrong clock is merged but not followed
		}
	}

	async account(): Promise<SyncedAccount | null> {
		const row = await this.#db.meta.get(ACCOUNT_KEY);
		return (row?.value as SyncedAccount | undefined) ?? null;
	}

	/**
	 * Remembers who this device syncs as. Signing in as someone else clears what the device pulled for the
	 * previous account (never unsynced changes, which go to the new account) and starts pulling from scratch.
	 */
	async setAccount(account: SyncedAccount | null): Promise<void> {
		const db = this.#db;
		const tables = SYNCED_TABLES.map((t) => db.table(t));
		await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
			const previous = await this.account();
			if (account && previous && previous.id !== account.id) {
				const pendingIds = new Set((await db.outbox.toArray()).map((op) => `${op.table}/${op.recordId}`));
				for (const table of SYNCED_TABLES) {
					await db
						.table(table)
						.filter((r: { id: string; ownerId?: string }) => r.ownerId === previous.id && !pendingIds.has(`${table}/${r.id}`))
						.delete();
				}
				await db.meta.put({ key: CURSOR_KEY, value: 0 });
			}
			if (account) await db.meta.put({ key: ACCOUNT_KEY, value: account });
			else await db.meta.delete(ACCOUNT_KEY);
		});
	}

	async history(): Promise<SyncRunRecord[]> {
		const row = await this.#db.meta.get(HISTORY_KEY);
		return Array.isArray(row?.value) ? (row.value as SyncRunRecord[]) : [];
	}

	async recordRun(run: SyncRunRecord): Promise<void> {
		await this.#db.transaction('rw', this.#db.meta, async () => {
			const history = [run, ...(await this.history())].slice(0, HISTORY_LENGTH);
			await this.#db.meta.put({ key: HISTORY_KEY, value: history });
		});
	}
}

export type { SyncedTable };
