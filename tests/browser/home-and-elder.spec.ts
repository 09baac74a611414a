import type { Locator, Page } from '@playwright/test';
import { formatDate } from '../../src/lib/domain/units';
import { enterElderMode, expect, putInAppDb, signUp, test } from './fixtures';
import { answer, chooseLanguage, lessonText, nextQuestion } from './quiz-answers';

/** A record as earlier use of the app would have left it on the phone (written straight into its database). */
const stored = (id: string, fields: object) => ({
	id,
	ownerId: '',
	hlc: '001777593600000-00000-seed',
	clocks: {},
	deleted: false,
	createdAt: 0,
	updatedAt: 0,
	...fields
});
const EAST = '0193f0c2-7a1b-7000-8000-00000000e001';
const RIVER = '0193f0c2-7a1b-7000-8000-00000000e002';
const UREA = '0193f0c2-7a1b-7000-8000-00000000e011';
const DAP = '0193f0c2-7a1b-7000-8000-00000000e012';
const DAY = 86_400_000;
// near Harbin, where new maps open: a field of about 50 亩
const square = (lng: number, lat: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[lng, lat],
			[lng + 0.002, lat],
			[lng + 0.002, lat + 0.002],
			[lng, lat + 0.002],
			[lng, lat]
		]
	]
});
const fertilizer = (id: string, name: string, npk: string) =>
	stored(id, {
		kind: 'fertilizer',
		name,
		registrationNo: '',
		npk,
		activeIngredient: '',
		preHarvestDays: null,
		maxApplications: null,
		notes: ''
	});
const planned = (id: string, fieldId: string, product: string, at: number) =>
	stored(id, {
		type: 'fertilizing',
		fieldId,
		status: 'planned',
		at,
		notes: '',
		details: { product, rate: { value: 15, unit: 'kgPerMu' } }
	});

/** Two fields with boundaries, urea and DAP, and three planned fertilizings: two on one field, one day. */
async function seedFarm(page: Page, now: number) {
	await page.goto('/');
	await expect(page.getByRole('region', { name: '计划农事' })).toContainText('没有计划的农事。');
	const plans = [
		planned('0193f0c2-7a1b-7000-8000-00000000e021', EAST, UREA, now + 2 * DAY),
		planned('0193f0c2-7a1b-7000-8000-00000000e022', EAST, DAP, now + 2 * DAY),
		planned('0193f0c2-7a1b-7000-8000-00000000e023', RIVER, UREA, now + 9 * DAY)
	];
	await putInAppDb(page, {
		fields: [
			stored(EAST, {
				name: '东大地',
				areaM2: 34_700,
				boundary: square(126.63, 45.75),
				crop: '玉米'
			}),
			stored(RIVER, { name: '河边地', areaM2: 34_700, boundary: square(126.64, 45.75) })
		],
		inputs: [fertilizer(UREA, '尿素', '46-0-0'), fertilizer(DAP, '磷酸二铵', '18-46-0')],
		logs: plans
	});
	await page.reload();
	return plans;
}

