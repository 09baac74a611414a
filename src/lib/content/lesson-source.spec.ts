import { describe, expect, it } from 'vitest';
import { checkTranslation, LessonError, parseLesson } from './lesson-source';

const lesson = (over: { front?: string; body?: string; quiz?: string } = {}) => `---
id: soil-testing
track: fertilization
order: 1
title: 测土配方施肥
minutes: 8
version: 1
credits: 1
sources:
  - NY/T 2911-2016
${over.front ?? ''}task:
  text: 去记一次施肥
  href: /records/new?type=fertilizing
---

开头一段。

## 为什么测土

黑土也会缺肥。![采样路线](route.svg)

## 怎样采样

采 0–20 厘米。

\`\`\`quiz
${
	over.quiz ??
	`- kind: single
  question: 采多深？
  options: [0–5 厘米, 0–20 厘米]
  answer: 1
  explain: 耕层。
- kind: truefalse
  question: 黑土不会缺肥。
  answer: false
  explain: 会缺。
- kind: numeric
  question: 每亩多少公斤？
  answer: 12.5
  tolerance: 0.5
  unit: kg/亩
  explain: 算一算。
- kind: multiple
  question: 哪些要记下？
  options: [地块, 深度, 天气]
  answer: [0, 1]
  explain: 地块和深度。`
}
\`\`\`
${over.body ?? ''}`;

const options = {
	exists: (name: string) => name === 'route.svg',
	pictureUrl: (name: string) => `/lessons/x/${name}`
};

function problem(source: string): string {
	try {
		parseLesson(source, 'content/fertilization/soil-testing/zh-CN.md', options);
	} catch (error) {
		if (error instanceof LessonError) return error.message;
		throw error;
	}
	return 'no problem';
}

describe('lesson files', () => {
	it('reads frontmatter, sections with read-aloud text, pictures and the quiz', () => {
		const { lesson: parsed, pictures } = parseLesson(lesson(), 'zh-CN.md', options);
		expect(parsed).toMatchObject({
			id: 'soil-testing',
			mastery: { correct: 3, of: 4 },
			task: { href: '/records/new?type=fertilizing' }
		});
		expect(parsed.sections.map((s) => s.heading)).toEqual(['为什么测土', '怎样采样']);
		expect(parsed.sections[0]!.html).toContain('<img src="/lessons/x/route.svg" alt="采样路线"');
		expect(parsed.sections[0]!.text).toBe('黑土也会缺肥。采样路线');
		expect(parsed.intro.text).toBe('开头一段。');
		expect(parsed.quiz.map((q) => q.kind)).toEqual(['single', 'truefalse', 'numeric', 'multiple']);
		expect(pictures).toEqual(['route.svg']);
	});

	it('names the file and line of what is wrong', () => {
		expect(
			problem(
				lesson({
					quiz: '- kind: single\n  question: 采多深？\n  options: [a, b]\n  answer: 2\n  explain: x'
				})
			)
		).toMatch(
			/zh-CN\.md:\d+: question 1: answer must be the index \(from 0\) of one of the 2 options/
		);
		expect(problem(lesson().replace('route.svg)', 'missing.svg)'))).toMatch(
			/zh-CN\.md:20: the picture missing\.svg is not in the lesson's folder/
		);
		expect(problem(lesson({ front: 'mastery: { correct: 5, of: 4 }\n' }))).toMatch(
			/zh-CN\.md:11: `mastery` must be/
		);
		expect(problem(lesson().replace('```quiz', '```text'))).toMatch(/has no ```quiz block/);
		expect(problem(lesson({ quiz: '- kind: essay\n  question: x\n  explain: y' }))).toMatch(
			/question 1: kind must be one of/
		);
		expect(
			problem(lesson({ quiz: '- kind: truefalse\n  question: x\n  answer: true\n  explain: y' }))
		).toMatch(/the quiz has 1 questions but mastery counts the last 4/);
	});

	it('refuses a translation that teaches or tests something else', () => {
		const zh = parseLesson(lesson(), 'zh-CN.md', options);
		const enSource = lesson()
			.replace('测土配方施肥', 'Soil testing')
			.replace(/[\u4e00-\u9fff]+/g, 'text');
		const en = parseLesson(enSource, 'en.md', options);
		expect(() => checkTranslation(zh, en, 'en.md')).not.toThrow();
		const wrongAnswer = parseLesson(
			enSource.replace('answer: 12.5', 'answer: 13'),
			'en.md',
			options
		);
		expect(() => checkTranslation(zh, wrongAnswer, 'en.md')).toThrow(
			/quiz question 3 has a different/
		);
		const untranslated = parseLesson(
			enSource.replace('title: Soil testing', 'title: 测土'),
			'en.md',
			options
		);
		expect(() => checkTranslation(zh, untranslated, 'en.md')).toThrow(/still has Chinese/);
	});

	it('renders emphasis next to Chinese punctuation, and refuses Markdown that would show as it is', () => {
		const { lesson: parsed } = parseLesson(
			lesson().replace('采 0–20 厘米。', '**底肥（基肥）**是整地前施的；*“种肥”*跟种子一起下地。'),
			'zh-CN.md',
			options
		);
		expect(parsed.sections[1]!.html).toContain(
			'<strong>底肥（基肥）</strong>是整地前施的；<em>“种肥”</em>跟种子一起下地。'
		);
		expect(parsed.sections[1]!.text).not.toContain('*');
		// what CommonMark already rendered stays the same
		const english = parseLesson(
			lesson().replace('采 0–20 厘米。', '**Base fertilizer** (底肥) and *seed* fertilizer; 3 * 4'),
			'zh-CN.md',
			options
		);
		expect(english.lesson.sections[1]!.html).toContain(
			'<strong>Base fertilizer</strong> (底肥) and <em>seed</em> fertilizer; 3 * 4'
		);

		expect(problem(lesson().replace('采 0–20 厘米。', '采 **0–20 厘米。'))).toMatch(
			/zh-CN\.md:24: “\*\*” would show as it is/
		);
		expect(problem(lesson().replace('## 怎样采样', '## 怎样**采样**'))).toMatch(
			/zh-CN\.md:22: a heading is shown as plain text/
		);
		expect(problem(lesson().replace('question: 采多深？', 'question: 采**多深**？'))).toMatch(
			/question 1: its question is shown as plain text/
		);
		expect(problem(lesson().replace('explain: 会缺。', 'explain: 要记 `会缺`。'))).toMatch(
			/question 2: its explain is shown as plain text/
		);
		expect(
			problem(lesson().replace('options: [地块, 深度, 天气]', 'options: [地块, "**深度**", 天气]'))
		).toMatch(/question 4: its option is shown as plain text/);
	});
});
