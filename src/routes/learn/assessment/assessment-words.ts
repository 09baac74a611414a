import type { AssessmentQuestion, DigitalDimension, SkillLevel } from '$lib/domain/digital-skills';
import { m } from '$lib/paraglide/messages.js';

type Words = () => string;

/** The words of each question (messages/*.json); a self-assessment's options are the shared 不会 / 会一点 / 会. */
const QUESTION_WORDS: Record<string, { text: Words; options?: Words[] }> = {
	work_records: { text: m.assess_q_work_records },
	work_fertilizer_total: {
		text: m.assess_q_work_fertilizer_total,
		options: [
			m.assess_q_work_fertilizer_total_0,
			m.assess_q_work_fertilizer_total_1,
			m.assess_q_work_fertilizer_total_2
		]
	},
	work_harvest_wait: {
		text: m.assess_q_work_harvest_wait,
		options: [
			m.assess_q_work_harvest_wait_0,
			m.assess_q_work_harvest_wait_1,
			m.assess_q_work_harvest_wait_2
		]
	},
	learning_text_size: { text: m.assess_q_learning_text_size },
	learning_find_lesson: {
		text: m.assess_q_learning_find_lesson,
		options: [
			m.assess_q_learning_find_lesson_0,
			m.assess_q_learning_find_lesson_1,
			m.assess_q_learning_find_lesson_2
		]
	},
	learning_read_aloud: {
		text: m.assess_q_learning_read_aloud,
		options: [
			m.assess_q_learning_read_aloud_0,
			m.assess_q_learning_read_aloud_1,
			m.assess_q_learning_read_aloud_2
		]
	},
	life_pay_bills: { text: m.assess_q_life_pay_bills },
	life_bill_number: {
		text: m.assess_q_life_bill_number,
		options: [
			m.assess_q_life_bill_number_0,
			m.assess_q_life_bill_number_1,
			m.assess_q_life_bill_number_2
		]
	},
	life_medical_code: {
		text: m.assess_q_life_medical_code,
		options: [
			m.assess_q_life_medical_code_0,
			m.assess_q_life_medical_code_1,
			m.assess_q_life_medical_code_2
		]
	},
	innovation_listing: { text: m.assess_q_innovation_listing },
	innovation_video: { text: m.assess_q_innovation_video },
	innovation_product_page: {
		text: m.assess_q_innovation_product_page,
		options: [
			m.assess_q_innovation_product_page_0,
			m.assess_q_innovation_product_page_1,
			m.assess_q_innovation_product_page_2
		]
	},
	safety_screen_lock: { text: m.assess_q_safety_screen_lock },
	safety_code_call: {
		text: m.assess_q_safety_code_call,
		options: [
			m.assess_q_safety_code_call_0,
			m.assess_q_safety_code_call_1,
			m.assess_q_safety_code_call_2
		]
	},
	safety_qr_scam: {
		text: m.assess_q_safety_qr_scam,
		options: [m.assess_q_safety_qr_scam_0, m.assess_q_safety_qr_scam_1, m.assess_q_safety_qr_scam_2]
	}
};

const SELF_OPTIONS: Words[] = [m.assess_self_0, m.assess_self_1, m.assess_self_2];

export function questionText(question: AssessmentQuestion): string {
	return QUESTION_WORDS[question.id]?.text() ?? question.id;
}

export function optionTexts(question: AssessmentQuestion): string[] {
	const options =
		question.kind === 'self' ? SELF_OPTIONS : (QUESTION_WORDS[question.id]?.options ?? []);
	return options.map((words) => words());
}

export function dimensionName(dimension: DigitalDimension): string {
	return {
		work: m.assess_dim_work,
		learning: m.assess_dim_learning,
		life: m.assess_dim_life,
		innovation: m.assess_dim_innovation,
		safety: m.assess_dim_safety
	}[dimension]();
}

export function levelName(level: SkillLevel): string {
	return {
		beginner: m.assess_level_beginner,
		basic: m.assess_level_basic,
		skilled: m.assess_level_skilled
	}[level]();
}

export function dimensionTip(dimension: DigitalDimension): string {
	return {
		work: m.assess_tip_work,
		learning: m.assess_tip_learning,
		life: m.assess_tip_life,
		innovation: m.assess_tip_innovation,
		safety: m.assess_tip_safety
	}[dimension]();
}
