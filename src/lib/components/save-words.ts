import { m } from '$lib/paraglide/messages.js';

/**
 * Why a save failed, in plain words. A change the record rules refuse (data/sync-repository.ts
 * RecordRefusedError: the form missed a check) says which field and what is wrong, so the farmer can mend it;
 * anything else is the phone's storage (full, or unavailable). Read by name: screens import no data code.
 */
export function saveFailedText(error: unknown): string {
	const e = error as { name?: unknown; problems?: { path?: unknown; message?: unknown }[] } | null;
	const first = e?.name === 'RecordRefusedError' ? e.problems?.[0] : undefined;
	if (first && typeof first.path === 'string' && typeof first.message === 'string')
		return m.save_refused_rule({ field: first.path, message: first.message });
	return m.save_failed_storage();
}
