import type { SurveyThresholdsRepository } from '$lib/data/survey-thresholds.repo';
import {
	copyThresholds,
	DEFAULT_THRESHOLDS,
	readThresholds,
	type GradeThresholds,
	type SurveyCrop
} from '$lib/domain/seedling-survey';

/**
 * The class limits in force on this phone, per crop: the defaults until the stored ones have loaded.
 * Create while a component initialises (it loads once the local database is open).
 */
export class SurveyLimits {
	#all = $state(readThresholds(null));
	#loaded = $state(false);
	readonly #repo: () => SurveyThresholdsRepository | null;

	constructor(repo: () => SurveyThresholdsRepository | null) {
		this.#repo = repo;
		$effect(() => {
			const stored = repo();
			if (!stored) return;
			void stored.load().then((value) => {
				this.#all = readThresholds(value);
				this.#loaded = true;
			});
		});
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	of(crop: SurveyCrop): GradeThresholds {
		return this.#all[crop];
	}

	async save(crop: SurveyCrop, limits: GradeThresholds): Promise<void> {
		// plain copies: IndexedDB cannot store reactive proxies
		this.#all[crop] = copyThresholds(limits);
		await this.#repo()?.save(crop, copyThresholds(limits));
	}

	async reset(crop: SurveyCrop): Promise<GradeThresholds> {
		await this.save(crop, DEFAULT_THRESHOLDS[crop]);
		return copyThresholds(DEFAULT_THRESHOLDS[crop]);
	}
}
