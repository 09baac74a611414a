/**
 * The farmer's question form (问专家, issue 22): what she fills in, checked by the questions table's own schema
 * (record-schemas/questions.ts) so the phone says at the box exactly what the server would refuse, and the
 * rough place a question may carry under her group sharing.
 */
import type { MyGroups } from './groups';
import { QUESTION_TEXT_MAX, roundPlace, type Urgency } from './questions';
import { recordProblems } from './record-schemas';
import type { FieldRecord, QuestionRecord } from './records';
import { publicPlace } from './trace';

export interface QuestionForm {
	crop: string;
	/** '' for no field. */
	fieldId: string;
	text: string;
	photos: string[];
	urgency: Urgency;
	/** '' for all her groups. */
	groupId: string;
}

export type QuestionValues = Pick<
	QuestionRecord,
	| 'crop'
	| 'fieldId'
	| 'place'
	| 'text'
	| 'photos'
	| 'urgency'
	| 'groupId'
	| 'parentId'
	| 'acceptedAnswer'
	| 'askedAt'
>;

export type QuestionProblem =
	'crop-empty' | 'crop-long' | 'empty' | 'text-long' | 'photos-many' | 'bad';

/** Stand-ins for what the repository fills in on save, so the schema checks only what the farmer chose. */
const SAVED_SHAPE = {
	id: '00000000-0000-7000-8000-000000000000',
	hlc: '000000000000000-00000-check',
	deleted: false,
	createdAt: 0,
	updatedAt: 0
};

/** The problems of a question to save, by the form's box: empty when the schema takes it. */
export function questionProblems(values: QuestionValues): Partial<Record<string, QuestionProblem>> {
	const out: Partial<Record<string, QuestionProblem>> = {};
	for (const problem of recordProblems('questions', { ...SAVED_SHAPE, ...values }, 'write')) {
		const key = problem.keys[0] ?? problem.path;
		if (out[key]) continue;
		if (key === 'crop') out.crop = values.crop.trim() ? 'crop-long' : 'crop-empty';
		else if (key === 'text')
			out.text = values.text.length > QUESTION_TEXT_MAX ? 'text-long' : 'empty';
		else if (key === 'photos') out.photos = 'photos-many';
		else out[key] = 'bad';
	}
	return out;
}

/** The groups she is a member of (not the ones she leads), as last fetched. */
export function memberGroups(mine: MyGroups | null): MyGroups['groups'] {
	return (mine?.groups ?? []).filter((g) => g.role === 'member');
}

/**
 * The field's place, rounded to 0.01° (about a village), only when every group the question goes to has her
 * leave to see places (groups.ts Sharing.locations); otherwise, or with no group or no boundary, none.
 */
export function questionPlace(
	field: Pick<FieldRecord, 'boundary'> | null,
	groups: MyGroups['groups'],
	groupId: string
): QuestionRecord['place'] {
	const reached = groupId ? groups.filter((g) => g.id === groupId) : groups;
	if (!field || reached.length === 0 || !reached.every((g) => g.sharing?.locations)) return null;
	const place = publicPlace(field);
	return place ? roundPlace(place.lat, place.lng) : null;
}

/** The record to save from the form, asked at `now`. */
export function questionValues(
	form: QuestionForm,
	place: QuestionRecord['place'],
	now: number
): QuestionValues {
	return {
		crop: form.crop.trim(),
		fieldId: form.fieldId || null,
		place,
		text: form.text.trim(),
		photos: [...form.photos],
		urgency: form.urgency,
		groupId: form.groupId || null,
		parentId: null,
		acceptedAnswer: null,
		askedAt: now
	};
}
