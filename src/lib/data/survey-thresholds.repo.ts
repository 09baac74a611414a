import {
	copyThresholds,
	DEFAULT_THRESHOLDS,
	readThresholds,
	type GradeThresholds,
	type SurveyCrop
} from '$lib/domain/seedling-survey';
import type { HeituDb } from './db';

const KEY = 'seedlingThresholds';

/**
 * The seedling classes' limits the farmer set, per crop: device-local like the display settings (in
 * `settings`, never synced), so they survive a reload and work offline.
 */
export class SurveyThresholdsRepository {
	readonly #db: HeituDb;

	constructor(db: HeituDb) {
		this.#db = db;
	}

	async load(): Promise<Record<SurveyCrop, GradeThresholds>> {
		return readThresholds((await this.#db.settings.get(KEY))?.value);
	}

	async save(crop: SurveyCrop, limits: GradeThresholds): Promise<void> {
		await this.#db.transaction('rw', this.#db.settings, async () => {
			const all = await this.load();
			await this.#db.settings.put({ key: KEY, value: { ...all, [crop]: copyThresholds(limits) } });
		});
	}

	async reset(crop: SurveyCrop): Promise<GradeThresholds> {
		const limits = copyThresholds(DEFAULT_THRESHOLDS[crop]);
		await this.save(crop, limits);
		return limits;
	}
}
