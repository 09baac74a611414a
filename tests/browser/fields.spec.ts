import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Web Mercator: metres per screen pixel at a latitude and zoom (Leaflet's default CRS, 256 px tiles)
const metresPerPixel = (lat: number, zoom: number) =>
	(156_543.033_92 * Math.cos((lat * Math.PI) / 180)) / 2 ** zoom;
const M2_PER_MU = 10_000 / 15;

/** The number of 亩 in "面积：6,572.14 亩（438.14 公顷）". */
function muOf(text: string | null): number {
	const match = /面积：([\d,.]+) 亩（([\d,.]+) 公顷）/.exec(text ?? '');
	if (!match) throw new Error(`no area in “${text}”`);
	const mu = Number(match[1]!.replace(/,/g, ''));
	const ha = Number(match[2]!.replace(/,/g, ''));
	expect(Math.abs(ha * 15 - mu)).toBeLessThan(0.2); // the two units agree
	return mu;
}

async function openMap(page: Page, name: string) {
	const map = page.getByRole('region', { name });
	await map.scrollIntoViewIfNeeded();
	await expect(map.locator('.leaflet-pane')).not.toHaveCount(0);
	return map;
}

test('a farmer draws a field with the mouse, reads its area, edits and deletes it', async ({
	page
}) => {
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('东大地');
	const map = await openMap(page, '地块地图');
	const box = (await map.boundingBox())!;
	// a 120 × 90 px rectangle in the middle of the map (new maps open on Harbin, 45.75° N, zoom 17)
	const left = box.x + box.width / 2 - 60;
	const top = box.y + box.height / 2 - 45;
	const corners = [
		[left, top],
		[left + 120, top],
		[left + 120, top + 90],
		[left, top + 90],
		[left, top]
	] as const;
	for (const [x, y] of corners) await page.mouse.click(x, y);

	const mpp = metresPerPixel(45.75, 17);
	const expectedMu = (120 * mpp * 90 * mpp) / M2_PER_MU;
	const shown = muOf(await page.getByTestId('field-area').textContent());
	expect(Math.abs(shown - expectedMu) / expectedMu).toBeLessThan(0.03);

	await page.getByLabel('作物').fill('玉米');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('东大地');
	expect(muOf(await page.getByTestId('field-summary').textContent())).toBeCloseTo(shown, 1);
	await expect(page.getByTestId('field-summary')).toContainText('玉米');

	// the list and the map of all fields
	await page
		.getByRole('navigation', { name: '主导航' })
		.getByRole('link', { name: '地块' })
		.click();
	await expect(page.getByRole('link', { name: '东大地' })).toBeVisible();
	await expect(page.getByTestId('fields-total')).toContainText('共 1 块地');
	await page.getByText('地图', { exact: true }).click();
	await openMap(page, '所有地块的地图');
	await expect(page.locator('.field-label', { hasText: '东大地' })).toBeVisible();

	// rename, then delete
	await page.getByText('列表', { exact: true }).click();
	await page.getByRole('link', { name: '东大地' }).click();
	await page.getByRole('link', { name: '修改地块' }).click();
	await page.getByLabel('地块名称').fill('东大地（北）');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('东大地（北）');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('东大地（北）');
	await page.getByRole('button', { name: '删除地块' }).click();
	await page.getByRole('button', { name: '确定删除' }).click();
	await expect(page.getByText('还没有地块')).toBeVisible();
});

test('a field needs a name and a boundary; a typed area is enough without a map', async ({
	page
}) => {
	await page.goto('/fields/new');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('alert')).toHaveText('请给地块起个名字，比如“东大地”。');
	await page.getByLabel('地块名称').fill('河边地');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('alert')).toContainText('还没有边界');
	await page.getByText('只填面积', { exact: true }).click();
	await page.getByLabel('面积（亩）').fill('-3');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('alert')).toHaveText('请填写面积：0.01 到 100000 之间的亩数。');
	await page.getByLabel('面积（亩）').fill('12.5');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByTestId('field-summary')).toContainText('12.5 亩（0.83 公顷）');
});

