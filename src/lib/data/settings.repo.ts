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
		return (await this.loadWithTime()).settings;
	}

	/** The settings and when they were last changed (0 if never), to tell which of two copies is newer. */
	async loadWithTime(): Promise<{ settings: DisplaySettings; changedAt: number }> {
		const value = (await this.#db.settings.get(KEY))?.value as { changedAt?: unknown } | undefined;
		const changedAt = typeof value?.changedAt === 'number' ? value.changedAt : 0;
		return { settings: readSettings(value), changedAt };
	}

	async save(settings: DisplaySettings, changedAt = 0): Promise<void> {
		await this.#db.settings.put({ key: KEY, value: { ...settings, changedAt } });
	}
}
