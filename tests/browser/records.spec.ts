import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { PullResponse } from '../../src/lib/domain/sync-protocol';
import { addFieldByArea, expect, putInAppDb, signUp, test, waitForServiceWorker } from './fixtures';

const photo = {
	name: 'field.jpg',
	mimeType: 'image/jpeg',
	buffer: readFileSync('tests/fixtures/label-photo.jpg')
};

const box = (page: Page, name: string) => page.getByRole('textbox', { name });

/** Each kind of record, with what it asks for filled in as a farmer would. */
const kinds: { type: string; label: string; fill: (page: Page) => Promise<void> }[] = [
	{
		type: 'sowing',
		label: '播种',
		fill: async (page) => {
			await box(page, '作物').fill('大豆');
			await box(page, '品种').fill('黑河43');
			await box(page, '播种量').fill('5');
		}
	},
	{
		type: 'fertilizing',
		label: '施肥',
		fill: async (page) => {
			await page.getByLabel('用的农资').selectOption({ label: '尿素' });
			await box(page, '用量').fill('15');
			await page.getByLabel('方式').selectOption({ label: '条施' });
		}
	},
	{
		type: 'spraying',
		label: '打药',
		fill: async (page) => {
			await page.getByLabel('用的农资').selectOption({ label: '烟嘧磺隆' });
			await box(page, '用药量').fill('60');
			await box(page, '防治对象').fill('禾本科杂草');
			await box(page, '用水量').fill('30');
			await box(page, '天气').fill('晴，微风');
		}
	},
	{
		type: 'irrigation',
		label: '浇水',
		fill: async (page) => {
			await box(page, '用水量').fill('40');
		}
	},
	{ type: 'observation', label: '田间观察', fill: () => Promise.resolve() },
	{
		type: 'harvest',
		label: '收获',
		fill: async (page) => {
			await box(page, '数量').fill('13000');
			await box(page, '含水量').fill('26');
			await box(page, '批号').fill('2026-DD-01');
			// sprayed with 烟嘧磺隆 (30 days) the same day: the farmer is warned and confirms it is their record
			await page.getByLabel('我知道还没过安全间隔期，仍要保存这条记录').check();
		}
	},
	{
		type: 'sale',
		label: '销售',
		fill: async (page) => {
			await box(page, '买家').fill('县粮库');
			await box(page, '数量').fill('12000');
			// the harvest just recorded made a batch: the sale sells from it
			await page.getByLabel('批次').selectOption({ index: 1 });
		}
	}
];

