/**
 * The admin's side of issue 9: counts and means per group (never a person's answers), and making a user an
 * extension agent, or an expert with the crops and counties they answer for (issue 22).
 */
import type { Kysely } from 'kysely';
import { normalizeLogin, ROLES, type Role } from '$lib/domain/account';
import type { AdminOverview } from '$lib/domain/groups';
import { cleanScope, type ExpertScope } from '$lib/domain/questions';
import { Accounts, type User } from '../auth/accounts';
import type { ServerSchema } from '../db/schema';
import { GroupError } from './groups';
import { displayNames, summariseAssessments } from './member-data';
import { brokenRecordCount } from '../records/record-audit';
import { liveRecordsByOwner } from '../records/stored-records';

function adminOnly(user: User): void {
	if (user.role !== 'admin')
		throw new GroupError(403, 'forbidden', undefined, 'Only an administrator can do this.');
}

export class Admin {
	constructor(
		private readonly db: Kysely<ServerSchema>,
		private readonly now: () => number = Date.now
	) {}

	async overview(user: User): Promise<AdminOverview> {
		adminOnly(user);
		const roles = await this.db
			.selectFrom('users')
			.select(['role', (eb) => eb.fn.countAll<number>().as('count')])
			.groupBy('role')
			.execute();
		const groups = await this.db
			.selectFrom('groups')
			.select(['id', 'name', 'agent_id'])
			.orderBy('created_at')
			.execute();
		const agents = await displayNames(
			this.db,
			groups.map((g) => g.agent_id)
		);
		const rows: AdminOverview['groups'] = [];
		for (const g of groups) {
			const members = await this.db
				.selectFrom('group_members')
				.select(['user_id', 'share_learning'])
				.where('group_id', '=', g.id)
				.execute();
			const learners = members.filter((m) => m.share_learning === 1).map((m) => m.user_id);
			rows.push({
				id: g.id,
				name: g.name,
				agentName: agents.get(g.agent_id) ?? '',
				memberCount: members.length,
				sharingLearning: learners.length,
				lessonsMastered: await this.#mastered(learners),
				certificates: await this.#certificates(learners),
				assessment: await summariseAssessments(this.db, g.id, learners, this.now())
			});
		}
		return {
			users: Object.fromEntries(roles.map((r) => [r.role, Number(r.count)])),
			groups: rows,
			brokenRecords: await brokenRecordCount(this.db),
			fetchedAt: this.now()
		};
	}

	async #mastered(userIds: string[]): Promise<number> {
		if (!userIds.length) return 0;
		const byOwner = await liveRecordsByOwner(this.db, 'lessonProgress', userIds);
		return [...byOwner.values()].flat().filter((p) => p.completedAt !== null).length;
	}

	async #certificates(userIds: string[]): Promise<number> {
		if (!userIds.length) return 0;
		const { count } = await this.db
			.selectFrom('certificates')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.where('user_id', 'in', userIds)
			.executeTakeFirstOrThrow();
		return Number(count);
	}

	/**
	 * Makes the account with this login a farmer, agent, expert or admin; an admin cannot change their own
	 * role. An expert needs a scope (the crops and/or counties whose questions they answer, issue 22); any
	 * other role takes the scope away.
	 */
	async setRole(
		user: User,
		rawLogin: string,
		role: string,
		rawScope?: ExpertScope
	): Promise<{ login: string; role: Role; scope?: ExpertScope }> {
		adminOnly(user);
		if (!(ROLES as readonly string[]).includes(role))
			throw new GroupError(
				400,
				'invalid',
				'role',
				'The role must be farmer, agent, expert or admin.'
			);
		const scope = role === 'expert' && rawScope ? cleanScope(rawScope) : null;
		if (role === 'expert' && !scope)
			throw new GroupError(
				400,
				'scope_needed',
				'scope',
				'Say which crops or counties the expert answers for.'
			);
		const login = normalizeLogin(rawLogin);
		const target = await this.db
			.selectFrom('users')
			.select('id')
			.where('login', '=', login)
			.executeTakeFirst();
		if (!target) throw new GroupError(404, 'login_unknown', 'login', 'No account has this login.');
		if (target.id === user.id)
			throw new GroupError(409, 'own_role', 'login', 'You cannot change your own role.');
		await this.db.transaction().execute(async (trx) => {
			await trx.updateTable('users').set({ role }).where('id', '=', target.id).execute();
			await trx.deleteFrom('expert_scopes').where('user_id', '=', target.id).execute();
			if (scope)
				await trx
					.insertInto('expert_scopes')
					.values({
						user_id: target.id,
						crops: JSON.stringify(scope.crops),
						counties: JSON.stringify(scope.counties),
						set_by: user.id,
						set_at: this.now()
					})
					.execute();
		});
		return scope ? { login, role: role as Role, scope } : { login, role: role as Role };
	}

	/**
	 * A one-time code for the account with this login, shown to the admin once (Accounts.issueResetCode): the
	 * user's old password and sessions end. Not for the admin's own account: that is changed on 我的.
	 */
	async resetPassword(
		user: User,
		rawLogin: string
	): Promise<{ login: string; code: string; expiresAt: number }> {
		adminOnly(user);
		if (normalizeLogin(rawLogin) === user.login)
			throw new GroupError(
				409,
				'own_account',
				'login',
				'Change your own password on the Me screen.'
			);
		const issued = await new Accounts(this.db, this.now).issueResetCode(rawLogin, user.id);
		if (!issued) throw new GroupError(404, 'login_unknown', 'login', 'No account has this login.');
		return issued;
	}
}
