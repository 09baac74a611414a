import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { PullResponse } from '../../src/lib/domain/sync-protocol';
import { checkCharacter, formatTraceCode, TRACE_ALPHABET } from '../../src/lib/domain/trace-code';
import { addFieldByArea, expect, signUp, test, waitForServiceWorker } from './fixtures';

const CODE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/;

test('offline: a harvest makes a batch with a code, it is split, part of a part is sold, an over-sale and a mistyped code are caught', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await signUp(page, 'batch_farmer');
	await waitForServiceWorker(page);

	// a field of maize, made while there is signal
	await addFieldByArea(page, '东大地', '20', '玉米');

	await context.setOffline(true);

	// the harvest: 2000 斤 = 1000 kg
	await page.goto('/records/new?type=harvest');
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
	await page.getByRole('textbox', { name: '数量' }).fill('2000');
	await page.getByLabel('数量的单位').selectOption({ label: '斤' });
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('收获');
	const harvestBatch = page.getByTestId('harvest-batch');
	await expect(harvestBatch).toHaveText(CODE);
	const code = (await harvestBatch.textContent())!.trim();

	// the batch list, from the records screen
	await page.goto('/records');
	await page.getByRole('link', { name: '批次和追溯码' }).click();
	const list = page.getByTestId('batch-list').locator('li');
	await expect(list).toHaveCount(1);
	await expect(list).toContainText(code);
	await expect(list).toContainText('玉米 · 还剩 2,000 斤（1,000 公斤）');
	await expect(list).toContainText('东大地');

	// its page: the code big, in groups; split into 600 kg and 300 kg, 100 kg stay
	await list.getByRole('link', { name: code }).click();
	await expect(page.getByTestId('batch-code')).toHaveText(code.replaceAll('-', ''), {
		useInnerText: false
	});
	const split = page.getByTestId('split-form');
	await split.getByLabel('第 1 份（公斤）').fill('700');
	await split.getByLabel('第 2 份（公斤）').fill('400');
	await split.getByRole('button', { name: '分开' }).click();
	await expect(split.getByRole('alert')).toHaveText(
		'这一批只剩 2,000 斤（1,000 公斤），不够 2,200 斤（1,100 公斤）。最多只能写 2,000 斤（1,000 公斤）。'
	);
	await split.getByLabel('第 1 份（公斤）').fill('600');
	await split.getByLabel('第 2 份（公斤）').fill('300');
	await split.getByRole('button', { name: '分开' }).click();
	await expect(split.getByRole('status')).toHaveText('分好了，每份都有自己的追溯码。');
	await expect(page.getByTestId('batch-left')).toHaveText('200 斤（100 公斤）');
	const parts = page.getByTestId('batch-children').locator('li');
	await expect(parts).toHaveCount(2);
	await expect(parts.first()).toContainText('600 公斤');
	// the batch page with its lineage and forms filled in passes axe too (the shell pass sees it empty)
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);

	// sell 500 kg of the 600 kg part, from its page
	await parts.filter({ hasText: '600 公斤' }).getByRole('link').click();
	// the part's own page (not the parent's, still on screen for a moment)
	await expect(page.getByTestId('batch-left')).toHaveText('1,200 斤（600 公斤）');
	const partCode = (await page.getByTestId('batch-code').getAttribute('data-code'))!;
	expect(partCode).toMatch(CODE);
	await page.getByRole('link', { name: '记一笔卖出' }).click();
	await expect(page.getByLabel('批次')).toHaveValue(/.+/);
	await expect(page.getByLabel('批次').locator('option:checked')).toContainText(partCode);
	await page.getByRole('textbox', { name: '买家' }).fill('县粮库');
	await page.getByRole('textbox', { name: '数量' }).fill('500');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('销售');
	await expect(page.locator('dd', { hasText: partCode })).toBeVisible();
	await page.goto('/records');
	await expect(
		page.getByTestId('timeline').locator('li').filter({ hasText: '销售' })
	).toContainText(`县粮库 · 500 kg · ${partCode}`);

	// another 200 kg from the same part: only 100 kg are left, refused with the amount, nothing saved
	await page.goto('/batches');
	await page.getByRole('link', { name: partCode }).click();
	await expect(page.getByTestId('batch-left')).toHaveText('200 斤（100 公斤）');
	await expect(page.getByTestId('batch-sales').locator('li')).toHaveCount(1);
	await page.getByRole('link', { name: '记一笔卖出' }).click();
	await page.getByRole('textbox', { name: '买家' }).fill('收粮的老李');
	await page.getByRole('textbox', { name: '数量' }).fill('200');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByTestId('batch-refused')).toHaveText(
		'这一批只剩 200 斤（100 公斤），不够 400 斤（200 公斤）。最多只能写 200 斤（100 公斤）。'
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('记一笔');
	await page.getByRole('textbox', { name: '数量' }).fill('100');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('销售');

	// merge the 300 kg part with what the harvest batch has left (100 kg): one batch of 400 kg, new code
	await page.goto('/batches');
	const otherPart = page
		.getByTestId('batch-list')
		.locator('li')
		.filter({ hasText: '还剩 600 斤（300 公斤）' });
	await otherPart.getByRole('link').click();
	const merge = page.getByTestId('merge-form');
	await merge.getByRole('button', { name: '合并' }).click();
	await expect(merge.getByRole('alert')).toHaveText('请至少再选一批。');
	await merge.getByRole('checkbox', { name: code }).check();
	await merge.getByRole('button', { name: '合并' }).click();
	await expect(page.getByText('几批合起来的').first()).toBeVisible();
	await expect(page.getByTestId('batch-left')).toHaveText('800 斤（400 公斤）');
	const mergedCode = (await page.getByTestId('batch-code').getAttribute('data-code'))!;
	expect([code, partCode]).not.toContain(mergedCode);

	// checking codes: a swap is caught (and the batch it was meant to be is offered), O is named
	await page.goto('/batches');
	const check = page.getByTestId('trace-check-input');
	const result = page.getByTestId('trace-check-result');
	const plain = partCode.replaceAll('-', '');
	const at = [...plain].findIndex((c, i) => i < 9 && c !== plain[i + 1]);
	const swapped = plain.slice(0, at) + plain[at + 1] + plain[at] + plain.slice(at + 2);
	await check.fill(swapped.toLowerCase());
	await page.getByRole('button', { name: '查', exact: true }).click();
	await expect(result).toContainText('追溯码有一个字抄错了，或者两个字写反了。请再对一遍。');
	await expect(result).toContainText(`是不是这一批？`);
	await result.getByRole('link', { name: `打开这一批 ${partCode}` }).click();
	await expect(page.getByTestId('batch-left')).toHaveText('0 斤（0 公斤）');

	await page.goto('/batches');
	await check.fill(`${plain.slice(0, 3)}O${plain.slice(4)}`);
	await page.getByRole('button', { name: '查', exact: true }).click();
	await expect(result).toContainText('O 不会出现在追溯码里');
	await check.fill(plain.slice(0, 7));
	await page.getByRole('button', { name: '查', exact: true }).click();
	await expect(result).toHaveText('追溯码有 10 个字，你输入了 7 个。');

	// a correct code that is not on this phone, and one that is
	const other = [...plain.slice(0, 9)]
		.map((c) => TRACE_ALPHABET[(TRACE_ALPHABET.indexOf(c) + 7) % 32])
		.join('');
	await check.fill(formatTraceCode(other + checkCharacter(other)));
	await page.getByRole('button', { name: '查', exact: true }).click();
	await expect(result).toHaveText(
		'这个追溯码写得没错，但这台手机上没有这一批，可能是在别的手机上记的。'
	);
	await check.fill(code);
	await page.getByRole('button', { name: '查', exact: true }).click();
	await expect(result).toContainText(`找到了：${code}`);

	// signal returns: the batches reach the server with their codes
	await context.setOffline(false);
	const batchesOnServer = async () => {
		const pulled = (await (
			await page.request.get('/api/sync/pull?schemaVersion=1&since=0&limit=100')
		).json()) as PullResponse;
		return pulled.changes
			.filter((c) => c.table === 'batches')
			.map((c) => `${formatTraceCode(c.record.code as string)} ${c.record.origin as string}`);
	};
	await expect.poll(batchesOnServer, { timeout: 20_000 }).toHaveLength(4);
	expect(await batchesOnServer()).toEqual(
		expect.arrayContaining([`${code} harvest`, `${partCode} split`, `${mergedCode} merge`])
	);
});

