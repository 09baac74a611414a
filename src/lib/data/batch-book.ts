import {
	checkSale,
	harvestBatchEditable,
	partsOf,
	planMerge,
	planSplit,
	PUBLISH_OFF,
	quantityKgOf,
	remainingKg,
	salesOf,
	type BatchProblem
} from '$lib/domain/batches';
import type { BatchRecord, LogRecord } from '$lib/domain/records';
import { formatTraceCode, newTraceCode } from '$lib/domain/trace-code';
import type { HeituDb } from './db';
import { codeChanges, CODE_CHANGES_KEY, takeKeptCode, type CodeChange } from './trace-code-pool';
import type { NewRecord, SyncRepository } from './sync-repository';

/** Why a save, split or merge was refused (nothing was written). */
export type BatchRefusal =
	| BatchProblem
	/** The harvest's batch was sold from, split or merged: its quantity can no longer change. */
	| { kind: 'harvest-locked'; code: string; quantityKg: number };

export class BatchRefusedError extends Error {
	constructor(readonly refusal: BatchRefusal) {
		super(refusal.kind);
	}
}

export type LogValues = NewRecord<LogRecord>;

/** A batch with what it has left. */
export interface BatchView {
	batch: BatchRecord;
	leftKg: number;
}

/**
 * Batches (批次) on this device: the harvest record that makes one, sales that sell from one, splitting and
 * merging, all checked by domain/batches.ts inside the same transaction as the writes.
 */
export class BatchBook {
	readonly #db: HeituDb;
	readonly #batches: SyncRepository<BatchRecord>;
	readonly #logs: SyncRepository<LogRecord>;
	readonly #now: () => number;

	constructor(
		db: HeituDb,
		batches: SyncRepository<BatchRecord>,
		logs: SyncRepository<LogRecord>,
		now: () => number = Date.now
	) {
		this.#db = db;
		this.#batches = batches;
		this.#logs = logs;
		this.#now = now;
	}

	async #all(): Promise<BatchRecord[]> {
		return (await this.#db.batches.toArray()).filter((b) => !b.deleted);
	}

