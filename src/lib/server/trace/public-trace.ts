/**
 * What /t/<code> shows: the published batch with that code, its trace chain (domain/trace.ts) from the owner's
 * synced records, cut down to what the farmer chose to publish. Unknown, mistyped or unpublished codes all give
 * null, so the page cannot be used to learn which codes exist.
 */
import type { Kysely } from 'kysely';
import { publishOf } from '$lib/domain/batches';
import { maskPhoneNumbers } from '$lib/domain/phone-mask';
import { parseTraceCode } from '$lib/domain/trace-code';
import { traceChain, type TraceEvent } from '$lib/domain/trace';
import { toTraceBatch } from '$lib/domain/trace-batch';
import { uploadedBy } from '../blobs/blob-store';
import type { ServerSchema } from '../db/schema';
import { ownerRecords } from '../records/stored-records';
import type { PublicTraceView } from './trace-page';

/** What the public never sees, whatever the farmer publishes: buyers, lots, notes. */
function publicEvent(e: TraceEvent, showPlace: boolean): TraceEvent {
	const shown: TraceEvent = { ...e, place: showPlace ? e.place : null };
	delete shown.buyer;
	delete shown.lot;
	return shown;
}

export async function publicTrace(
	db: Kysely<ServerSchema>,
	rawCode: string
): Promise<PublicTraceView | null> {
	const parsed = parseTraceCode(rawCode);
	if (!parsed.ok) return null;
	const entry = await db
		.selectFrom('trace_codes')
		.select(['owner_id', 'batch_id'])
		.where('code', '=', parsed.code)
		.executeTakeFirst();
	if (!entry) return null;
	// deleted inputs too: a pesticide taken off the list still gives its interval, as on the phone
	const { records, skipped } = await ownerRecords(
		db,
		entry.owner_id,
		['batches', 'logs', 'fields', 'inputs', 'profile'],
		['inputs']
	);
	const { batches, logs, fields, inputs, profile: profiles } = records;
	const batch = batches.find((b) => b.id === entry.batch_id);
	if (!batch) return null;
	const publish = publishOf(batch);
	if (!publish.enabled) return null;
	const events = traceChain(
		toTraceBatch(batch),
		batches.map(toTraceBatch),
		logs,
		fields,
		inputs
	).map((e) => publicEvent(e, publish.place));
	const profile = profiles[0] ?? null;
	// the photos of the records in the trace, when the farmer publishes them (re-encoded on the phone: no EXIF)
	const shownLogs = new Set(events.map((e) => e.logId).filter(Boolean));
	const photoHashes = publish.photos
		? logs
				.filter((l) => shownLogs.has(l.id))
				.flatMap((l) =>
					(l.photos ?? []).map((hash) => ({
						hash,
						day: events.find((e) => e.logId === l.id)?.day ?? ''
					}))
				)
		: [];
	// only photos the batch's owner uploaded: a hash copied from someone else's photo shows nothing
	const owned = await uploadedBy(
		db,
		entry.owner_id,
		photoHashes.map((p) => p.hash)
	);
	const shownPhotos = photoHashes.filter((p) => owned.has(p.hash));
	const sprays = events.filter((e) => e.kind === 'spraying');
	// a stored record this page could not read (older app, broken shape) may be a spray or a harvest of the
	// batch: then "kept" can't be said, only a broken interval the readable ones show
	const unread = (skipped.logs ?? 0) + (skipped.inputs ?? 0) + (skipped.fields ?? 0) > 0;
	return {
		code: batch.code,
		product: batch.product,
		quantityKg: batch.quantityKg,
		// a name box holding a phone number: never whole on a public page
		producer: publish.producer
			? maskPhoneNumbers(profile?.displayName?.trim() ?? '') || null
			: null,
		origin: publish.origin ? profile?.village?.trim() || null : null,
		events,
		photos: shownPhotos.map((p) => ({
			src: `/t/${batch.code}/photo/${p.hash}`,
			alt: p.day,
			hash: p.hash
		})),
		phiKept:
			sprays.length === 0
				? null
				: sprays.some((e) => e.phiRespected === false)
					? false
					: sprays.every((e) => e.phiRespected === true) && !unread
						? true
						: null
	};
}
