/** `inputs` (农资): a fertilizer, pesticide or seed as its bag says; the same limits as the form (farm-inputs.ts). */
import * as z from 'zod/mini';
import {
	INPUT_KINDS,
	normaliseCode,
	parseNpk,
	PESTICIDE_CATEGORIES,
	TOXICITY_CLASSES
} from '../farm-inputs';
import { photoList, record, syncedShape, text, wholeWithin, type SchemaMode } from './common';

const PESTICIDE_REGISTRATION = /^(PD|WP|LS|WL)\d{6,10}$/;
export const INPUT_PHOTOS_MAX = 10;

export function inputSchema(mode: SchemaMode) {
	return record(
		{
			...syncedShape,
			kind: z.enum(
				INPUT_KINDS as ['fertilizer', 'pesticide', 'seed'],
				'fertilizer, pesticide or seed'
			),
			name: text(60, true),
			registrationNo: text(60),
			/** N-P₂O₅-K₂O in percent, "15-15-15", or empty. */
			npk: text(20).check(
				z.refine(
					(s) => {
						if (!s.trim()) return true;
						const npk = parseNpk(s);
						return npk !== null && npk[0] + npk[1] + npk[2] <= 100;
					},
					{ message: 'not an N-P₂O₅-K₂O grade such as 15-15-15 (at most 100 % in all)' }
				)
			),
			activeIngredient: text(80),
			/** 安全间隔期, days from the last spray to harvest. */
			preHarvestDays: z.nullable(wholeWithin(0, 365, 'days')),
			/** Sprays allowed per season. */
			maxApplications: z.nullable(wholeWithin(1, 20, 'times')),
			category: z.optional(z.nullable(z.enum(PESTICIDE_CATEGORIES))),
			toxicity: z.optional(z.nullable(z.enum(TOXICITY_CLASSES))),
			notes: text(2000),
			photos: z.optional(photoList(INPUT_PHOTOS_MAX))
		},
		mode
	).check(
		z.superRefine((input, ctx) => {
			const reg = normaliseCode(input.registrationNo);
			// pesticide registration numbers: PD + year + serial (facts.md §2); other kinds vary by province
			if (input.kind === 'pesticide' && reg && !PESTICIDE_REGISTRATION.test(reg))
				ctx.issues.push({
					code: 'custom',
					input: input.registrationNo,
					path: ['registrationNo'],
					params: { keys: ['registrationNo', 'kind'] },
					message: 'a pesticide registration number is PD, WP, LS or WL and digits (PD20080005)'
				});
		})
	);
}
