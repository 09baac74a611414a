import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	DIGITAL_DIMENSIONS,
	DIMENSION_STUDY,
	QUESTIONS,
	dimensionsToWorkOn,
	firstUnanswered,
	levelOf,
	optionCount,
	pointsFor,
	scoreAssessment,
	type AssessmentQuestion
} from './digital-skills';
import { TRACKS } from './lessons';

const byId = (id: string) => QUESTIONS.find((q) => q.id === id)!;
const rightOf = (q: AssessmentQuestion) => (q.kind === 'check' ? q.right : 2);

describe('the question set', () => {
	it('has 15 questions, three per dimension, each dimension with a self-assessment and a practical check', () => {
		expect(QUESTIONS).toHaveLength(15);
		expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(15);
		for (const d of DIGITAL_DIMENSIONS) {
			const asked = QUESTIONS.filter((q) => q.dimension === d);
			expect(asked, d).toHaveLength(3);
			expect(
				asked.some((q) => q.kind === 'self'),
				d
			).toBe(true);
			expect(
				asked.some((q) => q.kind === 'check'),
				d
			).toBe(true);
		}
	});

	it('gives every check a right answer among its options, not always in the same place', () => {
		const checks = QUESTIONS.filter((q) => q.kind === 'check');
		for (const q of checks) expect(q.right).toBeLessThan(q.options);
		expect(new Set(checks.map((q) => q.right)).size).toBeGreaterThan(1);
	});

	it('points each dimension to somewhere to learn, with real tracks', () => {
		for (const d of DIGITAL_DIMENSIONS) {
			const place = DIMENSION_STUDY[d];
			if (place.kind === 'track') expect(TRACKS).toContain(place.track);
		}
	});
});

describe('scoring', () => {
	it('scores 不会 / 会一点 / 会 as 0 / 50 / 100 and a check 100 only when right', () => {
		const s = byId('work_records');
		expect([0, 1, 2].map((o) => pointsFor(s, o))).toEqual([0, 50, 100]);
		const c = byId('safety_code_call');
		expect(pointsFor(c, 0)).toBe(100); // hang up, tell no one
		expect(pointsFor(c, 1)).toBe(0);
		expect(pointsFor(c, 2)).toBe(0);
	});

	it('counts a missing or impossible answer as 0', () => {
		const s = byId('work_records');
		expect(pointsFor(s, undefined)).toBe(0);
		expect(pointsFor(s, 3)).toBe(0);
		expect(pointsFor(s, -1)).toBe(0);
		expect(pointsFor(s, 1.5)).toBe(0);
	});

	it('averages a dimension: 会一点 + right + wrong = (50 + 100 + 0) / 3 = 50', () => {
		const scores = scoreAssessment({
			work_records: 1,
			work_fertilizer_total: 2, // 10 kg × 20 亩 = 200 kg: right
			work_harvest_wait: 0 // "yes, harvest today": wrong
		});
		expect(scores.work).toBe(50);
		expect(scores.safety).toBe(0);
	});

	it('rounds to whole points: 会 + right + right with one 会一点 instead = 83', () => {
		const scores = scoreAssessment({
			innovation_listing: 2,
			innovation_video: 1,
			innovation_product_page: 2
		});
		expect(scores.innovation).toBe(83); // (100 + 50 + 100) / 3 = 83.3
	});

	it('gives 100 everywhere for all 会 and all right, 0 everywhere for nothing', () => {
		const best = Object.fromEntries(QUESTIONS.map((q) => [q.id, rightOf(q)]));
		expect(Object.values(scoreAssessment(best))).toEqual([100, 100, 100, 100, 100]);
		expect(Object.values(scoreAssessment({}))).toEqual([0, 0, 0, 0, 0]);
	});

	it('finds the first unanswered question', () => {
		expect(firstUnanswered({})).toBe(0);
		const all = Object.fromEntries(QUESTIONS.map((q) => [q.id, 0]));
		expect(firstUnanswered(all)).toBeNull();
		expect(firstUnanswered({ ...all, life_pay_bills: 7 })).toBe(6);
	});

	it('names the level: 入门 below 40, 基础 40 to 69, 熟练 from 70', () => {
		expect([0, 39, 40, 69, 70, 100].map(levelOf)).toEqual([
			'beginner',
			'beginner',
			'basic',
			'basic',
			'skilled',
			'skilled'
		]);
		expect(
			dimensionsToWorkOn({ work: 70, learning: 69, life: 100, innovation: 0, safety: 40 })
		).toEqual(['learning', 'innovation', 'safety']);
	});
});

/** Any answer sheet: each question answered with a valid option, or left out. */
const answerSheet = fc.tuple(
	...QUESTIONS.map((q) =>
		fc.option(fc.integer({ min: 0, max: optionCount(q) - 1 }), { nil: undefined })
	)
);
const toAnswers = (sheet: (number | undefined)[]) =>
	Object.fromEntries(
		QUESTIONS.flatMap((q, i) => (sheet[i] === undefined ? [] : [[q.id, sheet[i]] as const]))
	);

describe('scoring properties', () => {
	it('keeps every score a whole number from 0 to 100, whatever the answers (junk included)', () => {
		const junk = fc.dictionary(
			fc.constantFrom(...QUESTIONS.map((q) => q.id), 'nope'),
			fc.oneof(fc.integer(), fc.double())
		);
		fc.assert(
			fc.property(fc.oneof(answerSheet.map(toAnswers), junk), (answers) => {
				for (const score of Object.values(scoreAssessment(answers))) {
					expect(Number.isInteger(score)).toBe(true);
					expect(score).toBeGreaterThanOrEqual(0);
					expect(score).toBeLessThanOrEqual(100);
				}
			})
		);
	});

	it('never lowers a dimension when answers get better (a check made right, a self-assessment raised)', () => {
		fc.assert(
			fc.property(
				answerSheet,
				fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }),
				(sheet, improve) => {
					const better = sheet.map((a, i) => {
						if (!improve[i]) return a;
						const q = QUESTIONS[i]!;
						if (q.kind === 'check') return q.right;
						return Math.min(2, (a ?? -1) + 1);
					});
					const before = scoreAssessment(toAnswers(sheet));
					const after = scoreAssessment(toAnswers(better));
					for (const d of DIGITAL_DIMENSIONS) expect(after[d]).toBeGreaterThanOrEqual(before[d]);
				}
			)
		);
	});
});
