/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * The offline shell. Invariants:
 * - Everything the app needs to start (JS, CSS, icons, the prerendered shell) is precached at install, with
 *   revisions; Workbox's install is all-or-nothing, so a broken new version never replaces a working one.
 * - Every navigation to an app route is answered from the cached shell, so deep links open with no network;
 *   the client router then renders the route. /api and the server-rendered trace pages /t/ go to the network.
 * - A new version waits until the page tells it to take over (the user pressed 更新 / Update).
 * - Map tiles: viewed ones are cached as they are seen; saved areas are kept apart (lib/offline/tile-cache.ts).
 * - The label scanner's pack (/ocr/): cached on first use or on request, never precached (lib/offline/ocr-cache.ts).
 */
import { build, files, prerendered, version } from '$service-worker';
import { cacheNames, clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	getCacheKeyForURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { registerOcrRoutes } from '$lib/offline/ocr-cache';
import { CHECK_OFFLINE_FILES, checkOfflineFiles } from '$lib/offline/offline-files';
import { handleTileMessage, registerTileRoutes } from '$lib/offline/tile-cache';
import { OCR_PATH } from '$lib/ocr/pack-files';

declare let self: ServiceWorkerGlobalScope;

const SHELL = '/';
const SYNC_TAG = 'heitu-sync';

const entries = [
	// files under /_app/immutable/ have content hashes in their names, so they need no revision
	...build.map((url) => ({ url, revision: url.includes('/immutable/') ? null : version })),
	// the label scanner's pack (MB of engine and language data) is fetched when first asked for (ocr-cache.ts)
	...files.filter((url) => !url.startsWith(OCR_PATH)).map((url) => ({ url, revision: version })),
	...prerendered.map((url) => ({ url, revision: version })),
	// the shell: rendered by the server (not prerendered) so it carries the security headers and CSP of every page
	...(prerendered.includes(SHELL) ? [] : [{ url: SHELL, revision: version }])
];

precacheAndRoute(entries);
cleanupOutdatedCaches();
registerRoute(
	new NavigationRoute(createHandlerBoundToURL(SHELL), {
		denylist: [/^\/api\//, /^\/t\//, /^\/verify\//]
	})
);

registerTileRoutes();
registerOcrRoutes(self.location.origin);

self.addEventListener('message', (event) => {
	const type = (event.data as { type?: string } | null)?.type;
	if (type === 'SKIP_WAITING') {
		void self.skipWaiting();
		return;
	}
	if (type === CHECK_OFFLINE_FILES && event.ports[0]) {
		const port = event.ports[0];
		const keys = new Map(
			entries.map((e) => [e.url, getCacheKeyForURL(e.url) ?? e.url] as [string, string])
		);
		event.waitUntil(
			checkOfflineFiles(cacheNames.precache, keys).then((reply) => port.postMessage(reply))
		);
		return;
	}
	const work = handleTileMessage(event.data, event.ports[0]);
	if (work) event.waitUntil(work);
});

// Background Sync (Chromium): the browser wakes us when signal is back; the open app runs its usual sync.
interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}
self.addEventListener('sync', (event) => {
	const sync = event as SyncEvent;
	if (sync.tag !== SYNC_TAG) return;
	sync.waitUntil(
		self.clients
			.matchAll({ type: 'window' })
			.then((clients) => clients.forEach((client) => client.postMessage({ type: 'SYNC' })))
	);
});

// The very first worker takes the open page at once, so the first visit already works offline.
clientsClaim();
