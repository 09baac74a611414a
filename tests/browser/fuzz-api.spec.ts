import fc from 'fast-check';
import { NO_SHARING } from '../../src/lib/domain/groups';
import { SCHEMA_VERSION } from '../../src/lib/domain/records';
import { SYNCED_TABLES } from '../../src/lib/domain/sync-protocol';
import { createPatch } from '../factories/records';
import { createAccount, expect, test } from './fixtures';
import {
	anyBody,
	anyText,
	anyValue,
	check,
	Client,
	contentType,
	expectHandled,
	pathText,
	shown,
	signedIn
} from './fuzz-client';

/**
 * Malformed requests for every API route (fast-check): never a 5xx, every 4xx names the problem in a JSON
 * body, and a refused push writes nothing. FUZZ_RUNS sets the count per route (CI: 60; the long run:
 * `FUZZ_RUNS=10000 npx playwright test fuzz-api`, about 5 minutes on 2 cores).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const params = { numRuns: RUNS, endOnFailure: true };
// two dozen kinds of request per run, each a few milliseconds: room for the long run too
const TIME_LIMIT = Math.max(300_000, RUNS * 100);

/** A push that is nearly right, with at least one thing wrong. */
const hlc = () => `${String(Date.now()).padStart(15, '0')}-00000-fuzz`;
/** A whole new record the server takes (an observation), so what is refused is the other op's fault. */
const goodOp = () => ({
	opId: `op-${Math.random().toString(36).slice(2, 12)}`,
	table: 'logs',
	recordId: `r-${Math.random().toString(36).slice(2, 12)}`,
	patch: createPatch('logs', { notes: 'x' }),
	hlc: hlc()
});
const badOp = fc.oneof(
	fc
		.anything()
		.filter((id) => !(typeof id === 'string' && id.length >= 8 && id.length <= 64))
		.map((opId) => ({ ...goodOp(), opId })),
	fc
		.string({ maxLength: 20 })
		.filter((t) => !(SYNCED_TABLES as readonly string[]).includes(t))
		.map((table) => ({ ...goodOp(), table })),
	anyText({ maxLength: 30 }).map((h) => ({ ...goodOp(), hlc: h })),
	anyValue.map((patch) => ({ ...goodOp(), patch: Array.isArray(patch) ? patch : [patch] })),
	anyText({ minLength: 65, maxLength: 80 }).map((recordId) => ({ ...goodOp(), recordId }))
);
const badPush = fc.oneof(
	badOp.map((op) => ({ schemaVersion: SCHEMA_VERSION, ops: [goodOp(), op] })),
	fc
		.anything()
		.filter((v) => v !== SCHEMA_VERSION)
		.map((v) => ({ schemaVersion: v, ops: [] })),
	fc
		.anything()
		.map((ops) => (typeof ops === 'object' ? ops : [ops]))
		// an empty list is a valid (empty) push
		.filter((ops) => !(Array.isArray(ops) && ops.length === 0))
		.map((ops) => ({ schemaVersion: SCHEMA_VERSION, ops })),
	fc.integer({ min: -5, max: 5 }).map((since) => ({
		schemaVersion: SCHEMA_VERSION,
		ops: [goodOp()],
		since: since < 0 ? since : String(since)
	}))
);

/** A signup and login body whose texts have a NUL in them. */
const withNul = JSON.stringify({ login: 'nul\u0000farmer', password: 'heitu-black\u0000soil' });

