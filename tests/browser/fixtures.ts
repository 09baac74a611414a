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

/** Turns elder mode on the way a user does: the big button on the home screen. */
export async function enterElderMode(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByRole('button', { name: '切换到长辈版（大字）' }).click();
	await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
}
