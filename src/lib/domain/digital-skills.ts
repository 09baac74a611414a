/**
 * The digital-skills self-assessment (数字素养评估, issue 9): the province's plan's four scenes (work,
 * learning, daily life, innovation) and online safety, each scored 0 to 100.
 *
 * Two kinds of question: "I can …" self-assessments (不会 / 会一点 / 会, worth 0 / 50 / 100) and practical
 * checks with one right answer (100, any other answer 0). A dimension's score is the mean of its questions'
 * points, rounded to a whole number; a question left unanswered counts 0. The words live in messages/*.json
 * (keys `assess_q_<id>` and `assess_q_<id>_<option>`); here are only the rules.
 */
import type { TrackId } from './lessons';

export const DIGITAL_DIMENSIONS = ['work', 'learning', 'life', 'innovation', 'safety'] as const;
export type DigitalDimension = (typeof DIGITAL_DIMENSIONS)[number];

/** The question set's version, kept with every record: a new set changes it. */
export const ASSESSMENT_VERSION = 1;

/** Points for 不会 / 会一点 / 会. */
export const SELF_POINTS = [0, 50, 100] as const;
export const RIGHT_POINTS = 100;

export type AssessmentQuestion =
	| { id: string; dimension: DigitalDimension; kind: 'self' }
	| { id: string; dimension: DigitalDimension; kind: 'check'; options: number; right: number };

const self = (dimension: DigitalDimension, id: string): AssessmentQuestion => ({
	id,
	dimension,
	kind: 'self'
});
const check = (dimension: DigitalDimension, id: string, right: number): AssessmentQuestion => ({
	id,
	dimension,
	kind: 'check',
	options: 3,
	right
});

/** Fifteen questions, three per dimension, in the order they are asked. */
export const QUESTIONS: readonly AssessmentQuestion[] = [
	self('work', 'work_records'),
	// 10 kg of urea per 亩 as a top-dressing: about 4.6 kg N (urea 46 % N), within the topdressing share
	// (~39 %) of maize N for a 600 kg/亩 crop at 2.57 kg N per 100 kg (/work/shared/agronomy/facts.md §1:
	// cdfxiaoke.com/118279.html, aed.org.cn 2014/6, e7feng.com/hztop-Article-28715). The answer: 10 × 20 = 200.
	check('work', 'work_fertilizer_total', 2),
	// a 14-day pre-harvest interval, as on 25 % buprofezin WP for rice (facts.md §2: mrc-fc.com/tech/201708/20/493.html)
	check('work', 'work_harvest_wait', 1),
	self('learning', 'learning_text_size'),
	check('learning', 'learning_find_lesson', 0),
	check('learning', 'learning_read_aloud', 1),
	self('life', 'life_pay_bills'),
	check('life', 'life_bill_number', 1),
	check('life', 'life_medical_code', 0),
	self('innovation', 'innovation_listing'),
	self('innovation', 'innovation_video'),
	check('innovation', 'innovation_product_page', 2),
	self('safety', 'safety_screen_lock'),
	check('safety', 'safety_code_call', 0),
	check('safety', 'safety_qr_scam', 2)
];

/** How many options a question offers. */
export function optionCount(question: AssessmentQuestion): number {
	return question.kind === 'self' ? SELF_POINTS.length : question.options;
}

/** Points one answer earns: 0 for no answer or an option the question does not have. */
export function pointsFor(question: AssessmentQuestion, option: number | undefined): number {
	if (option === undefined || !Number.isInteger(option)) return 0;
	if (option < 0 || option >= optionCount(question)) return 0;
	if (question.kind === 'self') return SELF_POINTS[option] ?? 0;
	return option === question.right ? RIGHT_POINTS : 0;
}

/** Each dimension's score, 0 to 100: the rounded mean of its questions' points. */
export function scoreAssessment(
	answers: Readonly<Record<string, number>>,
	questions: readonly AssessmentQuestion[] = QUESTIONS
): Record<DigitalDimension, number> {
	const scores = {} as Record<DigitalDimension, number>;
	for (const dimension of DIGITAL_DIMENSIONS) {
		const asked = questions.filter((q) => q.dimension === dimension);
		const total = asked.reduce((sum, q) => sum + pointsFor(q, answers[q.id]), 0);
		scores[dimension] = asked.length ? Math.round(total / asked.length) : 0;
	}
	return scores;
}

/** The first question without a valid answer (its index), or null when all are answered. */
export function firstUnanswered(
	answers: Readonly<Record<string, number>>,
	questions: readonly AssessmentQuestion[] = QUESTIONS
): number | null {
	const i = questions.findIndex((q) => {
		const a = answers[q.id];
		return a === undefined || !Number.isInteger(a) || a < 0 || a >= optionCount(q);
	});
	return i === -1 ? null : i;
}

export const SKILL_LEVELS = ['beginner', 'basic', 'skilled'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];
/** 入门 below 40, 基础 from 40, 熟练 from 70. */
export const LEVEL_FROM = { basic: 40, skilled: 70 } as const;

export function levelOf(score: number): SkillLevel {
	if (score >= LEVEL_FROM.skilled) return 'skilled';
	if (score >= LEVEL_FROM.basic) return 'basic';
	return 'beginner';
}

/** Where to learn more for a dimension: a lesson track, one lesson, or the display settings. */
export type StudyPlace =
	{ kind: 'track'; track: TrackId } | { kind: 'lesson'; lesson: string } | { kind: 'settings' };

export const DIMENSION_STUDY: Record<DigitalDimension, StudyPlace> = {
	work: { kind: 'track', track: 'fertilization' },
	// bigger text, elder mode and read-aloud are what make the lessons usable
	learning: { kind: 'settings' },
	life: { kind: 'lesson', lesson: 'safety-payments' },
	innovation: { kind: 'track', track: 'ecommerce' },
	safety: { kind: 'track', track: 'safety' }
};

/** Dimensions worth a tip: those not yet 熟练, in the set's order. */
export function dimensionsToWorkOn(
	scores: Readonly<Record<DigitalDimension, number>>
): DigitalDimension[] {
	return DIGITAL_DIMENSIONS.filter((d) => levelOf(scores[d]) !== 'skilled');
}
