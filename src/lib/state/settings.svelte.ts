import { DEFAULT_SETTINGS, readSettings, type DisplaySettings } from '$lib/domain/settings';
import type { SettingsRepository } from '$lib/data/settings.repo';

const MIRROR_KEY = 'heitu.display';
type Mirror = Pick<Storage, 'getItem' | 'setItem'> | null;

function defaultMirror(): Mirror {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // storage blocked
	}
}

/**
 * Display settings as the screen sees them. IndexedDB (through the repository) is where they live; a copy
 * in localStorage lets the very first paint use the right text size and mode before the database is open.
 */
export class SettingsState {
	#value = $state<DisplaySettings>({ ...DEFAULT_SETTINGS });
	#repo: SettingsRepository | null = null;
	#changes = 0;
	/** When the value in hand was last changed: the newer of the two copies wins at attach. */
	#changedAt = 0;
	#saveFailed = $state(false);
	readonly #mirror: Mirror;

	constructor(mirror: Mirror = defaultMirror()) {
		this.#mirror = mirror;
		try {
			const copy = mirror?.getItem(MIRROR_KEY);
			if (copy) {
				const parsed = JSON.parse(copy) as { changedAt?: unknown };
				this.#value = readSettings(parsed);
				this.#changedAt = typeof parsed.changedAt === 'number' ? parsed.changedAt : 0;
			}
		} catch {
			// a damaged copy: the database has the real value
		}
	}

	get value(): DisplaySettings {
		return this.#value;
	}

	/** True when the last change could not be saved (it still applies until the app closes). */
	get saveFailed(): boolean {
		return this.#saveFailed;
	}

	/** Connects the saved settings once the database is open; a change made before then wins. */
	async attach(repo: SettingsRepository): Promise<void> {
		const stored = await repo.loadWithTime();
		this.#repo = repo;
		// a change made before the database answered (even while it was loading), or a newer copy (a change
		// whose database write a reload cut short), wins over what the database held
		if (this.#changes > 0 || this.#changedAt > stored.changedAt) {
			await this.#save();
		} else {
			this.#value = stored.settings;
			this.#changedAt = stored.changedAt;
			this.#writeMirror();
		}
	}

	async change(patch: Partial<DisplaySettings>): Promise<void> {
		this.#value = { ...this.#value, ...patch };
		this.#changes += 1;
		this.#changedAt = Date.now();
		await this.#save();
	}

	async #save(): Promise<void> {
		this.#writeMirror();
		if (!this.#repo) return;
		try {
			await this.#repo.save(this.#value, this.#changedAt);
			this.#saveFailed = false;
		} catch {
			this.#saveFailed = true;
		}
	}

	#writeMirror(): void {
		try {
			this.#mirror?.setItem(
				MIRROR_KEY,
				JSON.stringify({ ...this.#value, changedAt: this.#changedAt })
			);
		} catch {
			// the copy is only for the first paint
		}
	}
}
