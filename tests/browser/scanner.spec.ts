import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures';

const fixture = (name: string) => ({
	name: `${name}.jpg`,
	mimeType: 'image/jpeg',
	buffer: readFileSync(`tests/fixtures/labels/${name}.jpg`)
});
const expected = (name: string) =>
	JSON.parse(readFileSync(`tests/fixtures/labels/${name}.json`, 'utf8')) as Record<string, unknown>;

async function downloadPack(page: Page) {
	await page.goto('/tools/scan');
	await waitForServiceWorker(page);
	await page.getByRole('button', { name: '下载离线识别包' }).click();
	await expect(page.getByTestId('scan-pack-ready')).toBeVisible({ timeout: 30_000 });
}

/**
 * A phone photo made in the page from a label photo: the label drawn at `scale` (default: as large as fits)
 * in the middle of a `size` picture (default: the label's own) on `background`, then darkened by `shade`
 * (0 none … 1 black). Drawn from a photo, not from text, so no system font is needed.
 */
async function photoOf(
	page: Page,
	name: string,
	look: {
		size?: [number, number];
		background: string;
		scale?: number;
		shade?: number;
		/** The share of the label, from the bottom, hidden behind a hand. */
		cover?: number;
	}
): Promise<Buffer> {
	const label = readFileSync(`tests/fixtures/labels/${name}.jpg`).toString('base64');
	const photo = await page.evaluate(
		async ({ label, look }) => {
			const bytes = Uint8Array.from(atob(label), (c) => c.charCodeAt(0));
			const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
			const [width, height] = look.size ?? [bitmap.width, bitmap.height];
			const canvas = new OffscreenCanvas(width, height);
			const ctx = canvas.getContext('2d');
			if (!ctx) return '';
			ctx.fillStyle = look.background;
			ctx.fillRect(0, 0, width, height);
			const scale = look.scale ?? Math.min(width / bitmap.width, height / bitmap.height);
			const [w, h] = [bitmap.width * scale, bitmap.height * scale];
			ctx.drawImage(bitmap, (width - w) / 2, (height - h) / 2, w, h);
			if (look.cover) {
				ctx.fillStyle = 'rgb(120 85 60)';
				ctx.fillRect(0, (height + h) / 2 - h * look.cover, width, height);
			}
			if (look.shade) {
				ctx.fillStyle = `rgb(0 0 0 / ${look.shade})`;
				ctx.fillRect(0, 0, width, height);
			}
			const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
			const out = new Uint8Array(await blob.arrayBuffer());
			let text = '';
			for (let i = 0; i < out.length; i += 0x8000)
				text += String.fromCharCode(...out.subarray(i, i + 0x8000));
			return btoa(text);
		},
		{ label, look }
	);
	return Buffer.from(photo, 'base64');
}

/** Scrolls an element to the middle of the screen, clear of the fixed header and bottom bar (for a screenshot). */
const centre = (locator: Locator) =>
	locator.evaluate((el) => el.scrollIntoView({ block: 'center' }));

async function scan(page: Page, file: Parameters<Page['setInputFiles']>[1]) {
	await page.getByText('从相册选').locator('input').setInputFiles(file);
	await page.getByRole('button', { name: '开始识别' }).click();
}

