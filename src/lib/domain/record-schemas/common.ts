/**
 * The building blocks of the record schemas: one rule for a text, a time, an id, a photo hash. zod/mini, so
 * the schemas cost the phone a few KB (they load with the data layer, not in the first paint).
 */
import * as z from 'zod/mini';
import { SHA256_HEX } from '../blobs';

/** Times are epoch milliseconds; nothing a farm records is before 2000 or after 2100 (a typo or a bug). */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);
export const LATEST_MS = Date.UTC(2100, 0, 1);

/** A record id (UUIDv7 on devices), a lesson id, or "me". */
export const recordId = () =>
	z.string().check(z.minLength(1, 'an id is needed'), z.maxLength(64, 'at most 64 characters'));

/** Text of at most `max` characters; `required` text must have more than spaces. */
export function text(max: number, required = false) {
	const base = z.string().check(z.maxLength(max, `at most ${max} characters`));
	return required
		? base.check(z.refine((s) => s.trim().length > 0, { message: 'must not be empty' }))
		: base;
}

/** A moment, epoch ms, within [2000, 2100). */
export const moment = () =>
	z
		.number()
		.check(
			z.int('a whole number of milliseconds'),
			z.minimum(EARLIEST_MS, 'before the year 2000'),
			z.maximum(LATEST_MS, 'after the year 2100')
		);

/** Bookkeeping times (createdAt, updatedAt): device clock ms; 0 is allowed for records made before clocks. */
export const deviceTime = () =>
	z
		.number()
		.check(
			z.int('a whole number of milliseconds'),
			z.minimum(0),
			z.maximum(LATEST_MS, 'after 2100')
		);

/** A number within [min, max], finite. */
export function within(min: number, max: number, unit = '') {
	const u = unit ? ` ${unit}` : '';
	return z
		.number()
		.check(z.minimum(min, `at least ${min}${u}`), z.maximum(max, `at most ${max}${u}`));
}

/** A whole number within [min, max]. */
export function wholeWithin(min: number, max: number, unit = '') {
	return within(min, max, unit).check(z.int('a whole number'));
}

export const sha256 = () => z.string().check(z.regex(SHA256_HEX, 'not a photo hash (sha256, hex)'));

/** Photos of a record, in the order taken (domain/blobs.ts). */
export const photoList = (max: number) =>
	z.array(sha256()).check(z.maxLength(max, `at most ${max} photos`));

const HLC = /^\d{15}-\d{5}-[A-Za-z0-9_-]{1,64}$/;

/** What every synced record carries (records.ts SyncedRecord); `clocks` is the merge's, not checked here. */
export const syncedShape = {
	id: recordId(),
	// the server keeps the owner beside the record, not in it; devices fill it in from a pull
	ownerId: z.optional(z.string().check(z.maxLength(64))),
	hlc: z.string().check(z.regex(HLC, 'not a clock stamp')),
	deleted: z.boolean(),
	createdAt: deviceTime(),
	updatedAt: deviceTime()
};

/**
 * Writes (a push, a save on the phone) refuse keys the schema does not name; reads (a server reader, the
 * audit) ignore them, so a record an older app wrote with a key since dropped still reads.
 */
export type SchemaMode = 'write' | 'read';

export function record<S extends z.core.$ZodLooseShape>(shape: S, mode: SchemaMode) {
	return mode === 'write' ? z.strictObject(shape) : z.object(shape);
}
