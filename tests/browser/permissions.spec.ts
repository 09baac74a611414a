import { createHash, randomUUID } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { createAccount, expect, test } from './fixtures';
import type { SyncedTable } from '../../src/lib/domain/sync-protocol';
import { createPatch } from '../factories/records';

// The permission matrix (issue 9): every API route (and the public pages that read data) against each kind
// of caller, over HTTP against the real server. Every cell is asserted, and where a route answers with data,
// what each caller must and must not see.

const ACTORS = [
	'anonymous',
	'farmerA',
	'farmerB',
	'agentOfA',
	'otherAgent',
	'demotedAgent',
	// made experts by the admin (issue 22): one for maize, farmer A's crop, one for rice
	'expertInScope',
	'expertOutOfScope',
	'admin'
] as const;
type Actor = (typeof ACTORS)[number];
const PASSWORD = 'heitu-black-soil';
const LOGINS: Record<Exclude<Actor, 'anonymous'>, string> = {
	farmerA: 'perm_farmer_a',
	farmerB: 'perm_farmer_b',
	agentOfA: 'perm_agent_a',
	otherAgent: 'perm_agent_z',
	// made an agent, led a group farmer A joined, then made a farmer again by the admin (issue 19)
	demotedAgent: 'perm_agent_demoted',
	expertInScope: 'perm_expert_maize',
	expertOutOfScope: 'perm_expert_rice',
	admin: 'perm_admin'
};

let seq = 0;
/** A new record as a device sends it: every field of its table, `patch` on top. */
const op = (table: SyncedTable, recordId: string, patch: Record<string, unknown>) => ({
	opId: randomUUID(),
	table,
	recordId,
	patch: createPatch(table, patch, { id: recordId }),
	hlc: `${String(Date.now() - 60_000 + ++seq).padStart(15, '0')}-00000-permtest`
});

const PHOTO = new TextEncoder().encode('farmer A’s photo of a corn borer');
const PHOTO_HASH = createHash('sha256').update(PHOTO).digest('hex');
const ownBytes = (actor: Actor) => new TextEncoder().encode(`a photo by ${actor}`);
const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const QUESTION_PHOTO = new TextEncoder().encode('farmer A’s question: a yellow maize leaf');
const ANSWER_PHOTO = new TextEncoder().encode('agent A’s answer: a leaf with northern blight');
const QUESTION_TEXT = '甲的玉米叶子发黄';
const ANSWER_TEXT = '技术员答：像是大斑病';

interface Cell {
	status: number;
	/** What the answer must (not) hold for this caller. */
	check?: (body: unknown, text: string) => void;
}
type Call = (api: APIRequestContext, actor: Actor) => Promise<APIResponse>;
interface Row {
	route: string;
	call: Call;
	expect: Record<Actor, Cell | number>;
}

