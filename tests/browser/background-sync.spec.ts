import { expect, signUp, test, waitForServiceWorker } from './fixtures';

test('with no signal the app asks for Background Sync, and the wake-up runs its sync', async ({
	page,
	server
}) => {
	await page.addInitScript(() => {
		const seen = { messages: [] as string[], registered: [] as string[] };
		Object.assign(window, { seen });
		navigator.serviceWorker?.addEventListener('message', (event) =>
			seen.messages.push(String((event.data as { type?: string }).type))
		);
		const manager = (
			window as unknown as {
				SyncManager?: { prototype: { register: (this: object, tag: string) => Promise<void> } };
			}
		).SyncManager;
		if (manager) {
			const register = manager.prototype.register;
			manager.prototype.register = function (tag: string) {
				seen.registered.push(tag);
				return register.call(this, tag);
			};
		}
	});
	const seen = () =>
		page.evaluate(
			() => (window as unknown as { seen: { messages: string[]; registered: string[] } }).seen
		);
	await page.goto('/me');
	await waitForServiceWorker(page);
	await signUp(page, 'background_user');

	await page.context().setOffline(true);
	await page.getByLabel('称呼').fill('赵叔');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('sync-problem')).toContainText('没有网络');
	await expect.poll(async () => (await seen()).registered).toContain('heitu-sync');
	await page.context().setOffline(false);
	await expect(page.getByTestId('profile-unsynced')).toHaveCount(0);

	// the browser wakes the service worker with the sync event (as Chromium does when signal returns)
	const runsBefore = await page.getByTestId('sync-history').locator('li').count();
	const cdp = await page.context().newCDPSession(page);
	const registrationId = new Promise<string>((resolve) =>
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const ours = registrations.find((r) => r.scopeURL.startsWith(server.url));
			if (ours) resolve(ours.registrationId);
		})
	);
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.dispatchSyncEvent', {
		origin: server.url,
		registrationId: await registrationId,
		tag: 'heitu-sync',
		lastChance: false
	});
	await expect.poll(async () => (await seen()).messages).toContain('SYNC');
	await expect
		.poll(() => page.getByTestId('sync-history').locator('li').count())
		.toBeGreaterThan(runsBefore);
});
