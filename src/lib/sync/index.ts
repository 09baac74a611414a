import type { LocalData } from '$lib/data/local-data';
import { BlobRepository } from '$lib/data/blobs.repo';
import { SyncStore } from '$lib/data/sync-store';
import { AccountApi } from './account-api';
import { SyncEngine } from './sync-engine';
import { SyncScheduler } from './sync-scheduler';
import { FetchTransport } from './transport';

export { HttpError } from './transport';
export type { SyncProblem, SyncRunResult } from './sync-engine';

/** Everything sync needs on the device, wired with the defaults (loaded lazily with the data layer). */
export function createSync(data: LocalData) {
	const store = new SyncStore(data.db);
	const engine = new SyncEngine(store, new FetchTransport(), new BlobRepository(data.db));
	return {
		store,
		engine,
		accounts: new AccountApi(),
		scheduler: (run: () => Promise<boolean>) => new SyncScheduler(run)
	};
}

export type DeviceSync = ReturnType<typeof createSync>;
