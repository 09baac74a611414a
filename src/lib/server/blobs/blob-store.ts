/**
 * Photos on the server (docs/sync-protocol.md, Photos). The bytes are files in the blob directory, named by
 * their sha256; who may have them is in the database, so every server process on one database agrees:
 * - `blob_uploads`: each account's upload of a blob. An account that sent the whole bytes, checked against
 *   the hash, is an uploader; the same photo uploaded by two accounts has two uploaders. A partial upload
 *   grows in a part file of its own (one per account and blob), never seen by anyone else.
 * - `blob_refs`: which live records name which photo in a photo field (kept by sync push).
 * - `blobs`: the blobs held whole.
 * A photo is served to its uploaders, to the agent of a group an uploader shares observations with (the
 * photos of the observations the dashboard shows), on the trace page of a batch of its uploader, and for
 * questions to an expert (issue 22): a question's to those who may answer it, an answer's to the asker and
 * those who may answer the same question.
 *
 * Every chunk is written under a lock of its account's row (PostgreSQL `FOR NO KEY UPDATE`; on SQLite a write
 * transaction, one at a time): the offset is checked and the bytes written in one transaction, so a chunk
 * sent twice at once is stored once, also by two server processes. Each PUT is checked against the hash.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { isSha256 } from '$lib/domain/blobs';
import { PHOTO_FIELDS } from '$lib/domain/record-schemas/photo-fields';
import type { SyncedTable } from '$lib/domain/sync-protocol';
import type { DbKind, ServerDb } from '../db/database';
import type { ServerSchema } from '../db/schema';
import { rowData } from '../records/stored-records';
import { answerRightFor } from '../questions/answer-rights';

/** What one account may keep on the server, partial uploads included: some 10,000 photos of 200 KB. */
export const DEFAULT_BLOB_QUOTA_BYTES = 2048 * 1024 * 1024;
/** A photo no record of its uploader names is kept this long (a draft's photo, an undone delete). */
export const UNREFERENCED_GRACE_MS = 30 * 24 * 3600_000;
/** An upload with no new chunk for this long is given up. */
export const PARTIAL_GRACE_MS = 7 * 24 * 3600_000;

export type AppendResult =
	| { kind: 'partial'; received: number }
	| { kind: 'complete'; size: number }
	| { kind: 'wrong-offset'; received: number }
	| { kind: 'hash-mismatch' }
	| { kind: 'quota-exceeded'; quotaBytes: number };

export interface BlobStatus {
	complete: boolean;
	received: number;
	size?: number;
}

export interface BlobStoreOptions {
	now?: () => number;
	quotaBytes?: number;
	unreferencedGraceMs?: number;
	partialGraceMs?: number;
}

type Db = Kysely<ServerSchema> | Transaction<ServerSchema>;

export class BlobStore {
	readonly #db: Kysely<ServerSchema>;
	readonly #kind: DbKind;
	readonly #root: string;
	readonly #now: () => number;
	readonly quotaBytes: number;
	readonly #unreferencedGraceMs: number;
	readonly #partialGraceMs: number;

	constructor(server: ServerDb, root: string, options: BlobStoreOptions = {}) {
		this.#db = server.db;
		this.#kind = server.kind;
		this.#root = resolve(root);
		this.#now = options.now ?? Date.now;
		this.quotaBytes = options.quotaBytes ?? DEFAULT_BLOB_QUOTA_BYTES;
		this.#unreferencedGraceMs = options.unreferencedGraceMs ?? UNREFERENCED_GRACE_MS;
		this.#partialGraceMs = options.partialGraceMs ?? PARTIAL_GRACE_MS;
	}

	#path(hash: string): string {
		if (!isSha256(hash)) throw new Error('not a sha256');
		return join(this.#root, hash.slice(0, 2), hash);
	}