test('offline, with the scanner pack on the phone, a pesticide label is read, checked and saved to the inventory with its photo', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await downloadPack(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('scan-pack-ready')).toBeVisible();

	await scan(page, fixture('pest-03-2'));
	await expect(page.getByText(/正在(准备识别|识别)/)).toBeVisible();
	const want = expected('pest-03-2');
	const box = (name: string) => page.getByRole('textbox', { name, exact: false });
	await expect(box('农药登记证号')).toHaveValue(String(want.pesticideRegNo), { timeout: 60_000 });
	await expect(page.getByRole('radio', { name: '农药' })).toBeChecked();
	await expect(box('产品名称')).toHaveValue(String(want.productName));
	await expect(box('有效成分')).toHaveValue(String(want.activeIngredient));
	await expect(box('安全间隔期')).toHaveValue(String(want.phiDays));
	await expect(page.getByRole('combobox', { name: '毒性' })).toHaveValue(String(want.toxicity));
	await expect(box('每季最多用几次')).toHaveValue(String(want.maxApplications));
	await expect(page.getByRole('img', { name: '要识别的照片' })).toBeVisible();
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);
	// nothing is in the inventory until the farmer saves
	expect(await page.evaluate(() => document.body.innerText.includes('已存进农资'))).toBe(false);

	// a wrong registration number typed in is refused in plain words; corrected, it saves
	await box('农药登记证号').fill('PD2012');
	await page.getByRole('button', { name: '存进农资' }).click();
	await expect(page.getByRole('alert')).toBeVisible();
	await box('农药登记证号').fill(String(want.pesticideRegNo));
	await page.getByRole('button', { name: '存进农资' }).click();
	await expect(page.getByTestId('scan-saved')).toHaveText(
		new RegExp(`已存进农资：${String(want.productName)}`)
	);
	await page.getByRole('link', { name: '去看看' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(String(want.productName));
	await expect(page.getByRole('img', { name: /的标签照片 1/ })).toBeVisible();
	await expect(page.getByRole('textbox', { name: '安全间隔期' })).toHaveValue(String(want.phiDays));

	// the same bag scanned again updates that item (same registration number); the very same photo is kept once
	await page.goto('/tools/scan');
	await scan(page, fixture('pest-03-2'));
	await expect(page.getByText(/农资里已经有“.+”（登记证号相同）/)).toBeVisible({ timeout: 60_000 });
	await page.getByRole('button', { name: '更新这个农资' }).click();
	await page.getByRole('link', { name: '去看看' }).click();
	await expect(page.getByRole('img', { name: /的标签照片 1/ })).toBeVisible();
	await expect(page.getByRole('img', { name: /的标签照片 2/ })).toHaveCount(0);
	await page.goto('/inputs');
	await expect(page.getByRole('link', { name: String(want.productName) })).toHaveCount(1);
});

test('a file that is not a photo, and a photo that is not a label, get plain words and nothing is saved', async ({
	page
}) => {
	test.setTimeout(90_000);
	await downloadPack(page);
	await page
		.getByText('从相册选')
		.locator('input')
		.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') });
	await expect(page.getByRole('alert')).toHaveText('这个文件不是照片，请选一张标签的照片。');
	await page
		.getByText('从相册选')
		.locator('input')
		.setInputFiles({ name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) });
	await expect(page.getByRole('alert')).toHaveText('这张照片是空的，请重新拍一张。');

	// a picture with words on it, but no label's
	const picture = await page.evaluate(() => {
		const canvas = document.createElement('canvas');
		canvas.width = 800;
		canvas.height = 400;
		const ctx = canvas.getContext('2d');
		if (!ctx) return '';
		ctx.fillStyle = '#fff';
		ctx.fillRect(0, 0, 800, 400);
		ctx.fillStyle = '#000';
		ctx.font = '48px sans-serif';
		ctx.fillText('今天天气很好', 60, 150);
		ctx.fillText('我们去公园散步', 60, 260);
		return canvas.toDataURL('image/png').split(',')[1] ?? '';
	});
	await scan(page, {
		name: 'park.png',
		mimeType: 'image/png',
		buffer: Buffer.from(picture, 'base64')
	});
	await expect(page.getByRole('alert')).toHaveText(/没找到化肥、农药或种子标签的字|没认出字/, {
		timeout: 60_000
	});
	await page.goto('/inputs');
	await expect(page.getByText('还没有农资')).toBeVisible();
});

