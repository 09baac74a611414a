import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { PullResponse } from '../../src/lib/domain/sync-protocol';
import { expect, putInAppDb, signUp, test, waitForServiceWorker } from './fixtures';

const photo = {
	name: 'seedlings.jpg',
	mimeType: 'image/jpeg',
	buffer: readFileSync('tests/fixtures/label-photo.jpg')
};

/**
 * What the farmer measured at each of the five points, and how many plants they classed 一类 / 二类 / 三类
 * (lesson 苗情调查): 9 + 10 + 1 = 20 plants, mostly 二类.
 */
const points = [
	{ plants: '4', height: '12', classes: ['3', '1', ''] },
	{ plants: '4.2', height: '12', classes: ['2', '2', '0'] },
	{ plants: '3,9', height: '11', classes: ['1', '2', '1'] },
	{ plants: '4.1', height: '12', classes: ['2', '2', ''] },
	{ plants: '4', height: '13', classes: ['1', '3', '0'] }
];

const pointCard = (page: Page, n: number) =>
	page.getByRole('group', { name: `第 ${n} 个点`, exact: true });

test('offline, a farmer does a five-point survey, sees density, emergence and class, and finds it again after a reload', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation({ latitude: 47.35, longitude: 130.3, accuracy: 8 });
	await signUp(page, 'survey_farmer');
	await waitForServiceWorker(page);

	// a maize field, made while there is signal
	await page.goto('/fields/new');
	await page.getByLabel('地块名称').fill('东大地');
	await page.getByText('只填面积', { exact: true }).click();
	await page.getByLabel('面积（亩）').fill('20');
	await page.getByLabel('作物').fill('玉米');
	await page.getByRole('button', { name: '保存地块' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('东大地');
	const fieldUrl = page.url();

	// out in the field, no signal: the tool opens from the tools screen
	await context.setOffline(true);
	await page.goto('/tools');
	await page.getByRole('link', { name: '苗情调查' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('苗情调查');
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
	// the field grows maize: the survey knows its crop and stages
	await expect(page.getByRole('combobox', { name: '作物' })).toHaveValue('maize');
	await page.getByLabel('每亩播了多少粒').fill('4500');
	await page.getByLabel('这个时候正常苗高（厘米，可不填）').fill('14');
	await expect(pointCard(page, 1)).toBeVisible();
	await expect(page.getByTestId('survey-point')).toHaveCount(5);

	// a slip of the finger: 45 plants in a metre of maize row is refused with the range
	const first = pointCard(page, 1);
	await first.getByLabel('一米垄上的苗数（棵）').fill('45');
	await expect(first.getByRole('alert')).toHaveText('一米苗数应在 0 到 30 之间。');

	for (const [i, p] of points.entries()) {
		const card = pointCard(page, i + 1);
		await card.getByLabel('一米垄上的苗数（棵）').fill(p.plants);
		await card.getByLabel('行距（厘米）').fill('65');
		await card.getByLabel('株高（厘米，可不填）').fill(p.height);
		await card.getByLabel('生育时期').selectOption('V3');
		await card.getByText('整齐', { exact: true }).click();
		for (const [c, count] of p.classes.entries())
			await card.getByLabel(`${['一', '二', '三'][c]}类苗（棵）`).fill(count);
	}
	await pointCard(page, 3).getByLabel('看到的病虫（可不填）').fill('地老虎咬了两棵');
	await expect(first.getByRole('alert')).toHaveCount(0);

	// a half plant is refused
	await first.getByLabel('一类苗（棵）').fill('2.5');
	await expect(first.getByRole('alert')).toHaveText('棵数要填整数。');
	await first.getByLabel('一类苗（棵）').fill('3');

	// mean 4.04 plants per metre on 65 cm rows = 4,144 plants/亩 (62,154/ha), 92.1 % of 4,500 seeds
	await expect(page.getByTestId('survey-density')).toHaveText(
		'密度：每亩 4,144 棵（每公顷 62,154 棵）'
	);
	await expect(page.getByTestId('survey-emergence')).toHaveText('出苗率 92.1%，缺苗率 7.9%');
	// the lesson's way: 一类 9, 二类 10, 三类 1 → mainly 二类, 一类 is 9 of 20 = 45 %
	await expect(page.getByTestId('survey-grade')).toHaveText('这块地以二类苗为主');
	await expect(page.getByTestId('survey-plant-classes')).toHaveText(
		'一共数了 20 棵：一类 9 棵，二类 10 棵，三类 1 棵；一类苗占 45%。'
	);
	// no station numbers were entered: no numeric class of ours
	await expect(page.getByTestId('survey-station-grade')).toHaveCount(0);
	await expect(page.getByText(/平均株高是正常的/)).toHaveCount(0);

	await expect(page.getByTestId('log-point')).toContainText('纬度 47.35000，经度 130.30000');
	await page.getByLabel('从相册选').setInputFiles(photo);
	await expect(page.getByRole('img', { name: '记录照片 1' })).toBeVisible();
	await page.getByRole('button', { name: '保存调查' }).click();

	await expect(page.getByRole('heading', { level: 1 })).toContainText('田间观察');
	await expect(page.getByTestId('survey-line')).toHaveText('苗情调查：二类苗，密度 4,144 株/亩');
	await expect(page.getByRole('cell', { name: '地老虎咬了两棵' })).toBeVisible();

	// still offline, after a reload: on the field's timeline, and on the tool's chart
	await page.goto(fieldUrl);
	await page.reload();
	await expect(page.getByTestId('timeline').locator('li').first()).toContainText(
		'苗情调查：二类苗，密度 4,144 株/亩'
	);
	await page.goto('/tools/seedling');
	await page.reload();
	await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
	const chart = page.getByRole('img', { name: /这块地的苗情变化/ });
	await expect(chart).toBeVisible();
	await expect(chart).toHaveAccessibleName(/1 次调查.*二类，每亩 4,144 棵/);
	await expect(page.getByTestId('survey-history').locator('tbody tr')).toHaveText([/4,144\s*二类/]);
	// the filled-in screen (results, chart, table) passes the same accessibility check as every page
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);

	// signal returns: the survey reaches the server whole, inside the observation's details
	await context.setOffline(false);
	await expect
		.poll(
			async () => {
				const response = await page.request.get('/api/sync/pull?schemaVersion=1&since=0&limit=100');
				const pulled = (await response.json()) as PullResponse;
				const log = pulled.changes.find((c) => c.table === 'logs')?.record;
				return (log?.details as { survey?: unknown } | undefined)?.survey ?? null;
			},
			{ timeout: 20_000 }
		)
		.toMatchObject({
			kind: 'seedling',
			crop: 'maize',
			densityPerMu: 4144,
			emergence: 92.1,
			grade: 2,
			gradeBy: 'plants',
			plantClasses: { first: 9, second: 10, third: 1 },
			thresholds: null,
			stationGrade: null,
			basis: { kind: 'seeds', perMu: 4500 },
			points: [
				{
					plantsPerMetre: 4,
					rowSpacingCm: 65,
					heightCm: 12,
					stage: 'V3',
					classCounts: { first: 3, second: 1, third: 0 }
				},
				{},
				{ plantsPerMetre: 3.9, pests: '地老虎咬了两棵' },
				{},
				{}
			]
		});
});

test('the station’s numbers are optional, start empty, are refused when impossible, kept after a reload, and their class is shown as the station’s', async ({
	page
}) => {
	await page.goto('/tools/seedling');
	await page.getByText('农技站的数字标准（可不填）').click();
	await expect(page.getByText('玉米还没有填农技站的标准。')).toBeVisible();
	const emergence1 = page.getByLabel('一类苗：出苗率至少（%）');
	await expect(emergence1).toHaveValue('');
	const station = {
		'一类苗：出苗率至少（%）': '150',
		'二类苗：出苗率至少（%）': '85',
		'一类苗：株高变异系数最多（%）': '10',
		'二类苗：株高变异系数最多（%）': '20',
		'一类苗：株高至少是正常的（%）': '95',
		'二类苗：株高至少是正常的（%）': '80'
	};
	for (const [label, value] of Object.entries(station)) await page.getByLabel(label).fill(value);
	await expect(page.getByRole('alert')).toHaveText('一类苗：出苗率至少（%）应在 0 到 100 之间。');
	await emergence1.fill('75');
	await expect(page.getByRole('alert')).toHaveText('一类苗的数不能比二类苗的小。');
	await emergence1.fill('95');
	await page.getByRole('button', { name: '保存标准' }).click();
	await expect(page.getByRole('status').filter({ hasText: '农技站的标准已保存' })).toBeVisible();

	await page.reload();
	await page.getByText('农技站的数字标准（可不填）').click();
	await expect(page.getByLabel('一类苗：出苗率至少（%）')).toHaveValue('95');
	// soybean has none of its own
	await page.getByRole('combobox', { name: '作物' }).selectOption('soybean');
	await expect(page.getByLabel('一类苗：出苗率至少（%）')).toHaveValue('');
	await page.getByRole('combobox', { name: '作物' }).selectOption('maize');

	// three points with no plants classed: the station's numbers give the class, named as theirs
	// 4 plants per metre on 65 cm = 4,103 per 亩, 91.2 % of 4,500 seeds: under the station's 95 %, over 85 %
	await page.getByLabel('每亩播了多少粒').fill('4500');
	for (const n of [1, 2, 3]) {
		await pointCard(page, n).getByLabel('一米垄上的苗数（棵）').fill('4');
		await pointCard(page, n).getByLabel('行距（厘米）').fill('65');
	}
	await expect(page.getByTestId('survey-grade')).toHaveText(
		'没数各类苗，按你们农技站的数字标准：二类苗'
	);
	const stationBox = page.getByTestId('survey-station-grade');
	await expect(stationBox).toContainText('出苗率 91.2% → 二类苗');
	await expect(stationBox).toContainText('这些数字是你们自己填的农技站标准，不是 Heitu 的。');
	// once the plants are classed, the lesson's class leads and the station's stands beside it
	for (const n of [1, 2, 3]) await pointCard(page, n).getByLabel('一类苗（棵）').fill('5');
	await expect(page.getByTestId('survey-grade')).toHaveText('这块地以一类苗为主');
	await expect(stationBox).toContainText('按你们农技站的数字标准：二类苗');

	await page.getByRole('button', { name: '清除这些数' }).click();
	await expect(page.getByLabel('一类苗：出苗率至少（%）')).toHaveValue('');
	await expect(stationBox).toHaveCount(0);
	await page.reload();
	await page.getByText('农技站的数字标准（可不填）').click();
	await expect(page.getByLabel('一类苗：出苗率至少（%）')).toHaveValue('');
});

test('a survey saved by an older version, graded by its own numbers, still opens and shows what it recorded', async ({
	page
}) => {
	await signUp(page, 'survey_old');
	await waitForServiceWorker(page);
	const fieldId = '0193f0c2-0000-7000-8000-00000000f0a1';
	const logId = '0193f0c2-0000-7000-8000-00000000a0a1';
	const synced = { ownerId: '', hlc: '001777593600000-00000-seed', clocks: {}, deleted: false };
	const point = (plantsPerMetre: number) => ({
		plantsPerMetre,
		rowSpacingCm: 65,
		heightCm: 10,
		leaves: 4,
		stage: 'V3',
		uniformity: 'even',
		pests: ''
	});
	await putInAppDb(page, {
		fields: [{ id: fieldId, ...synced, createdAt: 0, updatedAt: 0, name: '老地', areaM2: 10_000 }],
		logs: [
			{
				id: logId,
				...synced,
				createdAt: 0,
				updatedAt: 0,
				type: 'observation',
				fieldId,
				status: 'done',
				at: Date.UTC(2026, 5, 10, 2),
				notes: '',
				// the old shape: no plant classes, graded 二类 by the old limits (height 10 of a normal 12 cm)
				details: {
					survey: {
						kind: 'seedling',
						crop: 'maize',
						points: [point(4), point(4), point(4)],
						basis: { kind: 'seeds', perMu: 4500 },
						expectedHeightCm: 12,
						thresholds: {
							emergence: { first: 90, second: 80 },
							heightCv: { first: 15, second: 25 },
							heightRatio: { first: 90, second: 75 }
						},
						densityPerMu: 4103,
						emergence: 91.2,
						grade: 2
					}
				}
			}
		]
	});
	await page.goto(`/records/${logId}`);
	await expect(page.getByTestId('survey-line')).toHaveText('苗情调查：二类苗，密度 4,103 株/亩');
	await expect(page.getByTestId('survey-grade')).toHaveText(
		'当时记下的分类：二类苗。那时 Heitu 用自己定的数字分类，这些数字没有出处；现在按各类苗的棵数分。'
	);
	await expect(page.getByTestId('survey-density')).toHaveText(
		'密度：每亩 4,103 棵（每公顷 61,538 棵）'
	);
});
