import { readSettings, type DisplaySettings } from '$lib/domain/settings';
import type { HeituDb } from './db';

const KEY = 'display';

/** Display settings are device-local: stored in `settings`, never in the outbox. */
export class SettingsRepository {
	readonly #db: HeituDb;

	constructor(db: HeituDb) {
		this.#db = db;
	}

	async load(): Promise<DisplaySettings> {
		return readSettings((await this.#db.settings.get(KEY))?.value);
	}

	async save(settings: DisplaySettings): Promise<void> {
		await this.#db.settings.put({ key: KEY, value: { ...settings } });
	}
}
