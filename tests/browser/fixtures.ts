import { test as base, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './server';

type WorkerFixtures = { server: RunningServer };

/** Every test file's worker gets its own production server and database; `baseURL` points at it. */
export const test = base.extend<object, WorkerFixtures>({
	baseURL: async ({ server }, use) => use(server.url),
	server: [
		// eslint-disable-next-line no-empty-pattern
		async ({}, use) => {
			const server = await startServer();
			await use(server);
			await server.dispose();
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

/** Turns elder mode on the way a user does: the big button on the home screen. */
export async function enterElderMode(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByRole('button', { name: '切换到长辈版（大字）' }).click();
	await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
}
