/**
 * The server half of sync (docs/sync-protocol.md). Invariants:
 * - A push is one transaction: every op is applied, or none is (a bad or forbidden op rolls back the rest).
 * - Each opId is applied at most once; a replayed op is acknowledged again and changes nothing.
 * - Every applied change gives its record a new revision from one counter, taken under a row lock, so
 *   revisions are committed in order and a pull cursor never skips a change.
 * - Merging is per field by clock stamp (domain/merge.ts): the result does not depend on arrival order.
 * - Every op is checked against its table's schema (domain/record-schemas) on the record it makes: one that
 *   breaks it refuses the push (400, `field` its path), so nothing stored was refused by the rules.
 * - The photos each live record names in its photo fields are kept in `blob_refs` in the same transaction.
 * - An `answers` op is applied only for a question the pusher may answer now (questions/answer-rights.ts);
 *   else the push is refused whole (403 `forbidden`, `field` ops.N.patch.questionId).
 * - A push answers with a `cursor` only when the account has no change after the device's `since` other
 *   than this push's own (checked under the same lock), so skipping the echo never skips another change.
 */
import type { Kysely, Transaction } from 'kysely';
import { hlcFromString, MAX_DRIFT_MS } from '$lib/domain/hlc';
import { applyOp, type AnyRecord } from '$lib/domain/merge';
import { changeProblems, PLANNED_AHEAD_MS, type TimeRules } from '$lib/domain/record-schemas';
import {
	PULL_MAX_LIMIT,
	type PullResponse,
	recordIdProblem,
	type PushOp,
	type PushResponse,
	type SyncedTable
} from '$lib/domain/sync-protocol';
import { isTraceCode } from '$lib/domain/trace-code';
import { photoHashesOf } from '$lib/domain/record-schemas/photo-fields';
import { setBlobRefs } from '../blobs/blob-store';
import { answerRightFor } from '../questions/answer-rights';
import type { DbKind, ServerDb } from '../db/database';
import { clocksOf, rowData } from '../records/stored-records';
import type { ServerSchema } from '../db/schema';

/**
 * Work done may be dated as far ahead as a change may be stamped (MAX_DRIFT_MS): a phone whose clock is a few
 * days off still syncs; the phone itself refuses a done record in the future within minutes.
 */
export const SERVER_TIME_RULES: TimeRules = {
	slackMs: MAX_DRIFT_MS,
	plannedAheadMs: PLANNED_AHEAD_MS
};

export class SyncError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly field: string | undefined,
		message: string
	) {
		super(message);
	}
}

export class SyncService {
	readonly #db: Kysely<ServerSchema>;
	readonly #kind: DbKind;
	readonly #now: () => number;

	constructor(server: ServerDb, now: () => number = Date.now) {
		this.#db = server.db;
		this.#kind = server.kind;
		this.#now = now;
	}

