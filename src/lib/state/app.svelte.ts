import { getContext, setContext } from 'svelte';
import { DeviceStorage } from '$lib/data/device-storage';
import type { LocalData } from '$lib/data/local-data';
import type { StorageProblem } from '$lib/data/open-db';
import { AppUpdate } from './app-update.svelte';
import { ConnectivityState } from './connectivity.svelte';
import { MapSourceState } from './map-source.svelte';
import { SettingsState } from './settings.svelte';
import { SyncState } from './sync.svelte';

const PERSIST_ASKED = 'persistAsked';

/** What every screen shares: the local data (or why there is none), settings, network and updates. */
export class AppState {
	#data = $state.raw<LocalData | null>(null);
	#problem = $state<StorageProblem | null>(null);
	readonly settings = new SettingsState();
	readonly connectivity = new ConnectivityState();
	readonly update = new AppUpdate();
	readonly storage = new DeviceStorage();
	readonly sync = new SyncState();
	readonly mapSource = new MapSourceState();

	/** The local database, once open. Screens render before it and fill in when it arrives. */
	get data(): LocalData | null {
		return this.#data;
	}

	get storageProblem(): StorageProblem | null {
		return this.#problem;
	}

	#opened: (data: LocalData | null) => void = () => undefined;
	readonly #whenOpened = new Promise<LocalData | null>((resolve) => (this.#opened = resolve));

	/** The local database once it has opened (null if it can't): for actions started before that. */
	dataReady(): Promise<LocalData | null> {
		return this.#whenOpened;
	}

	/** Opens the local database; the data layer (and Dexie) load here, after the first paint. */
	async start(): Promise<void> {
		await this.#open();
		this.#opened(this.#data);
	}

	async #open(): Promise<void> {
		void this.mapSource.refresh();
		try {
			const { openLocalData } = await import('$lib/data/local-data');
			const result = await openLocalData();
			if (!result.ok) {
				this.#problem = result.problem;
				return;
			}
			await this.settings.attach(result.data.settings);
			this.#data = result.data;
			await this.#askPersistenceOnce(result.data);
			const { createSync } = await import('$lib/sync');
			await this.sync.attach(createSync(result.data));
		} catch {
			this.#problem = 'unavailable';
		}
	}

	/** navigator.storage.persist() once per device, so that unsynced records survive storage pressure. */
	async #askPersistenceOnce(data: LocalData): Promise<void> {
		if (await data.db.meta.get(PERSIST_ASKED)) return;
		await data.db.meta.put({ key: PERSIST_ASKED, value: await this.storage.requestPersistence() });
	}
}

const KEY = Symbol('heitu-app');

export function setApp(app: AppState): AppState {
	return setContext(KEY, app);
}

export function useApp(): AppState {
	return getContext<AppState>(KEY);
}
