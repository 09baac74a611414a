/**
 * The device's side of groups (issue 9, docs/sync-protocol.md, Groups). Actions (join, share, leave, make a
 * group, assign a lesson) need the network and answer in plain words when there is none. What the server
 * last showed is kept in `groupViews` so every group screen works offline; each refresh replaces it whole,
 * so a member who stopped sharing or left is dropped from this device at the next sync.
 */
import type { HeituDb } from '$lib/data/db';
import type {
	AdminOverview,
	GroupDashboard,
	GroupInfo,
	MyGroups,
	Sharing
} from '$lib/domain/groups';
import { HttpError, requestJson } from '$lib/sync/transport';

export const MINE_KEY = 'mine';
export const ADMIN_KEY = 'admin';
export const dashboardKey = (groupId: string) => `dashboard:${groupId}`;

export class GroupClient {
	readonly #db: HeituDb;
	readonly #fetch: typeof fetch;

	constructor(db: HeituDb, fetcher: typeof fetch = (input, init) => fetch(input, init)) {
		this.#db = db;
		this.#fetch = fetcher;
	}

	#call<T>(url: string, method = 'GET', body?: unknown): Promise<T> {
		return requestJson<T>(this.#fetch, url, {
			method,
			...(body === undefined ? {} : { body: JSON.stringify(body) })
		});
	}

	/**
	 * Fetches the user's groups, and for an agent each group's dashboard (an admin: the overview), and keeps
	 * them; views of groups the user no longer leads are deleted. Throws HttpError when offline.
	 */
	async refresh(): Promise<MyGroups> {
		const mine = await this.#call<MyGroups>('/api/groups');
		const led = mine.groups.filter((g) => g.role === 'agent');
		const views = new Map<string, unknown>([[MINE_KEY, mine]]);
		for (const group of led) {
			try {
				views.set(
					dashboardKey(group.id),
					await this.#call<GroupDashboard>(`/api/groups/${group.id}/dashboard`)
				);
			} catch (error) {
				// a group deleted or handed on meanwhile: its view goes; any other failure keeps the old one
				if (!(error instanceof HttpError && [403, 404].includes(error.status))) throw error;
			}
		}
		if (mine.role === 'admin')
			views.set(ADMIN_KEY, await this.#call<AdminOverview>('/api/admin/overview'));
		await this.#db.transaction('rw', this.#db.groupViews, async () => {
			await this.#db.groupViews.clear();
			await this.#db.groupViews.bulkPut([...views].map(([key, value]) => ({ key, value })));
		});
		return mine;
	}

	/** Forgets every group view (signing out: the next person on this phone must not see them). */
	async forget(): Promise<void> {
		await this.#db.groupViews.clear();
	}

	async create(name: string): Promise<GroupInfo> {
		const group = await this.#call<GroupInfo>('/api/groups', 'POST', { name });
		await this.refresh();
		return group;
	}

	async newInvite(groupId: string, days: number): Promise<GroupInfo> {
		const group = await this.#call<GroupInfo>(`/api/groups/${groupId}/invites`, 'POST', { days });
		await this.refresh();
		return group;
	}

	async join(code: string, sharing: Sharing): Promise<GroupInfo> {
		const group = await this.#call<GroupInfo>('/api/groups/join', 'POST', { code, sharing });
		await this.refresh();
		return group;
	}

	async setSharing(groupId: string, sharing: Sharing): Promise<void> {
		await this.#call(`/api/groups/${groupId}/membership`, 'PUT', { sharing });
		await this.refresh();
	}

	async leave(groupId: string): Promise<void> {
		await this.#call(`/api/groups/${groupId}/membership`, 'DELETE');
		await this.refresh();
	}

	async assign(groupId: string, lessonId: string, dueAt: number): Promise<void> {
		await this.#call(`/api/groups/${groupId}/assignments`, 'POST', { lessonId, dueAt });
		await this.refresh();
	}

	async unassign(groupId: string, assignmentId: string): Promise<void> {
		await this.#call(`/api/groups/${groupId}/assignments/${assignmentId}`, 'DELETE');
		await this.refresh();
	}

	async setRole(login: string, role: string): Promise<void> {
		await this.#call('/api/admin/role', 'PUT', { login, role });
		await this.refresh();
	}

	/** A one-time code for a user who forgot the password: the answer is the only place it is ever shown. */
	resetPassword(login: string): Promise<{ login: string; code: string; expiresAt: number }> {
		return this.#call('/api/admin/password-reset', 'POST', { login });
	}
}

/** The kept views, for the screens (LocalData.watch re-runs this when they change). */
export async function readGroupViews(db: HeituDb): Promise<{
	mine: MyGroups | null;
	dashboards: Map<string, GroupDashboard>;
	admin: AdminOverview | null;
}> {
	const rows = await db.groupViews.toArray();
	const get = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
	return {
		mine: get(MINE_KEY) as MyGroups | null,
		dashboards: new Map(
			rows
				.filter((r) => r.key.startsWith('dashboard:'))
				.map((r) => [r.key.slice('dashboard:'.length), r.value as GroupDashboard])
		),
		admin: get(ADMIN_KEY) as AdminOverview | null
	};
}
