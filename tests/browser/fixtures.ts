import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import pg from 'pg';
import { areaM2, polygonOf } from '../../src/lib/domain/geometry';
import { startServer, type RunningServer } from './server';

type WorkerFixtures = { server: RunningServer; database: 'sqlite' | 'postgres' };

/** A fresh PostgreSQL database next to TEST_DATABASE_URL's (for one worker's server, say); dropped after. */
export async function withPostgres(
	use: (url: string) => Promise<void>,
	tag: string | number
): Promise<void> {
	const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
	await admin.connect();
	const name = `heitu_e2e_${process.pid}_${tag}`;
	await admin.query(`create database ${name}`);
	const url = new URL(process.env.TEST_DATABASE_URL ?? '');
	url.pathname = `/${name}`;
	try {
		await use(url.toString());
	} finally {
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

/**
 * Every test file's worker gets its own production server and database (SQLite, or PostgreSQL in the
 * `postgres` project); `baseURL` points at it.
 */
export const test = base.extend<{ serverLog: void }, WorkerFixtures>({
	baseURL: async ({ server }, use) => use(server.url),
	// when a test fails, what the server printed meanwhile goes into the report
	serverLog: [
		async ({ server }, use, testInfo) => {
			const before = server.output().length;
			await use();
			if (testInfo.status !== testInfo.expectedStatus)
				await testInfo.attach('server output', {
					body: server.output().slice(before) || '(nothing)',
					contentType: 'text/plain'
				});
		},
		{ auto: true }
	],
	database: ['sqlite', { scope: 'worker', option: true }],
	server: [
		async ({ database }, use, workerInfo) => {
			const run = async (env: Record<string, string>) => {
				const server = await startServer({ env });
				await use(server);
				await server.dispose();
			};
			if (database === 'postgres')
				await withPostgres((url) => run({ DATABASE_URL: url }), workerInfo.workerIndex);
			else await run({});
		},
		{ scope: 'worker' }
	]
});

export { expect };

/** Waits until the service worker has installed and controls this page, as after a real first visit. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((r) =>
				navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })
			);
		}
	});
}

/** Creates an account on the Me screen, the way a user does, and waits until it is signed in. */
export async function signUp(
	page: Page,
	login: string,
	password = 'heitu-black-soil'
): Promise<void> {
	await page.goto('/me');
	await page.getByRole('button', { name: '没有账户？注册一个' }).click();
	await page.getByLabel('手机号或用户名').fill(login);
	await page.getByLabel('密码（至少 8 位）').fill(password);
	await page.getByRole('button', { name: '注册新账户' }).click();
	await expect(page.getByTestId('signed-in')).toBeVisible();
}

/** Makes a field by its area (只填面积) on the field form, the way a farmer does, and waits for its page. */
export async function addFieldByArea(
	page: Page,
	name: string,
	mu: string,
	crop?: string
): Promise<void> {
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill(name);
	await page.getByText('只填面积', { exact: true }).click();
	await page.getByLabel('面积（亩）').fill(mu);
	if (crop) await page.getByLabel('作物').fill(crop);
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/** Turns elder mode on the way a user does: the big button on the home screen. */
export async function enterElderMode(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByRole('button', { name: '切换到长辈版（大字）' }).click();
	await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
}

/**
 * Puts rows straight into the app's IndexedDB (store name → rows), as earlier use of the app would have
 * left them: for screens that need more data than a test could type in.
 */
export async function putInAppDb(page: Page, rows: Record<string, object[]>): Promise<void> {
	await page.evaluate(async (rows) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('heitu');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		const tx = db.transaction(Object.keys(rows), 'readwrite');
		for (const [store, list] of Object.entries(rows))
			for (const row of list) tx.objectStore(store).put(row);
		await new Promise((resolve) => (tx.oncomplete = resolve));
		db.close();
	}, rows);
}

/**
 * Makes an account with a role straight in the server's database, the way the README says the first admin
 * is made (`npm run user:create`): agents and admins cannot sign themselves up.
 */
export async function createAccount(
	server: RunningServer,
	login: string,
	role: 'farmer' | 'agent' | 'admin',
	password = 'heitu-black-soil'
): Promise<void> {
	await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', 'scripts/user-create.ts', '--login', login, '--role', role],
		{ env: { ...process.env, ...server.databaseEnv, HEITU_PASSWORD: password } }
	);
}

/** Signs in on the Me screen, the way a user does. */
export async function logIn(
	page: Page,
	login: string,
	password = 'heitu-black-soil'
): Promise<void> {
	await page.goto('/me');
	await page.getByLabel('手机号或用户名').fill(login);
	await page.getByLabel('密码（至少 8 位）').fill(password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page.getByTestId('signed-in')).toBeVisible();
}

/** Serious or critical WCAG 2.1 AA problems axe finds on the page as it is now, in words. */
export async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * A small square field around a point (lat, lng; ±d degrees, about 45 亩 at the default), as drawing it on the
 * map would store it: its boundary and the area the app computes from it.
 */
export function squareField(lat: number, lng: number, d = 0.001) {
	const boundary = polygonOf([
		[lng - d, lat - d],
		[lng + d, lat - d],
		[lng + d, lat + d],
		[lng - d, lat + d]
	]);
	return { boundary, areaM2: Math.round(areaM2(boundary) * 10) / 10 };
}
