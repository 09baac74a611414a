import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures';

/** The rules, written out here rather than taken from the app's code. */
const SELF_OPTIONS = ['不会', '会一点', '会'];
const SELF_POINTS: Record<string, number> = { 不会: 0, 会一点: 50, 会: 100 };
/** The one right answer of each practical check (from the question set in the issue). */
const RIGHT_ANSWERS = new Set([
	'200 公斤', // 10 kg a 亩 × 20 亩
	'不能，等过了这 6 天再收',
	'点下面的“学习”，再找这一课',
	'手机把这一段读给你听',
	'电费单上的户号',
	'微信或支付宝里的“医保电子凭证”',
	'产地、重量、收获时间和价格',
	'挂断电话，验证码谁问都不说',
	'不扫不填，去村委会或乡农业站问清楚'
]);
const DIMENSIONS: Record<string, string> = {
	数字工作: 'work',
	数字学习: 'learning',
	数字生活: 'life',
	数字创新: 'innovation',
	网络安全: 'safety'
};
const level = (score: number) => (score >= 70 ? '熟练' : score >= 40 ? '基础' : '入门');

/** How the test answers question n (1-based): a self-assessment, or a practical check, right or not. */
type Pattern = { self: (n: number) => string; checkRight: (n: number) => boolean };

/**
 * Takes the whole assessment through the screen, answering by the pattern, and returns the scores the rule
 * gives: per dimension the mean of 0 / 50 / 100 (self) and 0 / 100 (checks), rounded.
 */
async function takeAssessment(page: Page, pattern: Pattern): Promise<Record<string, number>> {
	const points: Record<string, number[]> = {};
	const progress = page.getByTestId('assess-progress');
	await expect(progress).toContainText('第 1 题 / 共 15 题');
	for (let n = 1; n <= 15; n++) {
		await expect(progress).toContainText(`第 ${n} 题 / 共 15 题`);
		const dimension = DIMENSIONS[(await progress.innerText()).split('·')[0]!.trim()]!;
		expect(dimension, `question ${n}`).toBeDefined();
		const options = (await page.locator('fieldset label').allInnerTexts()).map((t) => t.trim());
		let pick: string;
		if (options.join('|') === SELF_OPTIONS.join('|')) {
			pick = pattern.self(n);
			(points[dimension] ??= []).push(SELF_POINTS[pick]!);
		} else {
			const right = options.filter((o) => RIGHT_ANSWERS.has(o));
			expect(right, `question ${n} has one right answer`).toHaveLength(1);
			pick = pattern.checkRight(n) ? right[0]! : options.find((o) => !RIGHT_ANSWERS.has(o))!;
			(points[dimension] ??= []).push(pattern.checkRight(n) ? 100 : 0);
		}
		await page.getByRole('radio', { name: pick, exact: true }).check();
		await page.getByRole('button', { name: n === 15 ? '看结果' : '下一题' }).click();
	}
	return Object.fromEntries(
		Object.entries(points).map(([d, list]) => [
			d,
			Math.round(list.reduce((a, b) => a + b, 0) / list.length)
		])
	);
}

async function expectScores(page: Page, expected: Record<string, number>) {
	expect(Object.keys(expected).sort()).toEqual(Object.values(DIMENSIONS).sort());
	for (const [dimension, score] of Object.entries(expected)) {
		const row = page.getByTestId(`assess-score-${dimension}`);
		await expect(row.getByTestId('points')).toHaveText(`${score} 分`);
		await expect(row).toContainText(level(score));
	}
}

async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => v.id);
}

test('with no signal, the assessment is taken, scored by the rule, kept, and a retake replaces it', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await page.goto('/learn');
	await page.getByRole('link', { name: '数字素养评估' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('数字素养评估');
	await page.getByRole('button', { name: '开始评估' }).click();

	// nothing chosen: "next" says so and stays on question 1
	await page.getByRole('button', { name: '下一题' }).click();
	await expect(page.getByRole('alert')).toContainText('还没有选答案');
	await expect(page.getByTestId('assess-progress')).toContainText('第 1 题 / 共 15 题');
	expect(await seriousViolations(page)).toEqual([]);
	// back keeps what was chosen
	await page.getByRole('radio', { name: '会一点', exact: true }).check();
	await page.getByRole('button', { name: '下一题' }).click();
	await expect(page.getByTestId('assess-progress')).toContainText('第 2 题 / 共 15 题');
	await page.getByRole('button', { name: '上一题' }).click();
	await expect(page.getByTestId('assess-progress')).toContainText('第 1 题 / 共 15 题');
	await expect(page.getByRole('radio', { name: '会一点', exact: true })).toBeChecked();

	// a mixed pattern: self-assessments by question number, checks wrong on questions 2, 5, 8, 11 and 14
	const expected = await takeAssessment(page, {
		self: (n) => SELF_OPTIONS[(n % 4) % 3]!,
		checkRight: (n) => n % 3 !== 2
	});
	expect(
		new Set(Object.values(expected)).size,
		'the pattern gives different scores'
	).toBeGreaterThan(2);
	await expect(page.getByRole('heading', { name: '评估结果' })).toBeVisible();
	await expectScores(page, expected);
	await expect(page.getByTestId('assess-taken')).toContainText('评估日期');
	// a dimension below 熟练 gets a tip with a way to learn
	const weak = Object.entries(expected).find(([, s]) => s < 70)![0];
	await expect(page.getByTestId(`assess-tip-${weak}`).getByRole('link')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await page.reload();
	await expect(page.getByRole('heading', { name: '评估结果' })).toBeVisible();
	await expectScores(page, expected);

	// the safety tip leads to the safety lessons
	expect(expected.safety).toBeLessThan(70);
	await page.getByTestId('assess-tip-safety').getByRole('link', { name: '去学“数字安全”' }).click();
	await expect(page.getByRole('heading', { level: 2, name: '数字安全' })).toBeInViewport();
	await page.getByRole('link', { name: '数字素养评估' }).click();

	// a retake, all 会 and all right: the new result is what shows, now and after a reload
	await page.getByRole('button', { name: '重新评估' }).click();
	const best = await takeAssessment(page, { self: () => '会', checkRight: () => true });
	expect(Object.values(best)).toEqual([100, 100, 100, 100, 100]);
	await expectScores(page, best);
	await expect(page.getByText('五个方面都熟练了')).toBeVisible();
	await page.reload();
	await expectScores(page, best);
});
