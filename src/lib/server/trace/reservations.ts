/**
 * Trace codes kept for an account before any batch has them (docs/sync-protocol.md, Trace codes). A phone
 * asks for a few while it has signal (POST /api/trace-codes/reserve) and gives them to batches it makes
 * offline, so a label printed before the batch syncs carries a code no other account can claim
 * (SyncService.#claimTraceCode refuses it). A row goes when its account's batch claims the code.
 *
 * Reservations never expire: a phone may hold a kept code, or a printed batch that uses it, for months
 * without signal, and letting the code go would open exactly the hole they close. What bounds them is the
 * cap: an account holds at most TRACE_RESERVED_CAP unused codes. Past it (codes stranded on a lost or reset
 * phone) the account's oldest unused codes are handed out again instead of new ones: two phones of one
 * account may then hold the same code, and the second batch to sync with it is given a new one
 * (trace_code_taken), which no other account can cause.
 */
import type { Kysely, Transaction } from 'kysely';
import { newTraceCode, TRACE_RESERVE_MAX, TRACE_RESERVED_CAP } from '$lib/domain/trace-code';
import type { DbKind, ServerDb } from '../db/database';
import type { ServerSchema } from '../db/schema';

export class TraceCodeReservations {
	readonly #db: Kysely<ServerSchema>;
	readonly #kind: DbKind;
	readonly #now: () => number;
	readonly #draw: () => string;

	constructor(
		server: ServerDb,
		now: () => number = Date.now,
		draw: () => string = () => newTraceCode()
	) {
		this.#db = server.db;
		this.#kind = server.kind;
		this.#now = now;
		this.#draw = draw;
	}

	/** How many codes are kept for the account that no batch has taken yet. */
	unusedCount(userId: string): Promise<number> {
		return countUnused(this.#db, userId);
	}

	/**
	 * Up to `count` codes (at most TRACE_RESERVE_MAX) kept for the account: new ones while it holds fewer
	 * than TRACE_RESERVED_CAP unused, then its oldest unused ones again.
	 */
	async reserve(userId: string, count: number): Promise<string[]> {
		const want = Math.min(Math.max(0, Math.floor(count)), TRACE_RESERVE_MAX);
		return this.#db.transaction().execute(async (trx) => {
			// one reservation at a time per account, so two servers can't both fill it past the cap
			const lock = trx.selectFrom('users').select('id').where('id', '=', userId);
			await (this.#kind === 'postgres' ? lock.forUpdate() : lock).executeTakeFirst();
			const fresh = Math.min(
				want,
				Math.max(0, TRACE_RESERVED_CAP - (await countUnused(trx, userId)))
			);
			const codes: string[] = [];
			const now = this.#now();
			while (codes.length < fresh) {
				const code = this.#draw();
				if (codes.includes(code)) continue;
				// a code a batch has is never handed out (codes are never reused)
				const claimed = await trx
					.selectFrom('trace_codes')
					.select('code')
					.where('code', '=', code)
					.executeTakeFirst();
				if (claimed) continue;
				const added = await trx
					.insertInto('trace_code_reservations')
					.values({ code, owner_id: userId, reserved_at: now })
					.onConflict((c) => c.column('code').doNothing())
					.executeTakeFirst();
				if (Number(added.numInsertedOrUpdatedRows ?? 0) > 0) codes.push(code);
			}
			if (codes.length < want) {
				const again = await trx
					.selectFrom('trace_code_reservations')
					.select('code')
					.where('owner_id', '=', userId)
					.where('code', 'not in', codes.length ? codes : [''])
					.orderBy('reserved_at')
					.orderBy('code')
					.limit(want - codes.length)
					.execute();
				codes.push(...again.map((r) => r.code));
			}
			return codes;
		});
	}
}

async function countUnused(
	db: Kysely<ServerSchema> | Transaction<ServerSchema>,
	userId: string
): Promise<number> {
	const row = await db
		.selectFrom('trace_code_reservations')
		.select((e) => e.fn.countAll<number | string>().as('n'))
		.where('owner_id', '=', userId)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}
