import type { HeituDb } from './db';

const KEY = 'seedlingThresholds';

/**
 * The seedling classes' limits the farmer's extension station uses, as the farmer typed them, per crop: device-local like the display settings (in
 * `settings`, never synced), so they survive a reload and work offline. Stored as given and read back as
 * stored: the survey screen makes them usable (seedling-survey.ts readThresholds), which keeps the survey's
 * rules out of the data layer every screen loads.
 */
export class SurveyThresholdsRepository {
	readonly #db: HeituDb;

	constructor(db: HeituDb) {
		this.#db = db;
	}

	async load(): Promise<unknown> {
		return (await this.#db.settings.get(KEY))?.value ?? null;
	}

	/** One crop's limits changed (null: cleared); the others stay as they were. */
	async save(crop: string, limits: object | null): Promise<void> {
		await this.#db.transaction('rw', this.#db.settings, async () => {
			const stored = (await this.load()) as Record<string, unknown> | null;
			const all = typeof stored === 'object' && stored !== null ? stored : {};
			await this.#db.settings.put({ key: KEY, value: { ...all, [crop]: limits } });
		});
	}
}
