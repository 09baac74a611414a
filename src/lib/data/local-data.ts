import Dexie, { liveQuery } from 'dexie';
import type {
	AssessmentRecord,
	BatchRecord,
	FieldRecord,
	InputRecord,
	LessonProgressRecord,
	LogRecord,
	ProfileRecord,
	QuestionRecord
} from '$lib/domain/records';
import { ASSESSMENT_VERSION, scoreAssessment } from '$lib/domain/digital-skills';
import { isMastered, masteryStanding, type Lesson } from '$lib/domain/lessons';
import { createDb, type HeituDb } from './db';
import { openDb, type StorageProblem } from './open-db';
import { BatchBook } from './batch-book';
import { BlobRepository } from './blobs.repo';
import { DraftRepository } from './drafts.repo';
import { FarmRecords } from './farm-records';
import { SettingsRepository } from './settings.repo';
import { SurveyThresholdsRepository } from './survey-thresholds.repo';
import { SyncRepository } from './sync-repository';

export const PROFILE_ID = 'me';
/** Quiz answers kept per lesson: enough for any mastery rule. */
const HISTORY_KEPT = 20;

export interface Subscribable<T> {
	subscribe(observer: { next: (value: T) => void; error: (error: unknown) => void }): {
		unsubscribe(): void;
	};
}

/**
 * The device's data, behind one object. This module (and Dexie with it) is loaded with a dynamic import
 * after the shell is on screen, so the first paint does not wait for the database engine; screens import
 * only its types.
 */
export class LocalData {
	readonly db: HeituDb;
	readonly settings: SettingsRepository;
	readonly fieldsRepo: SyncRepository<FieldRecord>;
	readonly logsRepo: SyncRepository<LogRecord>;
	readonly lessonProgressRepo: SyncRepository<LessonProgressRecord>;
	readonly profileRepo: SyncRepository<ProfileRecord>;
	readonly blobs: BlobRepository;
	readonly inputsRepo: SyncRepository<InputRecord>;
	readonly farm: FarmRecords;
	readonly drafts: DraftRepository;
	readonly surveyThresholds: SurveyThresholdsRepository;
	readonly batchesRepo: SyncRepository<BatchRecord>;
	/** Harvest batches: records that make and sell them, split and merge (batch-book.ts). */
	readonly batches: BatchBook;
	/** Digital-skills self-assessments (domain/digital-skills.ts), newest counts. */
	readonly assessmentsRepo: SyncRepository<AssessmentRecord>;
	/** The farmer's questions to the agents and experts (问专家). */
	readonly questionsRepo: SyncRepository<QuestionRecord>;

	constructor(db: HeituDb) {
		this.db = db;
		this.settings = new SettingsRepository(db);
		this.fieldsRepo = new SyncRepository(db, 'fields');
		this.logsRepo = new SyncRepository(db, 'logs');
		this.lessonProgressRepo = new SyncRepository(db, 'lessonProgress');
		this.profileRepo = new SyncRepository(db, 'profile');
		this.blobs = new BlobRepository(db);
		this.inputsRepo = new SyncRepository(db, 'inputs');
		this.farm = new FarmRecords(db);
		this.drafts = new DraftRepository(db);
		this.surveyThresholds = new SurveyThresholdsRepository(db);
		this.batchesRepo = new SyncRepository(db, 'batches');
		this.assessmentsRepo = new SyncRepository(db, 'assessments');
		this.questionsRepo = new SyncRepository(db, 'questions');
		this.batches = new BatchBook(db, this.batchesRepo, this.logsRepo);
	}

	/** A query re-run whenever the tables it read change, in this tab or another. */
	watch<T>(query: (data: LocalData) => Promise<T>): Subscribable<T> {
		return liveQuery(() => query(this));
	}

	/** Changes and photos that have not reached the server yet. */
	async pendingChanges(): Promise<number> {
		const [changes, photos] = await Promise.all([
			this.db.outbox.count(),
			this.db.blobs.where('uploaded').equals(0).count()
		]);
		return changes + photos;
	}

	plannedWork(limit = 5): Promise<LogRecord[]> {
		return this.db.logs
			.where('[status+at]')
			.between(['planned', Dexie.minKey], ['planned', Dexie.maxKey])
			.filter((log) => !log.deleted)
			.limit(limit)
			.toArray();
	}

	async lessonInProgress(): Promise<LessonProgressRecord | null> {
		const recent = await this.db.lessonProgress.orderBy('updatedAt').reverse().toArray();
		return recent.find((p) => !p.deleted && p.completedAt === null) ?? null;
	}

	/** How far the learner is in each lesson (one record per lesson, its id the lesson's id). */
	async lessonProgress(): Promise<LessonProgressRecord[]> {
		return (await this.db.lessonProgress.toArray()).filter((p) => !p.deleted);
	}

