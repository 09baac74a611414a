/**
 * What members share, read from their synced records for the agent's dashboard and the admin's overview.
 * Callers pass only members who share; each kind of record is read only under its own sharing flag.
 */
import type { Kysely } from 'kysely';
import { observationView, showDetail, wrongAnswers } from '$lib/domain/agents';
import { DIGITAL_DIMENSIONS, type DigitalDimension } from '$lib/domain/digital-skills';
import type { AssessmentSummary, MemberView, Sharing } from '$lib/domain/groups';
import type { ServerSchema } from '../db/schema';
import { liveRecordsByOwner as liveRecords } from '../records/stored-records';

export interface SharingMember {
	userId: string;
	joinedAt: number;
	sharing: Sharing;
}

/** 138****5678: a phone number is not shown whole to the agent. */
function maskedLogin(login: string): string {
	return /^1\d{10}$/.test(login) ? `${login.slice(0, 3)}****${login.slice(7)}` : login;
}

/** Each user's name as others see it: their profile's name, else their login (a phone number masked). */
export async function displayNames(
	db: Kysely<ServerSchema>,
	userIds: readonly string[]
): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	if (userIds.length === 0) return names;
	const users = await db
		.selectFrom('users')
		.select(['id', 'login'])
		.where('id', 'in', userIds)
		.execute();
	const profiles = await liveRecords(db, 'profile', userIds);
	for (const u of users) {
		const profile = profiles.get(u.id)?.[0];
		names.set(u.id, profile?.displayName?.trim() || maskedLogin(u.login));
	}
	return names;
}

export async function memberViews(
	db: Kysely<ServerSchema>,
	members: readonly SharingMember[]
): Promise<MemberView[]> {
	const ids = members.map((m) => m.userId);
	const learners = members.filter((m) => m.sharing.learning).map((m) => m.userId);
	const observers = members.filter((m) => m.sharing.observations).map((m) => m.userId);
	const names = await displayNames(db, ids);
	const profiles = await liveRecords(db, 'profile', ids);
	const progress = await liveRecords(db, 'lessonProgress', learners);
	const logs = await liveRecords(db, 'logs', observers);
	const fields = await liveRecords(db, 'fields', observers);
	const certificates = learners.length
		? await db
				.selectFrom('certificates')
				.select(['user_id', 'track', 'code', 'issued_at'])
				.where('user_id', 'in', learners)
				.execute()
		: [];
	return members.map((m): MemberView => {
		const view: MemberView = {
			id: m.userId,
			name: names.get(m.userId) ?? '',
			village: profiles.get(m.userId)?.[0]?.village ?? '',
			joinedAt: m.joinedAt,
			sharing: m.sharing
		};
		if (m.sharing.learning) {
			view.lessons = (progress.get(m.userId) ?? []).map((p) => ({
				lessonId: p.lessonId ?? p.id,
				progress: p.progress ?? 0,
				completedAt: p.completedAt ?? null,
				wrong: wrongAnswers(p),
				credits: p.credits ?? 0,
				updatedAt: p.updatedAt ?? 0
			}));
			view.certificates = certificates
				.filter((c) => c.user_id === m.userId)
				.map((c) => ({ track: c.track, code: c.code, issuedAt: c.issued_at }));
		}
		if (m.sharing.observations) {
			const byId = new Map((fields.get(m.userId) ?? []).map((f) => [f.id, f]));
			view.observations = (logs.get(m.userId) ?? [])
				.filter((l) => l.type === 'observation' && l.status !== 'planned')
				.map((l) => observationView(l, byId.get(l.fieldId ?? ''), m.sharing.locations))
				.sort((a, b) => b.at - a.at);
		}
		return view;
	});
}

/** The newest assessment of each of these users: means per dimension only when 5 or more took it. */
export async function summariseAssessments(
	db: Kysely<ServerSchema>,
	userIds: readonly string[]
): Promise<AssessmentSummary> {
	const all = await liveRecords(db, 'assessments', userIds);
	const latest = [...all.values()]
		.map((list) => list.reduce((a, b) => (b.takenAt > a.takenAt ? b : a)))
		.filter((a) => a.scores && typeof a.scores === 'object');
	if (!showDetail(latest.length)) return { taken: latest.length, means: null };
	const means = Object.fromEntries(
		DIGITAL_DIMENSIONS.map((d) => {
			// a score outside 0–100 (an old or broken app) is left out, not allowed to skew the mean
			const values = latest
				.map((a) => Number(a.scores[d]))
				.filter((v) => Number.isFinite(v) && v >= 0 && v <= 100);
			const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
			return [d, Math.round(mean)];
		})
	) as Record<DigitalDimension, number>;
	return { taken: latest.length, means };
}
