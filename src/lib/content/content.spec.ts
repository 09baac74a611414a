import { describe, expect, it } from 'vitest';
import { buildLessons, routeExists } from '../../../scripts/build-lessons';
import { checkAnswer, TRACKS, type Lesson, type QuizQuestion } from '../domain/lessons';

// The real lessons in content/, through the same checks as the build.
const { summaries, files } = buildLessons();
const lessons = (locale: 'zh-CN' | 'en') =>
	summaries.map((s) => JSON.parse(String(files.get(`${s.id}/${locale}.json`))) as Lesson);

/** The right answer to a question, as a learner would give it. */
function rightAnswer(q: QuizQuestion) {
	return q.kind === 'numeric' ? String(q.answer) : q.answer;
}

describe('the lessons in content/', () => {
	it('has at least four lessons in every track, in both languages', () => {
		for (const track of TRACKS)
			expect(summaries.filter((s) => s.track === track).length, track).toBeGreaterThanOrEqual(4);
		for (const s of summaries) {
			expect(files.has(`${s.id}/zh-CN.json`)).toBe(true);
			expect(files.has(`${s.id}/en.json`)).toBe(true);
		}
	});

	it('has quizzes that can be mastered: every right answer is accepted', () => {
		for (const lesson of [...lessons('zh-CN'), ...lessons('en')]) {
			expect(lesson.quiz.length, lesson.id).toBeGreaterThanOrEqual(lesson.mastery.of);
			for (const q of lesson.quiz)
				expect(checkAnswer(q, rightAnswer(q)), `${lesson.id}: ${q.question}`).toEqual({
					kind: 'right'
				});
		}
	});

	it('links every "do it now" task to a screen of the app, and every picture to a file', () => {
		for (const lesson of lessons('zh-CN')) {
			expect(routeExists(lesson.task.href), lesson.task.href).toBe(true);
			const pictures = [
				...lesson.sections.flatMap((s) =>
					[...s.html.matchAll(/src="\/lessons\/([^"]+)"/g)].map((m) => m[1]!)
				),
				...lesson.quiz.flatMap((q) =>
					q.kind === 'picture' ? q.options.map((o) => o.image.replace('/lessons/', '')) : []
				)
			];
			for (const picture of pictures) expect(files.has(picture), picture).toBe(true);
		}
	});

	it('uses all five kinds of question across the lessons', () => {
		const kinds = new Set(lessons('zh-CN').flatMap((l) => l.quiz.map((q) => q.kind)));
		expect([...kinds].sort()).toEqual(['multiple', 'numeric', 'picture', 'single', 'truefalse']);
	});
});
