/**
 * Map tiles in the service worker. Viewed tiles: cache first, kept 60 days, at most 4000 (about 80 MB), the
 * cache emptied if the browser runs out of quota (Workbox's purgeOnQuotaError). Saved areas ("save this
 * area", only for tile sources that allow bulk download): a separate cache that never expires by itself.
 */
import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { TILE_PATH, tilesIn, tileUrl } from '$lib/domain/tiles';
import {
	CANCEL,
	SAVED_TILES_CACHE,
	VIEWED_TILES_CACHE,
	type TileReply,
	type TileRequest
} from './tile-messages';

const viewed = new CacheFirst({
	cacheName: VIEWED_TILES_CACHE,
	plugins: [
		new ExpirationPlugin({
			maxEntries: 4000,
			maxAgeSeconds: 60 * 24 * 60 * 60,
			purgeOnQuotaError: true
		})
	]
});

export function registerTileRoutes(): void {
	registerRoute(
		({ request, url }) => request.destination === 'image' && TILE_PATH.test(url.href),
		async (options) => {
			const saved = await (await caches.open(SAVED_TILES_CACHE)).match(options.request);
			return saved ?? viewed.handle(options);
		}
	);
}

const PARALLEL = 4;

async function saveTiles(
	request: Extract<TileRequest, { type: 'SAVE_TILES' }>,
	port: MessagePort
): Promise<void> {
	let cancelled = false;
	port.onmessage = (event) => {
		if (event.data === CANCEL) cancelled = true;
	};
	const cache = await caches.open(SAVED_TILES_CACHE);
	const tiles = [...tilesIn(request.bounds, request.minZoom, request.maxZoom)];
	const progress = { done: 0, failed: 0, total: tiles.length, bytes: 0 };
	let next = 0;
	let quota = false;
	const worker = async () => {
		while (!cancelled && !quota && next < tiles.length) {
			const url = tileUrl(request.template, tiles[next++]!);
			try {
				const response = await fetch(url, { mode: 'cors' });
				if (!response.ok) throw new Error(String(response.status));
				const bytes = (await response.clone().arrayBuffer()).byteLength;
				await cache.put(url, response);
				progress.done += 1;
				progress.bytes += bytes;
			} catch (error) {
				if ((error as { name?: string }).name === 'QuotaExceededError') quota = true;
				progress.failed += 1;
			}
			port.postMessage({ type: 'progress', ...progress } satisfies TileReply);
		}
	};
	await Promise.all(Array.from({ length: PARALLEL }, worker));
	if (quota) port.postMessage({ type: 'error', reason: 'quota' } satisfies TileReply);
	port.postMessage({ type: 'finished', ...progress, cancelled } satisfies TileReply);
}

async function stats(port: MessagePort): Promise<void> {
	const saved = await caches.open(SAVED_TILES_CACHE);
	const keys = await saved.keys();
	let savedBytes = 0;
	for (const key of keys) {
		const response = await saved.match(key);
		if (response) savedBytes += (await response.arrayBuffer()).byteLength;
	}
	const viewedTiles = (await (await caches.open(VIEWED_TILES_CACHE)).keys()).length;
	port.postMessage({
		type: 'stats',
		savedTiles: keys.length,
		savedBytes,
		viewedTiles
	} satisfies TileReply);
}

/** Answers a page's tile message (on the port it sent); false when the message is not about tiles. */
export function handleTileMessage(
	data: unknown,
	port: MessagePort | undefined
): Promise<void> | null {
	const request = data as TileRequest | null;
	if (!port || !request || typeof request !== 'object') return null;
	switch (request.type) {
		case 'SAVE_TILES':
			return saveTiles(request, port);
		case 'TILE_STATS':
			return stats(port);
		case 'CLEAR_SAVED_TILES':
			return caches
				.delete(SAVED_TILES_CACHE)
				.then(() => port.postMessage({ type: 'cleared' } satisfies TileReply));
		default:
			return null;
	}
}