test('the home card names the lesson begun last, shows the progress its page and the learning record show, and opens it', async ({
	page
}) => {
	const lesson = await lessonText(page, 'nutrient-balance', 'zh-CN');
	await page.goto('/');
	const card = page.getByRole('region', { name: '继续学习' });
	await expect(card).toContainText('还没有开始学习。');

	// two answers, one right and one wrong: "3 of the last 4" allows one mistake, so two right ones to go
	await page.goto(`/learn/${lesson.id}`);
	await expect(page.getByTestId('quiz-progress')).toHaveCount(0);
	await answer(page, lesson.quiz[0]!, true);
	await expect(page.getByTestId('quiz-progress')).toHaveText(
		'学会进度 25% · 再答对 3 题就学会了。'
	);
	await nextQuestion(page);
	await answer(page, lesson.quiz[1]!, false);
	const onPage = '学会进度 50% · 再答对 2 题就学会了。';
	await expect(page.getByTestId('quiz-progress')).toHaveText(onPage);

	await page.goto('/');
	await expect(card.getByRole('link')).toHaveText(lesson.title);
	await expect(card.getByTestId('continue-progress')).toHaveText('学会进度 50%');
	await expect(card).not.toContainText(lesson.id);
	await page.goto('/learn/record');
	await expect(page.getByTestId(`record-${lesson.id}`)).toContainText('学习中 · 学会进度 50%');
	await expect(page.getByTestId(`record-${lesson.id}`)).toContainText('答题 2 次');
	await page.goto('/learn');
	await expect(page.getByRole('listitem').filter({ hasText: lesson.title })).toContainText(
		'学习中 · 学会进度 50%'
	);

	// the card opens the lesson itself, which says the same
	await page.goto('/');
	await card.getByRole('link', { name: lesson.title }).click();
	await expect(page).toHaveURL(new RegExp(`/learn/${lesson.id}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
	await expect(page.getByTestId('quiz-progress')).toHaveText(onPage);

	// in English, the English title from the lesson list
	const english = await lessonText(page, lesson.id, 'en');
	await chooseLanguage(page, 'en');
	await page.goto('/');
	const cardEn = page.getByRole('region', { name: 'Continue learning' });
	await expect(cardEn.getByRole('link')).toHaveText(english.title);
	await expect(cardEn.getByTestId('continue-progress')).toHaveText('Progress to mastery: 50%');
	await cardEn.getByRole('link').click();
	await expect(page.getByTestId('quiz-progress')).toHaveText(
		'Progress to mastery: 50% · 2 more right answers master this lesson.'
	);
});

test('planned work on the home screen says what, where and when, so three fertilizings are told apart', async ({
	page
}) => {
	const now = Date.now();
	const plans = await seedFarm(page, now);
	const jobs = page.getByTestId('home-tasks').getByRole('listitem');
	await expect(jobs).toHaveCount(3);
	const day = (at: number) => formatDate(at, 'zh-CN');
	const expected = [
		['施肥', '尿素', '东大地', day(now + 2 * DAY)],
		['施肥', '磷酸二铵', '东大地', day(now + 2 * DAY)],
		['施肥', '尿素', '河边地', day(now + 9 * DAY)]
	];
	for (const [i, words] of expected.entries())
		for (const word of words) await expect(jobs.nth(i)).toContainText(word);
	const lines = await jobs.allInnerTexts();
	expect(new Set(lines).size).toBe(3);

	// each one opens its record
	await jobs.nth(1).getByRole('link').click();
	await expect(page).toHaveURL(new RegExp(`/records/${plans[1]!.id}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('施肥');

	// the month's plan names the product too
	const month = new Date(now + 2 * DAY + 8 * 3_600_000).toISOString().slice(0, 7);
	await page.goto(`/records/plan?month=${month}`);
	const planned = page.getByTestId('plan-days').locator('li li');
	await expect(planned.filter({ hasText: '磷酸二铵' })).toContainText('东大地');
	await expect(planned.filter({ hasText: '尿素' }).first()).toContainText('东大地');
});

test('settings says the text size the screen really shows, measured, in normal and elder mode', async ({
	page
}) => {
	await page.goto('/settings');
	const label = page.getByTestId('text-size');
	const measured = async () => {
		// the preview sentence, a paragraph of the page and the page's own size all agree
		const sizes = await page.evaluate(() =>
			[
				document.querySelector('[data-testid="text-preview"]'),
				document.querySelector('main p'),
				document.documentElement
			].map((el) => parseFloat(getComputedStyle(el!).fontSize))
		);
		expect(new Set(sizes).size, String(sizes)).toBe(1);
		return sizes[0]!;
	};
	await expect(page.getByTestId('text-preview')).toBeVisible();
	await expect(label).toHaveText(`${await measured()} 像素`);
	expect(await measured()).toBe(18);

	// elder mode shows at least 20 px, and says so
	await page.getByRole('checkbox', { name: /长辈版/ }).check();
	await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
	await expect(label).toHaveText('20 像素');
	expect(await measured()).toBe(20);
	await expect(page.getByTestId('text-size-elder')).toHaveText('长辈版的字至少 20 像素。');
	await expect(page.getByRole('button', { name: '文字变小' })).toBeDisabled();
	await page.getByRole('button', { name: '文字变大' }).click();
	await expect(label).toHaveText('24 像素');
	expect(await measured()).toBe(24);
	await page.getByRole('button', { name: '文字变小' }).click();
	await expect(label).toHaveText('20 像素');
	expect(await measured()).toBe(20);

	// out of elder mode, what was chosen stays and is said as it is
	await page.getByRole('button', { name: '文字变大' }).click();
	await page.getByRole('checkbox', { name: /长辈版/ }).uncheck();
	await expect(label).toHaveText('24 像素');
	expect(await measured()).toBe(24);
	await chooseLanguage(page, 'en');
	await expect(page.getByTestId('text-size')).toHaveText(`${await measured()} px`);
});

/**
 * Every touch target on the screen smaller than `min` px tall: links standing alone (a link inside running
 * text, whose parent holds words of its own, is exempt: WCAG 2.5.8), fold-out headers, the map's zoom
 * buttons and its corner handles (these two also as wide).
 */
async function smallTargets(page: Page, min: number) {
	return page.evaluate((min) => {
		const visible = (el: Element) => {
			const r = el.getBoundingClientRect();
			const style = getComputedStyle(el);
			return r.width > 0 && r.height > 0 && style.visibility !== 'hidden';
		};
		const inText = (a: Element) =>
			[...(a.parentElement?.childNodes ?? [])].some(
				(n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()
			);
		const square = '.leaflet-control-zoom a, .marker-icon:not(.cursor-marker)';
		const links = [...document.querySelectorAll('a[href]:not(.skip)')].filter((a) => !inText(a));
		return [...links, ...document.querySelectorAll(`summary, ${square}`)]
			.filter(visible)
			.map((el) => {
				const r = el.getBoundingClientRect();
				const what = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 24) ?? '';
				return {
					what: `${el.tagName} ${what}`,
					w: r.width,
					h: r.height,
					square: el.matches(square)
				};
			})
			.filter((t) => t.h < min || (t.square && t.w < min))
			.map(({ what, w, h }) => `${what}: ${Math.round(w)} × ${Math.round(h)}`);
	}, min);
}

/** One target the issue named, found by its name and measured. */
async function expectTall(target: Locator, min: number) {
	await expect(target).toBeVisible();
	const box = (await target.boundingBox())!;
	expect(
		box.height,
		await target.evaluate((el) => el.outerHTML.slice(0, 80))
	).toBeGreaterThanOrEqual(min);
	return box;
}

/** How many of each kind of target the page has, so the walk is known to have met them. */
async function countTargets(page: Page) {
	return page.evaluate(() => ({
		links: document.querySelectorAll('main a[href]').length,
		summaries: document.querySelectorAll('summary').length,
		zoom: document.querySelectorAll('.leaflet-control-zoom a').length,
		handles: document.querySelectorAll('.marker-icon:not(.cursor-marker)').length
	}));
}

for (const mode of ['elder', 'normal'] as const) {
	test(`${mode} mode: every link in a list, fold-out header, zoom button and corner handle is at least ${mode === 'elder' ? 60 : 44} px`, async ({
		page
	}) => {
		test.setTimeout(180_000);
		const min = mode === 'elder' ? 60 : 44;
		await signUp(page, `targets_${mode}`);
		const now = Date.now();
		await seedFarm(page, now);
		// a harvest (its batch) and a sale from it, so the batch page lists its records
		await page.goto('/records/new?type=harvest');
		await page.getByRole('combobox', { name: '地块' }).selectOption({ label: '东大地' });
		await page.getByRole('textbox', { name: '数量' }).fill('1000');
		await page.getByRole('button', { name: '保存记录' }).click();
		await expect(page.getByTestId('harvest-batch')).toBeVisible();
		const harvest = page.url();
		await page.getByTestId('harvest-batch').click();
		await expect(page.getByTestId('batch-left')).toBeVisible();
		const batch = page.url();
		await page.getByRole('link', { name: '记一笔卖出' }).click();
		await page.getByRole('textbox', { name: '买家' }).fill('县粮库');
		await page.getByRole('textbox', { name: '数量' }).fill('200');
		await page.getByRole('button', { name: '保存记录' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('销售');
		// a lesson begun, for the home card
		const lesson = await lessonText(page, 'split-nitrogen', 'zh-CN');
		await page.goto(`/learn/${lesson.id}`);
		await answer(page, lesson.quiz[0]!, true);

		if (mode === 'elder') await enterElderMode(page);
		const month = new Date(now + 2 * DAY + 8 * 3_600_000).toISOString().slice(0, 7);
		const walk: { path: string; ready: (page: Page) => Promise<void> }[] = [
			{ path: '/', ready: (p) => expect(p.getByTestId('home-tasks')).toBeVisible() },
			{
				path: '/fields',
				ready: async (p) => void (await expectTall(p.getByRole('link', { name: '河边地' }), min))
			},
			{
				path: `/fields/${EAST}`,
				ready: async (p) => {
					const zoomIn = await expectTall(p.getByRole('button', { name: '放大' }), min);
					expect(zoomIn.width).toBeGreaterThanOrEqual(min);
				}
			},
			{
				// editing the boundary: geoman's handles on each corner and between corners
				path: `/fields/${EAST}/edit`,
				ready: async (p) => {
					await expect(p.locator('.marker-icon').nth(7)).toBeAttached();
					const corner = p.getByRole('button', { name: '地块的一个角（可拖动）' }).first();
					// geoman's markers are placed by a transform, so a 60 px handle can measure 59.99999 px
					expect((await expectTall(corner, min)).width).toBeGreaterThanOrEqual(min - 0.01);
				}
			},
			{
				path: '/inputs',
				ready: async (p) => void (await expectTall(p.getByRole('link', { name: '尿素' }), min))
			},
			{ path: '/records', ready: (p) => expect(p.getByTestId('timeline')).toBeVisible() },
			{ path: harvest, ready: (p) => expect(p.getByTestId('harvest-batch')).toBeVisible() },
			{
				path: `/records/plan?month=${month}`,
				ready: (p) => expect(p.getByTestId('plan-days')).toBeVisible()
			},
			{ path: '/batches', ready: (p) => expect(p.getByTestId('batch-list')).toBeVisible() },
			{
				path: batch,
				ready: async (p) =>
					void (await expectTall(p.getByTestId('batch-sales').getByRole('link'), min))
			},
			{
				path: '/learn',
				ready: (p) => expect(p.getByRole('link', { name: lesson.title })).toBeVisible()
			},
			{
				path: '/learn/record',
				ready: (p) => expect(p.getByTestId(`record-${lesson.id}`)).toBeVisible()
			},
			{
				path: `/learn/${lesson.id}`,
				ready: async (p) => void (await expectTall(p.locator('summary'), min))
			},
			{ path: '/me', ready: (p) => expect(p.locator('summary')).toBeVisible() },
			{
				path: '/tools/spray',
				ready: (p) => expect(p.getByRole('link', { name: '东大地' })).toBeVisible()
			},
			{ path: '/tools/seedling', ready: (p) => expect(p.locator('summary').first()).toBeVisible() },
			{
				path: '/tools/fertilizer',
				ready: (p) => expect(p.locator('summary').first()).toBeVisible()
			}
		];
		const met = { links: 0, summaries: 0, zoom: 0, handles: 0 };
		for (const { path, ready } of walk) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await ready(page);
			expect(await smallTargets(page, min), path).toEqual([]);
			const counts = await countTargets(page);
			for (const k of Object.keys(met) as (keyof typeof met)[]) met[k] += counts[k];
		}
		// the fields' map view too
		await page.goto('/fields');
		await page.getByText('地图', { exact: true }).click();
		await expect(page.locator('.leaflet-control-zoom a')).toHaveCount(2);
		expect(await smallTargets(page, min), '/fields (map)').toEqual([]);
		expect(met.links).toBeGreaterThan(30);
		expect(met.summaries).toBeGreaterThanOrEqual(5);
		expect(met.zoom).toBeGreaterThanOrEqual(4);
		expect(met.handles).toBeGreaterThanOrEqual(8);
	});
}