test('every kind of record is made offline with a photo, survives a reload, and reaches the server', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation({ latitude: 45.75, longitude: 126.63, accuracy: 12 });
	await signUp(page, 'records_farmer');
	await waitForServiceWorker(page);

	// a field and two inputs, made while there is signal
	await addFieldByArea(page, '东大地', '20');
	await page.goto('/inputs/new');
	await page.getByLabel('名称').fill('尿素');
	await page.getByLabel('养分含量').fill('46-0-0');
	await page.getByRole('button', { name: '保存农资' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('尿素');
	await page.goto('/inputs/new');
	await page.getByText('农药', { exact: true }).click();
	await page.getByLabel('名称').fill('烟嘧磺隆');
	await page.getByLabel('登记证号').fill('20080005');
	await page.getByRole('button', { name: '保存农资' }).click();
	await expect(page.getByRole('alert')).toContainText('PD 加数字');
	await page.getByLabel('登记证号').fill('PD20080005');
	await page.getByLabel('安全间隔期').fill('30');
	await page.getByRole('button', { name: '保存农资' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('烟嘧磺隆');

	// out in the field: no signal at all
	await context.setOffline(true);
	for (const kind of kinds) {
		await page.goto('/records/new');
		await page.getByLabel('做了什么').selectOption(kind.type);
		await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
		await kind.fill(page);
		await page.getByLabel('从相册选').setInputFiles(photo);
		await expect(page.getByRole('img', { name: '记录照片 1' })).toBeVisible();
		await expect(page.getByTestId('log-point')).toContainText('纬度 45.75000，经度 126.63000');
		await page.getByRole('button', { name: '保存记录' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(kind.label);
		await expect(page.getByTestId('log-unsynced')).toHaveText('未同步');
	}

	await page.goto('/records');
	await page.reload();
	const timeline = page.getByTestId('timeline').locator('li');
	await expect(timeline).toHaveCount(kinds.length);
	await expect(timeline.filter({ hasText: '未同步' })).toHaveCount(kinds.length);
	await expect(timeline.filter({ hasText: '施肥' })).toContainText('尿素 · 15 kg/亩');
	await expect(timeline.filter({ hasText: '打药' })).toContainText(
		'烟嘧磺隆 · 60 ml/亩 · 禾本科杂草'
	);

	// signal returns: everything goes up by itself, once
	await context.setOffline(false);
	await expect(timeline.filter({ hasText: '未同步' })).toHaveCount(0, { timeout: 20_000 });
	const pulled = (await (
		await page.request.get('/api/sync/pull?schemaVersion=1&since=0&limit=100')
	).json()) as PullResponse;
	const logs = pulled.changes.filter((c) => c.table === 'logs').map((c) => c.record);
	expect(logs.map((l) => l.type).sort()).toEqual(kinds.map((k) => k.type).sort());
	const fertilizing = logs.find((l) => l.type === 'fertilizing')!;
	expect(fertilizing.details).toMatchObject({
		rate: { value: 15, unit: 'kgPerMu' },
		method: 'band'
	});
	expect(fertilizing.point).toMatchObject({ lat: 45.75, lng: 126.63, accuracy: 12 });
	const harvest = logs.find((l) => l.type === 'harvest')!;
	expect(harvest.details).toMatchObject({
		quantity: { value: 13000, unit: 'kg' },
		lot: '2026-DD-01'
	});
	// photos go up after their records, in the same sync run
	for (const log of logs) {
		const [hash] = log.photos as string[];
		await expect
			.poll(async () => {
				const status = await page.request.get(`/api/blobs/${hash}/status`);
				return ((await status.json()) as { complete: boolean }).complete;
			})
			.toBe(true);
	}
});

test('a half-filled record is offered back after a reload, and bad values are named', async ({
	page
}) => {
	await page.goto('/records/new');
	await page.getByLabel('做了什么').selectOption('harvest');
	await box(page, '数量').fill('99999999');
	await page.getByLabel('备注').fill('东头先收');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('alert').first()).toHaveText('这个数太大了，是不是多打了一个 0？');

	await page.reload();
	await expect(page.getByText('有一份没保存完的草稿')).toBeVisible();
	await page.getByRole('button', { name: '接着填' }).click();
	await expect(page.getByLabel('备注')).toHaveValue('东头先收');
	await expect(page.getByLabel('做了什么')).toHaveValue('harvest');
	await box(page, '数量').fill('650');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('收获');

	// the draft is gone once the record is saved
	await page.goto('/records/new');
	await expect(page.getByLabel('备注')).toHaveValue('');
	await expect(page.getByText('有一份没保存完的草稿')).toHaveCount(0);
});

test('a file that is not a photo gets a plain message and the record keeps its other photos', async ({
	page
}) => {
	await page.goto('/records/new');
	await page
		.getByLabel('从相册选')
		.setInputFiles([
			photo,
			{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') }
		]);
	await expect(page.getByRole('alert')).toHaveText('“notes.txt”不是照片，没有加上。');
	await expect(page.getByRole('img', { name: '记录照片 1' })).toBeVisible();
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(
		page.getByText('照片 1 张').or(page.getByRole('img', { name: '记录照片 1' }))
	).toBeVisible();
});

test('a long record list shows a screenful at a time', async ({ page }) => {
	await page.goto('/records');
	await expect(page.getByText('还没有农事记录')).toBeVisible();
	// a season's worth of records already on the phone (written straight into its database)
	await putInAppDb(page, {
		logs: Array.from({ length: 130 }, (_, i) => ({
			id: `0193f0c2-0000-7000-8000-${String(i).padStart(12, '0')}`,
			ownerId: '',
			hlc: '001777593600000-00000-seed',
			clocks: {},
			deleted: false,
			createdAt: 0,
			updatedAt: 0,
			type: 'observation',
			fieldId: null,
			status: 'done',
			at: Date.UTC(2026, 4, 1) + i * 3_600_000,
			notes: `第 ${i + 1} 条`
		}))
	});
	await page.reload();
	const rows = page.getByTestId('timeline').locator('li');
	await expect(rows).toHaveCount(100);
	await page.getByRole('button', { name: '再显示 100 条' }).click();
	await expect(rows).toHaveCount(130);
	await expect(page.getByRole('button', { name: '再显示 100 条' })).toHaveCount(0);
});
