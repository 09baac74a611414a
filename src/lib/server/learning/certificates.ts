/**
 * Track completion certificates. The server issues one when the account's synced learning record (the
 * lessonProgress records it holds) shows every lesson of the track mastered; /verify/<code> shows it to
 * anyone who has the code. The lesson list comes in from the build (static/lessons/index.json).
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LessonSummary, TrackId } from '$lib/domain/lessons';
import type { ServerSchema } from '../db/schema';

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
	| { ok: false; missing: { id: string; title: LessonSummary['title'] }[] };

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

	async issue(userId: string, track: TrackId, login: string): Promise<IssueOutcome> {
		const inTrack = this.lessons.filter((l) => l.track === track);
		const rows = await this.db
			.selectFrom('records')
			.select(['id', 'data', 'deleted'])
			.where('owner_id', '=', userId)
			.where('table_name', '=', 'lessonProgress')
			.execute();
		const mastered = new Set(
			rows
				.filter((r) => !r.deleted && (JSON.parse(r.data) as { completedAt?: unknown }).completedAt)
				.map((r) => r.id)
		);
		const missing = inTrack
			.filter((l) => !mastered.has(l.id))
			.map((l) => ({ id: l.id, title: l.title }));
		if (inTrack.length === 0 || missing.length > 0) return { ok: false, missing };

		const existing = await this.db
			.selectFrom('certificates')
			.selectAll()
			.where('user_id', '=', userId)
			.where('track', '=', track)
			.executeTakeFirst();
		if (existing) return { ok: true, certificate: toCertificate(existing), created: false };

		const profile = await this.db
			.selectFrom('records')
			.select('data')
			.where('owner_id', '=', userId)
			.where('table_name', '=', 'profile')
			.where('id', '=', 'me')
			.executeTakeFirst();
		const name = profile ? (JSON.parse(profile.data) as { displayName?: unknown }).displayName : '';
		const row = {
			code: newCertificateCode(),
			user_id: userId,
			track,
			holder: typeof name === 'string' && name.trim() ? name.trim() : login,
			lessons: JSON.stringify(inTrack.map((l) => ({ id: l.id, title: l.title }))),
			credits: inTrack.reduce((sum, l) => sum + l.credits, 0),
			issued_at: this.now()
		};
		await this.db.insertInto('certificates').values(row).execute();
		return { ok: true, certificate: toCertificate(row), created: true };
	}

	async list(userId: string): Promise<Certificate[]> {
		const rows = await this.db
			.selectFrom('certificates')
			.selectAll()
			.where('user_id', '=', userId)
			.execute();
		return rows.map(toCertificate);
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

function toCertificate(row: ServerSchema['certificates']): Certificate {
	return {
		code: row.code,
		track: row.track as TrackId,
		holder: row.holder,
		lessons: JSON.parse(row.lessons) as Certificate['lessons'],
		credits: Number(row.credits),
		issuedAt: Number(row.issued_at)
	};
}
