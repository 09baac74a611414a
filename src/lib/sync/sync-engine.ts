/**
 * One sync run: push the outbox in batches, then pull pages until the server has nothing newer.
 * Invariants (docs/sync-protocol.md):
 * - The outbox is the single source of truth: an op leaves it only after the server acknowledged it.
 * - A push may be replayed any number of times (after a dropped connection, a crash): the server applies
 *   each opId once.
 * - A pulled page and its cursor are saved in one transaction.
 * - Nothing is dropped on failure: the run stops, says why, and the next run carries on.
 * - An op the server refuses by name (400 invalid or 403 forbidden with `field: ops.N…`, a rule the phone
 *   did not know, or a record of another account) is moved aside, not retried forever: it would hold every
 *   later change back. It is kept and shown (SyncStore.refuse); the run goes on with the rest.
 * - A push the server finds too large (413) is sent again in halves; a single change too large on its own is
 *   moved aside the same way.
 * - A pull refused with `cursor_ahead` (the server's database is older than the cursor) puts every local
 *   record back into the outbox and the cursor to 0 (SyncStore.resendAll), and the run starts over once:
 *   the server gets back what it lost, merged by stamp, and the phone gets every change again.
 */
import { SCHEMA_VERSION, type OutboxOp } from '$lib/domain/records';
import { withoutNul, type PushOp, type SyncedTable } from '$lib/domain/sync-protocol';
import type { BlobRepository } from '$lib/data/blobs.repo';
import type { SyncStore } from '$lib/data/sync-store';
import { BLOB_CHUNK_BYTES } from '$lib/domain/blobs';
import { v7 as uuidv7 } from 'uuid';
import { HttpError, type SyncTransport } from './transport';

export type SyncProblem =
	| 'offline'
	| 'signed-out'
	| 'update-app'
	| 'server-older'
	| 'rejected'
	| 'server-error'
	| 'storage-full';

export interface SyncRunResult {
	ok: boolean;
	pushed: number;
	pulled: number;
	/** Changes the server refused in this run (moved aside, see SyncStore.refuse). */
	refused: number;
	/** Photos the server would not take in this run (413: the account's photo space is full); they wait here. */
	photosHeld?: number;
	problem?: SyncProblem;
	/** The server's words, for the sync history. */
	detail?: string;
}

export const PUSH_BATCH = 200;
/** Trace-code collisions mended in one run before giving up (each is a 1 in 10^7 event or rarer). */
const MAX_RECODES = 5;
export const PULL_PAGE = 500;

export function classify(error: unknown): SyncProblem {
	if (error instanceof HttpError) {
		if (error.status === 0) return 'offline';
		if (error.status === 401) return 'signed-out';
		if (error.status === 409 && error.body?.error === 'schema_mismatch') {
			return (error.body.serverSchemaVersion ?? 0) > SCHEMA_VERSION ? 'update-app' : 'server-older';
		}
		if (error.status >= 500) return 'server-error';
		return 'rejected';
	}
	const name = (error as { name?: unknown } | null)?.name;
	const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name;
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return 'storage-full';
	return 'server-error';
}

/** The op whose trace code the server refused as taken (409 trace_code_taken, field ops.N.patch.code). */
function takenCodeOp(error: unknown, batch: OutboxOp[]): string | null {
	if (!(error instanceof HttpError) || error.status !== 409) return null;
	if (error.body?.error !== 'trace_code_taken') return null;
	const index = /^ops\.(\d+)\.patch\.code$/.exec(error.body.field ?? '')?.[1];
	return index === undefined ? null : (batch[Number(index)]?.opId ?? null);
}

/**
 * The op the server refused by name, with its words: a 400 `invalid` about the op's record (its table, id
 * or patch), or a 403 about the record. A clock stamp too far ahead (`ops.N.hlc`) is not the op's fault:
 * the run stops and the op is sent again later.
 */
function refusedOp(
	error: unknown,
	batch: OutboxOp[]
): { opId: string; field: string; message: string } | null {
	if (!(error instanceof HttpError) || (error.status !== 400 && error.status !== 403)) return null;
	const body = error.body;
	if (body?.error !== (error.status === 400 ? 'invalid' : 'forbidden')) return null;
	const field = body.field ?? '';
	const index = /^ops\.(\d+)\.(patch|recordId|table|opId)(\.|$)/.exec(field)?.[1];
	const op = index === undefined ? undefined : batch[Number(index)];
	return op ? { opId: op.opId, field, message: body.message ?? '' } : null;
}

/** An outbox op as sent; NULs out, as for every change saved since, so none queued before can block the outbox. */
function toWire(op: OutboxOp): PushOp {
	return {
		opId: op.opId,
		table: op.table as SyncedTable,
		recordId: op.recordId,
		patch: withoutNul(op.patch),
		hlc: op.hlc
	};
}

export class SyncEngine {
	readonly #store: SyncStore;
	readonly #transport: SyncTransport;
	readonly #blobs: BlobRepository | null;
	readonly #now: () => number;

