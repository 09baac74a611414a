import { randomUUID } from 'node:crypto';
import { createServerDb } from '../../src/lib/server/db/database';
import { storeAsOlderServer } from '../factories/older-server';
import { createPatch } from '../factories/records';
import type { Page, PlaywrightWorkerArgs } from '@playwright/test';
import {
	createAccount,
	expect,
	logIn,
	signUp,
	test,
	waitForServiceWorker,
	withPostgres
} from './fixtures';
import { startServer, type RunningServer } from './server';

type Playwright = PlaywrightWorkerArgs['playwright'];

// Issue 18, "the record must be true", on the server's side: a record of the wrong shape is refused with the
// field named and nothing written; a change an older app queued that the server refuses is kept aside on the
// phone and shown, while the rest syncs; records stored before the rules are counted for the admin and never
// break a page.

const DAY = 86_400_000;
let seq = 0;
const hlc = () => `${String(Date.now() - 60_000 + ++seq).padStart(15, '0')}-00000-rulestest`;
const push = (table: string, recordId: string, patch: Record<string, unknown>) => ({
	schemaVersion: 1,
	ops: [{ opId: randomUUID(), table, recordId, patch, hlc: hlc() }]
});

test('records of the wrong shape sent straight to the API are refused, naming the field; nothing is written', async ({
	playwright,
	server
}) => {
	const api = await playwright.request.newContext({ baseURL: server.url });
	await api.post('/api/auth/signup', {
		data: { login: 'rules_api', password: 'heitu-black-soil' }
	});
	const cases: [string, string, Record<string, unknown>, string, RegExp][] = [
		[
			'profile',
			'me',
			createPatch('profile', { displayName: 42 }),
			'ops.0.patch.displayName',
			/not text/
		],
		[
			'profile',
			'me',
			createPatch('profile', { displayName: ['x'] }),
			'ops.0.patch.displayName',
			/not text/
		],
		[
			'lessonProgress',
			'soil-testing',
			createPatch('lessonProgress', { history: 'x' }, { id: 'soil-testing' }),
			'ops.0.patch.history',
			/not a list/
		],
		[
			'fields',
			'f1',
			createPatch('fields', { boundary: {} }),
			'ops.0.patch.boundary.type',
			/must be "Polygon"/
		],
		[
			'logs',
			's1',
			createPatch('logs', {
				type: 'sowing',
				status: 'done',
				at: Date.now() + 365 * DAY,
				details: { crop: '玉米' }
			}),
			'ops.0.patch.at',
			/done.*future/
		],
		[
			'logs',
			's2',
			createPatch('logs', {
				type: 'sowing',
				details: { crop: '玉米', seedRate: { value: '2o', unit: 'kgPerMu' } }
			}),
			'ops.0.patch.details.seedRate.value',
			/not a number/
		],
		[
			'logs',
			'h1',
			createPatch('logs', {
				type: 'harvest',
				details: { quantity: { value: 10_000_001, unit: 'kg' } }
			}),
			'ops.0.patch.details.quantity.value',
			/at most 10000000 kg/
		],
		[
			'batches',
			'b1',
			createPatch('batches', { quantityKg: -5 }),
			'ops.0.patch.quantityKg',
			/at least 0/
		]
	];
	for (const [table, id, patch, field, message] of cases) {
		const answer = await api.post('/api/sync/push', { data: push(table, id, patch) });
		expect(answer.status(), `${table} ${field}`).toBe(400);
		const body = (await answer.json()) as { error: string; field: string; message: string };
		expect(body).toMatchObject({ error: 'invalid', field });
		expect(body.message).toMatch(message);
	}
	const pulled = (await (await api.get('/api/sync/pull?schemaVersion=1&since=0')).json()) as {
		changes: unknown[];
	};
	expect(pulled.changes).toEqual([]);
	// the same records, right, are taken
	const right = await api.post('/api/sync/push', {
		data: push('logs', 's3', createPatch('logs', { type: 'sowing', details: { crop: '玉米' } }))
	});
	expect(right.status()).toBe(200);
	await api.dispose();
});

