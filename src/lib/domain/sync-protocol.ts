/**
 * The sync wire format (docs/sync-protocol.md), as types and limits shared by the device and the server.
 */
import type { Clocks } from './merge';

export const SYNCED_TABLES = [
	'fields',
	'logs',
	'lessonProgress',
	'profile',
	'inputs',
	'batches',
	'assessments',
	'questions',
	'answers'
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/**
 * Tables whose record ids are the same on every device of a user and fixed by the table: `profile` is always
 * "me", a `lessonProgress` record is named by its lesson's id. Every record id is the account's own (the
 * server keys records by account, table and id), so no account can take an id away from another.
 */
export const PER_USER_TABLES: readonly SyncedTable[] = ['profile', 'lessonProgress'];

/** The form of a lesson's id (the folder names under content/): lower-case letters and digits, dash-joined. */
export const LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What is wrong with a record id for its table, in plain words; null when nothing is. */
export function recordIdProblem(table: SyncedTable, id: string): string | null {
	if (table === 'profile' && id !== 'me') return 'the profile is always "me"';
	if (table === 'lessonProgress' && !LESSON_ID.test(id))
		return 'not a lesson id (lower-case letters, digits and dashes)';
	return null;
}

export const PUSH_MAX_OPS = 500;
export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 1000;
/**
 * The largest push body, sent or unpacked: adapter-node's own default BODY_SIZE_LIMIT (512K), which it applies
 * to every body before the app sees it, so a plain push and a gzip one have the same limit and answer.
 */
export const PUSH_MAX_BYTES = 512 * 1024;

/**
 * A change's values with U+0000 taken out of every string. The server refuses that character (PostgreSQL can't
 * store it in text), so a NUL pasted or imported from a file would otherwise hold a change in the outbox forever.
 */
export function withoutNul<T>(value: T): T {
	if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
	if (Array.isArray(value)) return value.map(withoutNul) as T;
	if (value !== null && typeof value === 'object' && isPlainObject(value))
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k.replaceAll('\u0000', ''), withoutNul(v)])
		) as T;
	return value;
}

/** An object literal, from this realm or another, or one made with no prototype; not a Date, Blob or array. */
function isPlainObject(value: object): boolean {
	return (
		Object.getPrototypeOf(value) === null ||
		Object.prototype.toString.call(value) === '[object Object]'
	);
}

export interface PushOp {
	opId: string;
	table: SyncedTable;
	recordId: string;
	patch: Record<string, unknown>;
	hlc: string;
}

export interface PushRequest {
	schemaVersion: number;
	ops: PushOp[];
	/** The device's pull cursor, so the server can tell it when it needs no echo of its own push. */
	since?: number;
}

export interface PushResponse {
	acked: string[];
	rev: number;
	/**
	 * Present when, after this push, every change of the account after `since` is one of this push's own:
	 * the device already holds them merged, so it may move its pull cursor here instead of pulling them back.
	 */
	cursor?: number;
}

export interface PulledRecord {
	table: SyncedTable;
	id: string;
	ownerId: string;
	rev: number;
	record: Record<string, unknown>;
	clocks: Clocks;
}

export interface PullResponse {
	changes: PulledRecord[];
	/** Pass as `since` next time; saved with the changes in one transaction. */
	cursor: number;
	more: boolean;
}

/**
 * `error` is one of: invalid, too_large, unauthenticated, forbidden, schema_mismatch, csrf,
 * wrong_credentials, too_many_attempts and too_many_signups (429, with Retry-After), login_taken, login_empty, login_invalid, password_short, password_long.
 */
export interface ErrorBody {
	error: string;
	message: string;
	field?: string;
	serverSchemaVersion?: number;
}
