import type { HeituDb } from './db';

/**
 * Forms being filled in, saved on every change (device only, never synced): after a reload, a crash or a
 * phone call that killed the browser, the form is offered back as it was.
 */
export class DraftRepository {
	readonly #db: HeituDb;
	readonly #now: () => number;

	constructor(db: HeituDb, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	async get<T>(key: string): Promise<{ value: T; savedAt: number } | null> {
		const row = await this.#db.drafts.get(key);
		return row ? { value: row.value as T, savedAt: row.savedAt } : null;
	}

	async save(key: string, value: unknown): Promise<void> {
		await this.#db.drafts.put({ key, value: plainCopy(value), savedAt: this.#now() });
	}

	async discard(key: string): Promise<void> {
		await this.#db.drafts.delete(key);
	}
}

/** Svelte state proxies can't be stored by IndexedDB: a plain deep copy can. */
function plainCopy(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}
