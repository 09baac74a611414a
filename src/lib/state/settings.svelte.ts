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
	#saveFailed = $state(false);
	readonly #mirror: Mirror;

	constructor(mirror: Mirror = defaultMirror()) {
		this.#mirror = mirror;
		try {
			const copy = mirror?.getItem(MIRROR_KEY);
			if (copy) this.#value = readSettings(JSON.parse(copy));
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
		const stored = await repo.load();
		this.#repo = repo;
		// a change made before the database answered (even while it was loading) wins over what it held
		if (this.#changes > 0) {
			await this.#save();
		} else {
			this.#value = stored;
			this.#writeMirror();
		}
	}

	async change(patch: Partial<DisplaySettings>): Promise<void> {
		this.#value = { ...this.#value, ...patch };
		this.#changes += 1;
		await this.#save();
	}

	async #save(): Promise<void> {
		this.#writeMirror();
		if (!this.#repo) return;
		try {
			await this.#repo.save(this.#value);
			this.#saveFailed = false;
		} catch {
			this.#saveFailed = true;
		}
	}

	#writeMirror(): void {
		try {
			this.#mirror?.setItem(MIRROR_KEY, JSON.stringify(this.#value));
		} catch {
			// the copy is only for the first paint
		}
	}
}
