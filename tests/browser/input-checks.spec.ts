import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Issue 18: what a farmer types is checked at the box, nothing is saved with a number silently missing, done
// work can't be dated in the future, and numbers that are hardly ever true ask "是不是写错了？" first.

const box = (page: Page, name: string) => page.getByRole('textbox', { name });

/** The number of 亩 in "面积：6,572.14 亩（438.14 公顷）". */
function muOf(text: string | null): number {
	const match = /面积：([\d,.]+) 亩/.exec(text ?? '');
	if (!match) throw new Error(`no area in “${text}”`);
	return Number(match[1]!.replace(/,/g, ''));
}

async function typedField(page: Page, name: string, mu: string, crop: string) {
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill(name);
	await page.getByText('只填面积', { exact: true }).click();
	await box(page, '面积（亩）').fill(mu);
	await page.getByLabel('作物').fill(crop);
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

async function newRecord(page: Page, type: string, field: string) {
	await page.goto('/records/new');
	await page.getByLabel('做了什么').selectOption(type);
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: field });
}

/** How many records the timeline lists. */
async function recordCount(page: Page): Promise<number> {
	await page.goto('/records');
	await expect(
		page.getByTestId('timeline').or(page.getByRole('heading', { name: '还没有农事记录' }))
	).toBeVisible();
	return page.getByTestId('timeline').getByRole('link').count();
}

async function openMap(page: Page) {
	const map = page.getByRole('region', { name: '地块地图' });
	await map.scrollIntoViewIfNeeded();
	await expect(map.locator('.leaflet-pane')).not.toHaveCount(0);
	return map;
}

/** Taps the corners of a w × h px rectangle in the middle of the map, and back on the first to close it. */
async function drawRectangle(page: Page, w: number, h: number) {
	const map = await openMap(page);
	const b = (await map.boundingBox())!;
	const left = b.x + (b.width - w) / 2;
	const top = b.y + (b.height - h) / 2;
	for (const [x, y] of [
		[left, top],
		[left + w, top],
		[left + w, top + h],
		[left, top + h],
		[left, top]
	] as const)
		await page.mouse.click(x, y);
}

test('letters in 播种量 are said at the box and nothing is saved until they are mended', async ({
	page
}) => {
	await typedField(page, '东大地', '30', '玉米');
	await newRecord(page, 'sowing', '东大地');
	await box(page, '作物').fill('玉米');
	await box(page, '播种量').fill('2o');
	// said at once, under the box, with what was typed
	const said = page.getByText('“2o”不是数字。请只填数字，比如 20 或 1.5。');
	await expect(said).toBeVisible();
	await expect(box(page, '播种量')).toHaveAttribute('aria-invalid', 'true');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('记一笔');
	await expect(page.getByText('有几处需要改一下，请看上面的红字。')).toBeVisible();
	await box(page, '播种量').fill('abc');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByText('“abc”不是数字')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('记一笔');
	expect(await recordCount(page)).toBe(0);

	// mended (full-width digits are numbers as people type them), it saves with the amount
	await newRecord(page, 'sowing', '东大地');
	await box(page, '作物').fill('玉米');
	await box(page, '播种量').fill('２.５');
	await expect(said).toHaveCount(0);
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('播种');
	await expect(page.getByText('2.5 kg/亩')).toBeVisible();
	expect(await recordCount(page)).toBe(1);
});

