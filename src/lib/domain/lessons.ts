/**
 * Lessons as the app uses them (built from content/ by scripts/build-lessons.ts), and the rules of their
 * quizzes: checking an answer, and mastery (m right of the last n answers).
 */
import { readNumber } from './numbers';

export const TRACKS = ['fertilization', 'monitoring', 'ecommerce', 'safety'] as const;
export type TrackId = (typeof TRACKS)[number];

export interface LessonSection {
	/** Empty for the opening paragraph. */
	heading: string;
	html: string;
	/** The same words as plain text, for read-aloud. */
	text: string;
}

export type QuizQuestion =
	| { kind: 'single'; question: string; explain: string; options: string[]; answer: number }
	| { kind: 'multiple'; question: string; explain: string; options: string[]; answer: number[] }
	| { kind: 'truefalse'; question: string; explain: string; answer: boolean }
	| {
			kind: 'numeric';
			question: string;
			explain: string;
			answer: number;
			tolerance: number;
			unit: string;
	  }
	| {
			kind: 'picture';
			question: string;
			explain: string;
			options: { image: string; alt: string }[];
			answer: number;
	  };

export interface Lesson {
	id: string;
	track: TrackId;
	order: number;
	title: string;
	minutes: number;
	version: number;
	credits: number;
	sources: string[];
	mastery: { correct: number; of: number };
	/** "Do it now": a screen of the app. */
	task: { text: string; href: string };
	intro: LessonSection;
	sections: LessonSection[];
	quiz: QuizQuestion[];
}

/** One line of the lesson list (lessons/index.json), in both languages. */
export interface LessonSummary {
	id: string;
	track: TrackId;
	order: number;
	minutes: number;
	credits: number;
	version: number;
	/** The quiz's mastery rule, so that lists can say how far a learner is without opening the lesson. */
	mastery: { correct: number; of: number };
	title: Record<'zh-CN' | 'en', string>;
}

/** A learner's answer: an option index, several indexes, true/false, or the typed text of a number. */
export type QuizAnswer = number | number[] | boolean | string;

export type Verdict = { kind: 'right' } | { kind: 'wrong' } | { kind: 'not-a-number' };

export function checkAnswer(question: QuizQuestion, answer: QuizAnswer): Verdict {
	switch (question.kind) {
		case 'single':
		case 'picture':
			return { kind: answer === question.answer ? 'right' : 'wrong' };
		case 'multiple': {
			const chosen = Array.isArray(answer) ? [...new Set(answer)].sort((a, b) => a - b) : [];
			return {
				kind: JSON.stringify(chosen) === JSON.stringify(question.answer) ? 'right' : 'wrong'
			};
		}
		case 'truefalse':
			return { kind: answer === question.answer ? 'right' : 'wrong' };
		case 'numeric': {
			const value = typeof answer === 'string' ? readNumber(answer) : null;
			if (value === null) return { kind: 'not-a-number' };
			// a little slack for floating point: 12.5 ± 0.5 accepts 13.0 exactly
			const ok = Math.abs(value - question.answer) <= question.tolerance + 1e-9;
			return { kind: ok ? 'right' : 'wrong' };
		}
	}
}

/** Mastered when at least `correct` of the last `of` answers were right. */
export function isMastered(
	history: readonly boolean[],
	rule: { correct: number; of: number }
): boolean {
	const recent = history.slice(-rule.of);
	return recent.length >= rule.of && recent.filter(Boolean).length >= rule.correct;
}

/** How far a learner is towards mastering a lesson, as every screen says it. */
export interface MasteryStanding {
	mastered: boolean;
	/** The fewest further answers, all right, that would master it (0 once mastered). */
	toGo: number;
	/** 0 to 1: the share of the way done, 1 − toGo ÷ `of` (from scratch it takes `of` right answers). */
	progress: number;
}

/**
 * Progress as "how many right answers are still missing", because that is what a learner can act on
 * ("再答对 2 题就学会"). A wrong answer within the rule's allowance (`of − correct` mistakes) costs nothing; a
 * wrong answer beyond it has to be made up. Once mastered, a lesson stays mastered (`masteredAt`).
 */
export function masteryStanding(
	history: readonly boolean[],
	rule: { correct: number; of: number },
	masteredAt: number | null = null
): MasteryStanding {
	if (masteredAt !== null || isMastered(history, rule))
		return { mastered: true, toGo: 0, progress: 1 };
	let toGo = 1;
	// `of` right answers in a row always master, so this ends by toGo = of
	while (toGo < rule.of && !isMastered([...history, ...Array<boolean>(toGo).fill(true)], rule))
		toGo += 1;
	return { mastered: false, toGo, progress: (rule.of - toGo) / rule.of };
}

/**
 * The standing a learning record shows: worked out again from its answers with the lesson's rule, so every
 * screen says the same; a record without its answers (made elsewhere, older) keeps the progress it stored.
 */
export function standingOf(
	record: { history?: readonly boolean[]; completedAt: number | null; progress: number },
	rule: { correct: number; of: number }
): MasteryStanding {
	if (record.history || record.completedAt !== null)
		return masteryStanding(record.history ?? [], rule, record.completedAt);
	const progress = Math.min(1, Math.max(0, record.progress || 0));
	return { mastered: false, toGo: Math.ceil((1 - progress) * rule.of), progress };
}
