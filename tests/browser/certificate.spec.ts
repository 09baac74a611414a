import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addFieldByArea, expect, test, waitForServiceWorker } from './fixtures';

/** Heilongjiang time ("2026-09-28T10:00") as an instant. */
const harbin = (local: string) => new Date(`${local}:00+08:00`);

/** A paddy, a rice-blast fungicide from its label (14 days before harvest), as a farmer enters them. */
async function fieldAndFungicide(page: Page) {
	await addFieldByArea(page, '东大地', '15', '水稻');

	await page.goto('/inputs/new');
	await page.getByText('农药', { exact: true }).click();
	await page.getByLabel('名称').fill('40%稻瘟灵乳油');
	await page.getByLabel('有效成分').fill('稻瘟灵 40%');
	await page.getByLabel('安全间隔期（天）').fill('14');
	await page.getByLabel('农药类别（看标签底部的色带）').selectOption({ label: '杀菌剂' });
	await page.getByLabel('毒性（看标签上的毒性标志）').selectOption({ label: '低毒' });
	await page.getByRole('button', { name: '保存农资' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('40%稻瘟灵乳油');
}

async function spray(page: Page, when: string) {
	await page.goto('/records/new');
	await page.getByLabel('做了什么').selectOption('spraying');
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
	await page.getByLabel('什么时候做的').fill(when);
	await page.getByLabel('用的农资').selectOption({ label: '40%稻瘟灵乳油' });
	await page.getByRole('textbox', { name: '用药量' }).fill('100');
	await page.getByRole('textbox', { name: '防治对象（病虫草）' }).fill('稻瘟病');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('打药');
}

/** A harvest of 8000 kg; returns after opening the batch it made. */
async function harvestIntoBatch(page: Page, when: string, early: boolean) {
	await page.goto('/records/new?type=harvest');
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
	await page.getByLabel('什么时候做的').fill(when);
	await page.getByRole('textbox', { name: '数量' }).fill('8000');
	if (early)
		await page
			.getByTestId('spray-draft-warning')
			.getByLabel('我知道还没过安全间隔期，仍要保存这条记录')
			.check();
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('收获');
	await page.getByTestId('harvest-batch').click();
	await expect(page.getByTestId('batch-code')).toBeVisible();
}

const PUBLISH = '公开这一批：顾客扫码能看到';

/** Serious or critical axe findings (WCAG 2.1 AA) on the screen as it is now. */
async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help}`);
}

test('offline, a harvest 6 days inside the interval: no ticked interval box, no certificate, the headline says wait, publishing asks first', async ({
	page,
	context
}) => {
	test.setTimeout(150_000);
	// harvest day, 28 September: 稻瘟灵 sprayed on the 20th with a 14-day interval is safe from 4 October
	await page.clock.setFixedTime(harbin('2026-09-28T10:00'));
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await fieldAndFungicide(page);
	await spray(page, '2026-09-20T16:00');
	await harvestIntoBatch(page, '2026-09-28T09:00', true);

	// the batch page: not "可以卖", but until when it can't be sold, why, and what to do
	const batchPage = page.url();
	await expect(page.getByTestId('batch-headline')).toHaveText('安全间隔期没到，10月4日 以前不能卖');
	const interval = page.getByTestId('promise-checks').getByTestId('promise-intervals');
	await expect(interval).toContainText('✗ 不能打勾：记录和承诺对不上');
	await expect(interval).toContainText(
		'东大地：9月28日 收获，早于最早安全收获日 10月4日（9月20日 打的 40%稻瘟灵乳油，安全间隔期 14 天），早了 6 天。'
	);
	await expect(interval).toContainText('10月4日 以前别卖，还要等 6 天。');
	await expect(interval).toContainText('如果收获日期记错了，请改正收获记录。');
	await expect(page.getByTestId('promise-checks').getByTestId('promise-noBanned')).toHaveCount(0);

	// publishing asks first: back leaves it private, "publish anyway" publishes
	const publish = page.getByRole('checkbox', { name: PUBLISH });
	await publish.click();
	const warning = page.getByTestId('publish-warning');
	await expect(warning).toContainText(
		'顾客扫码会在追溯页上看到红字：“有一次打药没过安全间隔期就收获了”'
	);
	await expect(publish).not.toBeChecked();
	expect(await seriousViolations(page)).toEqual([]);
	await warning.getByRole('button', { name: '返回，先不公开' }).click();
	await expect(warning).toHaveCount(0);
	await expect(publish).not.toBeChecked();
	await expect(page.getByTestId('publish-after-sync')).toHaveCount(0);
	await publish.click();
	await warning.getByRole('button', { name: '我知道了，仍然公开' }).click();
	await expect(publish).toBeChecked();
	await expect(page.getByTestId('publish-after-sync')).toBeVisible();

	// the print page, reloaded offline: the interval box is not ticked, and the screen says why
	await page.getByRole('link', { name: '打印标签和承诺达标合格证' }).click();
	// the print page is open before it is reloaded from the offline cache (on a busy machine the click's
	// navigation may not have happened yet)
	await expect(page).toHaveURL(/\/batches\/[^/]+\/print/);
	await page.reload();
	const certificate = page.getByTestId('certificate');
	await expect(certificate).toContainText('承诺达标合格证');
	await expect(certificate.getByTestId('tick-intervals')).toHaveText(
		'☐ 遵守农药安全间隔期、兽药休药期规定'
	);
	await expect(certificate.getByTestId('tick-noBanned')).toHaveText(
		'☑ 不使用禁用农药兽药、停用兽药和非法添加物'
	);
	// residues can't be vouched for by quality control after an early harvest
	await expect(certificate.getByTestId('tick-residues')).toHaveText(/^☐ /);
	const checks = page.getByTestId('promise-checks');
	await expect(checks.getByTestId('promise-intervals')).toContainText('早了 6 天');
	await expect(checks.getByTestId('promise-residues')).toContainText(
		'上面有一项不能打勾，光靠质量控制说不准残留合不合格。'
	);
	// no certificate can be issued: no print button, and a printout would say so instead
	await expect(page.getByTestId('certificate-blocked')).toHaveText(
		'这一批现在不能开承诺达标合格证：记录和上面的承诺对不上，怎么办看上面。追溯码标签还可以打印。'
	);
	await expect(page.getByRole('button', { name: '打印' })).toHaveCount(0);
	expect(await seriousViolations(page)).toEqual([]);
	// naming a test as the basis vouches for residues, not for the early harvest
	await page.locator('fieldset', { hasText: '承诺依据' }).getByText('委托检测').click();
	await expect(page.getByRole('radio', { name: '委托检测' })).toBeChecked();
	await expect(certificate.getByTestId('tick-residues')).toHaveText(/^☑ /);
	await expect(certificate.getByTestId('tick-intervals')).toHaveText(/^☐ /);
	await expect(page.getByTestId('certificate-blocked')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(certificate).toBeHidden();
	await expect(page.getByText('这一批不能开具承诺达标合格证。')).toBeVisible();
	await expect(checks).toBeHidden();
	await page.emulateMedia({ media: 'screen' });
	// the trace-code labels still print
	await page.getByRole('radio', { name: '追溯码标签' }).check();
	await expect(page.getByRole('button', { name: '打印' })).toBeVisible();

	// in English, the same
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'English' }).check();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto(batchPage);
	await expect(page.getByTestId('batch-headline')).toHaveText(
		"Pre-harvest interval not over: don't sell before October 4"
	);
	await expect(page.getByTestId('promise-intervals')).toContainText(
		'东大地: Harvested on September 28, 6 days before the first safe day, October 4 (40%稻瘟灵乳油 sprayed on September 20, pre-harvest interval 14 days).'
	);
	await expect(page.getByTestId('promise-intervals')).toContainText(
		"Don't sell it before October 4: 6 more days to wait."
	);
});

test('offline, a batch whose interval was kept prints every box ticked, says it can be sold, and publishes at once', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await page.clock.setFixedTime(harbin('2026-09-28T10:00'));
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await fieldAndFungicide(page);
	// sprayed on 20 August: safe from 3 September
	await spray(page, '2026-08-20T06:00');
	await harvestIntoBatch(page, '2026-09-28T09:00', false);

	await expect(page.getByTestId('batch-headline')).toHaveText('可以卖');
	await expect(page.getByTestId('promise-checks')).toHaveCount(0);
	await page.getByRole('checkbox', { name: PUBLISH }).check();
	await expect(page.getByTestId('publish-warning')).toHaveCount(0);
	await expect(page.getByTestId('publish-after-sync')).toBeVisible();

	await page.getByRole('link', { name: '打印标签和承诺达标合格证' }).click();
	// the print page is open before it is reloaded from the offline cache (on a busy machine the click's
	// navigation may not have happened yet)
	await expect(page).toHaveURL(/\/batches\/[^/]+\/print/);
	await page.reload();
	const ticks = page.getByTestId('certificate').locator('.ticks li');
	await expect(ticks).toHaveText([
		'☑ 不使用禁用农药兽药、停用兽药和非法添加物',
		'☑ 遵守农药安全间隔期、兽药休药期规定',
		'☑ 销售的食用农产品符合农药兽药残留食品安全国家强制性标准'
	]);
	const checks = page.getByTestId('promise-checks');
	await expect(checks.locator('[data-state="kept"]')).toHaveCount(3);
	await expect(page.getByTestId('certificate-blocked')).toHaveCount(0);
	await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('certificate')).toBeVisible();
	await expect(checks).toBeHidden();
});
