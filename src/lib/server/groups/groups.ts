/**
 * Extension agents' groups (issue 9), enforced here rather than on the device:
 * - only an agent (or admin) makes a group, and only its agent sees its dashboard or sets its lessons;
 * - the dashboard holds only what each member shares now, read-only: a member who stops sharing or leaves
 *   is gone from the next answer;
 * - a farmer sees their own groups' names, agent and assignments, never another member;
 * - an admin sees counts and means per group (admin-overview.ts), never a person's answers.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Role } from '$lib/domain/account';
import {
	checkGroupName,
	INVITE_DAYS_DEFAULT,
	newInviteCode,
	parseInviteCode,
	sharesAnything,
	type Assignment,
	type GroupDashboard,
	type GroupInfo,
	type Invite,
	type MyGroups,
	type Sharing
} from '$lib/domain/groups';
import type { LessonSummary } from '$lib/domain/lessons';
import type { User } from '../auth/accounts';
import type { ServerSchema } from '../db/schema';
import { memberViews, summariseAssessments, displayNames } from './member-data';

const DAY_MS = 86_400_000;

export class GroupError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly field: string | undefined,
		message: string
	) {
		super(message);
	}
}

const isAgent = (role: Role) => role === 'agent' || role === 'admin';

export class Groups {
	constructor(
		private readonly db: Kysely<ServerSchema>,
		private readonly lessons: readonly LessonSummary[],
		private readonly now: () => number = Date.now
	) {}

	async create(user: User, rawName: string): Promise<GroupInfo> {
		if (!isAgent(user.role))
			throw new GroupError(
				403,
				'forbidden',
				undefined,
				'Only an extension agent can make a group.'
			);
		const problem = checkGroupName(rawName);
		if (problem)
			throw new GroupError(400, problem, 'name', 'Give the group a name of 1 to 40 characters.');
		const id = uuidv7();
		const now = this.now();
		await this.db
			.insertInto('groups')
			.values({ id, name: rawName.trim(), agent_id: user.id, created_at: now })
			.execute();
		await this.#newInvite(id, INVITE_DAYS_DEFAULT);
		return this.#info(user, id);
	}

	/** A fresh invitation for the group; the older ones stop working. */
	async invite(user: User, groupId: string, days: number): Promise<GroupInfo> {
		await this.#ledBy(user, groupId);
		await this.db.deleteFrom('group_invites').where('group_id', '=', groupId).execute();
		await this.#newInvite(groupId, days);
		return this.#info(user, groupId);
	}

	async #newInvite(groupId: string, days: number): Promise<Invite> {
		const now = this.now();
		const invite = { code: newInviteCode(), expiresAt: now + days * DAY_MS };
		await this.db
			.insertInto('group_invites')
			.values({
				code: invite.code,
				group_id: groupId,
				created_at: now,
				expires_at: invite.expiresAt
			})
			.execute();
		return invite;
	}

	/** Joins with an invitation code, or changes what is shared when already a member. */
	async join(user: User, rawCode: string, sharing: Sharing): Promise<GroupInfo> {
		const code = parseInviteCode(rawCode);
		if (!code)
			throw new GroupError(
				400,
				'invite_invalid',
				'code',
				'An invitation code is 8 letters and digits, like ABCD-2345.'
			);
		const invite = await this.db
			.selectFrom('group_invites')
			.innerJoin('groups', 'groups.id', 'group_invites.group_id')
			.select(['group_invites.group_id', 'group_invites.expires_at', 'groups.agent_id'])
			.where('group_invites.code', '=', code)
			.executeTakeFirst();
		if (!invite)
			throw new GroupError(
				404,
				'invite_unknown',
				'code',
				'No group has this invitation code: check it with your agent.'
			);
		if (invite.expires_at <= this.now())
			throw new GroupError(
				410,
				'invite_expired',
				'code',
				'This invitation has expired: ask your agent for a new code.'
			);
		if (invite.agent_id === user.id)
			throw new GroupError(409, 'own_group', 'code', 'You lead this group already.');
		const values = shareColumns(sharing);
		const existing = await this.#membership(user.id, invite.group_id);
		if (existing) {
			await this.db
				.updateTable('group_members')
				.set(values)
				.where('group_id', '=', invite.group_id)
				.where('user_id', '=', user.id)
				.execute();
		} else {
			await this.db
				.insertInto('group_members')
				.values({ group_id: invite.group_id, user_id: user.id, joined_at: this.now(), ...values })
				.execute();
		}
		return this.#info(user, invite.group_id);
	}

	async setSharing(user: User, groupId: string, sharing: Sharing): Promise<GroupInfo> {
		await this.#memberOf(user, groupId);
		await this.db
			.updateTable('group_members')
			.set(shareColumns(sharing))
			.where('group_id', '=', groupId)
			.where('user_id', '=', user.id)
			.execute();
		return this.#info(user, groupId);
	}

	/** Leaving takes back everything shared: the agent's next view has none of it. */
	async leave(user: User, groupId: string): Promise<void> {
		await this.#memberOf(user, groupId);
		await this.db
			.deleteFrom('group_members')
			.where('group_id', '=', groupId)
			.where('user_id', '=', user.id)
			.execute();
	}

	async assign(user: User, groupId: string, lessonId: string, dueAt: number): Promise<GroupInfo> {
		await this.#ledBy(user, groupId);
		if (!this.lessons.some((l) => l.id === lessonId))
			throw new GroupError(400, 'lesson_unknown', 'lessonId', 'There is no such lesson.');
		const now = this.now();
		if (dueAt < now - DAY_MS || dueAt > now + 366 * DAY_MS)
			throw new GroupError(
				400,
				'due_out_of_range',
				'dueAt',
				'The due date must be between today and a year from now.'
			);
		await this.db
			.insertInto('assignments')
			.values({
				id: uuidv7(),
				group_id: groupId,
				lesson_id: lessonId,
				due_at: dueAt,
				created_at: now
			})
			.execute();
		return this.#info(user, groupId);
	}

	async unassign(user: User, groupId: string, assignmentId: string): Promise<GroupInfo> {
		await this.#ledBy(user, groupId);
		const { numDeletedRows } = await this.db
			.deleteFrom('assignments')
			.where('id', '=', assignmentId)
			.where('group_id', '=', groupId)
			.executeTakeFirst();
		if (!numDeletedRows)
			throw new GroupError(404, 'not_found', undefined, 'There is no such assignment.');
		return this.#info(user, groupId);
	}

	/** The groups the user leads or belongs to, with what members need offline (assignments). */
	async mine(user: User): Promise<MyGroups> {
		// an agent made a farmer again leads nothing until made an agent again: their groups are not listed
		const led = isAgent(user.role)
			? await this.db
					.selectFrom('groups')
					.select('id')
					.where('agent_id', '=', user.id)
					.orderBy('created_at')
					.execute()
			: [];
		const joined = await this.db
			.selectFrom('group_members')
			.select('group_id as id')
			.where('user_id', '=', user.id)
			.orderBy('joined_at')
			.execute();
		const groups: GroupInfo[] = [];
		for (const { id } of [...led, ...joined]) groups.push(await this.#info(user, id));
		return { role: user.role, groups, fetchedAt: this.now() };
	}

	/** The agent's dashboard of one group: only what each member shares now. */
	async dashboard(user: User, groupId: string): Promise<GroupDashboard> {
		const group = await this.#ledBy(user, groupId);
		const members = await this.db
			.selectFrom('group_members')
			.selectAll()
			.where('group_id', '=', groupId)
			.orderBy('joined_at')
			.execute();
		const sharing = members
			.map((m) => ({ userId: m.user_id, joinedAt: m.joined_at, sharing: sharingOf(m) }))
			.filter((m) => sharesAnything(m.sharing));
		const views = await memberViews(this.db, sharing);
		return {
			group: { id: group.id, name: group.name },
			memberCount: members.length,
			members: views,
			assessment: await summariseAssessments(
				this.db,
				groupId,
				sharing.filter((m) => m.sharing.learning).map((m) => m.userId),
				this.now()
			),
			assignments: await this.#assignments(groupId),
			fetchedAt: this.now()
		};
	}

	async #info(user: User, groupId: string): Promise<GroupInfo> {
		const group = await this.db
			.selectFrom('groups')
			.selectAll()
			.where('id', '=', groupId)
			.executeTakeFirstOrThrow();
		const { count } = await this.db
			.selectFrom('group_members')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.where('group_id', '=', groupId)
			.executeTakeFirstOrThrow();
		const agentName = (await displayNames(this.db, [group.agent_id])).get(group.agent_id) ?? '';
		const base = {
			id: group.id,
			name: group.name,
			agentName,
			memberCount: Number(count),
			assignments: await this.#assignments(groupId)
		};
		if (group.agent_id === user.id && isAgent(user.role)) {
			const invite = await this.db
				.selectFrom('group_invites')
				.select(['code', 'expires_at'])
				.where('group_id', '=', groupId)
				.orderBy('created_at', 'desc')
				.executeTakeFirst();
			return {
				...base,
				role: 'agent',
				invite: invite ? { code: invite.code, expiresAt: invite.expires_at } : null
			};
		}
		const membership = await this.#membership(user.id, groupId);
		return { ...base, role: 'member', sharing: membership ? sharingOf(membership) : undefined };
	}

	async #assignments(groupId: string): Promise<Assignment[]> {
		const rows = await this.db
			.selectFrom('assignments')
			.selectAll()
			.where('group_id', '=', groupId)
			.orderBy('due_at')
			.execute();
		return rows.map((r) => ({
			id: r.id,
			groupId: r.group_id,
			lessonId: r.lesson_id,
			dueAt: r.due_at,
			createdAt: r.created_at
		}));
	}

	#membership(userId: string, groupId: string) {
		return this.db
			.selectFrom('group_members')
			.selectAll()
			.where('group_id', '=', groupId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
	}

	async #group(groupId: string) {
		const group = await this.db
			.selectFrom('groups')
			.selectAll()
			.where('id', '=', groupId)
			.executeTakeFirst();
		if (!group) throw new GroupError(404, 'not_found', undefined, 'There is no such group.');
		return group;
	}

	/**
	 * The group, when the user is its agent now: it must be theirs and they must still be an agent (or admin),
	 * so an agent an admin made a farmer again sees and runs none of their old groups.
	 */
	async #ledBy(user: User, groupId: string) {
		const group = await this.#group(groupId);
		if (group.agent_id !== user.id)
			throw new GroupError(403, 'forbidden', undefined, 'Only the group’s agent can do this.');
		if (!isAgent(user.role))
			throw new GroupError(
				403,
				'forbidden',
				undefined,
				'You are no longer an extension agent: an administrator can make you one again.'
			);
		return group;
	}

	async #memberOf(user: User, groupId: string) {
		await this.#group(groupId);
		if (!(await this.#membership(user.id, groupId)))
			throw new GroupError(403, 'forbidden', undefined, 'You are not a member of this group.');
	}
}

function shareColumns(s: Sharing) {
	return {
		share_learning: s.learning ? 1 : 0,
		share_observations: s.observations ? 1 : 0,
		// a location without the observation it belongs to means nothing: it is shared only with them
		share_locations: s.locations && s.observations ? 1 : 0
	};
}

function sharingOf(row: ServerSchema['group_members']): Sharing {
	return {
		learning: row.share_learning === 1,
		observations: row.share_observations === 1,
		locations: row.share_locations === 1
	};
}
