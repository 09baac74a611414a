/** The server database's tables as Kysely sees them. Times are epoch milliseconds. */
export interface AppMetaTable {
	key: string;
	value: string;
}

export interface UsersTable {
	id: string;
	/** Normalised login (domain/account.ts normalizeLogin). */
	login: string;
	password_hash: string;
	role: string;
	created_at: number;
}

export interface SessionsTable {
	/** sha256 of the cookie token: a stolen database does not hold usable sessions. */
	id: string;
	user_id: string;
	created_at: number;
	expires_at: number;
}

/** An admin's one-time code for setting a new password: one per account at most, single use. */
export interface PasswordResetsTable {
	user_id: string;
	/** scrypt of the code (auth/passwords.ts), never the code itself. */
	code_hash: string;
	/** The admin who gave it. */
	created_by: string;
	created_at: number;
	expires_at: number;
}

export interface RecordsTable {
	owner_id: string;
	table_name: string;
	id: string;
	/** The merged record as JSON. */
	data: string;
	/** Per-field clock stamps as JSON. */
	clocks: string;
	deleted: number;
	/** The server revision of the last change: pull pages through these in order. */
	rev: number;
	updated_at: number;
}

/** A stored record that breaks its table's schema, as the last audit found it (record-audit.ts). */
export interface RecordProblemsTable {
	owner_id: string;
	table_name: string;
	id: string;
	/** The first problem: its path in the record and what is wrong. */
	path: string;
	message: string;
	found_at: number;
}

export interface AppliedOpsTable {
	op_id: string;
	user_id: string;
	rev: number;
	applied_at: number;
}

export interface CountersTable {
	name: string;
	value: number;
}

/** A track completion certificate: what /verify/<code> shows. */
export interface CertificatesTable {
	code: string;
	user_id: string;
	track: string;
	/** The name printed on it (the profile's name, or the login). */
	holder: string;
	/** JSON: [{ id, title: { 'zh-CN', en } }] of the lessons mastered. */
	lessons: string;
	credits: number;
	issued_at: number;
}

/** Every batch trace code given (domain/trace-code.ts): one batch per code, across all accounts. */
export interface TraceCodesTable {
	code: string;
	owner_id: string;
	batch_id: string;
	created_at: number;
}

/** A trace code kept for an account until one of its batches takes it (server/trace/reservations.ts). */
export interface TraceCodeReservationsTable {
	code: string;
	owner_id: string;
	reserved_at: number;
}

/** An extension agent's group (a cooperative or a village), issue 9. */
export interface GroupsTable {
	id: string;
	name: string;
	agent_id: string;
	created_at: number;
}

export interface GroupInvitesTable {
	code: string;
	group_id: string;
	created_at: number;
	expires_at: number;
}

/** A member and what they share (1 or 0 each). */
export interface GroupMembersTable {
	group_id: string;
	user_id: string;
	share_learning: number;
	share_observations: number;
	share_locations: number;
	joined_at: number;
}

export interface AssignmentsTable {
	id: string;
	group_id: string;
	lesson_id: string;
	due_at: number;
	created_at: number;
}

/** A rate limit's count (server/auth/limits.ts): tries in the window, or locked, until reset_at. */
export interface RateLimitsTable {
	key: string;
	tries: number;
	reset_at: number;
}

/** The assessment means a group last published, and whose assessments they were made of (fingerprints). */
export interface PublishedMeansTable {
	group_id: string;
	/** JSON { userId: sha256 of the assessment counted }. */
	contributors: string;
	/** JSON { dimension: mean }. */
	means: string;
	published_at: number;
}

/** A photo (or other blob) the server holds whole, its sha256 checked: its bytes are in the blob directory. */
export interface BlobsTable {
	hash: string;
	size: number;
	created_at: number;
}

/**
 * One account's upload of a blob: partial while `completed_at` is null (its bytes so far in its own part
 * file), else the account is an uploader of the blob. `updated_at`: the last chunk, or the last time the
 * account's records stopped naming it (the cleanup's grace period counts from there).
 */
export interface BlobUploadsTable {
	hash: string;
	user_id: string;
	total: number;
	received: number;
	created_at: number;
	updated_at: number;
	completed_at: number | null;
}

/** A live record naming a photo in one of its photo fields (domain/record-schemas/photo-fields.ts). */
export interface BlobRefsTable {
	owner_id: string;
	table_name: string;
	record_id: string;
	hash: string;
}

/** An expert's scope (issue 22): the crops and counties whose questions they answer, as JSON lists. */
export interface ExpertScopesTable {
	user_id: string;
	crops: string;
	counties: string;
	/** The admin who set it. */
	set_by: string;
	set_at: number;
}

export interface ServerSchema {
	expert_scopes: ExpertScopesTable;
	published_means: PublishedMeansTable;
	blobs: BlobsTable;
	blob_uploads: BlobUploadsTable;
	blob_refs: BlobRefsTable;
	groups: GroupsTable;
	group_invites: GroupInvitesTable;
	group_members: GroupMembersTable;
	assignments: AssignmentsTable;
	trace_codes: TraceCodesTable;
	trace_code_reservations: TraceCodeReservationsTable;
	certificates: CertificatesTable;
	app_meta: AppMetaTable;
	users: UsersTable;
	sessions: SessionsTable;
	password_resets: PasswordResetsTable;
	records: RecordsTable;
	applied_ops: AppliedOpsTable;
	counters: CountersTable;
	record_problems: RecordProblemsTable;
	rate_limits: RateLimitsTable;
}
