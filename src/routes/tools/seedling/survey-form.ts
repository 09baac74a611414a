import type { LogPoint } from '$lib/domain/field-logs';
import {
	DEFAULT_POINTS,
	EMPTY_POINT_TEXT,
	type SamplePointText,
	type SurveyText
} from '$lib/domain/seedling-survey';

/** The survey screen's form, as typed: kept as a draft on every change. */
export interface SurveyForm extends SurveyText {
	fieldId: string;
	/** `<input type="datetime-local">` value, Heilongjiang time. */
	when: string;
	notes: string;
	point: LogPoint | null;
	/** sha256 of photos already kept on the device. */
	photos: string[];
}

export function newPoint(rowSpacingCm = ''): SamplePointText {
	return { ...EMPTY_POINT_TEXT, rowSpacingCm };
}

/** A new survey: the five-point method's five empty points. */
export function emptySurveyForm(fieldId: string, when: string): SurveyForm {
	return {
		fieldId,
		crop: 'maize',
		when,
		basisKind: 'seeds',
		basis: '',
		expectedHeight: '',
		points: Array.from({ length: DEFAULT_POINTS }, () => newPoint()),
		notes: '',
		point: null,
		photos: []
	};
}
