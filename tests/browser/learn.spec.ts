import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Lesson, LessonSummary, QuizQuestion } from '../../src/lib/domain/lessons';
import { expect, signUp, test, waitForServiceWorker } from './fixtures';

/** Answers one question the way a learner who knows the answer would, through the screen. */
async function answerRight(page: Page, question: QuizQuestion) {
	const quiz = page.getByRole('region', { name: '小测验' });
	switch (question.kind) {
		case 'single':
			await quiz
				.getByRole('radio', { name: question.options[question.answer]!, exact: true })
				.check();
			break;
		case 'multiple':
			for (const i of question.answer)
				await quiz.getByRole('checkbox', { name: question.options[i]!, exact: true }).check();
			break;
		case 'truefalse':
			await quiz.getByRole('radio', { name: question.answer ? '对' : '不对', exact: true }).check();
			break;
		case 'numeric':
			// typed with a decimal comma, as many people do
			await quiz.getByRole('textbox').fill(String(question.answer).replace('.', ','));
			break;
		case 'picture':
			await quiz.getByRole('radio', { name: question.options[question.answer]!.alt }).check();
			break;
	}
	await quiz.getByRole('button', { name: '看看对不对' }).click();
	await expect(quiz.getByTestId('quiz-verdict')).toContainText('答对了！');
	await expect(quiz.getByTestId('quiz-verdict')).toContainText(question.explain.slice(0, 20));
}