	constructor(
		store: SyncStore,
		transport: SyncTransport,
		blobs: BlobRepository | null = null,
		now: () => number = Date.now
	) {
		this.#store = store;
		this.#transport = transport;
		this.#blobs = blobs;
		this.#now = now;
	}

	/**
	 * Photos go after the records that name them, each resumed from where the server is. One the server
	 * will not take now (413: too large, or the account's photo quota is full) waits on the phone, and the
	 * others and the pull go on.
	 */
	/** Sends the photos waiting on the phone; returns how many the server would not take (413), which wait. */
	async #uploadBlobs(): Promise<number> {
		let held = 0;
		if (!this.#blobs) return held;
		for (const blob of await this.#blobs.waitingForUpload()) {
			const bytes = new Uint8Array(blob.bytes);
			try {
				let status = await this.#transport.blobStatus(blob.hash);
				while (!status.complete) {
					const chunk = bytes.slice(status.received, status.received + BLOB_CHUNK_BYTES);
					status = await this.#transport.putBlobChunk(
						blob.hash,
						status.received,
						chunk,
						bytes.length
					);
				}
			} catch (error) {
				if (error instanceof HttpError && error.status === 413) {
					held += 1;
					continue;
				}
				throw error;
			}
			await this.#blobs.markUploaded(blob.hash);
		}
		return held;
	}

	/**
	 * Tops up the trace codes the server keeps for the account (data/trace-code-pool.ts) when few are left on
	 * the phone. A server that can't give them now (or an older one) is no failed sync: batches then get codes
	 * made on the phone, as before.
	 */
	async #keepTraceCodes(): Promise<void> {
		const reserve = this.#transport.reserveTraceCodes?.bind(this.#transport);
		if (!reserve) return;
		try {
			const wanted = await this.#store.keptCodesWanted();
			if (wanted > 0) await this.#store.keepCodes(await reserve(wanted), this.#now());
		} catch {
			// tried again at the next sync
		}
	}

	async run(): Promise<SyncRunResult> {
		let pushed = 0;
		let pulled = 0;
		let refused = 0;
		let result: SyncRunResult;
		let recodes = 0;
		let photosHeld = 0;
		// halved when the server says a push is too large (big boundaries), so a run never spins on one
		let batchSize = PUSH_BATCH;
		let resent = false;
		try {
			// once more from the start when the server turns out to be behind the cursor (see cursor_ahead)
			for (;;) {
				for (;;) {
					const batch = await this.#store.outboxBatch(batchSize);
					if (batch.length === 0) break;
					const since = await this.#store.cursor();
					let answer;
					try {
						answer = await this.#transport.push(batch.map(toWire), since);
					} catch (error) {
						if (error instanceof HttpError && error.status === 413) {
							if (batch.length > 1) {
								batchSize = Math.ceil(batch.length / 2);
								continue;
							}
							// one change alone is over the limit: it can never go, so it waits aside with the others
							const [op] = batch;
							if (op && (await this.#store.refuse(op.opId, 'body', error.message, this.#now()))) {
								refused += 1;
								continue;
							}
						}
						// a change the server will never take: aside, shown, and on with the others
						const named = refusedOp(error, batch);
						if (
							named &&
							(await this.#store.refuse(named.opId, named.field, named.message, this.#now()))
						) {
							refused += 1;
							continue;
						}
						// another batch already has this trace code: give ours a new one and push again
						const taken = takenCodeOp(error, batch);
						if (
							!taken ||
							recodes >= MAX_RECODES ||
							!(await this.#store.recodeBatch(taken, this.#now()))
						)
							throw error;
						recodes += 1;
						continue;
					}
					await this.#store.acknowledge(
						answer.acked,
						answer.cursor === undefined ? undefined : { from: since, to: answer.cursor }
					);
					pushed += answer.acked.length;
					if (answer.acked.length < batch.length) break; // never spin on ops the server did not take
				}
				photosHeld = await this.#uploadBlobs();
				try {
					for (let more = true; more;) {
						const page = await this.#transport.pull(await this.#store.cursor(), PULL_PAGE);
						await this.#store.applyPulled(page.changes, page.cursor);
						pulled += page.changes.length;
						more = page.more;
					}
				} catch (error) {
					// the server was restored from an older copy: send it all this phone holds, then pull from 0
					if (resent || !(error instanceof HttpError) || error.body?.error !== 'cursor_ahead')
						throw error;
					resent = true;
					await this.#store.resendAll(uuidv7, this.#now());
					continue;
				}
				break;
			}
			await this.#keepTraceCodes();
			result = { ok: true, pushed, pulled, refused, photosHeld };
		} catch (error) {
			result = {
				ok: false,
				pushed,
				pulled,
				refused,
				problem: classify(error),
				detail: error instanceof Error ? error.message : undefined
			};
		}
		await this.#store
			.recordRun({
				at: this.#now(),
				ok: result.ok,
				pushed,
				pulled,
				...(refused ? { refused } : {}),
				problem: result.problem
			})
			.catch(() => undefined);
		return result;
	}
}
