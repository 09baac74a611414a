import { getContext, setContext } from 'svelte';
import { createDb, type HeituDb } from '$lib/data/db';
import { DeviceStorage } from '$lib/data/device-storage';
import { openDb, type StorageProblem } from '$lib/data/open-db';
import { SettingsRepository } from '$lib/data/settings.repo';
import { AppUpdate } from './app-update.svelte';
import { ConnectivityState } from './connectivity.svelte';
import { SettingsState } from './settings.svelte';

const PERSIST_ASKED = 'persistAsked';

/** What every screen shares: the local database (or why there is none), settings, network and updates. */
export class AppState {
	#db = $state.raw<HeituDb | null>(null);
	#problem = $state<StorageProblem | null>(null);
	#ready = $state(false);
	readonly settings = new SettingsState();
	readonly connectivity = new ConnectivityState();
	readonly update = new AppUpdate();
	readonly storage = new DeviceStorage();

	get db(): HeituDb | null {
		return this.#db;
	}

	get storageProblem(): StorageProblem | null {
		return this.#problem;
	}

	/** True once the database has opened or failed: screens render from then on. */
	get ready(): boolean {
		return this.#ready;
	}

	async start(create: () => HeituDb = () => createDb()): Promise<void> {
		const result = await openDb(create);
		if (result.ok) {
			this.#db = result.db;
			try {
				await this.settings.attach(new SettingsRepository(result.db));
				await this.#askPersistenceOnce(result.db);
			} catch {
				this.#problem = 'unavailable';
			}
		} else {
			this.#problem = result.problem;
		}
		this.#ready = true;
	}

	/** navigator.storage.persist() once per device, so that unsynced records survive storage pressure. */
	async #askPersistenceOnce(db: HeituDb): Promise<void> {
		if (await db.meta.get(PERSIST_ASKED)) return;
		await db.meta.put({ key: PERSIST_ASKED, value: await this.storage.requestPersistence() });
	}
}

const KEY = Symbol('heitu-app');

export function setApp(app: AppState): AppState {
	return setContext(KEY, app);
}

export function useApp(): AppState {
	return getContext<AppState>(KEY);
}
