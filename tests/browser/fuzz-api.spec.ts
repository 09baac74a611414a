import type { APIRequestContext, APIResponse } from '@playwright/test';
import fc from 'fast-check';
import { SCHEMA_VERSION } from '../../src/lib/domain/records';
import { SYNCED_TABLES } from '../../src/lib/domain/sync-protocol';
import { createAccount, expect, test } from './fixtures';

/**
 * Malformed requests for every API route (fast-check): never a 5xx, every 4xx names the problem in a JSON
 * body, and a refused push writes nothing. FUZZ_RUNS sets the count per route (CI: 60; the long run:
 * `FUZZ_RUNS=10000 npx playwright test fuzz-api`).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const params = { numRuns: RUNS, endOnFailure: true };
// a dozen kinds of request per run, each a few milliseconds: room for the long run too
const TIME_LIMIT = Math.max(300_000, RUNS * 1_000);

async function expectHandled(response: APIResponse, what: string) {
	const status = response.status();
	expect(status, `${what} → ${status}`).toBeLessThan(500);
	if (status >= 400 && status !== 404) {
		const body = (await response.json()) as { error?: unknown; message?: unknown };
		expect(typeof body.error, what).toBe('string');
		expect(typeof body.message, what).toBe('string');
		expect((body.message as string).length, what).toBeGreaterThan(3);
	}
}

/** Anything a client could send as a body: JSON of any shape, or bytes that are not JSON at all. */
const anyBody = fc.oneof(
	fc.jsonValue().map((v) => JSON.stringify(v)),
	fc.string({ maxLength: 300 }),
	fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1'))
);
const contentType = fc.constantFrom(
	'application/json',
	'text/plain',
	'application/x-www-form-urlencoded',
	'application/json; charset=utf-16'
);

/** A push that is nearly right, with at least one thing wrong. */
const hlc = () => `${String(Date.now()).padStart(15, '0')}-00000-fuzz`;
const goodOp = () => ({
	opId: `op-${Math.random().toString(36).slice(2, 12)}`,
	table: 'logs',
	recordId: 'r1',
	patch: { notes: 'x' },
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
	fc.string({ maxLength: 30 }).map((h) => ({ ...goodOp(), hlc: h })),
	fc.anything().map((patch) => ({ ...goodOp(), patch: Array.isArray(patch) ? patch : [patch] })),
	fc.string({ minLength: 65, maxLength: 80 }).map((recordId) => ({ ...goodOp(), recordId }))
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

async function signedIn(request: APIRequestContext, origin: string, login: string) {
	const answer = await request.post('/api/auth/signup', {
		data: { login, password: 'heitu-black-soil' },
		headers: { origin }
	});
	expect(answer.ok()).toBe(true);
}

test('malformed requests to every API route never get a server error, and every refusal says why', async ({
	request,
	server
}) => {
	test.setTimeout(TIME_LIMIT);
	const origin = new URL(server.url).origin;
	await signedIn(request, origin, 'fuzz_farmer');
	const start = (await (
		await request.get(`/api/sync/pull?schemaVersion=${SCHEMA_VERSION}`)
	).json()) as {
		cursor: number;
	};

	const posts = ['/api/auth/signup', '/api/auth/login', '/api/certificates', '/api/sync/push'];
	for (const path of posts) {
		await fc.assert(
			fc.asyncProperty(anyBody, contentType, async (data, type) => {
				const response = await request.post(path, {
					data,
					headers: { origin, 'content-type': type }
				});
				// a random body may happen to be a good signup; anything else must be refused with a reason
				await expectHandled(response, `POST ${path} ${type} ${data.slice(0, 80)}`);
			}),
			params
		);
	}

	await fc.assert(
		fc.asyncProperty(badPush, async (body) => {
			const response = await request.post('/api/sync/push', { data: body, headers: { origin } });
			expect(response.status(), JSON.stringify(body).slice(0, 200)).toBeGreaterThanOrEqual(400);
			await expectHandled(response, `push ${JSON.stringify(body).slice(0, 120)}`);
		}),
		params
	);
	// all or nothing: not one of the refused pushes left a change behind (not even their good first op)
	const after = (await (
		await request.get(`/api/sync/pull?schemaVersion=${SCHEMA_VERSION}&since=${start.cursor}`)
	).json()) as { changes: unknown[] };
	expect(after.changes).toEqual([]);

	await fc.assert(
		fc.asyncProperty(
			fc.dictionary(
				fc.constantFrom('schemaVersion', 'since', 'limit', 'x'),
				fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String))
			),
			async (query) => {
				const qs = new URLSearchParams(query).toString();
				await expectHandled(await request.get(`/api/sync/pull?${qs}`), `pull ?${qs}`);
			}
		),
		params
	);

	await fc.assert(
		fc.asyncProperty(
			fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ maxLength: 70 })),
			fc.option(fc.string({ maxLength: 40 })),
			fc.uint8Array({ maxLength: 200 }),
			async (hash, range, bytes) => {
				const path = `/api/blobs/${encodeURIComponent(hash)}`;
				const headers: Record<string, string> = { origin };
				if (range !== null) headers['content-range'] = range;
				await expectHandled(
					await request.put(path, { data: Buffer.from(bytes), headers }),
					`PUT ${path} ${range}`
				);
				await expectHandled(await request.get(path), `GET ${path}`);
				await expectHandled(await request.get(`${path}/status`), `GET ${path}/status`);
			}
		),
		params
	);
});

