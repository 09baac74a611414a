import type { QuestionProblem } from '$lib/domain/question-form';
import { QUESTION_PHOTOS_MAX, QUESTION_TEXT_MAX, SCOPE_NAME_MAX } from '$lib/domain/questions';
import { m } from '$lib/paraglide/messages.js';

/** What is wrong with a box of the question form, in plain words. */
export function askProblemText(problem: QuestionProblem): string {
	switch (problem) {
		case 'crop-empty':
			return m.ask_problem_crop_empty();
		case 'crop-long':
			return m.ask_problem_crop_long({ max: SCOPE_NAME_MAX });
		case 'empty':
			return m.ask_problem_empty();
		case 'text-long':
			return m.ask_problem_text_long({ max: QUESTION_TEXT_MAX });
		case 'photos-many':
			return m.ask_problem_photos_many({ max: QUESTION_PHOTOS_MAX });
		default:
			return m.ask_problem_bad();
	}
}
