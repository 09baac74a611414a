/**
 * Where records hold photo hashes (sha256 of the bytes, domain/blobs.ts): the one list the server uses to know
 * which records name which photo (server/blobs/blob-store.ts). Only these fields count: a hash written in a
 * note, a name or anywhere else is text, and gives no one any photo. Keep in step with the schemas
 * (`photoList` / `sha256` in logs.ts, inputs.ts, profile.ts, questions.ts, answers.ts); photo-fields.spec.ts checks it.
 */
import { isSha256 } from '../blobs';
import type { SyncedTable } from '../sync-protocol';

export const PHOTO_FIELDS: Readonly<Partial<Record<SyncedTable, readonly string[]>>> = {
	logs: ['photos'],
	inputs: ['photos'],
	profile: ['photo'],
	// a question's voice note is a blob like its photos: kept while the question names it, shared alike
	questions: ['photos', 'voiceNote'],
	answers: ['photos']
};

/** The photo hashes a stored record names in its photo fields (none when it is deleted), each once. */
export function photoHashesOf(table: SyncedTable, record: Record<string, unknown>): string[] {
	if (record.deleted === true) return [];
	const hashes = new Set<string>();
	for (const field of PHOTO_FIELDS[table] ?? []) {
		const value = record[field];
		for (const item of Array.isArray(value) ? value : [value])
			if (typeof item === 'string' && isSha256(item)) hashes.add(item);
	}
	return [...hashes];
}
