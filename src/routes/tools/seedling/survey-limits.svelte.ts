import type { SurveyThresholdsRepository } from '$lib/data/survey-thresholds.repo';
import {
	copyThresholds,
	readThresholds,
	type GradeThresholds,
	type SurveyCrop
} from '$lib/domain/seedling-survey';

/**
 * The station's class limits kept on this phone, per crop (null: none entered, grade by the classed plants
 * only), until the stored ones have loaded none.
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

	of(crop: SurveyCrop): GradeThresholds | null {
		return this.#all[crop];
	}

	/** The station's limits for a crop, or null to clear them. */
	async save(crop: SurveyCrop, limits: GradeThresholds | null): Promise<void> {
		// plain copies: IndexedDB cannot store reactive proxies
		this.#all[crop] = limits && copyThresholds(limits);
		await this.#repo()?.save(crop, limits && copyThresholds(limits));
	}
}