	async #sales(): Promise<LogRecord[]> {
		return this.#db.logs.where('type').equals('sale').toArray();
	}

	/** Every batch with what it has left, newest first. */
	async list(): Promise<BatchView[]> {
		const [batches, sales] = await Promise.all([this.#all(), this.#sales()]);
		return batches
			.sort((a, b) => b.at - a.at || b.createdAt - a.createdAt)
			.map((batch) => ({ batch, leftKg: remainingKg(batch, batches, sales) }));
	}

	async get(id: string): Promise<BatchView | null> {
		return (await this.list()).find((v) => v.batch.id === id) ?? null;
	}

	/** Each batch's trace code, shown grouped, by batch id: how records name the batch they sold from. */
	async codes(): Promise<Map<string, string>> {
		const all = await this.#all();
		return new Map(all.map((b) => [b.id, formatTraceCode(b.code)]));
	}

	async byCode(code: string): Promise<BatchRecord | null> {
		const found = await this.#db.batches.where('code').equals(code).toArray();
		return found.find((b) => !b.deleted) ?? null;
	}

	/**
	 * Whether the batch's code is safe from being claimed by another account: false only while a code made
	 * on this phone (no kept code was left) has not reached the server yet.
	 */
	async codeProtected(batchId: string): Promise<boolean> {
		const batch = await this.#db.batches.get(batchId);
		if (!batch) return true;
		if (await this.#db.traceCodes.get(batch.code)) return true;
		const sendsCode = (op: { table: string; patch: Record<string, unknown> }) =>
			op.table === 'batches' && typeof op.patch.code === 'string';
		const waiting = await this.#db.outbox.where('recordId').equals(batchId).filter(sendsCode).count();
		const refused = await this.#db.refused
			.where('[table+recordId]')
			.equals(['batches', batchId])
			.filter(sendsCode)
			.count();
		return waiting + refused === 0;
	}

	/** The code change a sync made to this batch (its code was taken), until the farmer has read it. */
	async codeChange(batchId: string): Promise<CodeChange | null> {
		return (await codeChanges(this.#db)).find((c) => c.batchId === batchId) ?? null;
	}

	/** The farmer has read the code change (and will print again). */
	async dismissCodeChange(batchId: string): Promise<void> {
		await this.#db.transaction('rw', this.#db.meta, async () => {
			const rest = (await codeChanges(this.#db)).filter((c) => c.batchId !== batchId);
			await this.#db.meta.put({ key: CODE_CHANGES_KEY, value: rest });
		});
	}

	/** The batch a harvest record made, if any. */
	async ofHarvest(logId: string): Promise<BatchRecord | null> {
		const all = await this.#all();
		return all.find((b) => b.origin === 'harvest' && b.harvestLogIds.includes(logId)) ?? null;
	}

	/**
	 * A code for a new batch: one the server keeps for the account when one is left (trace-code-pool.ts), else
	 * one made here that no batch on this device has (45 random bits: a second draw is already most unlikely).
	 */
	async #freshCode(): Promise<string> {
		const kept = await takeKeptCode(this.#db);
		if (kept) return kept;
		for (;;) {
			const code = newTraceCode();
			if ((await this.#db.batches.where('code').equals(code).count()) === 0) return code;
		}
	}

	#tables() {
		const db = this.#db;
		return [db.logs, db.batches, db.fields, db.outbox, db.meta, db.traceCodes];
	}

	/**
	 * Saves a record (new when `existing` is null) with what it means for batches, in one transaction: a done
	 * harvest makes its batch or changes its quantity (only while nothing was sold, split or merged from it);
	 * a sale from a batch must fit in what the batch has left. Throws BatchRefusedError, having written nothing.
	 */
	saveLog(values: LogValues, existing: LogRecord | null): Promise<LogRecord> {
		return this.#db.transaction('rw', this.#tables(), async () => {
			const [batches, sales] = await Promise.all([this.#all(), this.#sales()]);
			const kg = quantityKgOf(values.details);
			const batchId = values.details?.batch;
			if (values.type === 'sale' && typeof batchId === 'string' && kg !== null) {
				const batch = batches.find((b) => b.id === batchId);
				// an old free-text batch name is kept as it is: nothing to check it against
				if (batch) {
					const left = remainingKg(batch, batches, sales, existing?.id);
					const problem = checkSale(batch, left, kg);
					if (problem) throw new BatchRefusedError(problem);
				}
			}
			const own = existing
				? batches.find((b) => b.origin === 'harvest' && b.harvestLogIds.includes(existing.id))
				: undefined;
			const makesBatch = values.type === 'harvest' && values.status === 'done' && kg !== null;
			if (own) {
				const changes = await this.#harvestChanges(values, kg);
				const same =
					makesBatch &&
					changes.quantityKg === own.quantityKg &&
					changes.product === own.product &&
					changes.fieldIds.join() === own.fieldIds.join();
				if (!same) {
					if (!harvestBatchEditable(own, batches, sales))
						throw new BatchRefusedError({
							kind: 'harvest-locked',
							code: own.code,
							quantityKg: own.quantityKg
						});
					if (makesBatch) await this.#batches.update(own.id, changes);
					else await this.#batches.remove(own.id);
				} else if (changes.at !== own.at) await this.#batches.update(own.id, { at: changes.at });
			}
			const log = existing
				? await this.#logs.update(existing.id, values)
				: await this.#logs.create(values);
			if (!own && makesBatch) {
				await this.#batches.create({
					code: await this.#freshCode(),
					origin: 'harvest',
					parentIds: [],
					harvestLogIds: [log.id],
					status: 'open',
					publish: { ...PUBLISH_OFF },
					notes: '',
					...(await this.#harvestChanges(values, kg))
				});
			}
			return log;
		});
	}

	async #harvestChanges(values: LogValues, kg: number | null) {
		const field = values.fieldId ? await this.#db.fields.get(values.fieldId) : undefined;
		return {
			quantityKg: kg ?? 0,
			product: field?.crop?.trim() ?? '',
			fieldIds: values.fieldId ? [values.fieldId] : [],
			at: values.at
		};
	}

	/**
	 * Deletes a record; a harvest's batch goes with it while nothing was sold, split or merged from it
	 * (otherwise the refusal says so and nothing is deleted).
	 */
	removeLog(log: LogRecord): Promise<void> {
		return this.#db.transaction('rw', this.#tables(), async () => {
			const [batches, sales] = await Promise.all([this.#all(), this.#sales()]);
			const own = batches.find((b) => b.origin === 'harvest' && b.harvestLogIds.includes(log.id));
			if (own) {
				if (!harvestBatchEditable(own, batches, sales))
					throw new BatchRefusedError({
						kind: 'harvest-locked',
						code: own.code,
						quantityKg: own.quantityKg
					});
				await this.#batches.remove(own.id);
			}
			await this.#logs.remove(log.id);
		});
	}

	/** Splits a batch into parts of these kg; the rest stays in it. Returns the parts. */
	split(batchId: string, partsKg: readonly number[]): Promise<BatchRecord[]> {
		return this.#db.transaction('rw', this.#tables(), async () => {
			const [batches, sales] = await Promise.all([this.#all(), this.#sales()]);
			const batch = batches.find((b) => b.id === batchId);
			if (!batch) throw new BatchRefusedError({ kind: 'not-open' });
			const plan = planSplit(batch, remainingKg(batch, batches, sales), partsKg);
			if (!plan.ok) throw new BatchRefusedError(plan.problem);
			const now = this.#now();
			const parts: BatchRecord[] = [];
			for (const quantityKg of plan.parts) {
				parts.push(
					await this.#batches.create({
						code: await this.#freshCode(),
						product: batch.product,
						fieldIds: [...batch.fieldIds],
						harvestLogIds: [...batch.harvestLogIds],
						quantityKg,
						origin: 'split',
						parentIds: [batch.id],
						status: 'open',
						at: now,
						publish: { ...PUBLISH_OFF },
						notes: ''
					})
				);
			}
			if (plan.status !== batch.status) await this.#batches.update(batch.id, { status: plan.status });
			return parts;
		});
	}

	/** Merges open batches of one product into a new batch holding all they have left. */
	merge(batchIds: readonly string[]): Promise<BatchRecord> {
		return this.#db.transaction('rw', this.#tables(), async () => {
			const [batches, sales] = await Promise.all([this.#all(), this.#sales()]);
			const chosen = batchIds.map((id) => batches.find((b) => b.id === id));
			if (chosen.some((b) => !b)) throw new BatchRefusedError({ kind: 'not-open' });
			const list = chosen as BatchRecord[];
			const left = new Map(list.map((b) => [b.id, remainingKg(b, batches, sales)]));
			const plan = planMerge(list, left);
			if (!plan.ok) throw new BatchRefusedError(plan.problem);
			const merged = await this.#batches.create({
				code: await this.#freshCode(),
				product: plan.product,
				fieldIds: [...new Set(list.flatMap((b) => b.fieldIds))],
				harvestLogIds: [...new Set(list.flatMap((b) => b.harvestLogIds))],
				quantityKg: plan.quantityKg,
				origin: 'merge',
				parentIds: list.map((b) => b.id),
				status: 'open',
				at: this.#now(),
				publish: { ...PUBLISH_OFF },
				notes: ''
			});
			for (const b of list) await this.#batches.update(b.id, { status: 'merged' });
			return merged;
		});
	}

	/** A batch's family: its parents, the parts split off it or the batch it was merged into, and its sales. */
	async lineage(batchId: string): Promise<{
		parents: BatchRecord[];
		children: BatchRecord[];
		sales: LogRecord[];
		harvests: LogRecord[];
	}> {
		const [batches, sales] = await Promise.all([this.#all(), this.#sales()]);
		const batch = batches.find((b) => b.id === batchId);
		if (!batch) return { parents: [], children: [], sales: [], harvests: [] };
		const parents = batches.filter((b) => batch.parentIds.includes(b.id));
		const children = [
			...partsOf(batchId, batches),
			...batches.filter((b) => b.origin === 'merge' && b.parentIds.includes(batchId))
		];
		const harvests = (await this.#db.logs.bulkGet(batch.harvestLogIds)).filter(
			(l): l is LogRecord => !!l && !l.deleted
		);
		return {
			parents,
			children,
			sales: salesOf(batchId, sales).sort((a, b) => b.at - a.at),
			harvests
		};
	}
}
