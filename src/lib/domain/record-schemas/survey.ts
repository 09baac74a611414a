/**
 * A seedling survey (苗情调查) as an observation stores it (`details.survey`, seedling-survey.ts). The shape is
 * stated here; the per-crop ranges of each sample point, the thresholds' order and the grade are the survey's
 * own rules (isSurveyDetail), run on top. Surveys saved before the lesson's grading (plants classed 一/二/三类)
 * have no class counts, `gradeBy`, `plantClasses` or `stationGrade`, and always carry the limits they were graded
 * by: both shapes are accepted.
 */
import * as z from 'zod/mini';
import { isSurveyDetail, SURVEY_CROPS, UNIFORMITY } from '../seedling-survey';
import { text } from './common';

const maybeNumber = z.nullable(z.number());
const limits = z.strictObject({ first: z.number(), second: z.number() });
const grade = z.nullable(z.union([z.literal(1), z.literal(2), z.literal(3)]));
/** Plants classed 一类 / 二类 / 三类 (whole numbers; the survey's own rules check the range). */
const classCounts = z.strictObject({ first: z.int(), second: z.int(), third: z.int() });

const samplePoint = z.strictObject({
	/** Plants along one metre of row (rice: seedlings). */
	plantsPerMetre: z.number(),
	rowSpacingCm: z.number(),
	heightCm: maybeNumber,
	leaves: maybeNumber,
	stage: text(20),
	uniformity: z.nullable(z.enum(UNIFORMITY)),
	pests: text(200),
	classCounts: z.optional(z.nullable(classCounts))
});

export const surveyDetailSchema = z
	.strictObject({
		kind: z.literal('seedling'),
		crop: z.enum(SURVEY_CROPS),
		points: z.array(samplePoint).check(z.minLength(1), z.maxLength(100)),
		basis: z.nullable(z.strictObject({ kind: z.enum(['seeds', 'target']), perMu: z.number() })),
		expectedHeightCm: maybeNumber,
		/** The station's limits (null: none); on older surveys, the limits that version graded by. */
		thresholds: z.nullable(
			z.strictObject({ emergence: limits, heightCv: limits, heightRatio: limits })
		),
		/** Plants per 亩. */
		densityPerMu: z.number(),
		/** % of the basis. */
		emergence: maybeNumber,
		grade,
		/** What decided the grade: the classed plants (the lesson's method) or the station's numbers. */
		gradeBy: z.optional(z.nullable(z.enum(['plants', 'station']))),
		plantClasses: z.optional(z.nullable(classCounts)),
		stationGrade: z.optional(grade)
	})
	.check(
		z.refine(isSurveyDetail, {
			message:
				'the survey breaks its own rules: a point out of range for the crop, thresholds out of order, too few points, or a class the classed plants do not give'
		})
	);
