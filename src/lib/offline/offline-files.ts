/**
 * The app's own offline files (the service worker's precache) can be deleted under a running app: the browser
 * clearing space, or the user clearing "cached files" in the phone's settings. The page asks the worker to
 * check them (`CHECK_OFFLINE_FILES`); the worker fetches back any that are missing when it has network and
 * answers how many are still missing, so the app can tell the farmer. Records live in IndexedDB, which this
 * does not touch: nothing in the outbox is lost.
 */
export const CHECK_OFFLINE_FILES = 'CHECK_OFFLINE_FILES';

export interface OfflineFilesReply {
	/** Files the app needs offline. */
	total: number;
	/** Missing before the check. */
	missing: number;
	/** Still missing after it (could not be fetched: no network). */
	stillMissing: number;
}

/**
 * In the worker: each precached URL's cache key is looked up in the precache; missing ones are fetched again
 * and put back. `keys` is Workbox's map of URL → cache key.
 */
export async function checkOfflineFiles(
	cacheName: string,
	keys: ReadonlyMap<string, string>
): Promise<OfflineFilesReply> {
	const cache = await caches.open(cacheName);
	const missing: [string, string][] = [];
	for (const [url, key] of keys) if (!(await cache.match(key))) missing.push([url, key]);
	let stillMissing = 0;
	for (const [url, key] of missing) {
		try {
			const response = await fetch(url, { cache: 'reload' });
			if (!response.ok) throw new Error(String(response.status));
			await cache.put(key, response);
		} catch {
			stillMissing += 1;
		}
	}
	return { total: keys.size, missing: missing.length, stillMissing };
}

/** On the page: asks the controlling worker; null when there is none (first visit, or no service worker). */
export async function askOfflineFiles(): Promise<OfflineFilesReply | null> {
	const worker = navigator.serviceWorker?.controller;
	if (!worker) return null;
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const timer = setTimeout(() => resolve(null), 120_000);
		channel.port1.onmessage = (event: MessageEvent<OfflineFilesReply>) => {
			clearTimeout(timer);
			resolve(event.data);
		};
		worker.postMessage({ type: CHECK_OFFLINE_FILES }, [channel.port2]);
	});
}
