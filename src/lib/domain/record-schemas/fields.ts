/** `fields` (地块): a named field, its area, and its boundary when it was drawn or walked. */
import * as z from 'zod/mini';
import { areaM2, boundaryProblem, MAX_CORNERS, type Polygon } from '../geometry';
import { FIELD_MAX_MU } from '../fields';
import { SQ_M_PER_MU } from '../units';
import { record, syncedShape, text, within, type SchemaMode } from './common';

/** 100,000 亩 (about 67 km²): more than any one field, drawn or typed (fields.ts FIELD_MAX_MU). */
export const FIELD_MAX_M2 = Math.ceil(FIELD_MAX_MU * SQ_M_PER_MU * 10) / 10; // stored to 0.1 m²

/** The boundary's problem, worked out once per parse (the polygon's rule and the area rule both need it). */
const problems = new WeakMap<object, ReturnType<typeof boundaryProblem>>();
function problemOf(p: Polygon): ReturnType<typeof boundaryProblem> {
	if (!problems.has(p)) problems.set(p, boundaryProblem(p));
	return problems.get(p) ?? null;
}
/** The stored area may differ from the boundary's by rounding (0.1 m²) and by Turf versions: 0.5 %. */
const AREA_TOLERANCE = 0.005;

const position = z.array(z.number()).check(
	z.minLength(2, 'a corner is [longitude, latitude]'),
	z.maxLength(3, 'a corner is [longitude, latitude]'),
	z.refine((p) => Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90, {
		message: 'not a place on Earth: longitude within ±180, latitude within ±90'
	})
);

const ring = z.array(position).check(
	z.minLength(4, 'a ring needs at least three corners and the first repeated at the end'),
	z.maxLength(MAX_CORNERS + 1, `at most ${MAX_CORNERS} corners`),
	z.refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1], {
		message: 'a ring must end where it starts'
	})
);

/** GeoJSON Polygon (RFC 7946), [longitude, latitude] in WGS 84: one outer ring (holes allowed), edges not crossing. */
export const polygonSchema = z
	.strictObject({
		type: z.literal('Polygon'),
		coordinates: z.array(ring).check(z.minLength(1), z.maxLength(50, 'at most 50 rings'))
	})
	.check(
		z.refine((p) => problemOf(p) === null, {
			message: `not a field boundary: fewer than three distinct corners, more than ${MAX_CORNERS}, or edges that cross`
		})
	);

export function fieldSchema(mode: SchemaMode) {
	return record(
		{
			...syncedShape,
			name: text(40, true),
			/** m²: the boundary's geodesic area, or as typed when there is no boundary. */
			areaM2: within(0, FIELD_MAX_M2, 'm²').check(
				z.refine((a) => a > 0, { message: 'a field has an area above 0' })
			),
			boundary: z.optional(z.nullable(polygonSchema)),
			crop: z.optional(text(20)),
			variety: z.optional(text(40)),
			season: z.optional(text(20))
		},
		mode
	).check(
		z.superRefine((f, ctx) => {
			if (!f.boundary || problemOf(f.boundary) !== null) return;
			const drawn = areaM2(f.boundary);
			if (Math.abs(f.areaM2 - drawn) > drawn * AREA_TOLERANCE + 1)
				ctx.issues.push({
					code: 'custom',
					input: f.areaM2,
					path: ['areaM2'],
					params: { keys: ['areaM2', 'boundary'] },
					message: `the area must be the boundary's (${Math.round(drawn)} m²)`
				});
		})
	);
}
