import type {
	Grade,
	SurveyCrop,
	SurveyDetail,
	SurveyProblem,
	Uniformity
} from '$lib/domain/seedling-survey';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

/** The farmer's words for what the seedling survey finds (the domain has none of its own). */
export function gradeName(grade: Grade): string {
	return [m.survey_grade_1, m.survey_grade_2, m.survey_grade_3][grade - 1]!();
}

export function gradeShort(grade: Grade | null): string {
	return grade === null
		? m.survey_grade_short_none()
		: [m.survey_grade_short_1, m.survey_grade_short_2, m.survey_grade_short_3][grade - 1]!();
}

export function cropName(crop: SurveyCrop): string {
	return {
		maize: m.crop_maize,
		soybean: m.crop_soybean,
		rice: m.crop_rice,
		springWheat: m.crop_wheat,
		potato: m.crop_potato
	}[crop]();
}

export function uniformityName(u: Uniformity): string {
	return {
		even: m.survey_uniformity_even,
		fair: m.survey_uniformity_fair,
		uneven: m.survey_uniformity_uneven
	}[u]();
}

/** A number as the user's language writes it, e.g. 4,150 or 93.4. */
export function formatCount(value: number, digits = 0): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(value);
}

/** A box's problem in plain words; `what` is the box's label, for the expected range. */
export function surveyProblemText(problem: SurveyProblem, what: string): string {
	switch (problem.kind) {
		case 'required':
			return m.survey_problem_required();
		case 'not-a-number':
			return m.survey_problem_number();
		case 'out-of-range':
			return m.survey_problem_range({
				what,
				min: formatCount(problem.range.min, 2),
				max: formatCount(problem.range.max, 2)
			});
		case 'too-long':
			return m.survey_problem_long({ max: problem.max });
		case 'not-an-option':
			return m.survey_problem_option();
		case 'not-whole':
			return m.survey_problem_whole();
	}
}

/** One line for the timeline and the export: 苗情调查：二类苗，密度 4,150 株/亩. */
export function surveyLine(survey: SurveyDetail): string {
	const density = formatCount(survey.densityPerMu);
	return survey.grade === null
		? m.survey_summary_ungraded({ density })
		: m.survey_summary({ grade: gradeName(survey.grade), density });
}
