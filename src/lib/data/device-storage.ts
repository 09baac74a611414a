export interface StorageReport {
	usage: number | null;
	quota: number | null;
	persisted: boolean | null;
}

/** The browser's StorageManager, or nothing where it is missing. Injected so it can be replaced in tests. */
export type StorageApi = Pick<StorageManager, 'estimate' | 'persisted' | 'persist'> | undefined;

function defaultStorage(): StorageApi {
	return typeof navigator !== 'undefined' ? navigator.storage : undefined;
}

export class DeviceStorage {
	readonly #api: StorageApi;

	constructor(api: StorageApi = defaultStorage()) {
		this.#api = api;
	}

	async report(): Promise<StorageReport> {
		if (!this.#api) return { usage: null, quota: null, persisted: null };
		const [estimate, persisted] = await Promise.all([
			this.#api.estimate().catch((): StorageEstimate => ({})),
			this.#api.persisted().catch(() => null)
		]);
		return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
	}

	/** Asks the browser not to evict our data under storage pressure. Returns whether it agreed. */
	async requestPersistence(): Promise<boolean> {
		if (!this.#api) return false;
		return this.#api.persist().catch(() => false);
	}
}
