/**
 * A seedling survey (苗情调查) as an observation stores it (`details.survey`, seedling-survey.ts). The shape is
 * stated here; the per-crop ranges of each sample point, the thresholds' order and the grade are the survey's
 * own rules (isSurveyDetail), run on top.
 */
import * as z from 'zod/mini';
import { isSurveyDetail, SURVEY_CROPS, UNIFORMITY } from '../seedling-survey';
import { text } from './common';

const maybeNumber = z.nullable(z.number());
const limits = z.strictObject({ first: z.number(), second: z.number() });

const samplePoint = z.strictObject({
	/** Plants along one metre of row (rice: seedlings). */
	plantsPerMetre: z.number(),
	rowSpacingCm: z.number(),
	heightCm: maybeNumber,
	leaves: maybeNumber,
	stage: text(20),
	uniformity: z.nullable(z.enum(UNIFORMITY)),
	pests: text(200)
});

export const surveyDetailSchema = z
	.strictObject({
		kind: z.literal('seedling'),
		crop: z.enum(SURVEY_CROPS),
		points: z.array(samplePoint).check(z.minLength(1), z.maxLength(100)),
		basis: z.nullable(z.strictObject({ kind: z.enum(['seeds', 'target']), perMu: z.number() })),
		expectedHeightCm: maybeNumber,
		thresholds: z.strictObject({ emergence: limits, heightCv: limits, heightRatio: limits }),
		/** Plants per 亩. */
		densityPerMu: z.number(),
		/** % of the basis. */
		emergence: maybeNumber,
		grade: z.nullable(z.union([z.literal(1), z.literal(2), z.literal(3)]))
	})
	.check(
		z.refine(isSurveyDetail, {
			message:
				'the survey breaks its own rules: a point out of range for the crop, thresholds out of order, or too few points'
		})
	);