	/** Records one quiz answer: attempts, the recent history, progress, and mastery with its credits. */
	async recordQuizAnswer(
		lesson: Pick<Lesson, 'id' | 'mastery' | 'credits' | 'version'>,
		right: boolean,
		now: number = Date.now()
	): Promise<LessonProgressRecord> {
		const existing = await this.db.lessonProgress.get(lesson.id);
		const history = [...(existing?.history ?? []), right].slice(-HISTORY_KEPT);
		const mastered = existing?.completedAt ?? (isMastered(history, lesson.mastery) ? now : null);
		const changes = {
			history,
			attempts: (existing?.attempts ?? 0) + 1,
			progress: masteryStanding(history, lesson.mastery, mastered).progress,
			completedAt: mastered,
			credits: mastered ? lesson.credits : 0,
			version: lesson.version
		};
		return existing && !existing.deleted
			? this.lessonProgressRepo.update(lesson.id, changes)
			: this.lessonProgressRepo.create({ lessonId: lesson.id, ...changes }, lesson.id);
	}

	/** Saves a finished digital-skills assessment, scored by its rules; a retake is a new record. */
	saveAssessment(
		answers: Record<string, number>,
		now: number = Date.now()
	): Promise<AssessmentRecord> {
		return this.assessmentsRepo.create({
			answers: { ...answers },
			scores: scoreAssessment(answers),
			takenAt: now,
			version: ASSESSMENT_VERSION
		});
	}

	/** The newest assessment, or null when none was taken. */
	async latestAssessment(): Promise<AssessmentRecord | null> {
		const newest = await this.db.assessments
			.orderBy('takenAt')
			.reverse()
			.filter((a) => !a.deleted)
			.first();
		return newest ?? null;
	}

	/** Her questions, newest first (tombstones left out). */
	async questions(): Promise<QuestionRecord[]> {
		const rows = await this.db.questions.orderBy('askedAt').reverse().toArray();
		return rows.filter((q) => !q.deleted);
	}

	/**
	 * Her questions not sent yet (未发送): the record still waits to sync (or was refused), or one of its photos
	 * has not reached the server, so an agent could not see it whole.
	 */
	async unsentQuestionIds(): Promise<Set<string>> {
		const unsent = await this.unsyncedIds('questions');
		const waiting = new Set(
			(await this.db.blobs.where('uploaded').equals(0).primaryKeys()).map(String)
		);
		if (waiting.size)
			for (const q of await this.db.questions.toArray())
				if (q.photos.some((hash) => waiting.has(hash))) unsent.add(q.id);
		return unsent;
	}

	/** The user's profile: one record, id "me" on every device. */
	async profile(): Promise<ProfileRecord | null> {
		return (await this.db.profile.get(PROFILE_ID)) ?? null;
	}

	async saveProfile(
		changes: Partial<Pick<ProfileRecord, 'displayName' | 'village' | 'photo'>>
	): Promise<ProfileRecord> {
		return (await this.db.profile.get(PROFILE_ID))
			? this.profileRepo.update(PROFILE_ID, changes)
			: this.profileRepo.create({ displayName: '', village: '', ...changes }, PROFILE_ID);
	}

	/**
	 * A photo taken into a form and then taken out again: forgotten, unless a record, the profile or another
	 * unsaved form uses it or the server already has it, so that a photo the farmer removed is never uploaded.
	 */
	async forgetPhotoIfUnused(hash: string, formDraftKey: string): Promise<void> {
		const db = this.db;
		await db.transaction('rw', [db.blobs, db.logs, db.questions, db.profile, db.drafts], async () => {
			const blob = await db.blobs.get(hash);
			if (!blob || blob.uploaded) return;
			if ((await db.profile.get(PROFILE_ID))?.photo === hash) return;
			if ((await db.logs.filter((log) => log.photos?.includes(hash) === true).count()) > 0) return;
			if ((await db.questions.filter((q) => q.photos.includes(hash)).count()) > 0) return;
			const drafts = (await db.drafts.toArray()).filter((d) => d.key !== formDraftKey);
			if (drafts.some((d) => (d.value as { photos?: string[] } | null)?.photos?.includes(hash))) return;
			await db.blobs.delete(hash);
		});
	}

	/** Keeps a (compressed) photo and makes it the profile photo. */
	async saveProfilePhoto(bytes: ArrayBuffer, type: string): Promise<ProfileRecord> {
		return this.saveProfile({ photo: await this.blobs.put(bytes, type) });
	}

	/**
	 * Ids of a table's records with changes that have not reached the server yet: waiting in the outbox, or
	 * refused by the server and kept aside (sync-store.ts refuse), which the server does not hold either.
	 */
	async unsyncedIds(table: string): Promise<Set<string>> {
		const ops = await this.db.outbox.where('table').equals(table).toArray();
		const refused = await this.db.refused.filter((op) => op.table === table).toArray();
		return new Set([...ops, ...refused].map((op) => op.recordId));
	}

	/** Whether a record has changes that have not reached the server yet (waiting, or refused). */
	async unsynced(table: string, id: string): Promise<boolean> {
		const waiting = await this.db.outbox.where('recordId').equals(id).filter((op) => op.table === table).count();
		return waiting > 0 || (await this.db.refused.where('[table+recordId]').equals([table, id]).count()) > 0;
	}
}

export type LocalDataResult = { ok: true; data: LocalData } | { ok: false; problem: StorageProblem };

export async function openLocalData(
	create: () => HeituDb = () => createDb()
): Promise<LocalDataResult> {
	const result = await openDb(create);
	return result.ok ? { ok: true, data: new LocalData(result.db) } : result;
}