test('malformed requests to every API route never get a server error, and every refusal says why', async ({
	server
}) => {
	test.setTimeout(TIME_LIMIT);
	const request = await signedIn(server.url, 'fuzz_farmer', 'signup');
	const start = JSON.parse(
		(await request.get(`/api/sync/pull?schemaVersion=${SCHEMA_VERSION}`)).text
	) as { cursor: number };

	const posts = [
		'/api/auth/signup',
		'/api/auth/login',
		'/api/certificates',
		'/api/sync/push',
		'/api/trace-codes/reserve'
	];
	for (const path of posts) {
		await fc.assert(
			fc.asyncProperty(anyBody, contentType, async (data, type) => {
				const response = await request.post(path, {
					data,
					headers: { 'content-type': type }
				});
				// a random body may happen to be a good signup; anything else must be refused with a reason
				expectHandled(response, `POST ${path} ${type} ${shown(data)}`);
			}),
			// NULs every time, whatever the run count: PostgreSQL refuses them in text
			{ ...params, examples: [[withNul, 'application/json']] }
		);
	}

	await fc.assert(
		fc.asyncProperty(badPush, async (body) => {
			const response = await request.post('/api/sync/push', { data: body });
			const what = `push ${JSON.stringify(body).slice(0, 160)}`;
			check(response.status >= 400, `${what} → ${response.status}: a bad push was taken`);
			expectHandled(response, what);
		}),
		params
	);
	// all or nothing: not one of the refused pushes left a change behind (not even their good first op)
	const after = JSON.parse(
		(await request.get(`/api/sync/pull?schemaVersion=${SCHEMA_VERSION}&since=${start.cursor}`)).text
	) as { changes: unknown[] };
	expect(after.changes).toEqual([]);

	await fc.assert(
		fc.asyncProperty(
			fc.dictionary(
				fc.constantFrom('schemaVersion', 'since', 'limit', 'x'),
				fc.oneof(anyText({ maxLength: 20 }), fc.integer().map(String))
			),
			async (query) => {
				const qs = new URLSearchParams(query).toString();
				expectHandled(await request.get(`/api/sync/pull?${qs}`), `pull ?${qs}`);
			}
		),
		params
	);

	await fc.assert(
		fc.asyncProperty(
			fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), pathText(70)),
			fc.option(fc.string({ maxLength: 40 })),
			fc.uint8Array({ maxLength: 200 }),
			async (hash, range, bytes) => {
				const path = `/api/blobs/${encodeURIComponent(hash)}`;
				const headers: Record<string, string> = {};
				if (range !== null) headers['content-range'] = range;
				expectHandled(await request.put(path, { data: bytes, headers }), `PUT ${path} ${range}`);
				expectHandled(await request.get(path), `GET ${path}`);
				expectHandled(await request.get(`${path}/status`), `GET ${path}/status`);
			}
		),
		params
	);

	// every route with every method, and addresses that are no route: a refusal in the same JSON shape
	const someone = await signedIn(server.url, 'fuzz_wanderer', 'signup');
	const hash = 'a'.repeat(64);
	const id = '01a2284c-318f-75ec-93d9-6c73e6d44a39';
	const routes = [
		'/api/admin/overview',
		'/api/admin/role',
		'/api/auth/login',
		'/api/auth/me',
		'/api/auth/signup',
		`/api/blobs/${hash}`,
		`/api/blobs/${hash}/status`,
		'/api/certificates',
		'/api/groups',
		`/api/groups/${id}/assignments`,
		`/api/groups/${id}/assignments/${id}`,
		`/api/groups/${id}/dashboard`,
		`/api/groups/${id}/invites`,
		`/api/groups/${id}/membership`,
		'/api/groups/join',
		'/api/health',
		'/api/map-config',
		`/api/sync/pull?schemaVersion=${SCHEMA_VERSION}`,
		'/api/sync/push',
		'/api/trace-codes/reserve'
	];
	await fc.assert(
		fc.asyncProperty(
			fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH' as const),
			fc.oneof(
				fc.constantFrom(...routes),
				// escapes that decode to no text at all: SvelteKit answers these before any route
				fc.constantFrom('/api/%FF', '/api/groups/%E4%B8/dashboard', '/api/%C0%80', '/api/sync/%ZZ'),
				// never '.' or '..': the client resolves those away, and the address leaves /api/
				fc
					.array(
						pathText(12).filter((part) => part !== '.' && part !== '..'),
						{ minLength: 1, maxLength: 4 }
					)
					.map((parts) => `/api/${parts.map(encodeURIComponent).join('/')}`)
			),
			async (method, path) => {
				const data = method === 'GET' ? undefined : '{}';
				const headers = data ? { 'content-type': 'application/json' } : undefined;
				expectHandled(await someone.send(method, path, { data, headers }), `${method} ${path}`);
			}
		),
		params
	);
});

