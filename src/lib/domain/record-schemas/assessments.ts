/**
 * `assessments`: one digital-skills self-assessment (digital-skills.ts). For the current question set, the
 * answers must be its questions' and the scores what its rule gives them: a dashboard mean is never made
 * from scores the answers contradict.
 */
import * as z from 'zod/mini';
import {
	ASSESSMENT_VERSION,
	DIGITAL_DIMENSIONS,
	optionCount,
	QUESTIONS,
	scoreAssessment
} from '../digital-skills';
import { moment, record, syncedShape, wholeWithin, type SchemaMode } from './common';

const score = () => wholeWithin(0, 100);

export function assessmentSchema(mode: SchemaMode) {
	return record(
		{
			...syncedShape,
			answers: z.record(
				z.string().check(z.regex(/^[a-z][a-z0-9_]{0,63}$/, 'not a question id')),
				wholeWithin(0, 9)
			),
			scores: z.strictObject(
				Object.fromEntries(DIGITAL_DIMENSIONS.map((d) => [d, score()])) as Record<
					(typeof DIGITAL_DIMENSIONS)[number],
					ReturnType<typeof score>
				>
			),
			takenAt: moment(),
			version: wholeWithin(1, 1000)
		},
		mode
	).check(
		z.superRefine((a, ctx) => {
			if (a.version !== ASSESSMENT_VERSION) return;
			const keys = ['answers', 'scores', 'version'];
			for (const [id, option] of Object.entries(a.answers)) {
				const q = QUESTIONS.find((x) => x.id === id);
				if (!q || option >= optionCount(q))
					ctx.issues.push({
						code: 'custom',
						input: option,
						path: ['answers', id],
						params: { keys },
						message: q ? `question ${id} has ${optionCount(q)} options` : `no question ${id}`
					});
			}
			const expected = scoreAssessment(a.answers);
			const off = DIGITAL_DIMENSIONS.find((d) => a.scores[d] !== expected[d]);
			if (off)
				ctx.issues.push({
					code: 'custom',
					input: a.scores,
					path: ['scores', off],
					params: { keys },
					message: `the answers score ${expected[off]} for ${off}`
				});
		})
	);
}
