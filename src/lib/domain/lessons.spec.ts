import { describe, expect, it } from 'vitest';
import { checkAnswer, isMastered, masteryStanding, standingOf, type QuizQuestion } from './lessons';

describe('quiz answers', () => {
	it('accepts a numeric answer within its tolerance and hints at nonsense', () => {
		const q: QuizQuestion = {
			kind: 'numeric',
			question: '',
			explain: '',
			answer: 12.5,
			tolerance: 0.5,
			unit: 'kg/亩'
		};
		expect(checkAnswer(q, '13')).toEqual({ kind: 'right' });
		expect(checkAnswer(q, '１２')).toEqual({ kind: 'right' });
		expect(checkAnswer(q, '13.1')).toEqual({ kind: 'wrong' });
		expect(checkAnswer(q, '十二')).toEqual({ kind: 'not-a-number' });
	});

	it('needs exactly the right set for a multiple choice, in any order', () => {
		const q: QuizQuestion = {
			kind: 'multiple',
			question: '',
			explain: '',
			options: ['a', 'b', 'c'],
			answer: [0, 2]
		};
		expect(checkAnswer(q, [2, 0])).toEqual({ kind: 'right' });
		expect(checkAnswer(q, [0])).toEqual({ kind: 'wrong' });
		expect(checkAnswer(q, [0, 1, 2])).toEqual({ kind: 'wrong' });
	});

	it('masters a lesson with 3 right of the last 4', () => {
		const rule = { correct: 3, of: 4 };
		expect(isMastered([true, true, true], rule)).toBe(false);
		expect(isMastered([true, false, true, true], rule)).toBe(true);
		expect(isMastered([true, true, true, false, false], rule)).toBe(false);
		expect(isMastered([false, false, true, true, true, false], rule)).toBe(true);
		expect(isMastered([false, true, true, true], rule)).toBe(true);
	});

	it('says how far a learner is: the right answers still missing, and the share of the way done', () => {
		const rule = { correct: 3, of: 4 };
		expect(masteryStanding([], rule)).toEqual({ mastered: false, toGo: 4, progress: 0 });
		// two right answers: two more, half way
		expect(masteryStanding([true, true], rule)).toEqual({
			mastered: false,
			toGo: 2,
			progress: 0.5
		});
		// one mistake is allowed by "3 of 4", so it costs nothing; a second one does
		expect(masteryStanding([true, false], rule)).toEqual({
			mastered: false,
			toGo: 2,
			progress: 0.5
		});
		expect(masteryStanding([false, false], rule)).toEqual({
			mastered: false,
			toGo: 3,
			progress: 0.25
		});
		expect(masteryStanding([true, true, true], rule).toGo).toBe(1);
		// an old right answer slides out of the window of the last 4
		expect(masteryStanding([true, true, false, false], rule).toGo).toBe(3);
		expect(masteryStanding([true, false, true, true], rule)).toEqual({
			mastered: true,
			toGo: 0,
			progress: 1
		});
		// mastered once, mastered for good, whatever came after
		expect(masteryStanding([false, false, false, false], rule, 1000).progress).toBe(1);
		// never more than `of` right answers to go
		expect(masteryStanding(Array<boolean>(20).fill(false), { correct: 5, of: 5 }).toGo).toBe(5);
	});

	it('gives a learning record its standing from its answers, or from its stored progress without them', () => {
		const rule = { correct: 3, of: 4 };
		// a stored progress from an older rule is worked out again from the answers
		expect(standingOf({ history: [true, true], completedAt: null, progress: 0.1 }, rule)).toEqual({
			mastered: false,
			toGo: 2,
			progress: 0.5
		});
		expect(standingOf({ completedAt: null, progress: 0.5 }, rule)).toEqual({
			mastered: false,
			toGo: 2,
			progress: 0.5
		});
		expect(standingOf({ completedAt: 5, progress: 1 }, rule).mastered).toBe(true);
		expect(standingOf({ completedAt: null, progress: Number.NaN }, rule).progress).toBe(0);
	});
});
