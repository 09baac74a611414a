/**
 * The label scanner's offline pack in the service worker (files listed in lib/ocr/pack-files.ts). It is never
 * precached (7 MB would make every install and update slow on 2G); instead:
 * - a file of the pack is answered from its own cache first, and fetched and kept on first use;
 * - the manifest /ocr/pack.json goes to the network first (a new app version may bring a new pack) and falls back
 *   to the kept copy offline, so the scanner knows which pack it has.
 * The page's "download offline scanner" button fills the same cache (lib/ocr/pack.ts).
 */
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { OCR_CACHE, OCR_MANIFEST, OCR_PATH } from '$lib/ocr/pack-files';

export function registerOcrRoutes(origin: string): void {
	const mine = (url: URL) => url.origin === origin && url.pathname.startsWith(OCR_PATH);
	registerRoute(
		({ url }) => mine(url) && url.pathname === OCR_MANIFEST,
		new NetworkFirst({ cacheName: OCR_CACHE, networkTimeoutSeconds: 4 })
	);
	registerRoute(
		({ url }) => mine(url) && url.pathname !== OCR_MANIFEST,
		new CacheFirst({ cacheName: OCR_CACHE })
	);
}