test('a 20-megapixel photo opens without freezing the page and is read; a scan can be cancelled', async ({
	page
}) => {
	test.setTimeout(120_000);
	await downloadPack(page);
	// a phone camera's 5472 × 3648 photo of a label: a real label photo scaled up to fill it, as a close-up
	// would show it
	const want = expected('fert-05-1');
	const photo = await photoOf(page, 'fert-05-1', { size: [5472, 3648], background: '#fff' });
	await page.getByText('从相册选').locator('input').setInputFiles({
		name: 'big.jpg',
		mimeType: 'image/jpeg',
		buffer: photo
	});
	// opened (scaled down) and the page still answers
	await expect(page.getByRole('button', { name: '开始识别' })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('button', { name: '向右转' })).toBeEnabled();

	// cancel while it reads: back to the photo, nothing saved
	await page.getByRole('button', { name: '开始识别' }).click();
	await page.getByRole('button', { name: '取消' }).click();
	await expect(page.getByRole('button', { name: '开始识别' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);

	// and read in full
	await page.getByRole('button', { name: '开始识别' }).click();
	await expect(page.getByRole('textbox', { name: '产品名称' })).toHaveValue(
		String(want.productName),
		{ timeout: 60_000 }
	);
	await expect(page.getByRole('textbox', { name: '净含量' })).toHaveValue(String(want.netContent));
});

test('offline, a dark photo taken from too far gets plain advice and keeps what was read; the photo screen shows a frame to fit the label in', async ({
	page,
	context
}, testInfo) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 360, height: 740 });
	await downloadPack(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('scan-pack-ready')).toBeVisible();

	// before a photo is taken: the frame, with its hint in words
	const hint = '把标签放在框里，拍正';
	await expect(page.getByTestId('scan-frame')).toBeVisible();
	await expect(page.getByTestId('scan-frame')).toHaveText(hint);
	await centre(page.getByTestId('scan-frame'));
	await page.screenshot({ path: testInfo.outputPath('scan-viewfinder.png') });

	// a label photographed in the shade from several steps away: the bag a quarter of the picture's width in
	// the middle, everything at a fifth of its brightness (at a third of the width and brightness the scanner
	// reads it whole: it evens out the light and cuts the label out)
	const photo = await photoOf(page, 'pest-03-2', {
		background: 'rgb(60 60 60)',
		scale: 1 / 4,
		shade: 0.8
	});
	await page.getByText('从相册选').locator('input').setInputFiles({
		name: 'far.jpg',
		mimeType: 'image/jpeg',
		buffer: photo
	});

	// over the photo, the same frame and hint
	await expect(page.getByRole('button', { name: '开始识别' })).toBeVisible();
	await expect(page.getByTestId('scan-frame')).toBeVisible();
	await expect(page.getByTestId('scan-frame')).toHaveText(hint);
	await centre(page.getByTestId('scan-frame'));
	await page.screenshot({ path: testInfo.outputPath('scan-frame.png') });

	await page.getByRole('button', { name: '开始识别' }).click();
	const advice = page.getByTestId('scan-advice');
	await expect(advice).toBeVisible({ timeout: 60_000 });
	// what to do, in plain words: more light, and closer
	await expect(advice.getByRole('listitem').filter({ hasText: '到亮处拍' })).toHaveCount(1);
	await expect(advice.getByRole('listitem').filter({ hasText: '离近一点' })).toHaveCount(1);
	await expect(page.getByText('没认出字')).toHaveCount(0);
	await expect(page.getByRole('button', { name: '换一张照片' })).toBeVisible();
	await centre(advice);
	await page.screenshot({ path: testInfo.outputPath('scan-advice.png') });

	// in the shade again, close enough, but a hand over the lower part of the label: what could be read is
	// there to keep and complete, with the advice
	await page.getByRole('button', { name: '换一张照片' }).click();
	const hand = await photoOf(page, 'pest-03-2', {
		background: 'rgb(60 60 60)',
		scale: 0.9,
		shade: 0.8,
		cover: 0.75
	});
	await page
		.getByText('从相册选')
		.locator('input')
		.setInputFiles({ name: 'hand.jpg', mimeType: 'image/jpeg', buffer: hand });
	await page.getByRole('button', { name: '开始识别' }).click();
	await expect(advice).toBeVisible({ timeout: 60_000 });
	await expect(advice.getByRole('listitem').filter({ hasText: '到亮处拍' })).toHaveCount(1);
	await expect(advice).toContainText('把其余的照着标签填上');
	await expect(page.getByLabel('产品名称')).toHaveValue('25%嘧菌酯悬浮剂');
	await expect(page.getByLabel('生产企业')).toHaveValue('');
	await expect(page.getByRole('button', { name: '存进农资' })).toBeVisible();
	await centre(page.getByRole('group', { name: '这是什么' }));
	await page.screenshot({ path: testInfo.outputPath('scan-advice-fields.png') });
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);
	await page.goto('/inputs');
	await expect(page.getByText('还没有农资')).toBeVisible();
});
