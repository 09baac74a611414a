/**
 * What members share, read from their synced records for the agent's dashboard and the admin's overview.
 * Callers pass only members who share; each kind of record is read only under its own sharing flag.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	isEstablished,
	MIN_GROUP_FOR_DETAIL,
	observationView,
	showDetail,
	wrongAnswers
} from '$lib/domain/agents';
import { DIGITAL_DIMENSIONS, type DigitalDimension } from '$lib/domain/digital-skills';
import type { AssessmentSummary, MemberView, Sharing } from '$lib/domain/groups';
import { maskPhoneNumbers } from '$lib/domain/phone-mask';
import type { ServerSchema } from '../db/schema';
import { liveRecordsByOwner as liveRecords } from '../records/stored-records';

export interface SharingMember {
	userId: string;
	joinedAt: number;
	sharing: Sharing;
}

/** Each user's name as others see it: their profile's name, else their login; a phone number never whole. */
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
		names.set(u.id, maskPhoneNumbers(profile?.displayName?.trim() || u.login));
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

/**
 * The group's digital-skills assessment as its agent (and the admin) may see it: how many took it, and the
 * means per dimension under two rules that together stop differencing (issue 19):
 * - only members whose accounts are at least ESTABLISHED_DAYS old count, for the 5 and for the mean, so
 *   accounts signed up to fill the group (an agent's puppets) give nothing away;
 * - the means published are kept (published_means) and made anew only when 5 or more of the counted members
 *   changed since: one member joining, retaking or being varied never moves them on their own, and when a
 *   member whose answers are in them leaves or stops sharing they are withheld until then.
 */
export async function summariseAssessments(
	db: Kysely<ServerSchema>,
	groupId: string,
	userIds: readonly string[],
	now: number
): Promise<AssessmentSummary> {
	const all = await liveRecords(db, 'assessments', userIds);
	const latest = new Map<
		string,
		{ scores: Record<DigitalDimension, number>; fingerprint: string }
	>();
	for (const [owner, list] of all) {
		const newest = list.reduce((a, b) => (b.takenAt > a.takenAt ? b : a));
		if (!newest.scores || typeof newest.scores !== 'object') continue;
		const scores = Object.fromEntries(
			DIGITAL_DIMENSIONS.map((d) => [d, Number(newest.scores[d])])
		) as Record<DigitalDimension, number>;
		const fingerprint = createHash('sha256')
			.update(JSON.stringify([newest.id, newest.takenAt, scores]))
			.digest('hex');
		latest.set(owner, { scores, fingerprint });
	}
	const taken = latest.size;
	const accounts = taken
		? await db
				.selectFrom('users')
				.select(['id', 'created_at'])
				.where('id', 'in', [...latest.keys()])
				.execute()
		: [];
	const counted = new Map(
		accounts
			.filter((u) => isEstablished(Number(u.created_at), now))
			.map((u) => [u.id, latest.get(u.id)!])
	);
	const summary = (means: AssessmentSummary['means']) => ({ taken, counted: counted.size, means });
	if (!showDetail(counted.size)) return summary(null);

	const stored = await db
		.selectFrom('published_means')
		.selectAll()
		.where('group_id', '=', groupId)
		.executeTakeFirst();
	const published = stored ? readPublished(stored) : null;
	if (published) {
		const changed =
			[...counted].filter(([id, a]) => published.contributors[id] !== a.fingerprint).length +
			Object.keys(published.contributors).filter((id) => !counted.has(id)).length;
		if (changed < MIN_GROUP_FOR_DETAIL) {
			// someone in the published means is gone: showing them still would keep their answers on view
			const gone = Object.keys(published.contributors).some((id) => !counted.has(id));
			return summary(gone ? null : published.means);
		}
	}
	const means = Object.fromEntries(
		DIGITAL_DIMENSIONS.map((d) => {
			// a score outside 0–100 (an old or broken app) is left out, not allowed to skew the mean
			const values = [...counted.values()]
				.map((a) => a.scores[d])
				.filter((v) => Number.isFinite(v) && v >= 0 && v <= 100);
			const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
			return [d, Math.round(mean)];
		})
	) as Record<DigitalDimension, number>;
	const row = {
		contributors: JSON.stringify(
			Object.fromEntries([...counted].map(([id, a]) => [id, a.fingerprint]))
		),
		means: JSON.stringify(means),
		published_at: now
	};
	await db
		.insertInto('published_means')
		.values({ group_id: groupId, ...row })
		.onConflict((oc) => oc.column('group_id').doUpdateSet(row))
		.execute();
	return summary(means);
}

const publishedSchema = z.object({
	contributors: z.record(z.string(), z.string()),
	means: z.object(
		Object.fromEntries(DIGITAL_DIMENSIONS.map((d) => [d, z.number().min(0).max(100)])) as Record<
			DigitalDimension,
			z.ZodNumber
		>
	)
});

/** A stored publication, read as untrusted: a damaged one counts as none (the means are made anew). */
function readPublished(row: ServerSchema['published_means']) {
	try {
		const parsed = publishedSchema.safeParse({
			contributors: JSON.parse(row.contributors) as unknown,
			means: JSON.parse(row.means) as unknown
		});
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