test('a sowing done next year is refused with the reason; as planned it is saved', async ({
	page
}) => {
	await typedField(page, '南岗地', '20', '大豆');
	await newRecord(page, 'sowing', '南岗地');
	const nextYear = new Date().getFullYear() + 1;
	await page.getByLabel('什么时候做的').fill(`${nextYear}-05-01T08:00`);
	await box(page, '作物').fill('大豆');
	await box(page, '播种量').fill('5');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(
		page.getByText('已做的事，日子不能在以后。还没做的，请选上面的“计划”，计划可以写以后的日子。')
	).toBeVisible();
	await expect(page.getByLabel('什么时候做的')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('记一笔');
	expect(await recordCount(page)).toBe(0);

	await newRecord(page, 'sowing', '南岗地');
	await page.getByLabel('什么时候做的').fill(`${nextYear}-05-01T08:00`);
	await box(page, '作物').fill('大豆');
	await box(page, '播种量').fill('5');
	await page.getByRole('button', { name: '保存记录' }).click();
	// one tap turns it into planned work, and the date stays
	await page.getByRole('button', { name: '改成“计划”' }).click();
	await expect(page.getByText('已做的事，日子不能在以后')).toHaveCount(0);
	await expect(page.getByLabel('打算什么时候做')).toHaveValue(`${nextYear}-05-01T08:00`);
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('播种');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('计划');
	await expect(page.getByText(`${nextYear}年5月1日`)).toBeVisible();
});

test('9,999,999 kg from a 49.89 亩 field asks 是不是写错了？; corrected, it saves; a rare true number is confirmed with a second tap', async ({
	page
}) => {
	await typedField(page, '河边地', '49.89', '玉米');
	await newRecord(page, 'harvest', '河边地');
	await box(page, '数量').fill('9999999');
	await page.getByRole('button', { name: '保存记录' }).click();
	const question = page.getByTestId('doubt');
	await expect(question).toContainText('是不是写错了？');
	await expect(question).toContainText('每亩收了 200,441 公斤');
	await expect(question).toContainText('玉米最高纪录（每亩约 1,663 公斤）');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('记一笔');
	expect(await recordCount(page)).toBe(0);

	await newRecord(page, 'harvest', '河边地');
	await box(page, '数量').fill('9999999');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(question).toBeVisible();
	// the farmer finds the extra digits: 35,000 kg is about 700 kg/亩, saved at once
	await box(page, '数量').fill('35000');
	await expect(question).toHaveCount(0);
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('收获');
	await expect(page.getByText('35000 kg', { exact: true })).toBeVisible();

	// a seed rate far from the usual asks, and a second tap keeps what the farmer knows is true
	await newRecord(page, 'sowing', '河边地');
	await box(page, '作物').fill('玉米');
	await box(page, '播种量').fill('25');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(question).toContainText('玉米一般每亩播 1 到 6 公斤');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('记一笔');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('播种');
	await expect(page.getByText('25 kg/亩')).toBeVisible();
});

test('four taps on the blank grid draw a village field, and the grid says how big a square is', async ({
	page
}) => {
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('西大地');
	// most of the map's width: what a farmer tapping its corners does
	await drawRectangle(page, 240, 180);
	const area = muOf(await page.getByTestId('field-area').textContent());
	// 240 × 180 px at zoom 17 and 45.75° N ≈ 200 m × 150 m ≈ 45 亩 (it was 12,771 亩 at zoom 13)
	expect(area).toBeGreaterThan(20);
	expect(area).toBeLessThan(100);
	await expect(page.getByTestId('grid-scale')).toHaveText(
		/地图上每个小方格：边长约 5\d 米，约 4(\.\d)? 亩。/
	);
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('西大地');
});

test('a drawn field over 2,000 亩 asks first, and one far from the typed area too', async ({
	page
}) => {
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('大片地');
	const map = await openMap(page);
	// four steps out, each waited for (a tap during the zoom's animation is not a second step)
	const scale = page.getByTestId('grid-scale');
	for (let i = 0; i < 4; i++) {
		const before = await scale.textContent();
		await map.getByRole('button', { name: '缩小' }).click();
		await expect(scale).not.toHaveText(before ?? '');
	}
	await expect(scale).toContainText('边长约 85');
	await drawRectangle(page, 240, 180);
	expect(muOf(await page.getByTestId('field-area').textContent())).toBeGreaterThan(2000);
	await page.getByRole('button', { name: '保存地块' }).click();
	const question = page.getByTestId('doubt');
	await expect(question).toContainText('是不是写错了？');
	await expect(question).toContainText('比 2000 亩还大');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新建地块');
	// the farmer knows it is the co-operative's big plot: a second tap saves it
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('大片地');

	// typed as about 30 亩, then drawn with a few careless taps: 2 亩 asks
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('后院地');
	await page.getByText('只填面积', { exact: true }).click();
	await box(page, '面积（亩）').fill('30');
	await page.getByText('在地图上画', { exact: true }).click();
	await drawRectangle(page, 50, 40);
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(question).toContainText('可您写过这块地大约 30 亩');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新建地块');
});

test('the offer to carry on with a draft is in view after a reload', async ({ page }) => {
	await page.goto('/records/new');
	await page.getByLabel('做了什么').selectOption('spraying');
	await page.getByLabel('备注').fill('东头打了一半，下午接着打');
	// the farmer was at the bottom of the form when the phone reloaded the page
	await page.getByRole('button', { name: '保存记录' }).scrollIntoViewIfNeeded();
	await page.reload();
	const offer = page.getByTestId('draft-offer');
	await expect(offer).toBeInViewport();
	await expect(page.getByRole('button', { name: '接着填' })).toBeFocused();
	await page.getByRole('button', { name: '接着填' }).click();
	await expect(page.getByLabel('备注')).toHaveValue('东头打了一半，下午接着打');
});
