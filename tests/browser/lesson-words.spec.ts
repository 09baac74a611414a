import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import {
	answer,
	chooseLanguage,
	lessonIndex,
	lessonText,
	master,
	nextQuestion,
	QUIZ_WORDS
} from './quiz-answers';

test('English counts its nouns: 1 credit, 2 credits, 1 change, 1 answer', async ({ page }) => {
	test.setTimeout(120_000);
	await chooseLanguage(page, 'en');
	const index = await lessonIndex(page);
	const [first, second] = index.filter((l) => l.track === index[0]!.track && l.credits === 1);
	const a = await lessonText(page, first!.id, 'en');
	const b = await lessonText(page, second!.id, 'en');
	const trackTotal = index
		.filter((l) => l.track === first!.track)
		.reduce((sum, l) => sum + l.credits, 0);

	await page.goto(`/learn/${a.id}`);
	await expect(page.locator('article > p.muted').first()).toHaveText(
		`about ${a.minutes} min · 1 credit`
	);
	await answer(page, a.quiz[0]!, true, 'en');
	await page.goto('/');
	await expect(page.getByTestId('pending-summary')).toHaveText('1 change waiting to sync.');
	await page.goto('/learn/record');
	await expect(page.getByTestId(`record-${a.id}`)).toContainText('1 answer');
	await expect(page.getByTestId(`record-${a.id}`)).not.toContainText('1 answers');
	await expect(page.getByTestId('record-total')).toHaveText('0 credits in all');

	await master(page, a, 'en');
	await expect(page.getByTestId('quiz-status')).toHaveText(
		'Lesson mastered: 1 credit. You can keep practising.'
	);
	await page.goto('/');
	await expect(page.getByTestId('pending-summary')).toHaveText(
		`${1 + a.mastery.of} changes waiting to sync.`
	);
	await page.goto('/learn/record');
	await expect(page.getByTestId('record-total')).toHaveText('1 credit in all');
	await expect(page.getByTestId(`record-${a.id}`)).toContainText('· 1 credit ·');
	await expect(page.getByTestId(`record-${a.id}`)).toContainText(`${1 + a.mastery.of} answers`);

	await master(page, b, 'en');
	await page.goto('/learn/record');
	await expect(page.getByTestId('record-total')).toHaveText('2 credits in all');
	await page.goto('/learn');
	await expect(page.getByTestId(`credits-${first!.track}`)).toHaveText(
		`2 of ${trackTotal} credits earned`
	);
});

test('no lesson shows Markdown as it is: bold next to Chinese punctuation renders, in both languages', async ({
	page
}) => {
	test.setTimeout(120_000);
	const index = await lessonIndex(page);
	expect(index.length).toBeGreaterThanOrEqual(16);
	for (const language of ['zh-CN', 'en'] as const) {
		if (language === 'en') await chooseLanguage(page, 'en');
		for (const summary of index) {
			await page.goto(`/learn/${summary.id}`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(summary.title[language]);
			// the sources fold out too: everything a learner can open is read
			await page.locator('summary').click();
			const text = await page.locator('main').innerText();
			for (const raw of ['**', '__', '`', '](', '\n#'])
				expect(text.includes(raw), `${summary.id} (${language}) shows “${raw}”`).toBe(false);
		}
	}
	await page.goto('/learn/split-nitrogen');
	await expect(page.locator('strong', { hasText: /^Base fertilizer$/ })).toBeVisible();
	await chooseLanguage(page, 'zh-CN');
	await page.goto('/learn/split-nitrogen');
	await expect(page.locator('strong', { hasText: /^底肥（基肥）$/ })).toBeVisible();
});

/** WCAG contrast of an element's text colour against the background its box paints. */
async function contrastOf(box: Locator): Promise<number> {
	return box.evaluate((el) => {
		const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
		const lum = ([r, g, b]: number[]) => {
			const c = [r!, g!, b!].map((v) => {
				const s = v / 255;
				return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
		};
		const style = getComputedStyle(el);
		const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x);
		return (a! + 0.05) / (b! + 0.05);
	});
}

for (const language of ['zh-CN', 'en'] as const) {
	test(`quiz feedback says right or wrong with a ✓ or ✗ mark, the words and a colour (${language})`, async ({
		page
	}) => {
		if (language === 'en') await chooseLanguage(page, 'en');
		const lesson = await lessonText(page, 'soil-testing', language);
		const words = QUIZ_WORDS[language];
		await page.goto(`/learn/${lesson.id}`);
		const verdict = page.getByTestId('quiz-verdict');

		await answer(page, lesson.quiz[0]!, true, language);
		await expect(verdict.getByTestId('quiz-mark')).toHaveText('✓');
		await expect(verdict).toContainText(words.right);
		expect(await contrastOf(verdict)).toBeGreaterThanOrEqual(4.5);
		const rightColours = await verdict.evaluate((el) => getComputedStyle(el).borderColor);

		await nextQuestion(page, language);
		await answer(page, lesson.quiz[1]!, false, language);
		await expect(verdict.getByTestId('quiz-mark')).toHaveText('✗');
		await expect(verdict).toContainText(words.wrong);
		expect(await contrastOf(verdict)).toBeGreaterThanOrEqual(4.5);
		// a colour as well as the mark and the words (never the colour alone)
		expect(await verdict.evaluate((el) => getComputedStyle(el).borderColor)).not.toBe(rightColours);
		await page.screenshot({ path: test.info().outputPath(`verdict-${language}.png`) });
	});
}

test('in high contrast mode the verdict keeps its mark and its contrast', async ({ page }) => {
	await page.goto('/settings');
	await page.getByRole('checkbox', { name: '高对比度' }).check();
	const lesson = await lessonText(page, 'soil-testing', 'zh-CN');
	await page.goto(`/learn/${lesson.id}`);
	await answer(page, lesson.quiz[0]!, false);
	const verdict = page.getByTestId('quiz-verdict');
	await expect(verdict.getByTestId('quiz-mark')).toHaveText('✗');
	expect(await contrastOf(verdict)).toBeGreaterThanOrEqual(4.5);
});