test('offline, a trainee records sales with a price or the money received: the other is worked out, a mismatch is asked about, the batch page adds up what she earned, the listing shows her past prices; the public page shows none', async ({
	page,
	context,
	browser,
	server
}) => {
	test.setTimeout(150_000);
	await signUp(page, 'sale_trainee');
	await waitForServiceWorker(page);
	await addFieldByArea(page, '南岗地', '10', '玉米');

	await context.setOffline(true);
	// Heilongjiang wall-clock days before now, as the record form's date box takes them
	const daysAgo = (days: number) =>
		new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 16);
	await page.goto('/records/new?type=harvest');
	await page.getByLabel('什么时候做的').fill(daysAgo(5));
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '南岗地' });
	await page.getByRole('textbox', { name: '数量' }).fill('2000');
	await page.getByRole('button', { name: '保存记录' }).click();
	await page.getByTestId('harvest-batch').click();
	const code = (await page.getByTestId('batch-code').getAttribute('data-code'))!;

	// 1,000 斤 at 1.20 元/斤: the price box follows the 斤, the money is worked out before saving
	await page.getByRole('link', { name: '记一笔卖出' }).click();
	await page.getByLabel('什么时候做的').fill(daysAgo(3));
	await page.getByRole('textbox', { name: '买家' }).fill('县粮库');
	await page.getByRole('textbox', { name: '数量' }).fill('1000');
	await page.getByLabel('数量的单位').selectOption({ label: '斤' });
	await expect(page.getByLabel('单价的单位')).toHaveValue('yuanPerJin');
	await page.getByRole('textbox', { name: '单价' }).fill('1.2');
	await expect(page.getByTestId('sale-amount-worked')).toHaveText('按单价算：收了 1,200.00 元');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('销售');
	await expect(page.locator('dd', { hasText: '1.20 元/斤' })).toBeVisible();
	await expect(page.locator('dd', { hasText: '1,200.00 元' })).toBeVisible();

	// 100 kg for 300 元 written as money: the price is worked out
	await page.goto(`/records/new?type=sale`);
	await page.getByLabel('什么时候做的').fill(daysAgo(2));
	await page.getByRole('textbox', { name: '买家' }).fill('网店');
	await page.getByRole('textbox', { name: '数量' }).fill('100');
	await page.getByLabel('批次').selectOption({ index: 1 });
	await page.getByRole('textbox', { name: '收了多少钱' }).fill('300');
	await expect(page.getByTestId('sale-price-worked')).toHaveText('按收的钱算：单价 3.00 元/公斤');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.locator('dd', { hasText: '3.00 元/公斤' })).toBeVisible();

	// 100 kg at 2.50 元/kg but 125 元 written: a plain question; she confirms, nothing typed is lost
	await page.goto(`/records/new?type=sale`);
	await page.getByLabel('什么时候做的').fill(daysAgo(1));
	await page.getByRole('textbox', { name: '买家' }).fill('老李');
	await page.getByRole('textbox', { name: '数量' }).fill('100');
	await page.getByLabel('批次').selectOption({ index: 1 });
	await page.getByRole('textbox', { name: '单价' }).fill('2.5');
	await page.getByRole('textbox', { name: '收了多少钱' }).fill('125');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByTestId('sale-money-question')).toContainText(
		'单价乘数量是 250.00 元，可收的钱写的是 125.00 元。是不是写错了？'
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('记一笔');
	await expect(page.getByRole('textbox', { name: '收了多少钱' })).toHaveValue('125');
	await page.getByRole('checkbox', { name: '没写错，就是收了这么多' }).check();
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('销售');
	await expect(page.locator('dd', { hasText: '125.00 元' })).toBeVisible();

	// the batch page: each sale with its quantity, price and money, newest first, and the total
	await page.goto('/batches');
	await page.getByRole('link', { name: code }).click();
	const sales = page.getByTestId('batch-sales').locator('li');
	await expect(sales).toHaveText([
		/老李.*100 公斤）.*2\.50 元\/公斤.*125\.00 元/,
		/网店.*100 公斤）.*3\.00 元\/公斤.*300\.00 元/,
		/县粮库.*500 公斤）.*1\.20 元\/斤.*1,200\.00 元/
	]);
	await expect(page.getByTestId('batch-earned')).toHaveText('一共收了 1,625.00 元（3 笔）');

	// the listing made from this batch: her past prices, newest first, beside the break-even
	await page.getByRole('link', { name: '用这一批做商品页' }).click();
	await page.getByRole('textbox', { name: '每件净重' }).fill('10');
	await page.getByRole('textbox', { name: '产品成本（元/件）', exact: true }).fill('28');
	// break-even 28 元 a 10 斤 piece: 5.60 元/kg; every past price was below it
	const history = page.getByTestId('listing-price-history').getByRole('listitem');
	await expect(history).toHaveText([
		/老李：2\.50 元\/公斤（1\.25 元\/斤）\s*低于保本价，亏了/,
		/网店：3\.00 元\/公斤（1\.50 元\/斤）\s*低于保本价，亏了/,
		/县粮库：2\.40 元\/公斤（1\.20 元\/斤）\s*低于保本价，亏了/
	]);

	// the records file carries the money, in its own columns
	await page.goto('/records');
	const file = page.waitForEvent('download');
	await page.getByRole('button', { name: '导出 CSV' }).click();
	const csv = readFileSync(await (await file).path(), 'utf8');
	const [header, ...rows] = csv
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n')
		.map((r) => r.split(','));
	const sold = rows.find((r) => r.includes('县粮库') || r.some((c) => c.startsWith('县粮库')))!;
	expect(sold[header!.indexOf('单价')]).toBe('1.2');
	expect(sold[header!.indexOf('单价的单位')]).toBe('元/斤');
	expect(sold[header!.indexOf('收了多少钱')]).toBe('1200');

	// published and synced: a buyer scanning the code sees the sales happen, never what they were sold for
	await page.goto('/batches');
	await page.getByRole('link', { name: code }).click();
	await page.getByRole('checkbox', { name: '公开这一批：顾客扫码能看到' }).check();
	await context.setOffline(false);
	await expect(page.getByTestId('publish-link')).toBeVisible({ timeout: 30_000 });
	const stranger = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
	const other = await stranger.newPage();
	expect((await other.goto(`/t/${code}`))?.status()).toBe(200);
	await expect(other.getByTestId('trace-timeline')).toContainText('500 kg');
	const text = await other.locator('body').innerText();
	for (const money of ['1.2', '1,200', '300.00', '2.5', '125', '元', '县粮库'])
		expect(text).not.toContain(money);
	await stranger.close();
});
