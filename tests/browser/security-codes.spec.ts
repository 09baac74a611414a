import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { hlcToString } from '../../src/lib/domain/hlc';
import { SCHEMA_VERSION } from '../../src/lib/domain/records';
import type { PullResponse, PushOp } from '../../src/lib/domain/sync-protocol';
import { formatTraceCode, isTraceCode } from '../../src/lib/domain/trace-code';
import { createPatch } from '../factories/records';
import { addFieldByArea, expect, signUp, test, waitForServiceWorker } from './fixtures';

const PASSWORD = 'heitu-black-soil';
let opCounter = 0;

/** A whole new published batch with this code, as a device pushes it. */
function batchOp(recordId: string, code: string, product: string): PushOp {
	opCounter += 1;
	return {
		opId: `0193f0c2-7a1b-7000-8000-${String(opCounter).padStart(12, '0')}`,
		table: 'batches',
		recordId,
		patch: createPatch('batches', {
			code,
			product,
			at: Date.now(),
			publish: { enabled: true }
		}),
		hlc: hlcToString({ wall: Date.now(), counter: opCounter, node: `device-${recordId}` })
	};
}

async function apiAccount(
	playwright: { request: { newContext(o: object): Promise<APIRequestContext> } },
	url: string,
	login: string
): Promise<APIRequestContext> {
	const api = await playwright.request.newContext({
		baseURL: url,
		extraHTTPHeaders: { origin: new URL(url).origin }
	});
	expect(
		(await api.post('/api/auth/signup', { data: { login, password: PASSWORD } })).status()
	).toBe(201);
	return api;
}

/** The rows of one store of the app's IndexedDB. */
async function appRows<T>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(async (store) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('heitu');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		if (!db.objectStoreNames.contains(store)) {
			db.close();
			return [];
		}
		const rows = await new Promise<unknown[]>((resolve) => {
			const request = db.transaction(store).objectStore(store).getAll();
			request.onsuccess = () => resolve(request.result);
		});
		db.close();
		return rows as never[];
	}, store);
}

/** A field of maize, then (offline) a harvest of it: the batch page of the batch it made, and its code. */
async function offlineHarvest(page: Page, context: BrowserContext): Promise<string> {
	await addFieldByArea(page, '东大地', '20', '玉米');
	await context.setOffline(true);
	await page.goto('/records/new?type=harvest');
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
	await page.getByRole('textbox', { name: '数量' }).fill('1000');
	await page.getByLabel('数量的单位').selectOption({ label: 'kg' });
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('收获');
	const code = (await page.getByTestId('harvest-batch').textContent())!.trim();
	await page.getByTestId('harvest-batch').click();
	await expect(page.getByTestId('batch-code')).toHaveAttribute('data-code', code);
	return code.replaceAll('-', '');
}

test('a code kept for one account cannot be taken by another: the squatter is refused in plain words, the owner syncs later and /t/<code> shows the owner’s batch', async ({
	playwright,
	server,
	page
}) => {
	const owner = await apiAccount(playwright, server.url, 'code_owner');
	const reserved = await owner.post('/api/trace-codes/reserve', { data: { count: 5 } });
	expect(reserved.status()).toBe(200);
	const { codes } = (await reserved.json()) as { codes: string[] };
	expect(codes).toHaveLength(5);
	expect(codes.every(isTraceCode)).toBe(true);
	const code = codes[0]!;

	// someone reads the code off a printed label and pushes a batch with it first
	const squatter = await apiAccount(playwright, server.url, 'code_squatter');
	const squat = await squatter.post('/api/sync/push', {
		data: { schemaVersion: SCHEMA_VERSION, ops: [batchOp('squat-batch', code, '假冒玉米')] }
	});
	expect(squat.status()).toBe(409);
	expect(await squat.json()).toEqual({
		error: 'trace_code_taken',
		field: 'ops.0.patch.code',
		message: 'This trace code is kept for another account: give this batch a new code.'
	});

	// the owner's phone syncs days later: its batch gets the code
	const mine = await owner.post('/api/sync/push', {
		data: { schemaVersion: SCHEMA_VERSION, ops: [batchOp('owner-batch', code, '五常大米')] }
	});
	expect(mine.status()).toBe(200);
	const answer = await page.goto(`/t/${code}`);
	expect(answer?.status()).toBe(200);
	await expect(page.getByTestId('trace-code')).toHaveText(formatTraceCode(code));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('五常大米');
	await expect(page.getByText('假冒玉米')).toHaveCount(0);

	// a count out of range, or no account, is refused plainly
	for (const count of [0, 21, 'ten']) {
		const bad = await owner.post('/api/trace-codes/reserve', { data: { count } });
		expect(bad.status()).toBe(400);
		expect(await bad.json()).toMatchObject({ error: 'invalid', field: 'count' });
	}
	const stranger = await playwright.request.newContext({
		baseURL: server.url,
		extraHTTPHeaders: { origin: new URL(server.url).origin }
	});
	expect((await stranger.post('/api/trace-codes/reserve', { data: { count: 5 } })).status()).toBe(
		401
	);
	await Promise.all([owner.dispose(), squatter.dispose(), stranger.dispose()]);
});

