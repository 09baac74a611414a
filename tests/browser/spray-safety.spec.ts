import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures';

// The phone is set to another zone on purpose: spray and harvest days must follow Heilongjiang.
test.use({ timezoneId: 'America/Los_Angeles' });

/** Heilongjiang time ("2026-09-08T10:00") as an instant. */
const harbin = (local: string) => new Date(`${local}:00+08:00`);

async function makeField(page: Page) {
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('东大地');
	await page.getByText('只填面积', { exact: true }).click();
	await page.getByLabel('面积（亩）').fill('20');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('东大地');
}

/** A spraying or harvest record made through the form, as a farmer would, on the field 东大地. */
async function record(page: Page, type: 'spraying' | 'harvest', when: string) {
	await page.goto('/records/new');
	await page.getByLabel('做了什么').selectOption(type);
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
	await page.getByLabel('什么时候做的').fill(when);
	if (type === 'spraying') {
		await page.getByLabel('用的农资').selectOption({ label: '烟嘧磺隆' });
		await page.getByRole('textbox', { name: '用药量' }).fill('60');
		await page.getByRole('textbox', { name: '防治对象（病虫草）' }).fill('禾本科杂草');
	} else {
		await page.getByRole('textbox', { name: '数量' }).fill('6000');
	}
}

