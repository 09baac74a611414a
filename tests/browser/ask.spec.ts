import type { Page } from '@playwright/test';
import type { PullResponse } from '../../src/lib/domain/sync-protocol';
import { addFieldByArea, expect, signUp, test, waitForServiceWorker } from './fixtures';

/** A phone photo of a leaf, as a JPEG made in the page: each colour gives another picture. */
async function leafPhoto(page: Page, colour: string, name: string) {
	const data = await page.evaluate((colour) => {
		const canvas = document.createElement('canvas');
		canvas.width = 640;
		canvas.height = 480;
		const ctx = canvas.getContext('2d');
		if (!ctx) return '';
		ctx.fillStyle = '#3a7d2c';
		ctx.fillRect(0, 0, 640, 480);
		ctx.fillStyle = colour;
		for (let i = 0; i < 12; i++) ctx.fillRect(40 + i * 45, 100 + (i % 3) * 90, 30, 30);
		return canvas.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '';
	}, colour);
	return { name, mimeType: 'image/jpeg', buffer: Buffer.from(data, 'base64') };
}

test('a farmer asks about a field offline with two photos; it shows 未发送, then 等回答 once synced', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await signUp(page, 'ask_farmer');
	await waitForServiceWorker(page);
	await addFieldByArea(page, '东大地', '20', '玉米');
	const photos = [
		await leafPhoto(page, '#d8c23a', 'leaf-1.jpg'),
		await leafPhoto(page, '#6b3b1f', 'leaf-2.jpg')
	];

	await context.setOffline(true);
	await page.getByRole('link', { name: '问专家' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('问专家');
	// she came from the field: its crop and the field are filled in
	await expect(page.getByLabel('作物')).toHaveValue('玉米');
	await expect(page.getByLabel('哪块地（可以不选）').locator('option:checked')).toHaveText(
		'东大地'
	);
	await expect(page.getByTestId('ask-no-group')).toHaveText(
		'你还没加入任何组。问题会先存好，但在你加入一个组之前，没有农技员能看到它。'
	);
	await expect(page.getByTestId('ask-place')).toHaveText('不带地块的位置。');
	await page.getByLabel('哪里不对？用几句话说说').fill('叶子上有黄斑，这几天越来越多');
	await page.getByLabel('从相册选').setInputFiles(photos);
	await expect(page.getByRole('img', { name: '记录照片 2' })).toBeVisible();
	await page.getByText('很急', { exact: true }).click();
	await page.getByRole('button', { name: '保存并发送' }).click();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我问的问题');
	const item = page.getByTestId('questions').locator('li');
	await expect(item).toHaveCount(1);
	await expect(item.getByTestId('question-state')).toContainText('未发送');
	await expect(item).toContainText('叶子上有黄斑，这几天越来越多');
	await expect(item).toContainText('2 张照片');

	// signal returns: the sync runs by itself and the question waits for its answer
	await context.setOffline(false);
	await expect(item.getByTestId('question-state')).toContainText('等回答', { timeout: 30_000 });
	await expect(item).toHaveCount(1);

	const pulled = (await (
		await page.request.get('/api/sync/pull?schemaVersion=1&since=0&limit=100')
	).json()) as PullResponse;
	const questions = pulled.changes.filter((c) => c.table === 'questions').map((c) => c.record);
	expect(questions).toHaveLength(1);
	const [question] = questions;
	expect(question).toMatchObject({
		crop: '玉米',
		text: '叶子上有黄斑，这几天越来越多',
		urgency: 'urgent',
		groupId: null,
		place: null
	});
	const hashes = question!.photos as string[];
	expect(new Set(hashes).size).toBe(2);
	for (const hash of hashes) {
		const status = await page.request.get(`/api/blobs/${hash}/status`);
		expect(((await status.json()) as { complete: boolean }).complete).toBe(true);
	}
});

test('a question with no words and no photo gets a plain message and nothing is saved', async ({
	page
}) => {
	await page.goto('/ask/new');
	await page.getByLabel('作物').fill('大豆');
	await page.getByRole('button', { name: '保存并发送' }).click();
	await expect(page.getByRole('alert')).toHaveText('请写几句哪里不对，或者拍一张照片。');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('问专家');

	// no crop either: each box says what it needs
	await page.getByLabel('作物').fill('');
	await page.getByRole('button', { name: '保存并发送' }).click();
	await expect(page.getByRole('alert')).toHaveText([
		'请写上是什么作物。',
		'请写几句哪里不对，或者拍一张照片。'
	]);

	await page.goto('/ask');
	await expect(page.getByText('还没问过问题')).toBeVisible();
	await expect(page.getByTestId('questions')).toHaveCount(0);
});
