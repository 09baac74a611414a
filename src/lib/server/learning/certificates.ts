/**
 * Track completion certificates. The server issues one when the account's synced learning record (the
 * lessonProgress records it holds) shows every lesson of the track mastered; /verify/<code> shows it to
 * anyone who has the code. The lesson list comes in from the build (static/lessons/index.json).
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { TRACKS, type LessonSummary, type TrackId } from '$lib/domain/lessons';
import { maskPhoneNumbers } from '$lib/domain/phone-mask';
import type { ServerSchema } from '../db/schema';
import { log } from '../log';
import { liveRecords } from '../records/stored-records';

function rowJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

export interface Certificate {
	code: string;
	track: TrackId;
	holder: string;
	lessons: { id: string; title: LessonSummary['title'] }[];
	credits: number;
	issuedAt: number;
}

export type IssueOutcome =
	| { ok: true; certificate: Certificate; created: boolean }
	| {
			ok: false;
			/** not_mastered: `missing` lessons; name_needed: the profile has no name to print on it. */
			problem: 'not_mastered' | 'name_needed';
			missing: { id: string; title: LessonSummary['title'] }[];
	  };

// no 0/O, 1/I/L: read aloud or typed from paper without mistakes
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** HT-XXXX-XXXX: 8 characters from 31, about 8.5 × 10^11 codes, too many to guess. */
export function newCertificateCode(): string {
	const part = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
	return `HT-${part()}-${part()}`;
}

export function normaliseCode(raw: string): string {
	return raw.trim().toUpperCase();
}

export class Certificates {
	constructor(
		private readonly db: Kysely<ServerSchema>,
		private readonly lessons: readonly LessonSummary[],
		private readonly now: () => number = Date.now
	) {}

	/**
	 * The track's certificate, in the profile's name: never in the login, which is often the farmer's phone
	 * number and would be printed on a page anyone with the code can open.
	 */
	async issue(userId: string, track: TrackId): Promise<IssueOutcome> {
		const inTrack = this.lessons.filter((l) => l.track === track);
		const progress = await liveRecords(this.db, 'lessonProgress', userId);
		const mastered = new Set(progress.filter((p) => p.completedAt !== null).map((p) => p.id));
		const missing = inTrack
			.filter((l) => !mastered.has(l.id))
			.map((l) => ({ id: l.id, title: l.title }));
		if (inTrack.length === 0 || missing.length > 0)
			return { ok: false, problem: 'not_mastered', missing };

		const existing = await this.db
			.selectFrom('certificates')
			.selectAll()
			.where('user_id', '=', userId)
			.where('track', '=', track)
			.executeTakeFirst();
		const held = existing ? toCertificate(existing) : null;
		if (held) return { ok: true, certificate: held, created: false };
		// a damaged row (never written so by this server) is replaced by a new certificate
		if (existing)
			await this.db.deleteFrom('certificates').where('code', '=', existing.code).execute();

		const [profile] = await liveRecords(this.db, 'profile', userId);
		const name = maskPhoneNumbers(profile?.displayName?.trim() ?? '');
		if (!name) return { ok: false, problem: 'name_needed', missing: [] };
		const row = {
			code: newCertificateCode(),
			user_id: userId,
			track,
			holder: name,
			lessons: JSON.stringify(inTrack.map((l) => ({ id: l.id, title: l.title }))),
			credits: inTrack.reduce((sum, l) => sum + l.credits, 0),
			issued_at: this.now()
		};
		await this.db.insertInto('certificates').values(row).execute();
		const certificate: Certificate = {
			code: row.code,
			track,
			holder: row.holder,
			lessons: inTrack.map((l) => ({ id: l.id, title: l.title })),
			credits: row.credits,
			issuedAt: row.issued_at
		};
		return { ok: true, certificate, created: true };
	}

	async list(userId: string): Promise<Certificate[]> {
		const rows = await this.db
			.selectFrom('certificates')
			.selectAll()
			.where('user_id', '=', userId)
			.execute();
		return rows.map(toCertificate).filter((c) => c !== null);
	}

	async verify(code: string): Promise<Certificate | null> {
		const row = await this.db
			.selectFrom('certificates')
			.selectAll()
			.where('code', '=', normaliseCode(code))
			.executeTakeFirst();
		return row ? toCertificate(row) : null;
	}
}

/** The lessons a certificate names, as issued (a list of ids and titles); stored JSON is read, not trusted. */
const lessonsSchema = z.array(
	z.object({ id: z.string(), title: z.object({ 'zh-CN': z.string(), en: z.string() }) })
);

/** A certificate row as shown; null (with a log line) when it is not one the server could have written. */
function toCertificate(row: ServerSchema['certificates']): Certificate | null {
	const lessons = lessonsSchema.safeParse(rowJson(row.lessons));
	const track = z.enum(TRACKS).safeParse(row.track);
	if (!lessons.success || !track.success) {
		log.warn('certificate skipped: its row is damaged', { code: row.code });
		return null;
	}
	return {
		code: row.code,
		track: track.data,
		// certificates issued before a name was asked for carry the login: a phone number is never shown whole
		holder: maskPhoneNumbers(row.holder),
		lessons: lessons.data,
		credits: Number(row.credits),
		issuedAt: Number(row.issued_at)
	};
}
