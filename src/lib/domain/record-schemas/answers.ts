/**
 * `answers` (issue 22): an agent's or expert's answer to a farmer's question; the answerer's own records,
 * naming the question by its owner and id (record ids are per account). The server takes one only from
 * someone who may answer that question (server/questions/questions.ts).
 */
import * as z from 'zod/mini';
import {
	ANSWER_TEXT_MAX,
	isLessonId,
	isToolLink,
	QUESTION_PHOTOS_MAX,
	TOOL_LINK_MAX
} from '../questions';
import { moment, photoList, record, recordId, syncedShape, text, type SchemaMode } from './common';

export function answerSchema(mode: SchemaMode) {
	return record(
		{
			...syncedShape,
			questionOwnerId: recordId(),
			questionId: recordId(),
			text: text(ANSWER_TEXT_MAX),
			photos: photoList(QUESTION_PHOTOS_MAX),
			lessonId: z.nullable(
				z
					.string()
					.check(
						z.maxLength(64, 'at most 64 characters'),
						z.refine(isLessonId, { message: 'not a lesson id (soil-testing)' })
					)
			),
			tool: z.nullable(
				z.string().check(
					z.maxLength(TOOL_LINK_MAX, `at most ${TOOL_LINK_MAX} characters`),
					z.refine(isToolLink, {
						message: 'not one of the app’s tools (/tools/fertilizer, /tools/spray …)'
					})
				)
			),
			answeredAt: moment()
		},
		mode
	).check(
		z.superRefine((a, ctx) => {
			if (!a.text.trim() && a.photos.length === 0)
				ctx.issues.push({
					code: 'custom',
					input: a.text,
					path: ['text'],
					params: { keys: ['text', 'photos'] },
					message: 'an answer needs words or a photo'
				});
		})
	);
}
