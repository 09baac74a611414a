import { LATEST_MIGRATION } from '../../src/lib/server/db/migrations';
import { expect, putInAppDb, test } from './fixtures';

const tabs = [
	{ name: '学习', heading: '学习', empty: '科学施肥' },
	{ name: '地块', heading: '地块', empty: '还没有地块' },
	{ name: '记录', heading: '农事记录', empty: '还没有农事记录' },
	{ name: '工具', heading: '工具', empty: '施肥计算器' },
	{ name: '我的', heading: '我的', empty: '没有账户也能用，数据只保存在这部手机上。' }
];

test('a first visit shows the home screen in Chinese with the five tabs', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('你好！今天做点什么？');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	const nav = page.getByRole('navigation', { name: '主导航' });
	await expect(nav.getByRole('link')).toHaveText(tabs.map((t) => t.name));
	await expect(page.getByTestId('connection')).toHaveText('在线');
	await expect(page.getByText('还没有开始学习。')).toBeVisible();
	await expect(page.getByTestId('pending-summary')).toHaveText('所有改动都已同步。');
	await expect(page.getByText('没有计划的农事。')).toBeVisible();
});

test('each tab opens its screen, with an honest empty state', async ({ page }) => {
	await page.goto('/');
	const nav = page.getByRole('navigation', { name: '主导航' });
	for (const tab of tabs) {
		await nav.getByRole('link', { name: tab.name }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(tab.heading);
		await expect(page.getByText(tab.empty, { exact: false })).toBeVisible();
		await expect(nav.getByRole('link', { name: tab.name })).toHaveAttribute('aria-current', 'page');
	}
});

test('the home screen shows what is next from the data on the phone', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByText('没有计划的农事。')).toBeVisible();
	// Put records in the app's own IndexedDB, as earlier use of the app would have left them.
	const base = { ownerId: '', hlc: '', deleted: false, createdAt: 1, updatedAt: 1 };
	await putInAppDb(page, {
		logs: [
			{
				...base,
				id: 'log-1',
				type: 'sowing',
				fieldId: null,
				status: 'planned',
				at: Date.UTC(2027, 3, 30, 16, 30), // 1 May 2027, 00:30 in Heilongjiang
				notes: ''
			}
		],
		outbox: [{ opId: 'op-1', table: 'logs', recordId: 'log-1', patch: {}, hlc: '', createdAt: 1 }],
		lessonProgress: [
			{ ...base, id: 'p-1', lessonId: 'soil-testing', progress: 0.4, completedAt: null }
		]
	});
	await page.reload();
	// the job says what and when (this one is on no field), and opens its record
	const job = page.getByTestId('home-tasks').getByRole('link');
	await expect(job).toContainText('播种');
	await expect(job).toContainText('2027年5月1日');
	await expect(job).toHaveAttribute('href', '/records/log-1');
	await expect(page.getByTestId('pending-summary')).toHaveText('1 项改动等待同步。');
	await expect(page.getByRole('status').getByText('1 项待同步')).toBeVisible();
	// the lesson begun, by its title, with the progress it stored (an older record without its answers)
	const lesson = page.getByRole('region', { name: '继续学习' });
	await expect(lesson.getByRole('link')).toHaveText('测土配方施肥：先看土，再下肥');
	await expect(lesson.getByRole('link')).toHaveAttribute('href', '/learn/soil-testing');
	await expect(lesson.getByTestId('continue-progress')).toHaveText('学会进度 40%');
});

test('an unknown address gets a friendly page with a way home', async ({ page }) => {
	await page.goto('/no-such-page');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面');
	await page.getByRole('link', { name: '回到首页' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('你好！今天做点什么？');
});

test('the health check reports the database and versions', async ({ request }) => {
	const response = await request.get('/api/health');
	expect(response.status()).toBe(200);
	expect(await response.json()).toMatchObject({
		status: 'ok',
		database: { kind: 'sqlite', reachable: true, migration: LATEST_MIGRATION },
		schemaVersion: 1
	});
});

test('the app can be installed: manifest and icons are served', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifest = (await (await request.get(href ?? '')).json()) as {
		name: string;
		short_name: string;
		start_url: string;
		display: string;
		lang: string;
		theme_color: string;
		icons: { src: string; sizes: string; purpose: string }[];
	};
	expect(manifest).toMatchObject({ start_url: '/', display: 'standalone', lang: 'zh-CN' });
	expect(manifest.name).toContain('黑土田间助手');
	const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
	expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
	for (const icon of manifest.icons) {
		const response = await request.get(icon.src);
		expect(response.status(), icon.src).toBe(200);
	}
});
