/** Shapes shared by the device, the sync protocol and the server. */
import type { BatchData } from './batches';
import type { FarmInputDraft } from './farm-inputs';
import type { LogDetails, LogPoint } from './field-logs';
import type { Polygon } from './geometry';
import type { Clocks } from './merge';
import type { DigitalDimension } from './digital-skills';
import type { Urgency } from './questions';

/** The sync protocol and record schema version. Client and server must agree (docs/sync-protocol.md). */
export const SCHEMA_VERSION = 1;

/** Every record that syncs carries these (../shared/DESIGN.md, Data). */
export interface SyncedRecord {
	/** UUIDv7 made on the device. */
	id: string;
	/** Empty until the user has an account; filled in when they sign up or log in. */
	ownerId: string;
	/** The hybrid-logical-clock stamp of the last change (hlc.ts string form). */
	hlc: string;
	/** For each field, the stamp of the change that set it (merge.ts). */
	clocks: Clocks;
	deleted: boolean;
	createdAt: number;
	updatedAt: number;
}

/** One change waiting in the outbox: written in the same transaction as the record it changes. */
export interface OutboxOp {
	seq?: number;
	/** Unique per change: the server applies each opId once (a replay is a no-op). */
	opId: string;
	table: string;
	recordId: string;
	patch: Record<string, unknown>;
	hlc: string;
	createdAt: number;
}

/** A field (地块). */
export interface FieldRecord extends SyncedRecord {
	name: string;
	/** Geodesic area of the boundary (geometry.ts), or as entered when there is no boundary. */
	areaM2: number;
	/** GeoJSON polygon, [longitude, latitude] (WGS 84); absent for a field known only by name. */
	boundary?: Polygon | null;
	crop?: string;
	variety?: string;
	/** The growing season, e.g. "2026". */
	season?: string;
}

export type LogStatus = 'planned' | 'done';

/** A field operation (农事记录). */
export interface LogRecord extends SyncedRecord {
	type: string;
	fieldId: string | null;
	status: LogStatus;
	/** When it is planned for or was done (epoch ms). */
	at: number;
	notes: string;
	/** sha256 of each photo (domain/blobs.ts), in the order taken. */
	photos?: string[];
	/** Where the work was done. */
	point?: LogPoint | null;
	/** What this kind of record asks for (field-logs.ts, LOG_FORMS). */
	details?: LogDetails;
}

/** A product in the inputs inventory (农资): fertilizer, pesticide or seed. */
export type InputRecord = SyncedRecord &
	FarmInputDraft & {
		/** sha256 of each photo of the label (domain/blobs.ts), e.g. from the label scanner. */
		photos?: string[];
	};

/** How far a learner got in one lesson. */
export interface LessonProgressRecord extends SyncedRecord {
	lessonId: string;
	/** 0 to 1: the share of the way to mastery (domain/lessons.ts, masteryStanding). */
	progress: number;
	/** When the lesson was mastered (the learning record's mastery date); null until then. */
	completedAt: number | null;
	/** Right or wrong, the last answers (newest last), for the mastery rule. */
	history?: boolean[];
	attempts?: number;
	/** Credits earned (the lesson's credits, once mastered). */
	credits?: number;
	/** The lesson version the answers were given on. */
	version?: number;
}

/** The user's own profile: what other devices of the same account show. */
export interface ProfileRecord extends SyncedRecord {
	displayName: string;
	village: string;
	/** sha256 of the profile photo (domain/blobs.ts), if any. */
	photo?: string;
}

/**
 * A harvest batch (批次) with its trace code: made by a harvest record, or by splitting or merging batches
 * when packing (domain/batches.ts for the rules, domain/trace-code.ts for the code). Sale records sell from it
 * by naming its id in `details.batch`.
 */
export type BatchRecord = SyncedRecord & BatchData;

/**
 * One digital-skills self-assessment (数字素养评估, domain/digital-skills.ts): the answers as given and the
 * score per dimension, 0 to 100. Each time the farmer takes it is a new record; the newest counts.
 */
export interface AssessmentRecord extends SyncedRecord {
	/** Question id → the chosen option's index. */
	answers: Record<string, number>;
	scores: Record<DigitalDimension, number>;
	takenAt: number;
	/** The question set's version the answers were given on. */
	version: number;
}

/** A place rounded to 0.01° (about a village, domain/questions.ts): never a field's own place. */
export interface RoughPlace {
	lat: number;
	lng: number;
}

/** A farmer's question to the agents of their groups and the experts of its crop or county (问专家). */
export interface QuestionRecord extends SyncedRecord {
	crop: string;
	fieldId: string | null;
	/** The county (县/市/区) the farmer names, as experts' scopes name counties, or null. */
	county?: string | null;
	place: RoughPlace | null;
	text: string;
	/** sha256 of each photo (domain/blobs.ts), at most 6. */
	photos: string[];
	/** sha256 of a short voice note, if any. */
	voiceNote?: string | null;
	urgency: Urgency;
	/** One of the farmer's groups, or null for all of them. */
	groupId: string | null;
	/** The first question of the thread, for a follow-up; else null. */
	parentId: string | null;
	/** The answer that helped (采纳): its answerer's account and id. */
	acceptedAnswer: { ownerId: string; id: string } | null;
	/** May be published, without name or village, once an answer is accepted (absent: no). */
	publish?: boolean;
	askedAt: number;
}

/** An agent's or expert's answer: the answerer's own record, naming the question by owner and id. */
export interface AnswerRecord extends SyncedRecord {
	questionOwnerId: string;
	questionId: string;
	text: string;
	photos: string[];
	lessonId: string | null;
	/** One of the app's tool pages with a prefilled query (domain/questions.ts TOOL_PATHS), or null. */
	tool: string | null;
	answeredAt: number;
}