test('malformed requests to the group and admin routes never get a server error, and every refusal says why', async ({
	playwright,
	server
}) => {
	test.setTimeout(TIME_LIMIT);
	const origin = new URL(server.url).origin;
	await createAccount(server, 'fuzz_agent', 'agent');
	await createAccount(server, 'fuzz_admin', 'admin');
	const as = async (login: string) => {
		const api = await playwright.request.newContext({ baseURL: server.url });
		const answer = await api.post('/api/auth/login', {
			data: { login, password: 'heitu-black-soil' },
			headers: { origin }
		});
		expect(answer.ok()).toBe(true);
		return api;
	};
	const agent = await as('fuzz_agent');
	const admin = await as('fuzz_admin');
	const farmer = await playwright.request.newContext({ baseURL: server.url });
	await signedIn(farmer, origin, 'fuzz_member');
	const made = await agent.post('/api/groups', {
		data: { name: '模糊测试组' },
		headers: { origin }
	});
	const group = (await made.json()) as { id: string; invite: { code: string } };
	await farmer.post('/api/groups/join', {
		data: {
			code: group.invite.code,
			sharing: { learning: true, observations: true, locations: true }
		},
		headers: { origin }
	});

	// each route with the caller it is for, so bodies get past the permission check to be read
	const routes: [APIRequestContext, 'post' | 'put', string][] = [
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
					headers: { origin, 'content-type': type }
				});
				await expectHandled(
					response,
					`${method.toUpperCase()} ${path} ${type} ${data.slice(0, 80)}`
				);
			}),
			params
		);
	}
	// near-right bodies: the right keys with values of any kind
	const nearly = fc.record({
		name: fc.anything(),
		code: fc.oneof(fc.string({ maxLength: 12 }), fc.anything()),
		sharing: fc.oneof(
			fc.record({ learning: fc.anything(), observations: fc.boolean(), locations: fc.boolean() }),
			fc.anything()
		),
		days: fc.oneof(fc.integer({ min: -10, max: 200 }), fc.anything()),
		lessonId: fc.oneof(fc.constantFrom('soil-testing', 'nope', ''), fc.anything()),
		dueAt: fc.oneof(fc.integer(), fc.double(), fc.anything()),
		login: fc.oneof(fc.constantFrom('fuzz_member', 'fuzz_admin', ''), fc.anything()),
		role: fc.oneof(fc.constantFrom('agent', 'farmer', 'admin', 'root'), fc.anything())
	});
	for (const [api, method, path] of routes) {
		await fc.assert(
			fc.asyncProperty(nearly, async (body) => {
				const response = await api[method](path, { data: body, headers: { origin } });
				await expectHandled(
					response,
					`${method.toUpperCase()} ${path} ${JSON.stringify(body).slice(0, 120)}`
				);
			}),
			params
		);
	}
	// the member's group is still whole: a refused change wrote nothing half-way
	const mine = (await (await farmer.get('/api/groups')).json()) as { groups: { id: string }[] };
	expect(mine.groups.map((g) => g.id)).toContain(group.id);
});
