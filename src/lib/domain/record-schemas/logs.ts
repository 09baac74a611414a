/**
 * `logs` (农事记录): one schema per kind of record, made from LOG_FORMS (field-logs.ts), so the form that asks
 * for a detail and the check that stores it can't disagree: its kind, its units, its limits, whether required.
 */
import * as z from 'zod/mini';
import {
	inFirstUnit,
	LOG_FORMS,
	POINT_ACCURACY_MAX_M,
	LOG_TYPES,
	UNITS,
	type DetailField,
	type DetailValue,
	type LogType,
	type Unit
} from '../field-logs';
import { surveyDetailSchema } from './survey';
import {
	moment,
	photoList,
	record,
	recordId,
	syncedShape,
	text,
	within,
	type SchemaMode
} from './common';

/** The record form takes up to 6 photos (LogPhotos); older records may hold more: room to spare. */
export const LOG_PHOTOS_MAX = 20;
export const NOTES_MAX = 2000;

function quantitySchema(field: Extract<DetailField, { kind: 'quantity' }>) {
	const first = UNITS[field.units[0]!];
	const min = field.min ?? 0;
	return z
		.strictObject({
			value: z.number().check(z.refine(Number.isFinite, { message: 'not a number' })),
			unit: z.enum(field.units as [Unit, ...Unit[]], `one of ${field.units.join(', ')}`)
		})
		.check(
			z.superRefine((q, ctx) => {
				if (!Number.isFinite(q.value) || !field.units.includes(q.unit)) return;
				// limits are in the first unit listed, as validateLog counts them (斤 are 0.5 kg)
				const v = inFirstUnit(q, field.units);
				const problem =
					v < min
						? `at least ${min} ${first}`
						: v > field.max
							? `at most ${field.max} ${first}`
							: field.required && v === 0
								? `more than 0 ${first}`
								: null;
				if (problem)
					ctx.issues.push({ code: 'custom', input: q, path: ['value'], message: problem });
			})
		);
}

function detailSchema(field: DetailField) {
	switch (field.kind) {
		case 'quantity':
			return quantitySchema(field);
		case 'choice':
			return z.enum(field.options as [string, ...string[]], `one of ${field.options.join(', ')}`);
		case 'input':
			return recordId();
		case 'text':
			return text(field.max ?? 200, field.required);
	}
}

function detailsSchema(type: LogType, mode: SchemaMode) {
	// typed as LogDetails holds them: an optional key is one that may be absent, not one holding undefined
	const shape: Record<string, z.ZodMiniType<DetailValue>> = {};
	for (const field of LOG_FORMS[type])
		shape[field.key] = field.required
			? detailSchema(field)
			: (z.optional(detailSchema(field)) as z.ZodMiniType<DetailValue>);
	// a seedling survey (苗情调查) is made by the survey tool and stored on an observation
	if (type === 'observation')
		shape.survey = z.optional(surveyDetailSchema) as z.ZodMiniType<DetailValue>;
	return record(shape, mode);
}

const pointSchema = z.strictObject({
	lat: within(-90, 90, '°'),
	lng: within(-180, 180, '°'),
	accuracy: z.optional(within(0, POINT_ACCURACY_MAX_M, 'm'))
});

function logOfType(type: LogType, mode: SchemaMode) {
	const anyRequired = LOG_FORMS[type].some((f) => f.required);
	const details = detailsSchema(type, mode);
	return record(
		{
			...syncedShape,
			type: z.literal(type),
			fieldId: z.nullable(recordId()),
			status: z.enum(['planned', 'done'], 'planned or done'),
			/** When it is planned for or was done. */
			at: moment(),
			notes: text(NOTES_MAX),
			photos: z.optional(photoList(LOG_PHOTOS_MAX)),
			point: z.optional(z.nullable(pointSchema)),
			details: anyRequired ? details : z.optional(details)
		},
		mode
	);
}

export function logSchema(mode: SchemaMode) {
	const [first, ...rest] = LOG_TYPES.map((t) => logOfType(t, mode));
	return z.discriminatedUnion('type', [first!, ...rest]);
}
