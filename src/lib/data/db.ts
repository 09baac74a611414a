import Dexie, { type EntityTable } from 'dexie';
import type { BlobRow } from './blobs.repo';
import type { KeptCode } from './trace-code-pool';
import type {
	AnswerRecord,
	AssessmentRecord,
	BatchRecord,
	FieldRecord,
	InputRecord,
	LessonProgressRecord,
	LogRecord,
	OutboxOp,
	ProfileRecord,
	QuestionRecord
} from '$lib/domain/records';

/** A device-local key/value row: display settings, the replica's clock and node id, sync cursors. */
export interface KeyValue {
	key: string;
	value: unknown;
}

export type HeituDb = Dexie & {
	settings: EntityTable<KeyValue, 'key'>;
	meta: EntityTable<KeyValue, 'key'>;
	outbox: EntityTable<OutboxOp, 'seq'>;
	fields: EntityTable<FieldRecord, 'id'>;
	logs: EntityTable<LogRecord, 'id'>;
	lessonProgress: EntityTable<LessonProgressRecord, 'id'>;
	profile: EntityTable<ProfileRecord, 'id'>;
	blobs: EntityTable<BlobRow, 'hash'>;
	inputs: EntityTable<InputRecord, 'id'>;
	drafts: EntityTable<FormDraft, 'key'>;
	batches: EntityTable<BatchRecord, 'id'>;
	assessments: EntityTable<AssessmentRecord, 'id'>;
	/** The farmer's own questions (问专家), synced. */
	questions: EntityTable<QuestionRecord, 'id'>;
	/** The answers this account gave (an agent's or expert's own), synced. */
	answers: EntityTable<AnswerRecord, 'id'>;
	/** What the server last showed of the user's groups (domain/groups.ts), kept to be read offline. */
	groupViews: EntityTable<KeyValue, 'key'>;
	/** Changes the server refused (a rule the phone did not know): kept aside, shown, never dropped. */
	refused: EntityTable<RefusedOp, 'seq'>;
	/** Trace codes the server keeps for the account, for batches made here (trace-code-pool.ts). */
	traceCodes: EntityTable<KeptCode, 'code'>;
};

/** An outbox op the server refused, with its words, taken out of the outbox so the rest can sync. */
export interface RefusedOp extends OutboxOp {
	refusedAt: number;
	/** The server's `field` (e.g. `ops.3.patch.details.rate.value`) and `message`. */
	field: string;
	message: string;
}

/** A form being filled in, kept on every change so a reload or a crash loses nothing (never synced). */
export interface FormDraft {
	key: string;
	value: unknown;
	savedAt: number;
}

export const DB_NAME = 'heitu';

/**
 * The schema, one `version()` per migration. Never edit a released version: add the next one, with an
 * `upgrade()` when rows must change. Dexie runs the missing steps in order when an older database opens.
 */
export function defineSchema(db: Dexie): void {
	db.version(1).stores({
		settings: 'key',
		meta: 'key',
		outbox: '++seq, &opId, table, recordId',
		fields: 'id, updatedAt',
		logs: 'id, fieldId, status, at, [status+at]',
		lessonProgress: 'id, &lessonId, updatedAt'
	});
	// 2: the user's profile, a synced record (one row, id "me" until an account gives it the user id)
	db.version(2).stores({ profile: 'id' });
	// 3: photos and other blobs, by sha256, with whether the server has them yet
	db.version(3).stores({ blobs: 'hash, uploaded, createdAt' });
	// 4: the inputs inventory (synced), form drafts (device only), and a field's timeline by date
	db.version(4).stores({
		inputs: 'id, kind, name',
		drafts: 'key',
		logs: 'id, fieldId, status, at, [status+at], [fieldId+at], type'
	});
	// 5: harvest batches (synced), found by trace code
	db.version(5).stores({ batches: 'id, code, status, at' });
	db.version(6).stores({ assessments: 'id, takenAt', groupViews: 'key' });
	// 7: changes the server refused, kept aside (sync-store.ts refuse)
	db.version(7).stores({ refused: '++seq, &opId, [table+recordId]' });
	// 8: trace codes kept for the account on the server, by account and whether a batch here took one
	db.version(8).stores({ traceCodes: 'code, [accountId+used]' });
	// 9: ask an expert (issue 22): the farmer's questions by thread and time, the answers one gave by question
	db.version(9).stores({
		questions: 'id, parentId, askedAt',
		answers: 'id, [questionOwnerId+questionId], answeredAt'
	});
}

/** `indexedDB` and `IDBKeyRange` are passed in so unit tests can use fake-indexeddb. */
export function createDb(
	name = DB_NAME,
	deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }
): HeituDb {
	const db = new Dexie(name, deps) as HeituDb;
	defineSchema(db);
	return db;
}
