import { describe, expect, it } from 'vitest';
import { checkAnswer, isMastered, type QuizQuestion } from './lessons';

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
});