test('walking the boundary with GPS keeps good fixes and drops a poor one', async ({
	page,
	context
}) => {
	await context.grantPermissions(['geolocation']);
	// a 100 m square near Harbin; one fix in the middle of the walk is only good to 45 m
	const lat = 45.75;
	const dLat = 100 / 111_132;
	const dLng = 100 / (111_320 * Math.cos((lat * Math.PI) / 180));
	const fixes = [
		{ latitude: lat, longitude: 126.6, accuracy: 5 },
		{ latitude: lat, longitude: 126.6 + dLng, accuracy: 8 },
		{ latitude: lat + dLat / 2, longitude: 126.6 + dLng * 1.4, accuracy: 45 },
		{ latitude: lat + dLat, longitude: 126.6 + dLng, accuracy: 6 },
		{ latitude: lat + dLat, longitude: 126.6, accuracy: 4 }
	];
	await context.setGeolocation(fixes[0]!);
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('后山地');
	await page.getByText('走一圈（GPS）').click();
	await page.getByRole('button', { name: '开始走' }).click();
	const status = page.getByTestId('walk-status');
	await expect(status).toContainText('已记 1 个点，丢掉 0 个');
	await expect(status).toContainText('当前精度 ±5 米');
	for (const [i, fix] of fixes.slice(1).entries()) {
		await context.setGeolocation(fix);
		await expect(status).toContainText(`当前精度 ±${fix.accuracy} 米`);
		await expect(status).toContainText(`已记 ${i < 1 ? 2 : i + 1} 个点`);
	}
	await expect(status).toContainText('已记 4 个点，丢掉 1 个精度差的点');
	await page.getByRole('button', { name: '走完了' }).click();
	// 100 m × 100 m = 1 ha = 15 亩
	expect(muOf(await page.getByTestId('field-area').textContent())).toBeCloseTo(15, 0);
	await page.getByRole('button', { name: '保存地块' }).click();
	expect(muOf(await page.getByTestId('field-summary').textContent())).toBeCloseTo(15, 0);
});

test('with location not allowed, walking falls back to drawing', async ({ page }) => {
	await page.goto('/fields/new');
	await page.getByText('走一圈（GPS）').click();
	await page.getByRole('button', { name: '开始走' }).click();
	await expect(page.getByRole('alert')).toContainText('不能用定位');
	await page.getByRole('button', { name: '改为在地图上画' }).click();
	await expect(page.getByText('在地图上依次点出地块的各个角')).toBeVisible();
});

test('GeoJSON: garbage or a crossed boundary imports nothing; good files import and export', async ({
	page
}) => {
	await page.goto('/fields');
	const input = page.getByLabel('导入 GeoJSON');
	const square = (lng: number, name: string) => ({
		type: 'Feature',
		properties: { name, crop: '大豆' },
		geometry: {
			type: 'Polygon',
			coordinates: [
				[
					[lng, 45.7],
					[lng + 0.002, 45.7],
					[lng + 0.002, 45.702],
					[lng, 45.702],
					[lng, 45.7]
				]
			]
		}
	});
	const file = (name: string, content: string) => ({
		name,
		mimeType: 'application/geo+json',
		buffer: Buffer.from(content)
	});

	await input.setInputFiles(file('photo.geojson', 'GIF89a not json'));
	await expect(page.getByRole('alert')).toHaveText(
		'这个文件打不开：它不是 GeoJSON（JSON）文件。什么都没有导入。'
	);
	const crossed = square(126.7, '坏的');
	crossed.geometry.coordinates[0] = [
		[126.7, 45.7],
		[126.702, 45.702],
		[126.702, 45.7],
		[126.7, 45.702],
		[126.7, 45.7]
	];
	const withBad = { type: 'FeatureCollection', features: [square(126.6, '一号地'), crossed] };
	await input.setInputFiles(file('farm.geojson', JSON.stringify(withBad)));
	await expect(page.getByRole('alert')).toContainText('文件里第 2 块地有问题：边界的线交叉了');
	await expect(page.getByText('还没有地块')).toBeVisible();

	const good = {
		type: 'FeatureCollection',
		features: [square(126.6, '一号地'), square(126.61, '二号地')]
	};
	await input.setInputFiles(file('farm.geojson', JSON.stringify(good)));
	await expect(page.getByRole('status').filter({ hasText: '已导入 2 块地。' })).toBeVisible();
	await expect(page.getByRole('link', { name: '一号地' })).toBeVisible();
	await expect(page.getByRole('link', { name: '二号地' })).toBeVisible();

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: '导出 GeoJSON' }).click();
	const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
		features: { properties: { name: string; crop: string; areaMu: number } }[];
	};
	expect(exported.features.map((f) => f.properties.name).sort()).toEqual(['一号地', '二号地']);
	expect(exported.features[0]!.properties.crop).toBe('大豆');
	// 0.002° × 0.002° at 45.7° N ≈ 155.9 m × 222.4 m ≈ 52 亩
	expect(exported.features[0]!.properties.areaMu).toBeGreaterThan(50);
	expect(exported.features[0]!.properties.areaMu).toBeLessThan(54);
});

test('a boundary whose edges would cross is refused with the reason', async ({ page }) => {
	await page.goto('/fields/new');
	const map = await openMap(page, '地块地图');
	const box = (await map.boundingBox())!;
	const x = box.x + box.width / 2 - 60;
	const y = box.y + box.height / 2 - 45;
	// a bow tie: the third edge would cut across the first
	for (const [dx, dy] of [
		[0, 0],
		[120, 90],
		[120, 0],
		[0, 90]
	] as const) {
		await page.mouse.move(x + dx, y + dy, { steps: 4 });
		await page.mouse.click(x + dx, y + dy);
	}
	await expect(page.getByRole('alert')).toContainText('边界的线交叉了');
	await expect(page.getByTestId('field-area')).toHaveText('还没有边界，面积未知。');
});