	async push(userId: string, ops: PushOp[], since?: number): Promise<PushResponse> {
		const now = this.#now();
		ops.forEach((op, i) => {
			if (hlcFromString(op.hlc).wall - now > MAX_DRIFT_MS) {
				throw new SyncError(
					400,
					'invalid',
					`ops.${i}.hlc`,
					'The change is stamped more than a week in the future: check the phone clock.'
				);
			}
		});
		return this.#db.transaction().execute(async (trx) => {
			const counter = await lockCounter(trx, this.#kind);
			const caughtUp =
				since !== undefined &&
				since <= counter &&
				!(await trx
					.selectFrom('records')
					.select('rev')
					.where('owner_id', '=', userId)
					.where('rev', '>', since)
					.limit(1)
					.executeTakeFirst());
			let rev = counter;
			const acked: string[] = [];
			const seen = await trx
				.selectFrom('applied_ops')
				.select(['op_id', 'user_id'])
				.where('op_id', 'in', ops.length ? ops.map((o) => o.opId) : [''])
				.execute();
			const applied = new Map(seen.map((s) => [s.op_id, s.user_id]));
			for (const [i, op] of ops.entries()) {
				const previous = applied.get(op.opId);
				if (previous !== undefined) {
					if (previous !== userId)
						throw new SyncError(
							403,
							'forbidden',
							`ops.${i}.opId`,
							'This change belongs to another account.'
						);
					acked.push(op.opId);
					continue;
				}
				rev += 1;
				await this.#applyOne(trx, userId, op, i, rev, now);
				await trx
					.insertInto('applied_ops')
					.values({ op_id: op.opId, user_id: userId, rev, applied_at: now })
					.execute();
				applied.set(op.opId, userId);
				acked.push(op.opId);
			}
			if (rev !== counter)
				await trx.updateTable('counters').set({ value: rev }).where('name', '=', 'rev').execute();
			return caughtUp ? { acked, rev, cursor: rev } : { acked, rev };
		});
	}

	async #applyOne(
		trx: Transaction<ServerSchema>,
		userId: string,
		op: PushOp,
		i: number,
		rev: number,
		now: number
	) {
		// ids are the account's own (records are keyed by owner, table and id): nothing to check across accounts
		const idProblem = recordIdProblem(op.table, op.recordId);
		if (idProblem) throw new SyncError(400, 'invalid', `ops.${i}.recordId`, idProblem);
		const row = await trx
			.selectFrom('records')
			.selectAll()
			.where('owner_id', '=', userId)
			.where('table_name', '=', op.table)
			.where('id', '=', op.recordId)
			.executeTakeFirst();
		const current = row ? toRecord(row) : undefined;
		const merged = applyOp(current, op);
		const problem = changeProblems(op.table, current, op.patch, merged, now, SERVER_TIME_RULES)[0];
		if (problem)
			throw new SyncError(400, 'invalid', `ops.${i}.patch.${problem.path}`, problem.message);
		if (op.table === 'batches' && 'code' in op.patch)
			await this.#claimTraceCode(trx, userId, op, i, merged.code, now);
		if (op.table === 'answers') await checkAnswer(trx, userId, current, merged, i);
		const { clocks, ...data } = merged;
		const values = {
			data: JSON.stringify(data),
			clocks: JSON.stringify(clocks),
			deleted: merged.deleted === true ? 1 : 0,
			rev,
			updated_at: now
		};
		if (row) {
			await trx
				.updateTable('records')
				.set(values)
				.where('owner_id', '=', userId)
				.where('table_name', '=', op.table)
				.where('id', '=', op.recordId)
				.execute();
		} else {
			await trx
				.insertInto('records')
				.values({ owner_id: userId, table_name: op.table, id: op.recordId, ...values })
				.execute();
		}
		// which photos the record names, from its photo fields only: what its owner's photos are
		await setBlobRefs(trx, userId, op.table, op.recordId, photoHashesOf(op.table, merged), now);
	}

	/**
	 * A batch's trace code must be a valid code (domain/trace-code.ts) held by no other batch: codes are made
	 * offline, so this unique table is where a collision, however unlikely, is refused instead of stored. A
	 * code kept for an account (reserved while online) goes only to that account's batches; one made offline
	 * goes to the first batch that syncs with it.
	 */
	async #claimTraceCode(
		trx: Transaction<ServerSchema>,
		userId: string,
		op: PushOp,
		i: number,
		code: unknown,
		now: number
	) {
		if (typeof code !== 'string' || !isTraceCode(code))
			throw new SyncError(400, 'invalid', `ops.${i}.patch.code`, 'not a trace code');
		const holder = await trx
			.selectFrom('trace_codes')
			.select(['owner_id', 'batch_id'])
			.where('code', '=', code)
			.executeTakeFirst();
		if (!holder) {
			// a code kept for an account (server/trace/reservations.ts) is claimed only by that account
			const kept = await trx
				.selectFrom('trace_code_reservations')
				.select('owner_id')
				.where('code', '=', code)
				.executeTakeFirst();
			if (kept && kept.owner_id !== userId)
				throw new SyncError(
					409,
					'trace_code_taken',
					`ops.${i}.patch.code`,
					'This trace code is kept for another account: give this batch a new code.'
				);
			await trx
				.insertInto('trace_codes')
				.values({ code, owner_id: userId, batch_id: op.recordId, created_at: now })
				.execute();
			if (kept) await trx.deleteFrom('trace_code_reservations').where('code', '=', code).execute();
		} else if (holder.owner_id !== userId || holder.batch_id !== op.recordId) {
			throw new SyncError(
				409,
				'trace_code_taken',
				`ops.${i}.patch.code`,
				'Another batch already has this trace code: give this batch a new code.'
			);
		}
	}

	/**
	 * The account's changes after `since`. A `since` beyond the server's revision (the database was restored
	 * from an older copy) is refused with 409 `cursor_ahead`: the device pulls from 0 again and merges by clock
	 * stamp, where answering nothing would leave it waiting for revisions the server will reuse for others.
	 */
	async pull(userId: string, since: number, limit: number): Promise<PullResponse> {
		const counter = await this.#db
			.selectFrom('counters')
			.select('value')
			.where('name', '=', 'rev')
			.executeTakeFirstOrThrow();
		if (since > Number(counter.value))
			throw new SyncError(
				409,
				'cursor_ahead',
				'since',
				`The server has no revision ${since} (it is at ${Number(counter.value)}): pull again from 0.`
			);
		const take = Math.min(Math.max(1, limit), PULL_MAX_LIMIT);
		const rows = await this.#db
			.selectFrom('records')
			.selectAll()
			.where('owner_id', '=', userId)
			.where('rev', '>', since)
			.orderBy('rev')
			.limit(take + 1)
			.execute();
		const page = rows.slice(0, take);
		return {
			changes: page.map((row) => {
				const { clocks, ...record } = toRecord(row);
				return {
					table: row.table_name as SyncedTable,
					id: row.id,
					ownerId: row.owner_id,
					rev: row.rev,
					record: { ...record, ownerId: row.owner_id },
					clocks
				};
			}),
			cursor: page.at(-1)?.rev ?? since,
			more: rows.length > take
		};
	}
}

