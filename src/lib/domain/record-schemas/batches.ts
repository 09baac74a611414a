/** `batches` (批次): a harvest lot with its trace code and lineage (batches.ts, trace-code.ts). */
import * as z from 'zod/mini';
import { isTraceCode } from '../trace-code';
import { moment, record, recordId, syncedShape, text, within, type SchemaMode } from './common';

/** 10,000 t, as a harvest record's limit (field-logs.ts HARVESTED_MASS): beyond any family farm's lot. */
export const BATCH_MAX_KG = 10_000_000;
const IDS_MAX = 5000;

const ids = () => z.array(recordId()).check(z.maxLength(IDS_MAX, `at most ${IDS_MAX}`));

export const publishSchema = z.strictObject({
	enabled: z.boolean(),
	producer: z.optional(z.boolean()),
	origin: z.optional(z.boolean()),
	place: z.optional(z.boolean()),
	photos: z.optional(z.boolean())
});

export function batchSchema(mode: SchemaMode) {
	return record(
		{
			...syncedShape,
			code: z.string().check(
				z.refine(isTraceCode, {
					message: 'not a trace code (10 characters with a check character)'
				})
			),
			product: text(40),
			fieldIds: ids(),
			harvestLogIds: ids(),
			/** kg when it was made. */
			quantityKg: within(0, BATCH_MAX_KG, 'kg'),
			origin: z.enum(['harvest', 'split', 'merge'], 'harvest, split or merge'),
			parentIds: ids(),
			status: z.enum(['open', 'split', 'merged'], 'open, split or merged'),
			at: moment(),
			publish: publishSchema,
			notes: text(2000)
		},
		mode
	).check(
		z.superRefine((b, ctx) => {
			// the lineage: a harvest has no parents, a part one, a merge two or more (batches.ts planSplit/planMerge)
			const n = b.parentIds.length;
			const wrong =
				b.origin === 'harvest'
					? n !== 0 && 'a harvest batch has no parent batches'
					: b.origin === 'split'
						? n !== 1 && 'a part is split from one batch'
						: n < 2 && 'a merged batch is made from two or more';
			if (wrong)
				ctx.issues.push({
					code: 'custom',
					input: b.parentIds,
					path: ['parentIds'],
					params: { keys: ['parentIds', 'origin'] },
					message: wrong
				});
		})
	);
}