	/** The part file of one account's upload: a name of its own, made from the account id. */
	#partPath(hash: string, userId: string): string {
		const key = createHash('sha256').update(userId).digest('hex').slice(0, 16);
		return `${this.#path(hash)}.${key}.part`;
	}

	/** How much of this blob the account has sent: another account's upload is as if absent. */
	async status(userId: string, hash: string): Promise<BlobStatus> {
		this.#path(hash);
		const upload = await this.#db
			.selectFrom('blob_uploads')
			.leftJoin('blobs', 'blobs.hash', 'blob_uploads.hash')
			.select(['blob_uploads.received', 'blob_uploads.completed_at', 'blobs.size'])
			.where('blob_uploads.hash', '=', hash)
			.where('blob_uploads.user_id', '=', userId)
			.executeTakeFirst();
		if (!upload) return { complete: false, received: 0 };
		if (upload.completed_at !== null) {
			if (upload.size === null) return { complete: false, received: 0 };
			const size = Number(upload.size);
			return { complete: true, received: size, size };
		}
		return { complete: false, received: Number(upload.received) };
	}

	/**
	 * One chunk, bytes [start, start + bytes.length) of a blob of `total` bytes, from this account. A chunk
	 * already held (the same bytes again: a retry, a duplicating proxy) answers where the upload is and
	 * writes nothing; bytes that differ from what is held are refused, and nothing held is lost.
	 */
	async append(
		userId: string,
		hash: string,
		start: number,
		bytes: Uint8Array,
		total: number
	): Promise<AppendResult> {
		const final = this.#path(hash);
		const part = this.#partPath(hash, userId);
		return this.#db.transaction().execute(async (trx) => {
			await lockRow(trx, this.#kind, 'users', userId);
			const now = this.#now();
			const blob = await trx
				.selectFrom('blobs')
				.select('size')
				.where('hash', '=', hash)
				.executeTakeFirst();
			let upload = await trx
				.selectFrom('blob_uploads')
				.selectAll()
				.where('hash', '=', hash)
				.where('user_id', '=', userId)
				.executeTakeFirst();
			if (upload?.completed_at != null && blob) {
				// already this account's: the bytes must be the blob's own
				const size = Number(blob.size);
				const same = total === size && equal(await readRange(final, start, bytes.length), bytes);
				return same ? { kind: 'complete', size } : { kind: 'hash-mismatch' };
			}
			if (!upload || upload.completed_at != null || Number(upload.total) !== total) {
				const used = await trx
					.selectFrom('blob_uploads')
					.select((eb) => eb.fn.sum<number | string | null>('total').as('bytes'))
					.where('user_id', '=', userId)
					.where('hash', '!=', hash)
					.executeTakeFirst();
				if (Number(used?.bytes ?? 0) + total > this.quotaBytes)
					return { kind: 'quota-exceeded', quotaBytes: this.quotaBytes };
				await rm(part, { force: true });
				const fresh = { total, received: 0, updated_at: now, completed_at: null };
				if (upload)
					await trx
						.updateTable('blob_uploads')
						.set(fresh)
						.where('hash', '=', hash)
						.where('user_id', '=', userId)
						.execute();
				else
					await trx
						.insertInto('blob_uploads')
						.values({ hash, user_id: userId, created_at: now, ...fresh })
						.execute();
				upload = { hash, user_id: userId, created_at: now, ...fresh };
			}
			const received = Number(upload.received);
			if (start > received) return { kind: 'wrong-offset', received };
			// what this chunk repeats of the bytes held must be the same bytes
			const repeated = Math.min(received - start, bytes.length);
			if (
				repeated > 0 &&
				!equal(await readRange(part, start, repeated), bytes.subarray(0, repeated))
			)
				return { kind: 'wrong-offset', received };
			const fresh = bytes.subarray(repeated);
			if (fresh.length === 0) return { kind: 'partial', received };
			await mkdir(dirname(part), { recursive: true });
			const file = await open(part, constants.O_RDWR | constants.O_CREAT);
			try {
				await file.write(fresh, 0, fresh.length, received);
				await file.truncate(received + fresh.length);
			} finally {
				await file.close();
			}
			const held = received + fresh.length;
			if (held < total) {
				await trx
					.updateTable('blob_uploads')
					.set({ received: held, updated_at: now })
					.where('hash', '=', hash)
					.where('user_id', '=', userId)
					.execute();
				return { kind: 'partial', received: held };
			}
			const digest = createHash('sha256')
				.update(await readFile(part))
				.digest('hex');
			if (digest !== hash) {
				await rm(part, { force: true });
				await trx
					.deleteFrom('blob_uploads')
					.where('hash', '=', hash)
					.where('user_id', '=', userId)
					.execute();
				return { kind: 'hash-mismatch' };
			}
			// the blob's row first, locked (the cleanup locks it too before it deletes a blob), then its file
			await trx
				.insertInto('blobs')
				.values({ hash, size: total, created_at: now })
				.onConflict((oc) => oc.column('hash').doUpdateSet({ size: total }))
				.execute();
			await rename(part, final);
			await trx
				.updateTable('blob_uploads')
				.set({ received: total, updated_at: now, completed_at: now })
				.where('hash', '=', hash)
				.where('user_id', '=', userId)
				.execute();
			return { kind: 'complete', size: total };
		});
	}

	/** Whether the account uploaded this blob whole (and the server holds it). */
	async isUploader(userId: string, hash: string): Promise<boolean> {
		return (await uploadersOf(this.#db, hash, [userId])).length > 0;
	}

	/**
	 * Whether the account may have the photo: it uploaded it, or it is the agent of a group whose member
	 * uploaded it, shares observations with the group, and names it in a live observation (the ones the
	 * dashboard shows: done, not planned).
	 */
	async canRead(userId: string, hash: string): Promise<boolean> {
		return (await this.access(userId, hash)) !== null;
	}

	/** Why the account may have the photo: its own upload, or shared with it as an agent (or null). */
	async access(userId: string, hash: string): Promise<'uploader' | 'shared' | null> {
		if (!isSha256(hash)) return null;
		if (await this.isUploader(userId, hash)) return 'uploader';
		const shared = await this.#db
			.selectFrom('blob_refs')
			.innerJoin('group_members', 'group_members.user_id', 'blob_refs.owner_id')
			.innerJoin('groups', 'groups.id', 'group_members.group_id')
			// the group's agent as the role now held says: an agent made a farmer again runs no group (groups.ts)
			.innerJoin('users', 'users.id', 'groups.agent_id')
			.innerJoin('records', (join) =>
				join
					.onRef('records.owner_id', '=', 'blob_refs.owner_id')
					.onRef('records.table_name', '=', 'blob_refs.table_name')
					.onRef('records.id', '=', 'blob_refs.record_id')
			)
			.select(['blob_refs.owner_id', 'records.data'])
			.where('blob_refs.hash', '=', hash)
			.where('blob_refs.table_name', '=', 'logs')
			.where('groups.agent_id', '=', userId)
			.where('users.role', 'in', ['agent', 'admin'])
			.where('group_members.share_observations', '=', 1)
			.where('records.deleted', '=', 0)
			.execute();
		const owners = shared
			.filter((row) => {
				const data = rowData(row.data);
				return data?.type === 'observation' && data.status === 'done';
			})
			.map((row) => row.owner_id);
		if (owners.length > 0 && (await uploadersOf(this.#db, hash, owners)).length > 0)
			return 'shared';
		return (await this.#sharedByQuestion(userId, hash)) ? 'shared' : null;
	}

	/**
	 * Ask an expert (issue 22): a question's photos (and voice note) go to those who may answer it; an
	 * answer's photos to the asker and to those who may answer the same question. Each only when the
	 * record's owner uploaded them, as for every photo shared.
	 */
	async #sharedByQuestion(userId: string, hash: string): Promise<boolean> {
		const refs = await this.#db
			.selectFrom('blob_refs')
			.select(['owner_id', 'table_name', 'record_id'])
			.where('hash', '=', hash)
			.where('table_name', 'in', ['questions', 'answers'])
			.execute();
		for (const ref of refs) {
			if (!(await uploadersOf(this.#db, hash, [ref.owner_id])).length) continue;
			let question: { ownerId: string; id: string } | null = null;
			if (ref.table_name === 'questions') question = { ownerId: ref.owner_id, id: ref.record_id };
			else {
				const row = await this.#db
					.selectFrom('records')
					.select('data')
					.where('owner_id', '=', ref.owner_id)
					.where('table_name', '=', 'answers')
					.where('id', '=', ref.record_id)
					.where('deleted', '=', 0)
					.executeTakeFirst();
				const data = row ? rowData(row.data) : null;
				if (typeof data?.questionOwnerId !== 'string' || typeof data.questionId !== 'string')
					continue;
				if (data.questionOwnerId === userId) return true;
				question = { ownerId: data.questionOwnerId, id: data.questionId };
			}
			if (await answerRightFor(this.#db, userId, question.ownerId, question.id)) return true;
		}
		return false;
	}

	/** The bytes of a blob held whole; who may have them is for canRead to say. */
	async read(hash: string): Promise<Uint8Array | null> {
		try {
			return await readFile(this.#path(hash));
		} catch {
			return null;
		}
	}

	/**
	 * Forgets what no one needs any more: uploads with no new chunk for the partial grace period, and an
	 * account's photos none of its live records has named for the unreferenced grace period; then the bytes
	 * of blobs left with no uploader and named by no record. Safe beside other server processes: it holds the
	 * push lock (so no record names a photo meanwhile) and locks each blob's row before deleting it.
	 */
	async cleanup(): Promise<{ uploads: number; blobs: number }> {
		const now = this.#now();
		return this.#db.transaction().execute(async (trx) => {
			await lockRow(trx, this.#kind, 'counters', 'rev');
			const partial = await trx
				.deleteFrom('blob_uploads')
				.where('completed_at', 'is', null)
				.where('updated_at', '<', now - this.#partialGraceMs)
				.returning(['hash', 'user_id'])
				.execute();
			for (const row of partial) await rm(this.#partPath(row.hash, row.user_id), { force: true });
			const unnamed = await trx
				.deleteFrom('blob_uploads')
				.where('completed_at', 'is not', null)
				.where('updated_at', '<', now - this.#unreferencedGraceMs)
				.where((eb) =>
					eb.not(
						eb.exists(
							eb
								.selectFrom('blob_refs')
								.select('blob_refs.hash')
								.whereRef('blob_refs.hash', '=', 'blob_uploads.hash')
								.whereRef('blob_refs.owner_id', '=', 'blob_uploads.user_id')
						)
					)
				)
				.returning('hash')
				.execute();
			const orphans = await trx
				.selectFrom('blobs')
				.select('hash')
				.where((eb) =>
					eb.not(
						eb.exists(
							eb
								.selectFrom('blob_uploads')
								.select('blob_uploads.hash')
								.whereRef('blob_uploads.hash', '=', 'blobs.hash')
								.where('blob_uploads.completed_at', 'is not', null)
						)
					)
				)
				.execute();
			let blobs = 0;
			for (const { hash } of orphans) {
				await lockRow(trx, this.#kind, 'blobs', hash);
				const named = await trx
					.selectFrom('blob_refs')
					.select('hash')
					.where('hash', '=', hash)
					.limit(1)
					.executeTakeFirst();
				const uploaded = await trx
					.selectFrom('blob_uploads')
					.select('hash')
					.where('hash', '=', hash)
					.where('completed_at', 'is not', null)
					.limit(1)
					.executeTakeFirst();
				if (named || uploaded) continue;
				await trx.deleteFrom('blobs').where('hash', '=', hash).execute();
				await rm(this.#path(hash), { force: true });
				blobs += 1;
			}
			return { uploads: partial.length + unnamed.length, blobs };
		});
	}

	/**
	 * Photos stored before uploaders were kept (migration 0008 takes the accounts naming them in a photo
	 * field as their uploaders, with total 0): those the server holds, whole and matching their hash, are
	 * theirs; the others are forgotten, so the phone's next status asks for them again.
	 */
	async adoptLegacy(): Promise<number> {
		const legacy = await this.#db
			.selectFrom('blob_uploads')
			.select('hash')
			.distinct()
			.where('total', '=', 0)
			.execute();
		let adopted = 0;
		for (const { hash } of legacy) {
			const bytes = isSha256(hash) ? await this.read(hash) : null;
			const whole = bytes !== null && createHash('sha256').update(bytes).digest('hex') === hash;
			await this.#db.transaction().execute(async (trx) => {
				if (!whole || !bytes) {
					await trx
						.deleteFrom('blob_uploads')
						.where('hash', '=', hash)
						.where('total', '=', 0)
						.execute();
					return;
				}
				const now = this.#now();
				await trx
					.insertInto('blobs')
					.values({ hash, size: bytes.length, created_at: now })
					.onConflict((oc) => oc.column('hash').doNothing())
					.execute();
				await trx
					.updateTable('blob_uploads')
					.set({ total: bytes.length, received: bytes.length })
					.where('hash', '=', hash)
					.where('total', '=', 0)
					.execute();
				adopted += 1;
			});
		}
		return adopted;
	}
}

/** Uploads sent whole, of blobs the server holds: what makes an account a blob's uploader. */
const wholeUploads = (db: Db) =>
	db
		.selectFrom('blob_uploads')
		.innerJoin('blobs', 'blobs.hash', 'blob_uploads.hash')
		.where('blob_uploads.completed_at', 'is not', null)
		.where('blob_uploads.total', '>', 0);

/** Those of `users` who uploaded the blob whole, while the server holds it. */
export async function uploadersOf(db: Db, hash: string, users: string[]): Promise<string[]> {
	if (users.length === 0) return [];
	const rows = await wholeUploads(db)
		.select('blob_uploads.user_id')
		.where('blob_uploads.hash', '=', hash)
		.where('blob_uploads.user_id', 'in', users)
		.execute();
	return rows.map((r) => r.user_id);
}

/** Which of `hashes` the account uploaded whole (and the server holds). */
export async function uploadedBy(db: Db, userId: string, hashes: string[]): Promise<Set<string>> {
	if (hashes.length === 0) return new Set();
	const rows = await wholeUploads(db)
		.select('blob_uploads.hash')
		.where('blob_uploads.user_id', '=', userId)
		.where('blob_uploads.hash', 'in', hashes)
		.execute();
	return new Set(rows.map((r) => r.hash));
}

/**
 * Keeps `blob_refs` in step with one record after a push changed it: the photos it names in its photo
 * fields (none once deleted). A photo it stops naming starts its grace period now.
 */
export async function setBlobRefs(
	trx: Transaction<ServerSchema>,
	ownerId: string,
	table: SyncedTable,
	recordId: string,
	hashes: string[],
	now: number
): Promise<void> {
	if (!PHOTO_FIELDS[table]) return;
	const held = await trx
		.selectFrom('blob_refs')
		.select('hash')
		.where('owner_id', '=', ownerId)
		.where('table_name', '=', table)
		.where('record_id', '=', recordId)
		.execute();
	const before = new Set(held.map((r) => r.hash));
	const after = new Set(hashes);
	const gone = [...before].filter((h) => !after.has(h));
	const added = [...after].filter((h) => !before.has(h));
	if (gone.length) {
		await trx
			.deleteFrom('blob_refs')
			.where('owner_id', '=', ownerId)
			.where('table_name', '=', table)
			.where('record_id', '=', recordId)
			.where('hash', 'in', gone)
			.execute();
		await trx
			.updateTable('blob_uploads')
			.set({ updated_at: now })
			.where('user_id', '=', ownerId)
			.where('hash', 'in', gone)
			.where('completed_at', 'is not', null)
			.execute();
	}
	if (added.length)
		await trx
			.insertInto('blob_refs')
			.values(
				added.map((hash) => ({ owner_id: ownerId, table_name: table, record_id: recordId, hash }))
			)
			.execute();
}

/**
 * Locks one row until the transaction ends: `FOR UPDATE` on PostgreSQL (an account's row `FOR NO KEY UPDATE`,
 * so a login or a group join referring to it does not wait); on SQLite a write that changes
 * nothing, so the transaction holds the database's write lock from its first statement (no other process
 * writes between its reads and its writes).
 */
async function lockRow(
	trx: Transaction<ServerSchema>,
	kind: DbKind,
	table: 'users' | 'blobs' | 'counters',
	key: string
): Promise<void> {
	if (kind === 'postgres') {
		if (table === 'users')
			await trx.selectFrom('users').select('id').where('id', '=', key).forNoKeyUpdate().execute();
		else if (table === 'blobs')
			await trx.selectFrom('blobs').select('hash').where('hash', '=', key).forUpdate().execute();
		else
			await trx.selectFrom('counters').select('name').where('name', '=', key).forUpdate().execute();
		return;
	}
	if (table === 'users')
		await trx
			.updateTable('users')
			.set((eb) => ({ role: eb.ref('role') }))
			.where('id', '=', key)
			.execute();
	else if (table === 'blobs')
		await trx
			.updateTable('blobs')
			.set((eb) => ({ size: eb.ref('size') }))
			.where('hash', '=', key)
			.execute();
	else
		await trx
			.updateTable('counters')
			.set((eb) => ({ value: eb.ref('value') }))
			.where('name', '=', key)
			.execute();
}

async function readRange(path: string, start: number, length: number): Promise<Uint8Array | null> {
	let file;
	try {
		file = await open(path, 'r');
	} catch {
		return null;
	}
	try {
		const buffer = new Uint8Array(length);
		const { bytesRead } = await file.read(buffer, 0, length, start);
		return bytesRead === length ? buffer : null;
	} finally {
		await file.close();
	}
}

function equal(a: Uint8Array | null, b: Uint8Array): boolean {
	return a !== null && a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}
