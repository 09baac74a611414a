import { dirname, join } from 'node:path';
import { env } from '$env/dynamic/private';
import { Accounts } from './auth/accounts';
import { Limits } from './auth/limits';
import { BlobStore, DEFAULT_BLOB_QUOTA_BYTES } from './blobs/blob-store';
import { DEFAULT_SQLITE_PATH } from './db/database';
import { getServerDb } from './db/instance';
import { SyncService } from './sync/sync-service';
import { Certificates } from './learning/certificates';
import { Admin } from './groups/admin';
import { Groups } from './groups/groups';
import { TraceCodeReservations } from './trace/reservations';
import { Questions } from './questions/questions';
import lessonIndex from '../../../static/lessons/index.json';
import type { LessonSummary } from '$lib/domain/lessons';

/** The services of this server process, made once the database is open. */
export interface Services {
	accounts: Accounts;
	sync: SyncService;
	blobs: BlobStore;
	certificates: Certificates;
	groups: Groups;
	admin: Admin;
	/** Rate limits, counted in the database for every process on it (auth/limits.ts, limitFor). */
	limits: Limits;
	traceCodes: TraceCodeReservations;
	questions: Questions;
}

/** Photos go beside the SQLite file (or under ./data with PostgreSQL) unless BLOB_DIR says where. */
function blobDir(): string {
	if (env.BLOB_DIR) return env.BLOB_DIR;
	return join(dirname(env.SQLITE_PATH || DEFAULT_SQLITE_PATH), 'blobs');
}

/** BLOB_QUOTA_MB: what one account may keep in photos on the server (default 2048 MB). */
export function blobQuotaBytes(value = env.BLOB_QUOTA_MB): number {
	const mb = Number(value);
	return value && Number.isFinite(mb) && mb > 0
		? Math.round(mb * 1024 * 1024)
		: DEFAULT_BLOB_QUOTA_BYTES;
}

let current: Services | null = null;

export function services(): Services {
	if (current) return current;
	const server = getServerDb();
	if (!server) throw new Error('The database is not open yet.');
	current = {
		accounts: new Accounts(server.db),
		sync: new SyncService(server),
		blobs: new BlobStore(server, blobDir(), { quotaBytes: blobQuotaBytes() }),
		// the lessons this build was made with (scripts/build-lessons.ts)
		certificates: new Certificates(server.db, lessonIndex as LessonSummary[]),
		groups: new Groups(server.db, lessonIndex as LessonSummary[]),
		admin: new Admin(server.db),
		limits: new Limits(server.db),
		traceCodes: new TraceCodeReservations(server),
		questions: new Questions(server.db)
	};
	return current;
}
