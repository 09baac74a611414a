import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, signUp, test } from './fixtures';

async function phone(browser: Browser, baseURL: string): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai'
	});
	return context.newPage();
}

async function saveProfile(page: Page, name: string, village: string) {
	await page.getByLabel('称呼').fill(name);
	await page.getByLabel('村（屯）').fill(village);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存在手机上。')).toBeVisible();
}

test('two phones of one farmer: what one saves offline reaches the other when signal returns', async ({
	browser,
	server
}) => {
	const a = await phone(browser, server.url);
	const b = await phone(browser, server.url);

	// phone A is used before there is an account: the profile stays on the phone
	await a.goto('/me');
	await saveProfile(a, '王大姐', '红星村');
	await expect(a.getByTestId('profile-shown')).toHaveText('王大姐 · 红星村');

	// signing up uploads what was made before
	await a.getByRole('button', { name: '没有账户？注册一个' }).click();
	await a.getByLabel('手机号或用户名').fill('138 0000 1234');
	await a.getByLabel('密码（至少 8 位）').fill('heitu-black-soil');
	await a.getByRole('button', { name: '注册新账户' }).click();
	await expect(a.getByTestId('signed-in')).toHaveText('已登录：13800001234');
	await expect(a.getByTestId('sync-pending')).toHaveText('所有改动都已同步。');
	await expect(a.getByTestId('sync-last')).toContainText('上次同步：');

	// phone B logs in and gets it
	await b.goto('/me');
	await b.getByLabel('手机号或用户名').fill('13800001234');
	await b.getByLabel('密码（至少 8 位）').fill('heitu-black-soil');
	await b.getByRole('button', { name: '登录' }).click();
	await expect(b.getByTestId('signed-in')).toHaveText('已登录：13800001234');
	await expect(b.getByTestId('profile-shown')).toHaveText('王大姐 · 红星村');

	// phone A goes out of signal and edits
	await a.context().setOffline(true);
	await saveProfile(a, '王丽', '红星村');
	await expect(a.getByTestId('profile-unsynced')).toHaveText('未同步');
	await expect(a.getByRole('status').getByText('1 项待同步')).toBeVisible();
	await expect(a.getByTestId('sync-problem')).toContainText('没有网络');

	await b.getByRole('button', { name: '立即同步' }).click();
	await expect(b.getByTestId('sync-history').locator('li').first()).toContainText('成功');
	await expect(b.getByTestId('profile-shown')).toHaveText('王大姐 · 红星村');

	// signal returns: phone A syncs by itself
	await a.context().setOffline(false);
	await expect(a.getByTestId('profile-unsynced')).toHaveCount(0);
	await expect(a.getByTestId('sync-pending')).toHaveText('所有改动都已同步。');

	await b.getByRole('button', { name: '立即同步' }).click();
	await expect(b.getByTestId('profile-shown')).toHaveText('王丽 · 红星村');
	await expect(b.getByLabel('称呼')).toHaveValue('王丽');

	await a.context().close();
	await b.context().close();
});

test('a wrong password or a taken login gets a plain message, and nothing changes', async ({
	page
}) => {
	await page.goto('/me');
	await page.getByRole('button', { name: '没有账户？注册一个' }).click();
	await page.getByLabel('手机号或用户名').fill('li');
	await page.getByLabel('密码（至少 8 位）').fill('short');
	await page.getByRole('button', { name: '注册新账户' }).click();
	await expect(page.getByRole('alert')).toContainText('以字母开头、3 到 32 位');

	await page.getByLabel('手机号或用户名').fill('farmer_li');
	await page.getByRole('button', { name: '注册新账户' }).click();
	await expect(page.getByRole('alert')).toHaveText('密码至少要 8 位。');

	await page.getByRole('button', { name: '已有账户？直接登录' }).click();
	await page.getByLabel('密码（至少 8 位）').fill('not-the-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toHaveText('手机号（用户名）或密码不对。');
	await expect(page.getByTestId('signed-in')).toHaveCount(0);
});

test('a profile photo is made small on the phone and reaches the other phone', async ({
	browser,
	server
}) => {
	const a = await phone(browser, server.url);
	const b = await phone(browser, server.url);
	await signUp(a, 'camera_farmer');

	// a camera-sized photo: a label photo (from ../shared/fixtures/labels), enlarged 4× as a phone camera takes it
	const fixture = readFileSync(join('tests', 'fixtures', 'label-photo.jpg'));
	const big = await a.evaluate(async (base64) => {
		const image = await createImageBitmap(
			new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' })
		);
		const canvas = new OffscreenCanvas(image.width * 4, image.height * 4);
		canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
		const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let binary = '';
		for (const byte of bytes) binary += String.fromCharCode(byte);
		return { base64: btoa(binary), width: canvas.width, height: canvas.height };
	}, fixture.toString('base64'));
	const original = Buffer.from(big.base64, 'base64');
	expect(Math.max(big.width, big.height)).toBeGreaterThan(3000);

	await a.getByLabel('拍照或选一张照片').setInputFiles({
		name: 'camera.jpg',
		mimeType: 'image/jpeg',
		buffer: original
	});
	const shown = a.getByTestId('stored-photo');
	await expect(shown).toBeVisible();
	const size = await shown.evaluate((img: HTMLImageElement) => ({
		w: img.naturalWidth,
		h: img.naturalHeight
	}));
	expect(Math.max(size.w, size.h)).toBe(1600);
	const stored = await a.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const request = indexedDB.open('heitu');
			request.onsuccess = () => resolve(request.result);
		});
		const rows = await new Promise<{ size: number; uploaded: number }[]>((resolve) => {
			const request = db.transaction('blobs').objectStore('blobs').getAll();
			request.onsuccess = () => resolve(request.result as { size: number; uploaded: number }[]);
		});
		db.close();
		return rows;
	});
	expect(stored).toHaveLength(1);
	expect(stored[0]!.size).toBeLessThanOrEqual(250 * 1024);
	expect(stored[0]!.size).toBeLessThan(original.length / 3);
	await expect(a.getByTestId('sync-pending')).toHaveText('所有改动都已同步。');

	await b.goto('/me');
	await b.getByLabel('手机号或用户名').fill('camera_farmer');
	await b.getByLabel('密码（至少 8 位）').fill('heitu-black-soil');
	await b.getByRole('button', { name: '登录' }).click();
	const other = b.getByTestId('stored-photo');
	await expect(other).toBeVisible();
	expect(await other.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(size.w);

	// a file that is not a photo gets a plain message
	await a.getByLabel('拍照或选一张照片').setInputFiles({
		name: 'notes.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('not a photo')
	});
	await expect(a.getByRole('alert')).toHaveText('这个文件不是照片，请换一张。');
	await a.context().close();
	await b.context().close();
});
