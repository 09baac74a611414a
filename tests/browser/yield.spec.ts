import type { Page } from '@playwright/test';
import type { PullResponse } from '../../src/lib/domain/sync-protocol';
import { expect, signUp, test, waitForServiceWorker } from './fixtures';

const box = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

test('a maize yield is estimated offline for a field, a bad number shows its range, and the estimate is saved', async ({
	page,
	context
}) => {
	// a maize field of 20 亩, made while there is signal
	await signUp(page, 'yield_farmer');
	await waitForServiceWorker(page);
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('东大地');
	await page.getByLabel('作物').fill('玉米');
	await page.getByText('只填面积', { exact: true }).click();
	await page.getByLabel('面积（亩）').fill('20');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('东大地');

	// in the field, no signal
	await context.setOffline(true);
	await page.goto('/tools');
	await page.getByRole('link', { name: '测产（估产量）' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('测产：估算产量');
	await page.getByLabel('作物').selectOption({ label: '大豆' });
	await page.getByLabel('哪块地（可以不选）').selectOption({ label: '东大地' });
	// the field grows maize: the estimate follows it
	await expect(page.getByLabel('作物')).toHaveValue('maize');

	await box(page, '每亩穗数').fill('4000');
	await box(page, '每穗粒数').fill('500');
	await box(page, '千粒重（克）').fill('3500');
	await expect(page.getByRole('alert').first()).toHaveText('千粒重（克）应在 50 到 600 之间');
	await expect(page.getByTestId('yield-per-mu')).toHaveCount(0);
	await box(page, '千粒重（克）').fill('350');
	await expect(page.getByRole('alert')).toHaveCount(0);

	// 4000 × 500 × 350 g ÷ 10⁶ = 700 kg, × 0.85 = 595 kg/亩; 20 亩 → 11,900 kg
	await expect(page.getByTestId('yield-per-mu')).toHaveText('每亩约 595 公斤（1,190 斤）');
	await expect(page.getByTestId('yield-per-ha')).toHaveText('每公顷约 8,925 公斤');
	await expect(page.getByTestId('yield-total')).toHaveText(
		'东大地（20 亩）一共约 11,900 公斤（23,800 斤）'
	);
	await expect(page.getByTestId('yield-steps')).toContainText(
		'4,000 穗 × 500 粒 × 350 克 ÷ 1,000,000 = 700 公斤（理论产量）'
	);

	// weighed fresh at 30 % moisture: 595 × 70 ÷ 86 = 484.3 kg at the standard 14 %
	await box(page, '称粒重时的含水量（%，可不填）').fill('30');
	await expect(page.getByTestId('yield-per-mu')).toHaveText('每亩约 484.3 公斤（968.6 斤）');
	await expect(page.getByTestId('yield-steps')).toContainText('折成 14% 标准水分');

	// the ears counted along two 10 m rows at 65 cm instead: 78 ears on 13 m² = 4,000 per 亩
	await page.getByText('数一段垄', { exact: true }).click();
	await box(page, '数到的穗数').fill('78');
	await box(page, '数了几垄').fill('2');
	await box(page, '每垄长（米）').fill('10');
	await expect(page.getByTestId('yield-sample-per-mu')).toHaveText('算下来每亩穗数是 4,000');
	await expect(page.getByTestId('yield-per-mu')).toHaveText('每亩约 484.3 公斤（968.6 斤）');

	await page.getByRole('button', { name: '存成田间观察记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('田间观察');
	await expect(page.getByText('484.3 kg/亩')).toBeVisible();
	await expect(page.getByText('测产（玉米）')).toBeVisible();
	await expect(page.getByTestId('log-unsynced')).toHaveText('未同步');

	// the estimate stays when the record is changed
	await page.getByRole('link', { name: '修改记录' }).click();
	await expect(page.getByRole('textbox', { name: '估计亩产' })).toHaveValue('484.3');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByText('484.3 kg/亩')).toBeVisible();

	// and reaches the server when there is signal again
	await context.setOffline(false);
	await expect(page.getByTestId('log-unsynced')).toHaveCount(0, { timeout: 20_000 });
	const pulled = (await (
		await page.request.get('/api/sync/pull?schemaVersion=1&since=0&limit=100')
	).json()) as PullResponse;
	const observation = pulled.changes.find(
		(c) => c.table === 'logs' && c.record.type === 'observation'
	)!.record;
	expect(observation.details).toEqual({ yieldEstimate: { value: 484.3, unit: 'kgPerMu' } });
	expect(observation.notes).toContain('折成 14% 标准水分');
});

test('a harvest record shows its weight at standard moisture', async ({ page }) => {
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('西岗地');
	await page.getByLabel('作物').fill('玉米');
	await page.getByText('只填面积', { exact: true }).click();
	await page.getByLabel('面积（亩）').fill('20');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('西岗地');
	await page.goto('/records/new');
	await page.getByLabel('做了什么').selectOption('harvest');
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '西岗地' });
	await page.getByRole('textbox', { name: '数量' }).fill('13000');
	await box(page, '含水量').fill('26');
	await page.getByRole('button', { name: '保存记录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('收获');
	// 13,000 kg × (100 − 26) ÷ (100 − 14) = 11,186 kg
	await expect(page.getByText('折成 14% 标准水分')).toBeVisible();
	await expect(page.getByTestId('harvest-standard')).toHaveText('22,372.1 斤（11,186 公斤）');
});

test('the unit converter converts both ways, offline, and refuses a negative amount', async ({
	page,
	context
}) => {
	await page.goto('/tools');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.getByRole('link', { name: '单位换算' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('单位换算');

	await box(page, '亩').fill('15');
	await expect(box(page, '公顷')).toHaveValue('1');
	await expect(box(page, '平方米')).toHaveValue('10000');
	await box(page, '公顷').fill('2');
	await expect(box(page, '亩')).toHaveValue('30');

	await box(page, '斤').fill('1200');
	await expect(box(page, '公斤')).toHaveValue('600');
	await box(page, '公斤').fill('50');
	await expect(box(page, '斤')).toHaveValue('100');

	// a 50 kg bag of DAP holds 23 kg P2O5 = 10.028 kg P; 83 kg K is 100 kg K2O
	await box(page, '五氧化二磷（P₂O₅）').fill('23');
	await expect(box(page, '磷（P）')).toHaveValue('10.028');
	await box(page, '钾（K）').fill('83');
	await expect(box(page, '氧化钾（K₂O）')).toHaveValue('100');

	await box(page, '斤').fill('-5');
	await expect(page.getByRole('alert')).toHaveText('斤应在 0 到 10 亿之间');
	await expect(box(page, '公斤')).toHaveValue('');
	await box(page, '斤').fill('5');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(box(page, '公斤')).toHaveValue('2.5');
});
