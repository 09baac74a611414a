import { DEFAULT_SETTINGS, type DisplaySettings } from '$lib/domain/settings';
import type { SettingsRepository } from '$lib/data/settings.repo';

/** Display settings as the screen sees them; saved through the repository when there is one. */
export class SettingsState {
	#value = $state<DisplaySettings>({ ...DEFAULT_SETTINGS });
	#repo: SettingsRepository | null = null;
	#saveFailed = $state(false);

	get value(): DisplaySettings {
		return this.#value;
	}

	/** True when the last change could not be saved (it still applies until the app closes). */
	get saveFailed(): boolean {
		return this.#saveFailed;
	}

	async attach(repo: SettingsRepository): Promise<void> {
		this.#repo = repo;
		this.#value = await repo.load();
	}

	async change(patch: Partial<DisplaySettings>): Promise<void> {
		const next = { ...this.#value, ...patch };
		this.#value = next;
		if (!this.#repo) return;
		try {
			await this.#repo.save(next);
			this.#saveFailed = false;
		} catch {
			this.#saveFailed = true;
		}
	}
}