/** Serious or critical axe findings (WCAG 2.1 AA) on the screen as it is now, with the warnings showing. */
async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help}`);
}

async function save(page: Page, heading: string) {
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
}

test('offline, the farmer sees when a sprayed field may be harvested, and is warned about an early harvest and a spray too many', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	// the phone's clock: 8 September, in the middle of a maize harvest in Heilongjiang
	await page.clock.setFixedTime(harbin('2026-09-08T10:00'));
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await makeField(page);

	// a herbicide from its label: 14 days before harvest, at most 2 sprays a season; a typo is refused
	await page.goto('/inputs/new');
	await page.getByText('农药', { exact: true }).click();
	await page.getByLabel('名称').fill('烟嘧磺隆');
	await page.getByLabel('安全间隔期（天）').fill('140 0');
	await page.getByLabel('每季最多用几次').fill('2');
	await page.getByLabel('农药类别（看标签底部的色带）').selectOption({ label: '除草剂' });
	await page.getByLabel('毒性（看标签上的毒性标志）').selectOption({ label: '低毒' });
	await page.getByRole('button', { name: '保存农资' }).click();
	await expect(page.getByRole('alert')).toHaveText('安全间隔期请填 0 到 365 之间的整数天。');
	await page.getByLabel('安全间隔期（天）').fill('１４');
	await page.getByRole('button', { name: '保存农资' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('烟嘧磺隆');
	await expect(page.getByTestId('colour-band')).toHaveText('除草剂（绿色带）');
	await expect(page.getByTestId('toxicity')).toHaveText('毒性：低毒');

	// two sprays, the second on 29 August; a planned one does not count yet
	await record(page, 'spraying', '2026-08-10T07:00');
	await save(page, '打药');
	await record(page, 'spraying', '2026-08-29T06:30');
	await save(page, '打药');
	await expect(page.getByTestId('colour-band')).toHaveText('除草剂（绿色带）');
	await expect(page.getByTestId('spray-this-safe')).toHaveText(
		'按这次打药，9月12日 起可以收（安全间隔期 14 天）'
	);

	await page.goto('/tools');
	await page.getByRole('link', { name: '安全间隔期：哪天能收' }).click();
	const card = page.getByTestId('spray-field').filter({ hasText: '东大地' });
	await expect(card.getByTestId('spray-safe-day')).toHaveText(
		'最早安全收获日：9月12日（烟嘧磺隆 安全间隔期 14 天） 还要等 4 天。'
	);
	await expect(card.getByTestId('spray-count')).toContainText(
		'烟嘧磺隆：今年打了 2 次，每季最多 2 次'
	);
	await expect(card.getByTestId('spray-count')).toContainText('最后一次打药：8月29日');
	await expect(card.getByTestId('spray-warning')).toHaveCount(0);

	await card.getByRole('link', { name: '东大地' }).click();
	await expect(page.getByTestId('spray-notice')).toContainText(
		'最早安全收获日：9月12日（烟嘧磺隆 安全间隔期 14 天）'
	);

	// a harvest on 6 September: warned before saving, saved only once the farmer confirms
	await record(page, 'harvest', '2026-09-06T08:00');
	const warning = page.getByTestId('spray-draft-warning');
	await expect(warning).toContainText(
		'还没过安全间隔期：烟嘧磺隆 安全间隔期 14 天，最早 9月12日 才能收。'
	);
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(
		page.getByText('还没过安全间隔期。请先看上面的提醒，勾选后才能保存。')
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('记一笔');
	expect(await seriousViolations(page)).toEqual([]);
	// moved to the safe day, the warning goes; back to the 6th, it returns
	await page.getByLabel('什么时候做的').fill('2026-09-12T08:00');
	await expect(warning).toHaveCount(0);
	await page.getByLabel('什么时候做的').fill('2026-09-06T08:00');
	await warning.getByLabel('我知道还没过安全间隔期，仍要保存这条记录').check();
	await save(page, '收获');
	await expect(page.getByTestId('spray-warning')).toHaveText(
		'9月6日 的收获早于最早安全收获日 9月12日（烟嘧磺隆 安全间隔期 14 天）。'
	);

	// a third spray, on 1 September: the form warns, and the safe day moves to 15 September
	await record(page, 'spraying', '2026-09-01T07:00');
	await expect(page.getByTestId('spray-draft-warning')).toHaveText(
		'烟嘧磺隆 今年打了 3 次，超过了标签上每季最多 2 次。'
	);
	await save(page, '打药');

	await page.goto('/tools/spray');
	await page.reload();
	await expect(card.getByTestId('spray-safe-day')).toHaveText(
		'最早安全收获日：9月15日（烟嘧磺隆 安全间隔期 14 天） 还要等 7 天。'
	);
	await expect(card.getByTestId('spray-count')).toContainText(
		'烟嘧磺隆：今年打了 3 次，每季最多 2 次'
	);
	await expect(card.getByTestId('spray-warning')).toHaveText([
		'烟嘧磺隆 今年打了 3 次，超过了标签上每季最多 2 次。',
		'9月6日 的收获早于最早安全收获日 9月15日（烟嘧磺隆 安全间隔期 14 天）。'
	]);
	expect(await seriousViolations(page)).toEqual([]);

	// the field's timeline marks the harvest and the spray past the maximum
	await card.getByRole('link', { name: '东大地' }).click();
	await expect(page.getByTestId('spray-notice').getByTestId('spray-warning')).toHaveCount(2);
	const timeline = page.getByTestId('timeline').locator('li');
	await expect(timeline).toHaveCount(4);
	await expect(timeline.filter({ hasText: '没过安全间隔期' })).toContainText('收获');
	await expect(timeline.filter({ hasText: '超过每季次数' })).toHaveCount(1);
	await expect(timeline.filter({ hasText: '超过每季次数' })).toContainText('2026年9月1日');
	expect(await seriousViolations(page)).toEqual([]);
});

test('once the interval has passed, the tool says the field can be harvested today', async ({
	page,
	context
}) => {
	await page.clock.setFixedTime(harbin('2026-09-20T09:00'));
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await makeField(page);
	await page.goto('/inputs/new');
	await page.getByText('农药', { exact: true }).click();
	await page.getByLabel('名称').fill('烟嘧磺隆');
	await page.getByLabel('安全间隔期（天）').fill('14');
	await page.getByRole('button', { name: '保存农资' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('烟嘧磺隆');
	await record(page, 'spraying', '2026-08-29T07:00');
	await save(page, '打药');

	await page.goto('/tools/spray');
	const card = page.getByTestId('spray-field').filter({ hasText: '东大地' });
	await expect(card.getByTestId('spray-safe-day')).toHaveText(
		'今天可以收（烟嘧磺隆 安全间隔期 14 天已经过了）'
	);
	await expect(card.getByTestId('spray-count')).toContainText(
		'烟嘧磺隆：今年打了 1 次（每季最多几次没有填）'
	);
});