/**
 * An answer is taken only from someone who may answer its question now (questions/answer-rights.ts), and
 * stays with the question it was given to. Taking one's own answer back (a delete) is always allowed.
 */
async function checkAnswer(
	trx: Transaction<ServerSchema>,
	userId: string,
	current: AnyRecord | undefined,
	merged: AnyRecord,
	i: number
) {
	if (merged.deleted === true) return;
	const { questionOwnerId, questionId } = merged;
	if (
		current &&
		current.deleted !== true &&
		(current.questionOwnerId !== questionOwnerId || current.questionId !== questionId)
	)
		throw new SyncError(
			400,
			'invalid',
			`ops.${i}.patch.questionId`,
			'An answer stays with the question it answers: write a new answer instead.'
		);
	if (
		typeof questionOwnerId !== 'string' ||
		typeof questionId !== 'string' ||
		!(await answerRightFor(trx, userId, questionOwnerId, questionId))
	)
		throw new SyncError(
			403,
			'forbidden',
			`ops.${i}.patch.questionId`,
			'You can’t answer this question: it is for the agents of the farmer’s groups and the experts of its crop or county (or it was deleted).'
		);
}

async function lockCounter(trx: Transaction<ServerSchema>, kind: DbKind): Promise<number> {
	const query = trx.selectFrom('counters').select('value').where('name', '=', 'rev');
	// FOR UPDATE serialises pushes on PostgreSQL; SQLite runs one write transaction at a time anyway
	const row = await (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirstOrThrow();
	return Number(row.value);
}

/**
 * A stored row as the merge sees it. Stored data is untrusted: a row whose JSON is not an object (written by
 * hand, or damaged) merges as an empty record instead of failing every push and pull of its owner.
 */
function toRecord(row: ServerSchema['records']): AnyRecord {
	const data = rowData(row.data) ?? {};
	return {
		...data,
		id: row.id,
		deleted: row.deleted === 1,
		hlc: typeof data.hlc === 'string' ? data.hlc : '',
		clocks: clocksOf(row.clocks)
	};
}
