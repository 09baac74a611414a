import type { Page } from '@playwright/test';
import { addFieldByArea, expect, test, waitForServiceWorker } from './fixtures';
import { startServer } from './server';
import { startTileServer } from './tile-server';

async function addField(page: Page, name: string) {
	await addFieldByArea(page, name, '10');
}

const loadedTiles = (page: Page) => page.locator('img.leaflet-tile-loaded');

test('a deployment’s own tiles: viewed ones work offline, and a saved area works at closer zooms', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const tiles = await startTileServer();
	const heitu = await startServer({
		env: { TILE_URL: tiles.template, TILE_BULK_DOWNLOAD: '1', TILE_ATTRIBUTION: '© 县农业局地图' }
	});
	const context = await browser.newContext({ baseURL: heitu.url });
	const page = await context.newPage();
	try {
		await page.goto('/');
		await waitForServiceWorker(page);
		await addField(page, '东大地');
		await page
			.getByRole('navigation', { name: '主导航' })
			.getByRole('link', { name: '地块' })
			.click();
		await page.getByText('地图', { exact: true }).click();
		const map = page.getByRole('region', { name: '所有地块的地图' });
		await expect(map.getByText('© 县农业局地图')).toBeVisible();
		await expect(loadedTiles(page).first()).toBeVisible();

		// save the area on screen: the estimate, then every tile fetched once
		await page.getByRole('button', { name: '保存这片地图' }).click();
		const estimate = await page.getByTestId('tiles-estimate').textContent();
		const count = Number(/要下载 (\d+) 张地图/.exec(estimate ?? '')?.[1]);
		expect(count).toBeGreaterThan(20);
		expect(count).toBeLessThanOrEqual(3000);
		await page.getByRole('button', { name: '开始下载' }).click();
		await expect(page.getByRole('status').filter({ hasText: '已保存' })).toHaveText(
			new RegExp(`已保存 ${count} 张地图（[\\d.]+ MB）。没下载成功的：0 张。`),
			{ timeout: 60_000 }
		);
		await expect(page.getByTestId('tiles-stored')).toContainText(`手机里存着 ${count} 张离线地图`);

		// no signal, and the tile server gone: the map still shows, two levels closer too
		await tiles.close();
		await context.setOffline(true);
		const asked = tiles.requested.length;
		await page.reload();
		await page.getByText('地图', { exact: true }).click();
		await expect(loadedTiles(page).first()).toBeVisible();
		await map.getByRole('button', { name: '放大' }).click();
		await map.getByRole('button', { name: '放大' }).click();
		await expect(loadedTiles(page).first()).toBeVisible();
		await expect(page.locator('img.leaflet-tile:not(.leaflet-tile-loaded)')).toHaveCount(0);
		expect(tiles.requested.length).toBe(asked);

		await context.setOffline(false);
		await page.getByRole('button', { name: '删除离线地图' }).click();
		await expect(page.getByTestId('tiles-stored')).toHaveCount(0);
	} finally {
		await context.close();
		await heitu.dispose();
		await tiles.close().catch(() => undefined);
	}
});

test('OpenStreetMap’s tiles are only cached as seen, never downloaded by area', async ({
	page
}) => {
	await addField(page, '河边地');
	await page.goto('/fields');
	await page.getByText('地图', { exact: true }).click();
	await expect(page.getByText('© OpenStreetMap contributors')).toBeVisible();
	await expect(page.getByTestId('tiles-passive')).toContainText('不允许整片下载');
	await expect(page.getByRole('button', { name: '保存这片地图' })).toHaveCount(0);
});

test('a map source of one’s own, or none at all, is chosen in settings', async ({ page }) => {
	await page.goto('/settings');
	await page.getByLabel('自己的地图地址').fill('ftp://example.com/tiles');
	await page.getByRole('button', { name: '用这个地址' }).click();
	await expect(page.getByRole('alert')).toContainText('http:// 或 https://');
	await page.getByLabel('自己的地图地址').fill('https://tiles.example.cn/{z}/{x}/{y}.png');
	await page.getByRole('button', { name: '用这个地址' }).click();
	await expect(page.getByTestId('map-source-current')).toHaveText(
		'现在用的地图：https://tiles.example.cn/{z}/{x}/{y}.png'
	);
	await page.getByRole('button', { name: '不用地图（只画格子）' }).click();
	await expect(page.getByTestId('map-source-current')).toHaveText('现在不用地图，地块画在格子上。');
	await page.reload();
	await expect(page.getByTestId('map-source-current')).toHaveText('现在不用地图，地块画在格子上。');
	await page.getByRole('button', { name: '恢复默认' }).click();
	await expect(page.getByTestId('map-source-current')).toContainText('tile.openstreetmap.org');
});
