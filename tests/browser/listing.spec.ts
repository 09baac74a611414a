import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures';

const box = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

/** A PNG of the given size, drawn by the browser itself (a plain colour with a dark square). */
async function pngOfSize(page: Page, width: number, height: number) {
	const base64 = await page.evaluate(
		([w, h]) => {
			const canvas = document.createElement('canvas');
			canvas.width = w;
			canvas.height = h;
			const ctx = canvas.getContext('2d')!;
			ctx.fillStyle = '#e8d9a8';
			ctx.fillRect(0, 0, w, h);
			ctx.fillStyle = '#5a4020';
			ctx.fillRect(w / 4, h / 4, w / 2, h / 2);
			return canvas.toDataURL('image/png').split(',')[1]!;
		},
		[width, height] as const
	);
	return {
		name: `photo-${width}x${height}.png`,
		mimeType: 'image/png',
		buffer: Buffer.from(base64, 'base64')
	};
}

function pngSize(png: Buffer): { width: number; height: number } {
	expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('a listing is built offline: title checks, price and break-even, photo checklist, copy, poster, draft', async ({
	page,
	context,
	baseURL
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/tools');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	// the batch page will link here with the batch's product, origin, trace code and kilograms
	await page.goto('/tools/listing?product=大米&origin=五常市民乐乡红光村&code=HT-2025-0001&kg=500');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('做商品链接');
	await expect(box(page, '商品词（只写一个，如：大米）')).toHaveValue('大米');
	await expect(box(page, '产地（乡镇、村）')).toHaveValue('五常市民乐乡红光村');
	await expect(box(page, '追溯码（可不填）')).toHaveValue('HT-2025-0001');

	// a phone number in the title is refused with the reason; fixed, the title is fine
	await box(page, '品牌词（可不填）').fill('黑土香');
	const attributes = box(page, '属性词（品种、产地、规格，如：五常 稻花香 10斤）');
	await attributes.fill('五常 稻花香 138-1234-5678');
	await expect(page.getByRole('alert')).toHaveText(
		'✗ 标题里不能写电话号码，平台会下架。请删掉号码'
	);
	await attributes.fill('五常 稻花香 10斤');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(page.getByText('✓ 标题可以用')).toBeVisible();
	// 黑土香 五常 稻花香 10斤 大米: 11 Chinese characters × 2 + 2 digits + 4 spaces = 28 bytes
	await expect(page.getByTestId('listing-title-length')).toHaveText(
		'已用 28 / 60 字节（一个汉字算 2 个，最多 30 个汉字）'
	);

	await page.getByRole('textbox', { name: '每件净重' }).fill('10');

	// (30 + 3 + 8 + 1) ÷ (1 − 5% − 10% − 15%) = 42 ÷ 0.7 = 60; break-even 42 ÷ 0.85 = 49.41… → 49.42
	await box(page, '产品成本（元/件）').fill('30');
	await box(page, '包装费（元/件）').fill('3');
	await box(page, '快递费（元/件）').fill('8');
	await box(page, '损耗（坏了、退货，元/件）').fill('1');
	await box(page, '平台扣点（%）').fill('5');
	await box(page, '推广费（%）').fill('10');
	await box(page, '想赚的利润（%）').fill('15');
	await expect(page.getByTestId('listing-price')).toHaveText('建议售价：每件 60.00 元');
	await expect(page.getByTestId('listing-price-weight')).toHaveText(
		'合每斤 6.00 元，每公斤 12.00 元'
	);
	await expect(page.getByTestId('listing-break-even')).toHaveText(
		'保本价：每件 49.42 元（低于这个价就亏本）'
	);
	// 49.41… ÷ 10 斤 = 4.94… → 4.95; ÷ 5 kg = 9.88… → 9.89
	await expect(page.getByTestId('listing-break-even-weight')).toHaveText(
		'合每斤 4.95 元，每公斤 9.89 元'
	);

	// shares of 100 % or more: no price earns money
	await box(page, '想赚的利润（%）').fill('85');
	await expect(page.getByRole('alert')).toHaveText(
		'扣点、推广和利润加起来是 100%，到了 100% 或更多：卖多少都不赚钱。请让它们加起来少于 100%'
	);
	await expect(page.getByTestId('listing-price')).toHaveCount(0);
	await box(page, '想赚的利润（%）').fill('15');
	await expect(page.getByTestId('listing-price')).toHaveText('建议售价：每件 60.00 元');

	// photos: one too small, one upright 3:4 and big enough
	await page
		.getByText('从相册选照片')
		.locator('input')
		.setInputFiles([await pngOfSize(page, 600, 600), await pngOfSize(page, 900, 1200)]);
	const photos = page.getByTestId('listing-photo');
	await expect(photos).toHaveCount(2);
	await expect(photos.nth(0)).toContainText('600 × 600 像素');
	await expect(photos.nth(0)).toContainText('✓ 比例 1:1，合格');
	await expect(photos.nth(0)).toContainText('✗ 太小：长和宽都要至少 800 像素');
	await expect(photos.nth(1)).toContainText('900 × 1200 像素');
	await expect(photos.nth(1)).toContainText('✓ 比例 3:4，合格');
	await expect(photos.nth(1)).toContainText('✓ 够大（至少 800×800）');

	// the listing text, copied to the clipboard
	const text = page.getByTestId('listing-text');
	await expect(text).toHaveValue(
		[
			'【标题】黑土香 五常 稻花香 10斤 大米',
			'【规格】每件净重 10 斤，现货 500 公斤',
			'【产地】五常市民乐乡红光村',
			'【价格】每件 60.00 元（合每斤 6.00 元）',
			`【追溯】扫码或打开 ${baseURL}/t/HT-2025-0001 查看这批货的来历`
		].join('\n')
	);
	await page.getByRole('button', { name: '复制', exact: true }).click();
	await expect(page.getByText('✓ 已复制，可以粘贴到网店里了')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await text.inputValue());

	// the poster from the good photo, saved as a 750 × 1000 PNG
	await photos.nth(1).getByLabel('用这张做海报').check();
	await page.getByRole('button', { name: '做海报' }).click();
	await expect(
		page.getByRole('img', { name: '商品海报：黑土香 五常 稻花香 10斤 大米' })
	).toBeVisible();
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: '保存海报' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('海报.png');
	expect(pngSize(await readFile(await download.path()))).toEqual({ width: 750, height: 1000 });

	// the draft is still there after a reload (still offline)
	await page.goto('/tools/listing');
	await page.getByRole('button', { name: '接着填' }).click();
	await expect(attributes).toHaveValue('五常 稻花香 10斤');
	await expect(box(page, '产品成本（元/件）')).toHaveValue('30');
	await expect(page.getByTestId('listing-price')).toHaveText('建议售价：每件 60.00 元');
});

test('health claims and certification words are warned beside their boxes and in the shop text check, never refused', async ({
	page
}) => {
	await page.goto('/tools/listing');
	await box(page, '商品词（只写一个，如：大米）').fill('大米');
	const attributes = box(page, '属性词（品种、产地、规格，如：五常 稻花香 10斤）');

	// a health claim is always "not allowed", with the laws it breaks
	await attributes.fill('新米 降血糖');
	const titleClaim = page.getByTestId('listing-title-claim');
	await expect(titleClaim).toHaveText(
		'✗ 「降血糖」是治病、防病的说法。普通食品不许这样写（《食品安全法》第七十一条、第七十三条，《广告法》第十七条），平台会下架，还会被罚款。请删掉，只写品种、产地、口感这些实话'
	);
	await expect(page.getByText('✓ 标题可以用')).toHaveCount(0);

	// "有机" asks whether the farmer holds the certificate and what the pack must show; "有机肥" is not a claim
	await attributes.fill('有机 稻花香');
	await expect(titleClaim).toHaveText(/^⚠ 「有机」：只有拿到有机产品认证的货才能写“有机”/);
	await expect(titleClaim).toContainText('您有有机认证证书吗？有：包装上要有中国有机产品认证标志');
	await expect(page.getByText('✓ 标题可以用')).toBeVisible();
	await attributes.fill('施有机肥 稻花香');
	await expect(titleClaim).toHaveCount(0);

	// "绿色食品" asks for the licensed mark until a valid number is typed
	await attributes.fill('绿色食品 稻花香');
	await expect(titleClaim).toContainText('您有绿色食品证书吗？');
	await page.getByRole('textbox', { name: '绿色食品编号（没有就不填）' }).fill('GF230101234567');
	await expect(titleClaim).toHaveCount(0);

	// beside the grade box
	await box(page, '等级（如：一级，可不填）').fill('无公害 一级');
	await expect(page.getByTestId('listing-specs-claim')).toContainText(
		'全国统一的无公害农产品认证从 2018 年起已经暂停'
	);

	// the shop text check: the description already in the shop, pasted back
	const shop = page.getByTestId('listing-shop-text');
	await shop.fill('自家种的杂粮，常吃预防糖尿病，还是国家地理标志产品');
	const shopClaims = page.getByTestId('listing-shop-claim');
	await expect(shopClaims).toHaveCount(2);
	await expect(shopClaims.nth(0)).toHaveAttribute('data-kind', 'health');
	await expect(shopClaims.nth(0)).toContainText('「预防糖尿病」是治病、防病的说法');
	await expect(shopClaims.nth(1)).toContainText(
		'「地理标志」：只有获准使用地理标志专用标志的才能写'
	);
	await shop.fill('自家种的杂粮，当季新收');
	await expect(shopClaims).toHaveCount(0);
	await expect(page.getByText('✓ 没有治病、防病的说法，也没有要证书的词')).toBeVisible();

	// nothing is refused: the listing text still carries what the farmer wrote
	await expect(page.getByTestId('listing-text')).toHaveValue(/绿色食品 稻花香 大米/);

	// the same warnings in English
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'English' }).check();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto('/tools/listing');
	await page.getByTestId('listing-shop-text').fill('Organic rice, cures diabetes: 抗癌');
	const english = page.getByTestId('listing-shop-claim');
	await expect(english.nth(0)).toHaveText(
		'✗ “抗癌”: a claim to prevent or cure disease. Ordinary food may not say this (Food Safety Law Articles 71 and 73, Advertising Law Article 17): the platform takes the listing down and you can be fined. Remove it and write only true things: variety, place, taste'
	);
	await expect(english.nth(1)).toContainText('Do you hold an organic certificate?');
});
