/**
 * `questions` (问专家, issue 22): a farmer's question to the agents of their groups and the experts of its
 * crop or county; the farmer's own records. A follow-up in the same thread names the first question in
 * `parentId`. Who may read and answer it: server/questions/questions.ts, docs/sync-protocol.md.
 */
import * as z from 'zod/mini';
import {
	isRoundedDegree,
	QUESTION_PHOTOS_MAX,
	QUESTION_TEXT_MAX,
	SCOPE_NAME_MAX,
	URGENCIES
} from '../questions';
import {
	moment,
	photoList,
	record,
	recordId,
	sha256,
	syncedShape,
	text,
	within,
	type SchemaMode
} from './common';

const rounded = (min: number, max: number) =>
	within(min, max, '°').check(
		z.refine(isRoundedDegree, {
			message: 'rounded to 0.01° (about a village), not a field’s place'
		})
	);

const placeSchema = z.strictObject({ lat: rounded(-90, 90), lng: rounded(-180, 180) });

export function questionSchema(mode: SchemaMode) {
	return record(
		{
			...syncedShape,
			crop: text(SCOPE_NAME_MAX, true),
			fieldId: z.nullable(recordId()),
			county: z.optional(z.nullable(text(SCOPE_NAME_MAX))),
			place: z.nullable(placeSchema),
			text: text(QUESTION_TEXT_MAX),
			photos: photoList(QUESTION_PHOTOS_MAX),
			voiceNote: z.optional(z.nullable(sha256())),
			urgency: z.enum(URGENCIES, 'normal or urgent'),
			groupId: z.nullable(recordId()),
			parentId: z.nullable(recordId()),
			acceptedAnswer: z.nullable(z.strictObject({ ownerId: recordId(), id: recordId() })),
			publish: z.optional(z.boolean()),
			askedAt: moment()
		},
		mode
	).check(
		z.superRefine((q, ctx) => {
			// a question says something: in words, a photo or a voice note
			if (!q.text.trim() && q.photos.length === 0 && !q.voiceNote)
				ctx.issues.push({
					code: 'custom',
					input: q.text,
					path: ['text'],
					params: { keys: ['text', 'photos', 'voiceNote'] },
					message: 'say what is wrong in words, a photo or a voice note'
				});
			if (q.parentId !== null && q.parentId === q.id)
				ctx.issues.push({
					code: 'custom',
					input: q.parentId,
					path: ['parentId'],
					params: { keys: ['parentId'] },
					message: 'a follow-up names the question it follows, not itself'
				});
		})
	);
}