test('malformed requests to the group and admin routes never get a server error, and every refusal says why', async ({
	server
}) => {
	test.setTimeout(TIME_LIMIT);
	await createAccount(server, 'fuzz_agent', 'agent');
	await createAccount(server, 'fuzz_admin', 'admin');
	const agent = await signedIn(server.url, 'fuzz_agent', 'login');
	const admin = await signedIn(server.url, 'fuzz_admin', 'login');
	const farmer = await signedIn(server.url, 'fuzz_member', 'signup');
	const made = await agent.post('/api/groups', { data: { name: '模糊测试组' } });
	const group = JSON.parse(made.text) as { id: string; invite: { code: string } };
	const joined = await farmer.post('/api/groups/join', {
		data: {
			code: group.invite.code,
			sharing: { learning: true, observations: true, locations: true }
		}
	});
	expect(joined.status, joined.text).toBe(200);

	// each route with the caller it is for, so bodies get past the permission check to be read
	const routes: [Client, 'post' | 'put', string][] = [
		[agent, 'post', '/api/groups'],
		[farmer, 'post', '/api/groups/join'],
		[farmer, 'put', `/api/groups/${group.id}/membership`],
		[agent, 'post', `/api/groups/${group.id}/invites`],
		[agent, 'post', `/api/groups/${group.id}/assignments`],
		[admin, 'put', '/api/admin/role']
	];
	for (const [api, method, path] of routes) {
		await fc.assert(
			fc.asyncProperty(anyBody, contentType, async (data, type) => {
				const response = await api[method](path, {
					data,
					headers: { 'content-type': type }
				});
				expectHandled(response, `${method.toUpperCase()} ${path} ${type} ${shown(data)}`);
			}),
			params
		);
	}
	// near-right bodies: the right keys with values of any kind
	// every text a NUL, the rest right: each route reads its own field past its checks
	const nulBody = {
		name: '互助组\u0000',
		code: `${group.invite.code}\u0000`,
		sharing: { learning: true, observations: false, locations: false },
		days: 14,
		lessonId: 'soil-testing\u0000',
		dueAt: Date.now() + 86_400_000,
		login: 'fuzz_member\u0000',
		role: 'agent\u0000'
	};
	const nearly = fc.record({
		name: anyValue,
		code: fc.oneof(anyText({ maxLength: 12 }), anyValue),
		sharing: fc.oneof(
			fc.record({ learning: anyValue, observations: fc.boolean(), locations: fc.boolean() }),
			anyValue
		),
		days: fc.oneof(fc.integer({ min: -10, max: 200 }), anyValue),
		lessonId: fc.oneof(fc.constantFrom('soil-testing', 'nope', ''), anyValue),
		dueAt: fc.oneof(fc.integer(), fc.double(), anyValue),
		login: fc.oneof(fc.constantFrom('fuzz_member', 'fuzz_admin', ''), anyValue),
		role: fc.oneof(fc.constantFrom('agent', 'farmer', 'admin', 'root'), anyValue)
	});
	for (const [api, method, path] of routes) {
		await fc.assert(
			fc.asyncProperty(nearly, async (body) => {
				const response = await api[method](path, { data: body });
				expectHandled(
					response,
					`${method.toUpperCase()} ${path} ${JSON.stringify(body).slice(0, 120)}`
				);
			}),
			{ ...params, examples: [[nulBody]] }
		);
	}
	// ids in the path of any shape: not a group, not an assignment, not even text a database would take as an id
	const anyId = fc.oneof(
		pathText(60),
		fc.uuid(),
		fc.constantFrom(
			group.id,
			`${group.id}x`,
			group.id.toUpperCase(),
			'0',
			'-1',
			'\u0000',
			'%00',
			'..'
		)
	);
	await fc.assert(
		fc.asyncProperty(anyId, anyId, async (rawId, rawAssignment) => {
			const id = encodeURIComponent(rawId);
			const assignment = encodeURIComponent(rawAssignment);
			const base = `/api/groups/${id}`;
			expectHandled(await agent.get(`${base}/dashboard`), `GET ${base}/dashboard`);
			expectHandled(await agent.post(`${base}/invites`, { data: {} }), `POST ${base}/invites`);
			expectHandled(
				await agent.send('DELETE', `${base}/assignments/${assignment}`),
				`DELETE ${base}/assignments/${assignment}`
			);
			if (rawId === group.id) return;
			expectHandled(
				await farmer.put(`${base}/membership`, { data: { sharing: NO_SHARING } }),
				`PUT ${base}/membership`
			);
			expectHandled(await farmer.send('DELETE', `${base}/membership`), `DELETE ${base}/membership`);
		}),
		// a NUL every time, whatever the run count: PostgreSQL refuses it in text
		{
			...params,
			examples: [
				['\u0000', 'x'],
				[group.id, '\u0000']
			]
		}
	);
	// logging out with any body is answered plainly: signed in (once: each sign-in is a slow password hash),
	// then not signed in, any number of times
	const leaving = await signedIn(server.url, 'fuzz_member', 'login');
	const left = await leaving.post('/api/auth/logout', {
		data: '\u0000{]',
		headers: { 'content-type': 'text/plain' }
	});
	expectHandled(left, 'POST /api/auth/logout, signed in, with a body that is not JSON');
	expect((await leaving.get('/api/auth/me')).status).toBe(401);
	await fc.assert(
		fc.asyncProperty(anyBody, contentType, async (data, type) => {
			const someone = new Client(server.url);
			expectHandled(
				await someone.post('/api/auth/logout', { data, headers: { 'content-type': type } }),
				`POST /api/auth/logout ${type} ${shown(data)}`
			);
		}),
		params
	);
	// the member's group is still whole: a refused change wrote nothing half-way
	const mine = JSON.parse((await farmer.get('/api/groups')).text) as { groups: { id: string }[] };
	expect(mine.groups.map((g) => g.id)).toContain(group.id);
});
