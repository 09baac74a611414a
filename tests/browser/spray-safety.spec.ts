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

/** A pesticide typed in from its label. */
async function pesticide(
	page: Page,
	item: { name: string; registrationNo: string; ingredient: string; max: string }
) {
	await page.goto('/inputs/new');
	await page.getByText('农药', { exact: true }).click();
	await page.getByLabel('名称').fill(item.name);
	await page.getByLabel('登记证号').fill(item.registrationNo);
	await page.getByLabel('有效成分').fill(item.ingredient);
	await page.getByLabel('安全间隔期（天）').fill('14');
	await page.getByLabel('每季最多用几次').fill(item.max);
	await page.getByRole('button', { name: '保存农资' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.name);
}

async function sprayWith(page: Page, product: string, when: string) {
	await page.goto('/records/new');
	await page.getByLabel('做了什么').selectOption('spraying');
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
	await page.getByLabel('什么时候做的').fill(when);
	await page.getByLabel('用的农资').selectOption({ label: product });
	await page.getByRole('textbox', { name: '用药量' }).fill('60');
	await page.getByRole('textbox', { name: '防治对象（病虫草）' }).fill('禾本科杂草');
}

test('sprays count per registration number, and two brands of one ingredient count together against the strictest label', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await page.clock.setFixedTime(harbin('2026-07-20T10:00'));
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await makeField(page);

	// the same product bought twice and typed in twice (one registration number, at most 2 a season), and
	// another brand of the same ingredient whose label allows 3
	await pesticide(page, {
		name: '烟嘧磺隆',
		registrationNo: 'PD20080005',
		ingredient: '烟嘧磺隆 4%',
		max: '2'
	});
	await pesticide(page, {
		name: '烟嘧磺隆（第二瓶）',
		registrationNo: 'PD20080005',
		ingredient: '烟嘧磺隆 4%',
		max: '2'
	});
	await pesticide(page, {
		name: '玉农乐',
		registrationNo: 'PD20150001',
		ingredient: '烟嘧磺隆 40克/升',
		max: '3'
	});

	await sprayWith(page, '烟嘧磺隆', '2026-06-10T07:00');
	await save(page, '打药');
	await sprayWith(page, '烟嘧磺隆（第二瓶）', '2026-06-25T07:00');
	await save(page, '打药');

	// the two bottles are one product: 2 of its 2 sprays are used
	await page.goto('/tools/spray');
	const card = page.getByTestId('spray-field').filter({ hasText: '东大地' });
	await expect(card.getByTestId('spray-count')).toContainText(
		'烟嘧磺隆：今年打了 2 次，每季最多 2 次（登记证号 PD20080005，几瓶合起来算）'
	);
	await expect(card.getByTestId('spray-warning')).toHaveCount(0);

	// a third bottle of the same registration is one spray too many
	await sprayWith(page, '烟嘧磺隆（第二瓶）', '2026-07-05T07:00');
	await expect(page.getByTestId('spray-draft-warning')).toHaveText(
		'烟嘧磺隆 今年打了 3 次，超过了标签上每季最多 2 次。'
	);

	// the other brand is within its own label (1 of 3), but the ingredient has had 3 sprays: more than 2
	await sprayWith(page, '玉农乐', '2026-07-05T07:00');
	const warning =
		'烟嘧磺隆、玉农乐 是同一种有效成分（烟嘧磺隆 4%），今年一共打了 3 次，超过了其中最严的标签每季最多 2 次。不同牌子的同一种药要合起来算：这是我们的提醒，不是标签原话；请问农技员。';
	await expect(page.getByTestId('spray-draft-warning')).toHaveText(warning);
	expect(await seriousViolations(page)).toEqual([]);
	await save(page, '打药');

	await page.goto('/tools/spray');
	await page.reload();
	await expect(card.getByTestId('spray-count')).toHaveText([
		/^玉农乐：今年打了 1 次，每季最多 3 次/,
		/^烟嘧磺隆：今年打了 2 次，每季最多 2 次/
	]);
	await expect(card.getByTestId('spray-warning')).toHaveText([warning]);
	expect(await seriousViolations(page)).toEqual([]);

	// the field's timeline marks the spray that took the ingredient past the label
	await card.getByRole('link', { name: '东大地' }).click();
	const timeline = page.getByTestId('timeline').locator('li');
	await expect(timeline.filter({ hasText: '同一成分次数超了' })).toHaveCount(1);
	await expect(timeline.filter({ hasText: '同一成分次数超了' })).toContainText('2026年7月5日');

	// in English too
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'English' }).check();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto('/tools/spray');
	await expect(card.getByTestId('spray-warning')).toHaveText([
		"烟嘧磺隆, 玉农乐 have the same active ingredient (烟嘧磺隆 4%): 3 sprays this season together, more than the strictest of their labels allows (2 a season). Count different brands of one ingredient together: this is our warning, not the label's words; ask your extension technician."
	]);
});