test('a change an older app queued and the server refuses is kept aside and shown; the others sync', async ({
	page,
	playwright,
	server
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await signUp(page, 'rules_phone');
	// a field made on the phone, as a farmer does, waits for the next sync
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('河边地');
	await page.getByText('只填面积', { exact: true }).click();
	await page.getByLabel('面积（亩）').fill('12.5');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByTestId('field-summary')).toContainText('12.5 亩');
	// what an older version of the app had queued: a harvest written without its weight
	await page.evaluate(
		(op) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('heitu');
				open.onsuccess = () => {
					const tx = open.result.transaction('outbox', 'readwrite');
					tx.objectStore('outbox').add(op);
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(new Error(String(tx.error)));
				};
				open.onerror = () => reject(new Error(String(open.error)));
			}),
		{
			opId: randomUUID(),
			table: 'logs',
			recordId: randomUUID(),
			patch: createPatch('logs', { type: 'harvest', details: {} }),
			hlc: hlc(),
			createdAt: Date.now()
		}
	);
	await page.goto('/me');
	await page.getByRole('button', { name: '立即同步' }).click();
	const refused = page.getByTestId('sync-refused');
	await expect(refused).toContainText('服务器没有接受的改动（1 条）');
	await expect(refused).toContainText('农事记录');
	await expect(refused).toContainText('details.quantity');
	await expect(page.getByTestId('sync-pending')).toContainText('都已同步');
	// the field reached the server
	const api = await playwright.request.newContext({ baseURL: server.url });
	await api.post('/api/auth/login', {
		data: { login: 'rules_phone', password: 'heitu-black-soil' }
	});
	const pulled = (await (await api.get('/api/sync/pull?schemaVersion=1&since=0')).json()) as {
		changes: { table: string; record: { name?: string } }[];
	};
	expect(pulled.changes.map((c) => `${c.table}:${c.record.name ?? ''}`)).toEqual(['fields:河边地']);
	// sent again, refused again, and still kept; after a reload too
	await refused.getByRole('button', { name: '再试一次' }).click();
	await expect(refused).toContainText('（1 条）');
	await page.reload();
	await expect(page.getByTestId('sync-refused')).toContainText('details.quantity');
	await api.dispose();
});

test('records an older server stored against the rules are counted for the admin and break no page', async ({
	browser,
	playwright,
	database
}, testInfo) => {
	// a server and database of this test's own: the count must be of these records only
	const run = async (env: Record<string, string>) => {
		const server = await startServer({ env });
		const context = await browser.newContext({ baseURL: server.url });
		try {
			await olderRecords(server, await context.newPage(), playwright);
		} finally {
			await context.close();
			await server.dispose();
		}
	};
	if (database === 'postgres')
		await withPostgres((url) => run({ DATABASE_URL: url }), `rules_${testInfo.workerIndex}`);
	else await run({});
});

async function olderRecords(server: RunningServer, page: Page, playwright: Playwright) {
	await createAccount(server, 'rules_admin', 'admin');
	await createAccount(server, 'rules_agent', 'agent');
	const agent = await playwright.request.newContext({ baseURL: server.url });
	await agent.post('/api/auth/login', {
		data: { login: 'rules_agent', password: 'heitu-black-soil' }
	});
	const group = (await (
		await agent.post('/api/groups', { headers: { origin: server.url }, data: { name: '红星村' } })
	).json()) as { id: string; invite: { code: string } };
	const farmer = await playwright.request.newContext({ baseURL: server.url });
	await farmer.post('/api/auth/signup', {
		data: { login: 'rules_old', password: 'heitu-black-soil' }
	});
	await farmer.post('/api/groups/join', {
		headers: { origin: server.url },
		data: {
			code: group.invite.code,
			sharing: { learning: true, observations: true, locations: true }
		}
	});
	const db = createServerDb({
		databaseUrl: server.databaseEnv.DATABASE_URL || undefined,
		sqlitePath: server.databaseEnv.SQLITE_PATH
	}).db;
	const users = await db.selectFrom('users').select(['id', 'login']).execute();
	const owner = (login: string) => users.find((u) => u.login === login)!.id;
	const store = (login: string, table: string, id: string, data: Record<string, unknown>) =>
		storeAsOlderServer(db, owner(login), table, id, data);
	// the cases, as they were stored before the checks
	await store('rules_old', 'profile', 'me', { displayName: 42, village: '' });
	await store('rules_old', 'lessonProgress', 'soil-testing', {
		lessonId: 'soil-testing',
		progress: 0.2,
		completedAt: null,
		history: 'x'
	});
	await store('rules_old', 'fields', 'f9', { name: '坏地', areaM2: 1, boundary: {} });
	await store('rules_old', 'logs', 'o9', {
		type: 'observation',
		fieldId: 'f9',
		status: 'done',
		at: Date.now() - DAY,
		notes: '',
		details: { pest: '玉米螟' }
	});
	await store('rules_agent', 'profile', 'me', { displayName: ['x'], village: '' });
	// as a database from before the rules: never checked (the check runs at the first start after they change)
	await db.deleteFrom('app_meta').where('key', '=', 'record_audit').execute();
	await db.destroy();
	await server.stop();
	await server.restart();

	const dashboard = await agent.get(`/api/groups/${group.id}/dashboard`);
	expect(dashboard.status()).toBe(200);
	const seen = (await dashboard.json()) as {
		members: { name: string; observations: { id: string }[] }[];
	};
	expect(seen.members[0]).toMatchObject({ name: 'rules_old' });
	expect(seen.members[0]!.observations.map((o) => o.id)).toEqual(['o9']);
	expect((await farmer.get('/api/groups')).status()).toBe(200);

	await logIn(page, 'rules_admin');
	await page.goto('/admin');
	await expect(page.getByTestId('admin-broken-records')).toContainText('4 条记录不符合记录规则');
	await expect(page.getByRole('heading', { name: '红星村' })).toBeVisible();
	await agent.dispose();
	await farmer.dispose();
}
