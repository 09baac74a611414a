import { describe, expect, it } from 'vitest';
import { optionCount, QUESTIONS } from '$lib/domain/digital-skills';
import { optionTexts, questionText } from './assessment-words';

describe('assessment words', () => {
	it('has the words for every question and exactly as many options as it counts', () => {
		for (const q of QUESTIONS) {
			expect(questionText(q), q.id).not.toBe(q.id);
			const options = optionTexts(q);
			expect(options, q.id).toHaveLength(optionCount(q));
			expect(new Set(options).size, q.id).toBe(options.length);
		}
	});
});