test('with no signal, a lesson never opened before opens, its quiz is mastered and the credits show', async ({
	page,
	context,
	server
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	const index = (await (await page.request.get('/lessons/index.json')).json()) as LessonSummary[];
	const summary = index[0]!;
	const lesson = (await (
		await page.request.get(`/lessons/${summary.id}/zh-CN.json`)
	).json()) as Lesson;

	await server.stop();
	await context.setOffline(true);
	await page.goto('/learn');
	await expect(page.getByTestId(`credits-${summary.track}`)).toContainText('已得 0 /');
	await page.getByRole('link', { name: summary.title['zh-CN'] }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
	await expect(
		page.getByRole('heading', { level: 2, name: lesson.sections[0]!.heading })
	).toBeVisible();
	// headless Chromium has no voices: the screen says so rather than offering a silent button
	await expect(page.getByTestId('no-voice')).toBeVisible();

	const quiz = page.getByRole('region', { name: '小测验' });
	for (let i = 0; i < lesson.mastery.of; i++) {
		await answerRight(page, lesson.quiz[i % lesson.quiz.length]!);
		await quiz.getByRole('button', { name: '下一题' }).click();
	}
	await expect(page.getByTestId('quiz-status')).toHaveText(
		`已学会这一课，得 ${lesson.credits} 学分。还可以接着练。`
	);

	await page.goto('/learn');
	await expect(page.getByTestId(`credits-${summary.track}`)).toContainText(
		`已得 ${lesson.credits} /`
	);
	await expect(
		page.getByRole('listitem').filter({ hasText: summary.title['zh-CN'] })
	).toContainText('已掌握');
	await server.restart();
});

test('a wrong answer is explained, nonsense in a number box gets a hint, and the lesson page is accessible', async ({
	page
}) => {
	const index = (await (await page.request.get('/lessons/index.json')).json()) as LessonSummary[];
	const lessons = await Promise.all(
		index.map(
			async (s) => (await (await page.request.get(`/lessons/${s.id}/zh-CN.json`)).json()) as Lesson
		)
	);
	const withNumber = lessons.find((l) => l.quiz.some((q) => q.kind === 'numeric'));
	if (!withNumber)
		throw new Error('no lesson has a numeric question (content/README.md asks for some)');
	await page.goto(`/learn/${withNumber.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(withNumber.title);
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
		.analyze();
	expect(
		results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => v.id)
	).toEqual([]);

	const quiz = page.getByRole('region', { name: '小测验' });
	for (const question of withNumber.quiz) {
		if (question.kind !== 'numeric') {
			await answerRight(page, question);
			await quiz.getByRole('button', { name: '下一题' }).click();
			continue;
		}
		await quiz.getByRole('textbox').fill('很多');
		await quiz.getByRole('button', { name: '看看对不对' }).click();
		await expect(quiz.getByRole('alert')).toHaveText(
			'这里要填一个数，比如 12.5（也可以写 12,5）。'
		);
		await quiz.getByRole('textbox').fill(String(question.answer + question.tolerance + 1000));
		await quiz.getByRole('button', { name: '看看对不对' }).click();
		await expect(quiz.getByTestId('quiz-verdict')).toContainText('不对。');
		await expect(quiz.getByTestId('quiz-verdict')).toContainText(question.explain.slice(0, 20));
		break;
	}
});

test('a learner who masters a whole track gets a certificate that anyone can check at /verify', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signUp(page, 'cert_learner');
	await page.getByLabel('称呼').fill('王丽');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存在手机上。')).toBeVisible();

	const index = (await (await page.request.get('/lessons/index.json')).json()) as LessonSummary[];
	const track = index.filter((l) => l.track === 'safety');
	await page.goto('/learn/record');
	await expect(page.getByRole('button', { name: '领取结业证书' })).toHaveCount(0);
	for (const summary of track) {
		const lesson = (await (
			await page.request.get(`/lessons/${summary.id}/zh-CN.json`)
		).json()) as Lesson;
		await page.goto(`/learn/${lesson.id}`);
		for (let i = 0; i < lesson.mastery.of; i++) {
			await answerRight(page, lesson.quiz[i % lesson.quiz.length]!);
			await page.getByRole('button', { name: '下一题' }).click();
		}
		await expect(page.getByTestId('quiz-status')).toContainText('已学会这一课');
	}

	await page.goto('/learn/record');
	await expect(page.getByRole('region', { name: '数字安全' })).toContainText(
		`已得 ${track.length} / ${track.length} 学分`
	);
	await page.getByRole('button', { name: '领取结业证书' }).click();
	const code = page.getByTestId('certificate-code');
	await expect(code).toContainText(/证书编号：HT-[A-Z0-9]{4}-[A-Z0-9]{4}/);
	const certificate = /HT-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec((await code.textContent()) ?? '')![0];
	await page.getByRole('link', { name: '查看和打印证书' }).click();
	await expect(page.getByTestId('certificate')).toContainText('真实有效的证书');
	await expect(page.getByTestId('certificate')).toContainText(
		'王丽 学完并掌握了黑土田间助手“数字安全”的全部课程'
	);
	await expect(page.getByTestId('certificate')).toContainText(certificate);
	for (const summary of track)
		await expect(page.getByTestId('certificate')).toContainText(summary.title['zh-CN']);

	// anyone can check a code; a wrong one is said to be wrong
	const stranger = await page.request.get(`/verify/${certificate.toLowerCase()}`);
	expect(stranger.status()).toBe(200);
	const forged = await page.request.get('/verify/HT-AAAA-AAAA');
	expect(forged.status()).toBe(404);
	expect(await forged.text()).toContain('没有这个证书编号');
});

test('a lesson and its quiz reflow on a 320 px screen with the largest text: nothing scrolls sideways', async ({
	page
}) => {
	await page.setViewportSize({ width: 320, height: 640 });
	await page.goto('/settings');
	for (let i = 0; i < 6; i++) {
		const bigger = page.getByRole('button', { name: '文字变大' });
		if (await bigger.isDisabled()) break;
		await bigger.click();
	}
	await expect(page.getByTestId('text-size')).toHaveText('32 像素');
	for (const path of ['/learn', '/learn/soil-testing', '/learn/record']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, path).toBeLessThanOrEqual(0);
	}
});

test('the nutrient-balance lesson opens the fertilizer calculator with its example filled in', async ({
	page
}) => {
	await page.goto('/learn/nutrient-balance');
	await page.getByRole('link', { name: '用施肥计算器算一遍这个例子' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('施肥计算器（测土配方）');
	// maize, 600 kg/亩, soil N 160 mg/kg × 0.15 × 0.5, urea 46 % at 30 %: (15.42 − 12) ÷ 0.3 = 11.4 kg N,
	// ÷ 0.46 = 24.8 kg of urea
	await expect(page.getByTestId('calc-nutrient-N')).toContainText('每亩施氮（N） 11.4 公斤');
	// the plan starts from the ministry's zone recommendation; with the lesson's factors as the station's, it
	// follows the lesson's arithmetic
	await expect(page.getByTestId('calc-plan-from')).toHaveText(
		/^下面的方案按农业农村部的分区推荐（取中间值）排。/
	);
	await page.getByRole('checkbox', { name: /校正系数是土肥站给我的/ }).check();
	await expect(page.getByTestId('calc-plan')).toHaveText('尿素 每亩 24.8 公斤（49.6 斤）');
	await page.getByLabel('碱解氮').fill('140');
	await expect(page.getByTestId('calc-plan')).toHaveText('尿素 每亩 35.7 公斤（71.3 斤）');
	await page.getByLabel('目标产量').fill('');
	await expect(page.getByText('请填上这个数。')).toBeVisible();
	await expect(page.getByText('有 1 个数不对或没填，请看看上面。')).toBeVisible();
});
