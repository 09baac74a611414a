import type { LocalData } from '$lib/data/local-data';
import { SyncStore } from '$lib/data/sync-store';
import { GroupClient } from '$lib/groups/group-client';
import { AccountApi } from './account-api';
import { SyncEngine } from './sync-engine';
import { SyncScheduler } from './sync-scheduler';
import { FetchTransport } from './transport';

export { HttpError } from './transport';
export type { SyncProblem, SyncRunResult } from './sync-engine';

/** Everything sync needs on the device, wired with the defaults (loaded lazily with the data layer). */
export function createSync(data: LocalData) {
	const store = new SyncStore(data.db);
	const transport = new FetchTransport();
	const engine = new SyncEngine(store, transport, data.blobs);
	return {
		store,
		engine,
		accounts: new AccountApi(),
		groups: new GroupClient(data.db),
		/** Fetches a photo this device does not have yet and keeps it. */
		async download(hash: string): Promise<void> {
			const bytes = await transport.getBlob(hash);
			const stored = await data.blobs.put(bytes, 'image/jpeg', true);
			if (stored !== hash) throw new Error('The photo from the server does not match its name.');
		},
		scheduler: (run: () => Promise<boolean>) => new SyncScheduler(run)
	};
}

export type DeviceSync = ReturnType<typeof createSync>;
