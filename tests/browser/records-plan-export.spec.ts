import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { addFieldByArea, expect, test } from './fixtures';

// The device is set to another zone on purpose: days, times and file names must follow Heilongjiang.
test.use({ timezoneId: 'America/Los_Angeles' });

/** Today in Heilongjiang (UTC+8) as YYYY-MM-DD, and a YYYY-MM month moved by `by` months. */
const shanghai = () => new Date(Date.now() + 8 * 3_600_000);
const today = () => shanghai().toISOString().slice(0, 10);
function month(by: number): { value: string; heading: string; number: number } {
	const now = shanghai();
	const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + by, 1));
	const number = d.getUTCMonth() + 1;
	return {
		value: `${d.getUTCFullYear()}-${String(number).padStart(2, '0')}`,
		heading: `${d.getUTCFullYear()}年${number}月`,
		number
	};
}

async function makeField(page: Page, name: string) {
	await addFieldByArea(page, name, '20');
}

/** A record made through the form; `when` (Heilongjiang time) makes it planned. */
async function record(
	page: Page,
	r: { type: string; label: string; when?: string; notes?: string; fill?: () => Promise<void> }
) {
	await page.goto('/records/new');
	await page.getByLabel('做了什么').selectOption(r.type);
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
	if (r.when) {
		await page.getByRole('radio', { name: '计划' }).check();
		await page.getByLabel('打算什么时候做').fill(r.when);
	}
	await r.fill?.();
	if (r.notes) await page.getByLabel('备注').fill(r.notes);
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(r.label);
}

test('the records the filter shows download as a CSV that Excel opens in Chinese', async ({
	page
}) => {
	// the days around the test: a run across midnight in Heilongjiang may date the record or the file either day
	const dayBefore = today();
	await makeField(page, '东大地');
	await record(page, {
		type: 'harvest',
		label: '收获',
		notes: '东头先收, 说是"好粮"',
		fill: () => page.getByRole('textbox', { name: '数量' }).fill('650')
	});
	await record(page, { type: 'observation', label: '田间观察', notes: '苗齐' });

	await page.goto('/records');
	await page.getByText('筛选', { exact: true }).click();
	await page.getByRole('checkbox', { name: '收获' }).check();
	await expect(page.getByTestId('timeline').locator('li')).toHaveCount(1);

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: '导出 CSV' }).click();
	const download = await downloading;
	const days = `(${dayBefore}|${today()})`;
	expect(download.suggestedFilename()).toMatch(new RegExp(`^heitu-records-${days}\\.csv$`));
	const bytes = readFileSync(await download.path());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.toString('utf8').slice(1).split('\r\n');
	expect(lines.at(-1)).toBe('');
	expect(lines.slice(0, -1)).toHaveLength(2);
	expect(lines[0]).toBe(
		'日期时间,农事,状态,地块,详情,播种量,播种量的单位,用量,用量的单位,用药量,用药量的单位,' +
			'用水量,用水量的单位,估计亩产,估计亩产的单位,数量,数量的单位,含水量,含水量的单位,' +
			'单价,单价的单位,收了多少钱,收了多少钱的单位,纬度,经度,备注,照片张数,记录编号'
	);
	const row = lines[1]!;
	expect(row).toMatch(new RegExp(`^${days} \\d{2}:\\d{2},收获,已做,东大地,650 kg,`));
	expect(row).toContain(',650,kg,');
	expect(row).toContain(',"东头先收, 说是""好粮""",0,');
	expect(row).not.toContain('田间观察');
	await expect(page.getByRole('status').filter({ hasText: '已导出' })).toHaveText(
		'已导出 1 条记录。'
	);

	// a date range with nothing in it: no empty file, a plain word instead
	const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
	await page.getByLabel('从').fill(tomorrow);
	await expect(page.getByTestId('timeline-empty')).toBeVisible();
	await page.getByRole('button', { name: '导出 CSV' }).click();
	await expect(page.getByText('没有可以导出的记录。')).toBeVisible();
});

test('planned work shows by Heilongjiang day, month by month, with overdue work marked', async ({
	page
}) => {
	const [last, now, next] = [month(-1), month(0), month(1)];
	await page.goto('/records/plan');
	await expect(page.getByTestId('plan-month')).toHaveText(now.heading);
	await expect(page.getByRole('heading', { name: '这个月没有计划的农事' })).toBeVisible();

	await makeField(page, '东大地');
	// 08:00 in Heilongjiang is still the day before in Los Angeles
	await record(page, {
		type: 'irrigation',
		label: '浇水',
		when: `${next.value}-15T08:00`,
		fill: () => page.getByRole('textbox', { name: '用水量' }).fill('40')
	});
	await record(page, { type: 'observation', label: '田间观察', when: `${last.value}-10T08:00` });
	// done work is not planned work, even in the same month
	await record(page, {
		type: 'sowing',
		label: '播种',
		fill: () => page.getByRole('textbox', { name: '作物' }).fill('大豆')
	});

	await page.goto('/records');
	await page.getByRole('link', { name: '计划的农事' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('计划的农事');
	await expect(page.getByRole('heading', { name: '这个月没有计划的农事' })).toBeVisible();

	await page.getByRole('link', { name: '下个月' }).click();
	await expect(page.getByTestId('plan-month')).toHaveText(next.heading);
	const days = page.getByTestId('plan-days').locator(':scope > li');
	await expect(days).toHaveCount(1);
	await expect(days.getByRole('heading', { level: 3 })).toContainText(`${next.number}月15日`);
	const irrigation = days.getByRole('link');
	await expect(irrigation).toHaveText(/08:00\s*浇水\s*· 东大地/);
	await expect(irrigation).not.toContainText('已过期');
	await expect(page.getByText('这个月计划了 1 项农事。')).toBeVisible();

	// a record opens, and going back returns to the month it was opened from
	await irrigation.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('浇水');
	await page.goBack();
	await expect(page.getByTestId('plan-month')).toHaveText(next.heading);

	await page.getByRole('link', { name: '上个月' }).click();
	await page.getByRole('link', { name: '上个月' }).click();
	await expect(page.getByTestId('plan-month')).toHaveText(last.heading);
	const observation = page.getByTestId('plan-days').getByRole('link');
	await expect(observation).toHaveText(/田间观察\s*· 东大地\s*已过期/);
	await expect(page.getByTestId('plan-days').getByRole('heading')).toContainText(
		`${last.number}月10日`
	);

	await page.getByRole('link', { name: '回到本月' }).click();
	await expect(page.getByTestId('plan-month')).toHaveText(now.heading);
	await expect(page.getByRole('heading', { name: '这个月没有计划的农事' })).toBeVisible();
	await expect(page.getByText('播种')).toHaveCount(0);
});
