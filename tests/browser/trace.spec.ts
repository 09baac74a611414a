import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { expect, signUp, test, waitForServiceWorker } from './fixtures';

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validEpcis = ajv.compile(
	JSON.parse(readFileSync('tests/fixtures/epcis/EPCIS-JSON-Schema.json', 'utf8')) as object
);

const PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>';

test('a batch made offline gets its print view, goes live after sync, and anyone can open /t/<code> with no login; payloads stay text', async ({
	page,
	context,
	browser,
	server
}) => {
	test.setTimeout(120_000);
	await signUp(page, 'trace_farmer');
	await page.getByLabel('称呼').fill('李家农场');
	await page.getByLabel('村（屯）').fill('民乐乡红光村');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存在手机上。')).toBeVisible();
	await waitForServiceWorker(page);

	// a field whose crop name carries a payload, as a careless or hostile entry would
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill(`东大地${PAYLOAD}`);
	await page.getByText('只填面积', { exact: true }).click();
	await page.getByLabel('面积（亩）').fill('20');
	await page.getByLabel('作物').fill(`大豆${PAYLOAD}`);
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('东大地');

	await context.setOffline(true);
	await page.goto('/records/new?type=harvest');
	await page.getByRole('combobox', { name: '地块' }).selectOption({ index: 1 });
	await page.getByRole('textbox', { name: '数量' }).fill('3000');
	await page.getByRole('textbox', { name: '备注' }).fill(`不要公开的备注 ${PAYLOAD}`);
	await page.getByLabel('从相册选').setInputFiles({
		name: 'harvest.jpg',
		mimeType: 'image/jpeg',
		buffer: readFileSync('tests/fixtures/label-photo.jpg')
	});
	await expect(page.getByRole('img', { name: '记录照片 1' })).toBeVisible();
	await page.getByRole('button', { name: '保存记录' }).click();
	const code = (await page.getByTestId('harvest-batch').textContent())!.trim();
	await page.getByTestId('harvest-batch').click();

	// publish it: the page explains it goes live after sync
	await page.getByRole('checkbox', { name: '公开这一批：顾客扫码能看到' }).check();
	await page.getByRole('checkbox', { name: '显示记录里拍的照片' }).check();
	await expect(page.getByTestId('publish-after-sync')).toBeVisible();
	// the listing builder opens filled in from the batch
	await expect(page.getByRole('link', { name: '用这一批做商品页' })).toHaveAttribute(
		'href',
		new RegExp(`/tools/listing\\?.*code=${code.replaceAll('-', '')}.*kg=3000`)
	);

	// the trace record to take away, offline: a table, and an EPCIS 2.0 document that the official schema accepts
	const table = page.waitForEvent('download');
	await page.getByRole('button', { name: '下载表格（CSV）' }).click();
	const csv = readFileSync(await (await table).path(), 'utf8');
	expect(csv.split('\r\n')[0]).toContain('安全间隔期遵守了吗');
	expect(csv).toContain('成批');
	expect(csv).toContain('3000');
	const epcisFile = page.waitForEvent('download');
	await page.getByRole('button', { name: '下载 EPCIS 2.0 文件' }).click();
	const epcis = JSON.parse(readFileSync(await (await epcisFile).path(), 'utf8')) as {
		type: string;
		epcisBody: { eventList: { type: string; bizStep?: string }[] };
	};
	expect(validEpcis(epcis), JSON.stringify(validEpcis.errors)).toBe(true);
	expect(epcis.type).toBe('EPCISDocument');
	expect(epcis.epcisBody.eventList.map((e) => e.bizStep)).toContain('commissioning');

	// the print view, offline: the certificate with the words 承诺达标合格证 and a QR, and a sheet of labels
	await page.getByRole('link', { name: '打印标签和承诺达标合格证' }).click();
	const certificate = page.getByTestId('certificate');
	await expect(certificate).toContainText('承诺达标合格证');
	await expect(certificate).toContainText(code);
	await expect(certificate).toContainText('李家农场');
	await expect(certificate).toContainText('民乐乡红光村');
	await expect(certificate.getByRole('img', { name: '扫码看这一批的追溯页' })).toBeVisible();
	await page.getByRole('radio', { name: '追溯码标签' }).check();
	// a count that is not a whole number from 1 to 200 is said at the box, and nothing prints
	await page.getByRole('textbox', { name: '打几张' }).fill('6o');
	await expect(page.getByRole('alert')).toContainText('“6o”不是数字');
	await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
	await page.getByRole('textbox', { name: '打几张' }).fill('500');
	await expect(page.getByRole('alert')).toContainText('请填 1 到 200 之间的整数');
	await page.getByRole('textbox', { name: '打几张' }).fill('6');
	await expect(page.getByTestId('labels').locator('.label')).toHaveCount(6);
	await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
	await page.emulateMedia({ media: 'screen' });

	// back online: it syncs, and the page says where the trace page is
	await context.setOffline(false);
	await page.goBack();
	await expect(page.getByTestId('publish-link')).toBeVisible({ timeout: 30_000 });

	// a stranger, no account, another browser: the QR's address
	const stranger = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
	const other = await stranger.newPage();
	const dialogs: string[] = [];
	other.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const answer = await other.goto(`/t/${code}`);
	expect(answer?.status()).toBe(200);
	await expect(other.getByTestId('trace-code')).toHaveText(code);
	await expect(other.getByText('产地：民乐乡红光村')).toBeVisible();
	await expect(other.getByText('生产者：李家农场')).toBeVisible();
	await expect(other.getByTestId('trace-timeline')).toContainText('收获 3,000 kg');
	// the payload is on the page as text, and nothing ran
	// (the crop name was cut to the form's 20 characters when it was saved)
	await expect(other.getByRole('heading', { level: 1 })).toHaveText(/^大豆<script>alert\("x"\)/);
	expect(await other.locator('script').count()).toBe(0);
	expect(dialogs).toEqual([]);
	await expect(other.getByText('不要公开的备注')).toHaveCount(0);
	// the harvest photo, served only because its batch is published with photos; photos go up right after
	// their records, and the page shows one once the server has it from the batch's owner
	const photo = other.locator('.photos img');
	await expect
		.poll(async () => {
			await other.reload();
			return photo.count();
		})
		.toBe(1);
	const photoUrl = (await photo.getAttribute('src'))!;
	expect((await other.request.get(photoUrl)).status()).toBe(200);
	await expect
		.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBeGreaterThan(0);
	expect((await other.request.get(photoUrl)).headers()['content-type']).toBe('image/jpeg');
	expect(
		(
			await other.request.get(photoUrl.replace(/photo\/[0-9a-f]+$/, `photo/${'0'.repeat(64)}`))
		).status()
	).toBe(404);
	// English on request
	await other.getByRole('link', { name: 'English' }).click();
	await expect(other.getByText('From sowing to harvest')).toBeVisible();

	// a mistyped code and an unpublished batch look the same: a friendly 404
	// two neighbouring characters swapped, the commonest slip (the first pair that differs: AA swapped is AA)
	const wrong = code.replace(/-/g, '').split('');
	const at = wrong.findIndex((c, i) => i > 0 && c !== wrong[i - 1]);
	[wrong[at - 1], wrong[at]] = [wrong[at]!, wrong[at - 1]!];
	expect((await other.goto(`/t/${wrong.join('')}`))?.status()).toBe(404);
	await expect(other.getByText('没找到这个追溯码')).toBeVisible();
	await page.getByRole('checkbox', { name: '公开这一批：顾客扫码能看到' }).uncheck();
	await expect
		.poll(async () => (await other.goto(`/t/${code}`))?.status(), { timeout: 30_000 })
		.toBe(404);
	await stranger.close();
});
