import { expect, test, waitForServiceWorker } from './fixtures';

test('with no IndexedDB (a private window, storage blocked) the app explains and still runs', async ({
	page
}) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
	});
	await page.goto('/');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('这部手机现在不能保存数据');
	await expect(alert).toContainText('可能是无痕模式');
	await expect(alert).toContainText('课程和工具仍然可以看');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('你好！今天做点什么？');

	await page.getByRole('navigation').getByRole('link', { name: '工具' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('工具');

	// settings still apply for this visit
	await page.getByRole('navigation').getByRole('link', { name: '我的' }).click();
	await page.getByRole('link', { name: '设置' }).click();
	await page.getByRole('button', { name: '文字变大' }).click();
	await expect(page.locator('html')).toHaveCSS('font-size', '20px');
});

test('settings shows storage use and whether it is persistent', async ({ page }) => {
	await page.goto('/settings');
	await expect(page.getByTestId('storage-used')).toContainText(/已用 .+，可用约 .+/);
	await expect(page.getByTestId('storage-persistent')).toContainText(/持久存储：(已开启|未开启)/);
	const persisted = await page.evaluate(() => navigator.storage.persisted());
	await expect(page.getByTestId('storage-persistent')).toContainText(
		persisted ? '已开启' : '未开启'
	);
});

test('when the phone storage is full, saving says so and what was saved before stays', async ({
	page
}) => {
	await page.goto('/me');
	await page.getByLabel('称呼').fill('王大姐');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存在手机上。')).toBeVisible();

	// the browser refuses every write from now on, as IndexedDB does when the disk is full
	await page.evaluate(() => {
		const refuse = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		IDBObjectStore.prototype.put = refuse;
		IDBObjectStore.prototype.add = refuse;
	});
	await page.getByLabel('称呼').fill('王丽');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('alert')).toContainText('没能保存：手机存储可能满了');

	await page.reload();
	await expect(page.getByLabel('称呼')).toHaveValue('王大姐');
});

test('a phone running out of room is warned before a save can fail', async ({ page }) => {
	// the phone reports 30 MB left of its 2 GB allowance
	await page.addInitScript(() => {
		const MB = 1024 * 1024;
		navigator.storage.estimate = () => Promise.resolve({ usage: 2018 * MB, quota: 2048 * MB });
	});
	await page.goto('/records');
	await expect(page.getByTestId('storage-low')).toContainText('手机存储快满了（只剩 30 MB）');
	await page.getByTestId('storage-low').getByRole('link', { name: '看看存储情况' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
});

test('when the phone deletes the offline files mid-session, the farmer is told, nothing waiting to sync is lost, and signal brings them back', async ({
	page,
	context,
	server
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.goto('/me');
	await page.getByLabel('称呼').fill('王大姐');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存在手机上。')).toBeVisible();
	await page.goto('/');
	await expect(page.getByTestId('pending-summary')).toHaveText('1 项改动等待同步。');

	// what "clear cached files" in the phone's settings does to a running app
	await page.evaluate(async () => {
		for (const name of await caches.keys()) await caches.delete(name);
	});
	// no signal: the server is out of reach for the service worker too
	await server.stop();
	await context.setOffline(true);
	await expect(page.getByTestId('offline-files-missing')).toContainText(
		'这台手机删掉了本应用的离线文件'
	);
	// the record and its queued change are untouched (IndexedDB is not a cache)
	await expect(page.getByTestId('pending-summary')).toHaveText('1 项改动等待同步。');

	await server.restart();
	await context.setOffline(false);
	await expect(page.getByTestId('offline-files-missing')).toHaveCount(0);
	await server.stop();
	// put back: the app opens again with no network at all, with the change still waiting
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('pending-summary')).toHaveText('1 项改动等待同步。');
	await page.goto('/me');
	await expect(page.getByLabel('称呼')).toHaveValue('王大姐');
	await server.restart();
});