test('signed in while online, the phone keeps codes for the account: a batch made offline takes one and its print page has no warning', async ({
	page,
	context
}) => {
	test.setTimeout(90_000);
	await signUp(page, 'pool_farmer');
	await waitForServiceWorker(page);
	// the sign-in's sync fills the phone's pool of kept codes
	await expect
		.poll(async () => (await appRows(page, 'traceCodes')).length, { timeout: 20_000 })
		.toBe(10);

	const code = await offlineHarvest(page, context);
	const pool = await appRows<{ code: string; used: number }>(page, 'traceCodes');
	expect(pool.find((r) => r.code === code)).toMatchObject({ used: 1 });

	await page.getByRole('link', { name: '打印标签和承诺达标合格证' }).click();
	await expect(page.getByTestId('certificate')).toContainText(formatTraceCode(code));
	await expect(page.getByTestId('code-unprotected')).toHaveCount(0);
	await page.getByRole('radio', { name: '追溯码标签' }).check();
	await expect(page.getByTestId('code-unprotected')).toHaveCount(0);
});

test('with no kept code left, a batch made offline says plainly its code is protected only after a sync; when another account took it first, the batch gets a new code and the farmer is told to print again', async ({
	page,
	context,
	playwright,
	server
}) => {
	test.setTimeout(120_000);
	// the server could not give codes (an old server, or the account's pool is empty)
	await page.route('**/api/trace-codes/reserve', (route) =>
		route.fulfill({ status: 503, body: '' })
	);
	await signUp(page, 'offline_farmer');
	await waitForServiceWorker(page);
	const code = await offlineHarvest(page, context);
	expect(await appRows(page, 'traceCodes')).toEqual([]);

	await page.getByRole('link', { name: '打印标签和承诺达标合格证' }).click();
	const warning = page.getByTestId('code-unprotected');
	await expect(warning).toHaveText(
		'注意：这个追溯码还没受保护。它是手机没网时自己编的，要等联网同步后才归你。同步前要是有人抢先用了这个码，这一批会换一个新码，已经打印的标签就作废了。最好先联网同步，再打印、再卖货；也可以照样打印。'
	);
	await page.getByRole('radio', { name: '追溯码标签' }).check();
	await expect(warning).toBeVisible();

	// someone reads the printed label and syncs a batch with that code first
	const squatter = await apiAccount(playwright, server.url, 'label_reader');
	expect(
		(
			await squatter.post('/api/sync/push', {
				data: { schemaVersion: SCHEMA_VERSION, ops: [batchOp('squat-batch', code, '假冒玉米')] }
			})
		).status()
	).toBe(200);
	await squatter.dispose();

	// signal returns: the phone's sync is refused the code, gives the batch a new one, and says so
	await context.setOffline(false);
	await page.goBack();
	const notice = page.getByTestId('code-changed');
	await expect(notice).toBeVisible({ timeout: 30_000 });
	const now = (await page.getByTestId('batch-code').getAttribute('data-code'))!;
	expect(now).not.toBe(formatTraceCode(code));
	await expect(notice).toContainText(
		`这一批的追溯码换了：旧码 ${formatTraceCode(code)} 在这台手机同步前被别人用了，新码是 ${now}。用旧码打印的标签和合格证作废了，请重新打印。`
	);
	// the new code reached the server with the batch
	const pulled = (await (
		await page.request.get(`/api/sync/pull?schemaVersion=${SCHEMA_VERSION}&since=0&limit=100`)
	).json()) as PullResponse;
	await expect
		.poll(async () => {
			const again = (await (
				await page.request.get(`/api/sync/pull?schemaVersion=${SCHEMA_VERSION}&since=0&limit=100`)
			).json()) as PullResponse;
			return again.changes.filter((c) => c.table === 'batches').map((c) => c.record.code);
		})
		.toEqual([now.replaceAll('-', '')]);
	expect(pulled.changes.some((c) => c.record.code === code)).toBe(false);
	// the print page says it too, and the warning is gone: the new code is the account's now
	await page.getByRole('link', { name: '打印标签和承诺达标合格证' }).click();
	await expect(page.getByTestId('code-changed')).toBeVisible();
	await expect(page.getByTestId('code-unprotected')).toHaveCount(0);
	// the farmer has read it: 知道了 puts it away
	await page.goBack();
	await page.getByRole('button', { name: '知道了，会重新打印' }).click();
	await expect(page.getByTestId('code-changed')).toHaveCount(0);
});
