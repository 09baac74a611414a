import type { HeituDb } from './db';

export type StorageProblem = 'unavailable' | 'quota';

export type OpenResult = { ok: true; db: HeituDb } | { ok: false; problem: StorageProblem };

/**
 * Opens the local database and turns every way that can fail (no IndexedDB in a private window, access
 * blocked by the browser, a full disk) into one of two problems the app can explain in plain words.
 */
export async function openDb(create: () => HeituDb): Promise<OpenResult> {
	try {
		const db = create();
		await db.open();
		return { ok: true, db };
	} catch (error) {
		return { ok: false, problem: classifyStorageError(error) };
	}
}

export function classifyStorageError(error: unknown): StorageProblem {
	const names = [];
	for (let e: unknown = error; e && typeof e === 'object'; e = (e as { inner?: unknown }).inner) {
		const name = (e as { name?: unknown }).name;
		if (typeof name === 'string') names.push(name);
	}
	return names.includes('QuotaExceededError') ? 'quota' : 'unavailable';
}