test('every API route × every kind of caller answers as the permission rules say', async ({
	playwright,
	server
}) => {
	test.setTimeout(120_000);
	const origin = server.url;
	const headers = { origin };
	for (const actor of ['agentOfA', 'otherAgent', 'demotedAgent'] as const)
		await createAccount(server, LOGINS[actor], 'agent', PASSWORD);
	await createAccount(server, LOGINS.admin, 'admin', PASSWORD);
	await createAccount(server, 'perm_spare', 'farmer', PASSWORD);
	for (const actor of ['expertInScope', 'expertOutOfScope'] as const)
		await createAccount(server, LOGINS[actor], 'farmer', PASSWORD);

	const anonymous = await playwright.request.newContext({ baseURL: server.url });
	const contexts = new Map<Actor, APIRequestContext>([['anonymous', anonymous]]);
	for (const actor of ['farmerA', 'farmerB'] as const) {
		const api = await playwright.request.newContext({ baseURL: server.url });
		const signup = await api.post('/api/auth/signup', {
			headers,
			data: { login: LOGINS[actor], password: PASSWORD }
		});
		expect(signup.status()).toBe(201);
		contexts.set(actor, api);
	}
	for (const actor of [
		'agentOfA',
		'otherAgent',
		'demotedAgent',
		'expertInScope',
		'expertOutOfScope',
		'admin'
	] as const) {
		const api = await playwright.request.newContext({ baseURL: server.url });
		const login = await api.post('/api/auth/login', {
			headers,
			data: { login: LOGINS[actor], password: PASSWORD }
		});
		expect(login.status()).toBe(200);
		contexts.set(actor, api);
	}
	const as = (actor: Actor) => contexts.get(actor)!;
	const json = async <T>(response: Promise<APIResponse>): Promise<T> => {
		const r = await response;
		expect(r.ok(), `${r.url()} → ${r.status()}`).toBe(true);
		return (await r.json()) as T;
	};

	/** A push of these changes, as a device sends it. */
	const push = (api: APIRequestContext, ...ops: ReturnType<typeof op>[]) =>
		api.post('/api/sync/push', { headers, data: { schemaVersion: 1, ops } });

	// the world: farmer A in the agent's group, sharing everything, with a field, an observation and a photo
	type Group = { id: string; invite: { code: string } };
	const groupA = await json<Group>(
		as('agentOfA').post('/api/groups', { headers, data: { name: 'A 的合作社' } })
	);
	const groupZ = await json<Group>(
		as('otherAgent').post('/api/groups', { headers, data: { name: '别的村' } })
	);
	const groupD = await json<Group>(
		as('demotedAgent').post('/api/groups', { headers, data: { name: '降职前的组' } })
	);
	const open = await json<Group>(
		as('admin').post('/api/groups', { headers, data: { name: '人人可加入' } })
	);
	const all = { learning: true, observations: true, locations: true };
	await json(
		as('farmerA').post('/api/groups/join', {
			headers,
			data: { code: groupA.invite.code, sharing: all }
		})
	);
	await json(
		as('farmerA').post('/api/groups/join', {
			headers,
			data: { code: groupD.invite.code, sharing: all }
		})
	);
	await json(
		as('farmerB').post('/api/groups/join', {
			headers,
			data: { code: groupZ.invite.code, sharing: all }
		})
	);
	const put = (api: APIRequestContext, bytes: Uint8Array) =>
		api.put(`/api/blobs/${hashOf(bytes)}`, {
			headers: {
				origin,
				'content-type': 'application/octet-stream',
				'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}`
			},
			data: Buffer.from(bytes)
		});
	expect((await put(as('farmerA'), PHOTO)).status()).toBe(200);
	await json(
		push(
			as('farmerA'),
			op('profile', 'me', { displayName: '农户甲', village: '甲村' }),
			op('fields', 'field-a', { name: '甲的地', areaM2: 6667 }),
			op('logs', 'obs-a', {
				type: 'observation',
				fieldId: 'field-a',
				status: 'done',
				at: Date.now() - 86_400_000,
				notes: '',
				photos: [PHOTO_HASH],
				details: { pest: '玉米螟' }
			})
		)
	);
	const assign = (api: APIRequestContext, groupId = groupA.id) =>
		api.post(`/api/groups/${groupId}/assignments`, {
			headers,
			data: { lessonId: 'soil-testing', dueAt: Date.now() + 7 * 86_400_000 }
		});
	const oldAssignment = (
		await json<{ assignments: { id: string }[] }>(assign(as('demotedAgent'), groupD.id))
	).assignments[0]!.id;
	// the admin makes the agent a farmer again: the session they hold is the same, the role is not
	await json(
		as('admin').put('/api/admin/role', {
			headers,
			data: { login: LOGINS.demotedAgent, role: 'farmer' }
		})
	);
	// the admin makes two experts, with the crops they answer for
	for (const [actor, crop] of [
		['expertInScope', '玉米'],
		['expertOutOfScope', '水稻']
	] as const)
		await json(
			as('admin').put('/api/admin/role', {
				headers,
				data: { login: LOGINS[actor], role: 'expert', scope: { crops: [crop], counties: [] } }
			})
		);
	// farmer A asks about maize with a photo, for all their groups; agent A answers with a photo
	expect((await put(as('farmerA'), QUESTION_PHOTO)).status()).toBe(200);
	await json(
		push(
			as('farmerA'),
			op('questions', 'question-a', {
				crop: '玉米',
				text: QUESTION_TEXT,
				photos: [hashOf(QUESTION_PHOTO)],
				askedAt: Date.now() - 3_600_000
			})
		)
	);
	const farmerAId = (await json<{ user: { id: string } }>(as('farmerA').get('/api/auth/me'))).user
		.id;
	const answerOp = (id: string, patch: Record<string, unknown> = {}) =>
		op('answers', id, {
			questionOwnerId: farmerAId,
			questionId: 'question-a',
			text: ANSWER_TEXT,
			answeredAt: Date.now() - 60_000,
			...patch
		});
	expect((await put(as('agentOfA'), ANSWER_PHOTO)).status()).toBe(200);
	await json(push(as('agentOfA'), answerOp('answer-a', { photos: [hashOf(ANSWER_PHOTO)] })));
	const spareAssignments = async () => {
		const made = await json<{ assignments: { id: string }[] }>(assign(as('agentOfA')));
		return made.assignments.at(-1)!.id;
	};

	const sees = (text: string) => (_: unknown, body: string) => expect(body).toContain(text);
	const neverSees =
		(...texts: string[]) =>
		(_: unknown, body: string) => {
			for (const t of texts) expect(body).not.toContain(t);
		};
	const ownPullOnly = (actor: Actor) => (body: unknown) => {
		const { changes } = body as { changes: { ownerId: string; id: string }[] };
		// farmer A's own records only; others who pushed 'field-a' hold their own record of that id
		expect(changes.some((c) => c.id === 'obs-a')).toBe(actor === 'farmerA');
		expect(new Set(changes.map((c) => c.ownerId)).size).toBeLessThanOrEqual(1);
	};
	const me = (actor: Actor) => (body: unknown) =>
		expect((body as { user: { login: string } }).user.login).toBe(LOGINS[actor as 'farmerA']);
	const signedIn = (status: number, check?: (actor: Actor) => Cell['check']) =>
		Object.fromEntries(
			ACTORS.map((a) => [a, a === 'anonymous' ? 401 : { status, check: check?.(a) }])
		) as Record<Actor, Cell>;
	const only = (allowed: Partial<Record<Actor, Cell | number>>, others = 403) =>
		Object.fromEntries(
			ACTORS.map((a) => [a, a === 'anonymous' ? 401 : (allowed[a] ?? others)])
		) as Record<Actor, Cell | number>;
	const everyone = (status: number) =>
		Object.fromEntries(ACTORS.map((a) => [a, status])) as Record<Actor, number>;
	const cloneOf = async (actor: Actor) =>
		playwright.request.newContext({
			baseURL: server.url,
			storageState: await as(actor).storageState()
		});
	let spareLogin = 0;

	const rows: Row[] = [
		{ route: 'GET /api/health', call: (api) => api.get('/api/health'), expect: everyone(200) },
		{
			route: 'GET /api/map-config',
			call: (api) => api.get('/api/map-config'),
			expect: everyone(200)
		},
		{
			route: 'GET /api/auth/me',
			call: (api) => api.get('/api/auth/me'),
			expect: signedIn(200, me)
		},
		{
			route: 'POST /api/auth/signup',
			call: async (_, actor) =>
				(await cloneOf(actor)).post('/api/auth/signup', {
					headers,
					data: { login: `perm_new_${++spareLogin}`, password: PASSWORD }
				}),
			expect: everyone(201)
		},
		{
			route: 'POST /api/auth/login (wrong password)',
			call: async (_, actor) =>
				(await cloneOf(actor)).post('/api/auth/login', {
					headers,
					data: { login: `perm_nobody_${actor}`, password: 'wrong-password' }
				}),
			expect: everyone(401)
		},
		{
			route: 'POST /api/auth/logout (a second session)',
			call: async (_, actor) => {
				const api = await playwright.request.newContext({ baseURL: server.url });
				if (actor !== 'anonymous')
					await api.post('/api/auth/login', {
						headers,
						data: { login: LOGINS[actor], password: PASSWORD }
					});
				return api.post('/api/auth/logout', { headers, data: {} });
			},
			expect: everyone(200)
		},
		{
			route: 'POST /api/sync/push (own record)',
			call: (api, actor) => push(api, op('fields', `own-${actor}`, { name: actor, areaM2: 1 })),
			expect: signedIn(200)
		},
		{
			// the same id makes the pusher's own record; farmer A's is not touched (sync-api.spec.ts)
			route: "POST /api/sync/push (farmer A's field id)",
			call: (api) => push(api, op('fields', 'field-a', { name: 'taken over', areaM2: 1 })),
			expect: signedIn(200)
		},
		{
			route: 'GET /api/sync/pull',
			call: (api) => api.get('/api/sync/pull?schemaVersion=1&since=0'),
			expect: signedIn(200, ownPullOnly)
		},
		{
			// A's own, and the agent A shares observations with (it is the photo of an observation)
			route: "GET /api/blobs/:hash (farmer A's photo)",
			call: (api) => api.get(`/api/blobs/${PHOTO_HASH}`),
			expect: only(
				Object.fromEntries(
					(['farmerA', 'agentOfA'] as const).map((actor) => [
						actor,
						{
							status: 200,
							check: (_: unknown, text: string) =>
								expect(text).toBe('farmer A’s photo of a corn borer')
						}
					])
				),
				404
			)
		},
		{
			route: 'PUT /api/blobs/:hash (own photo)',
			call: (api, actor) => put(api, ownBytes(actor)),
			expect: signedIn(200)
		},
		{
			// only one's own uploads: A's photo is as if absent to everyone else
			route: "GET /api/blobs/:hash/status (farmer A's photo)",
			call: (api) => api.get(`/api/blobs/${PHOTO_HASH}/status`),
			expect: only(
				Object.fromEntries(
					ACTORS.filter((a) => a !== 'anonymous').map((actor) => [
						actor,
						{
							status: 200,
							check: (body: unknown) =>
								expect(body).toEqual(
									actor === 'farmerA'
										? { complete: true, received: PHOTO.length, size: PHOTO.length }
										: { complete: false, received: 0 }
								)
						}
					])
				)
			)
		},
		// before anyone joins the admin's group, where the admin would be farmer A's agent
		{
			route: 'POST /api/sync/push (an own question)',
			call: (api, actor) =>
				push(api, op('questions', `question-${actor}`, { crop: '大豆', text: '豆叶卷了' })),
			expect: signedIn(200)
		},
		{
			// only who may answer farmer A's question: the agent of A's group, the maize expert
			route: "POST /api/sync/push (an answer to farmer A's question)",
			call: (api, actor) => push(api, answerOp(`answer-${actor}`, { text: '再看看' })),
			expect: only({ agentOfA: 200, expertInScope: 200 })
		},
		{
			route: 'GET /api/questions/queue',
			call: (api) => api.get('/api/questions/queue'),
			expect: only({
				agentOfA: {
					status: 200,
					check: (_, t) => (
						sees(QUESTION_TEXT)(_, t),
						sees(ANSWER_TEXT)(_, t),
						// farmer A's login is a user name, not a phone number; their name is the profile's
						sees('农户甲')(_, t)
					)
				},
				expertInScope: {
					status: 200,
					check: (_, t) => (sees(QUESTION_TEXT)(_, t), sees(ANSWER_TEXT)(_, t))
				},
				otherAgent: { status: 200, check: neverSees(QUESTION_TEXT, ANSWER_TEXT, '农户甲') },
				expertOutOfScope: { status: 200, check: neverSees(QUESTION_TEXT, ANSWER_TEXT, '农户甲') },
				admin: { status: 200, check: neverSees(QUESTION_TEXT, ANSWER_TEXT, '农户甲') }
			})
		},
		{
			route: 'GET /api/questions/answers',
			call: (api) => api.get('/api/questions/answers?since=0'),
			expect: signedIn(200, (actor) =>
				actor === 'farmerA' ? sees(ANSWER_TEXT) : neverSees(ANSWER_TEXT, QUESTION_TEXT)
			)
		},
		{
			route: "GET /api/blobs/:hash (farmer A's question photo)",
			call: (api) => api.get(`/api/blobs/${hashOf(QUESTION_PHOTO)}`),
			expect: only({ farmerA: 200, agentOfA: 200, expertInScope: 200 }, 404)
		},
		{
			route: "GET /api/blobs/:hash (agent A's answer photo)",
			call: (api) => api.get(`/api/blobs/${hashOf(ANSWER_PHOTO)}`),
			expect: only({ farmerA: 200, agentOfA: 200, expertInScope: 200 }, 404)
		},
		{
			route: 'GET /api/certificates',
			call: (api) => api.get('/api/certificates'),
			expect: signedIn(200)
		},
		{
			route: 'POST /api/certificates',
			call: (api) => api.post('/api/certificates', { headers, data: { track: 'safety' } }),
			expect: signedIn(409)
		},
		{
			route: 'GET /api/groups',
			call: (api) => api.get('/api/groups'),
			expect: {
				anonymous: 401,
				farmerA: {
					status: 200,
					check: (_, t) => (sees('A 的合作社')(_, t), neverSees('别的村', '农户甲')(_, t))
				},
				farmerB: {
					status: 200,
					check: (_, t) => (sees('别的村')(_, t), neverSees('A 的合作社')(_, t))
				},
				agentOfA: {
					status: 200,
					check: (_, t) => (sees(groupA.invite.code)(_, t), neverSees('别的村', '玉米螟')(_, t))
				},
				otherAgent: {
					status: 200,
					check: (_, t) => (sees('别的村')(_, t), neverSees('A 的合作社')(_, t))
				},
				// no longer an agent: the group they led is not theirs to see or run (members keep it)
				demotedAgent: {
					status: 200,
					check: neverSees('降职前的组', groupD.invite.code, '农户甲', '玉米螟')
				},
				expertInScope: { status: 200, check: neverSees('A 的合作社', '农户甲') },
				expertOutOfScope: { status: 200, check: neverSees('A 的合作社', '农户甲') },
				admin: { status: 200, check: (_, t) => neverSees('A 的合作社', '农户甲')(_, t) }
			}
		},
		{
			route: 'POST /api/groups',
			call: (api) => api.post('/api/groups', { headers, data: { name: '新组' } }),
			expect: only({ agentOfA: 201, otherAgent: 201, admin: 201 })
		},
		{
			route: 'POST /api/groups/join',
			call: (api) =>
				api.post('/api/groups/join', { headers, data: { code: open.invite.code, sharing: all } }),
			// the admin made that group: nobody joins their own
			expect: only({
				farmerA: 200,
				farmerB: 200,
				agentOfA: 200,
				otherAgent: 200,
				demotedAgent: 200,
				expertInScope: 200,
				expertOutOfScope: 200,
				admin: 409
			})
		},
		{
			route: 'PUT /api/groups/:id/membership',
			call: (api) =>
				api.put(`/api/groups/${groupA.id}/membership`, { headers, data: { sharing: all } }),
			expect: only({ farmerA: 200 })
		},
		{
			route: 'POST /api/groups/:id/invites',
			call: (api) => api.post(`/api/groups/${groupA.id}/invites`, { headers, data: { days: 7 } }),
			expect: only({ agentOfA: 201 })
		},
		{
			route: 'GET /api/groups/:id/dashboard',
			call: (api) => api.get(`/api/groups/${groupA.id}/dashboard`),
			expect: only({
				agentOfA: {
					status: 200,
					check: (_, t) => (
						sees('农户甲')(_, t),
						sees('玉米螟')(_, t),
						neverSees(LOGINS.farmerB)(_, t)
					)
				}
			})
		},
		{
			route: 'POST /api/groups/:id/assignments',
			call: (api) => assign(api),
			expect: only({ agentOfA: 201 })
		},
		{
			route: 'DELETE /api/groups/:id/assignments/:id',
			call: async (api) =>
				api.delete(`/api/groups/${groupA.id}/assignments/${await spareAssignments()}`, { headers }),
			expect: only({ agentOfA: 200 })
		},
		// a demoted agent's group: nobody acts as its agent until an admin makes them an agent again
		{
			route: "GET /api/groups/:id/dashboard (a demoted agent's group)",
			call: (api) => api.get(`/api/groups/${groupD.id}/dashboard`),
			expect: only({})
		},
		{
			route: "POST /api/groups/:id/invites (a demoted agent's group)",
			call: (api) => api.post(`/api/groups/${groupD.id}/invites`, { headers, data: { days: 7 } }),
			expect: only({})
		},
		{
			route: "POST /api/groups/:id/assignments (a demoted agent's group)",
			call: (api) => assign(api, groupD.id),
			expect: only({})
		},
		{
			route: "DELETE /api/groups/:id/assignments/:id (a demoted agent's group)",
			call: (api) =>
				api.delete(`/api/groups/${groupD.id}/assignments/${oldAssignment}`, { headers }),
			expect: only({})
		},
		{
			route: "PUT /api/groups/:id/membership (a demoted agent's group)",
			call: (api) =>
				api.put(`/api/groups/${groupD.id}/membership`, { headers, data: { sharing: all } }),
			// members keep their group and what they set for it
			expect: only({
				farmerA: {
					status: 200,
					check: (body) =>
						expect(body).toMatchObject({ name: '降职前的组', role: 'member', sharing: all })
				}
			})
		},
		{
			route: 'GET /api/admin/overview',
			call: (api) => api.get('/api/admin/overview'),
			expect: only({
				admin: {
					status: 200,
					check: (_, t) => (
						sees('A 的合作社')(_, t),
						neverSees('农户甲', '玉米螟', LOGINS.farmerA)(_, t)
					)
				}
			})
		},
		{
			route: 'PUT /api/admin/role',
			call: (api) =>
				api.put('/api/admin/role', { headers, data: { login: 'perm_spare', role: 'farmer' } }),
			expect: only({ admin: 200 })
		},
		{
			route: 'PUT /api/admin/role (an expert, with a scope)',
			call: (api) =>
				api.put('/api/admin/role', {
					headers,
					data: { login: 'perm_spare', role: 'expert', scope: { crops: [], counties: ['五常市'] } }
				}),
			expect: only({
				admin: {
					status: 200,
					check: (body) =>
						expect(body).toEqual({
							login: 'perm_spare',
							role: 'expert',
							scope: { crops: [], counties: ['五常市'] }
						})
				}
			})
		},
		{
			route: 'POST /api/admin/password-reset',
			call: (api) =>
				api.post('/api/admin/password-reset', { headers, data: { login: 'perm_spare' } }),
			expect: only({
				admin: {
					status: 200,
					check: (body) => expect(body).toMatchObject({ code: expect.stringMatching(/^\d{8}$/) })
				}
			})
		},
		{
			route: 'GET /t/:code (no such batch)',
			call: (api) => api.get('/t/K7QM-2XR-P4D'),
			expect: everyone(404)
		},
		{
			route: 'GET /verify/:code (no such certificate)',
			call: (api) => api.get('/verify/HT-AAAA-AAAA'),
			expect: everyone(404)
		},
		// last: leaving changes who is in the group
		{
			route: 'DELETE /api/groups/:id/membership',
			call: (api) => api.delete(`/api/groups/${groupA.id}/membership`, { headers }),
			expect: only({ farmerA: 204 })
		}
	];

	const actual: Record<string, Record<Actor, number>> = {};
	const wanted: Record<string, Record<Actor, number>> = {};
	for (const row of rows) {
		actual[row.route] = {} as Record<Actor, number>;
		wanted[row.route] = {} as Record<Actor, number>;
		for (const actor of ACTORS) {
			const cell = row.expect[actor];
			const { status, check } =
				typeof cell === 'number' ? { status: cell, check: undefined } : cell;
			const response = await row.call(as(actor), actor);
			actual[row.route]![actor] = response.status();
			wanted[row.route]![actor] = status;
			if (check && response.status() === status) {
				const text = await response.text();
				let body: unknown = null;
				try {
					body = JSON.parse(text);
				} catch {
					// not JSON (a photo's bytes)
				}
				check(body, text);
			}
		}
	}
	expect(actual).toEqual(wanted);

	// after leaving, the agent's dashboard holds nothing of farmer A
	const after = await json<object>(as('agentOfA').get(`/api/groups/${groupA.id}/dashboard`));
	expect(JSON.stringify(after)).not.toContain('农户甲');
	// …nor their question, which the maize expert still has; deleted, it leaves every queue
	const queue = (actor: Actor) =>
		json<object>(as(actor).get('/api/questions/queue')).then((q) => JSON.stringify(q));
	expect(await queue('agentOfA')).not.toContain(QUESTION_TEXT);
	expect(await queue('expertInScope')).toContain(QUESTION_TEXT);
	await json(
		push(as('farmerA'), {
			...op('questions', 'question-a', {}),
			patch: { deleted: true, updatedAt: Date.now() }
		})
	);
	expect(await queue('expertInScope')).not.toContain(QUESTION_TEXT);
	expect((await as('agentOfA').get(`/api/blobs/${hashOf(QUESTION_PHOTO)}`)).status()).toBe(404);
	expect((await as('expertInScope').get(`/api/blobs/${hashOf(QUESTION_PHOTO)}`)).status()).toBe(
		404
	);
});
