import type { Page } from '@playwright/test';
import type { Lesson, LessonSummary, QuizQuestion } from '../../src/lib/domain/lessons';
import { expect } from './fixtures';

/** The quiz's words in each language, as the screen says them (messages/*.json). */
export const QUIZ_WORDS = {
	'zh-CN': {
		region: '小测验',
		check: '看看对不对',
		next: '下一题',
		right: '答对了！',
		wrong: '不对。',
		true: '对',
		false: '不对'
	},
	en: {
		region: 'Quiz',
		check: 'Check',
		next: 'Next question',
		right: 'Right!',
		wrong: 'Not quite.',
		true: 'True',
		false: 'False'
	}
} as const;
export type Language = keyof typeof QUIZ_WORDS;

export async function lessonIndex(page: Page): Promise<LessonSummary[]> {
	return (await (await page.request.get('/lessons/index.json')).json()) as LessonSummary[];
}

export async function lessonText(page: Page, id: string, language: Language): Promise<Lesson> {
	return (await (await page.request.get(`/lessons/${id}/${language}.json`)).json()) as Lesson;
}

/**
 * Answers one question through the screen, rightly or (choosing another option, or a far-off number) wrongly,
 * and waits for the verdict and its explanation.
 */
export async function answer(
	page: Page,
	question: QuizQuestion,
	right = true,
	language: Language = 'zh-CN'
): Promise<void> {
	const words = QUIZ_WORDS[language];
	const quiz = page.getByRole('region', { name: words.region });
	const other = (index: number) => (index === 0 ? 1 : 0);
	switch (question.kind) {
		case 'single':
			await quiz
				.getByRole('radio', {
					name: question.options[right ? question.answer : other(question.answer)]!,
					exact: true
				})
				.check();
			break;
		case 'multiple': {
			// one option that is not the whole right set
			const picks = right ? question.answer : [other(question.answer[0]!)];
			for (const i of picks)
				await quiz.getByRole('checkbox', { name: question.options[i]!, exact: true }).check();
			break;
		}
		case 'truefalse':
			await quiz
				.getByRole('radio', {
					name: question.answer === right ? words.true : words.false,
					exact: true
				})
				.check();
			break;
		case 'numeric':
			// typed with a decimal comma, as many people do
			await quiz
				.getByRole('textbox')
				.fill(
					right
						? String(question.answer).replace('.', ',')
						: String(question.answer + question.tolerance + 1000)
				);
			break;
		case 'picture':
			await quiz
				.getByRole('radio', {
					name: question.options[right ? question.answer : other(question.answer)]!.alt
				})
				.check();
			break;
	}
	await quiz.getByRole('button', { name: words.check }).click();
	const verdict = quiz.getByTestId('quiz-verdict');
	await expect(verdict).toContainText(right ? words.right : words.wrong);
	await expect(verdict).toContainText(question.explain.slice(0, 20));
}

/** Goes on to the next question. */
export async function nextQuestion(page: Page, language: Language = 'zh-CN'): Promise<void> {
	const words = QUIZ_WORDS[language];
	await page
		.getByRole('region', { name: words.region })
		.getByRole('button', { name: words.next })
		.click();
}

/** Masters a lesson on its page: right answers until its rule is met. */
export async function master(page: Page, lesson: Lesson, language: Language = 'zh-CN') {
	await page.goto(`/learn/${lesson.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
	for (let i = 0; i < lesson.mastery.of; i++) {
		await answer(page, lesson.quiz[i % lesson.quiz.length]!, true, language);
		await nextQuestion(page, language);
	}
}

/** Switches the app's language the way a user does, in settings (the page reopens in it). */
export async function chooseLanguage(page: Page, language: Language): Promise<void> {
	await page.goto('/settings');
	await page.getByRole('radio', { name: language === 'en' ? 'English' : '中文（简体）' }).check();
	await expect(page.locator('html')).toHaveAttribute('lang', language);
}
