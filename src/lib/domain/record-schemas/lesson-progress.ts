/**
 * `lessonProgress`: how far a learner got in one lesson, one per account and lesson (its id the lesson's id).
 * Mastery and credits go together (local-data.ts recordQuizAnswer): a lesson is mastered with progress 1,
 * and only a mastered lesson earns credits.
 */
import * as z from 'zod/mini';
import {
	moment,
	record,
	recordId,
	syncedShape,
	within,
	wholeWithin,
	type SchemaMode
} from './common';

export const HISTORY_MAX = 100;

export function lessonProgressSchema(mode: SchemaMode) {
	return record(
		{
			...syncedShape,
			lessonId: recordId(),
			/** 0 to 1: the share of the last mastery window answered right. */
			progress: within(0, 1),
			completedAt: z.nullable(moment()),
			history: z.optional(z.array(z.boolean()).check(z.maxLength(HISTORY_MAX))),
			attempts: z.optional(wholeWithin(0, 1_000_000)),
			credits: z.optional(within(0, 100, 'credits')),
			version: z.optional(wholeWithin(0, 1_000_000))
		},
		mode
	).check(
		z.superRefine((p, ctx) => {
			const push = (path: string, keys: string[], message: string) =>
				ctx.issues.push({ code: 'custom', input: p, path: [path], params: { keys }, message });
			if (p.lessonId !== p.id) push('lessonId', ['lessonId', 'id'], 'must be the record id');
			if (p.completedAt !== null && p.progress !== 1)
				push('progress', ['progress', 'completedAt'], 'a mastered lesson has progress 1');
			if (p.completedAt === null && (p.credits ?? 0) > 0)
				push('credits', ['credits', 'completedAt'], 'credits come with mastery');
		})
	);
}
