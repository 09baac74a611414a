/**
 * The page's side of saving map tiles for offline use: asks the service worker (lib/offline/tile-cache.ts),
 * which fetches and keeps them, and hears its progress on a message port.
 */
import { CANCEL, type TileReply, type TileRequest } from '$lib/offline/tile-messages';

type Finished = Extract<TileReply, { type: 'finished' }>;
type Progress = Extract<TileReply, { type: 'progress' }>;

function worker(): ServiceWorker | null {
	return globalThis.navigator?.serviceWorker?.controller ?? null;
}

/** Whether tiles can be saved here: the app's service worker controls this page. */
export function canSaveTiles(): boolean {
	return worker() !== null;
}

function ask(
	request: TileRequest,
	onReply: (reply: TileReply, port: MessagePort) => void
): MessagePort {
	const channel = new MessageChannel();
	channel.port1.onmessage = (event: MessageEvent<TileReply>) => onReply(event.data, channel.port1);
	worker()?.postMessage(request, [channel.port2]);
	return channel.port1;
}

export function saveTiles(
	request: Extract<TileRequest, { type: 'SAVE_TILES' }>,
	onProgress: (progress: Progress) => void,
	onQuota: () => void
): { cancel: () => void; finished: Promise<Finished> } {
	let cancel = () => undefined as void;
	const finished = new Promise<Finished>((resolve) => {
		const port = ask(request, (reply) => {
			if (reply.type === 'progress') onProgress(reply);
			else if (reply.type === 'error') onQuota();
			else if (reply.type === 'finished') {
				resolve(reply);
				port.close();
			}
		});
		cancel = () => port.postMessage(CANCEL);
	});
	return { cancel: () => cancel(), finished };
}

export function tileStats(): Promise<Extract<TileReply, { type: 'stats' }> | null> {
	if (!worker()) return Promise.resolve(null);
	return new Promise((resolve) => {
		const port = ask({ type: 'TILE_STATS' }, (reply) => {
			if (reply.type === 'stats') resolve(reply);
			port.close();
		});
	});
}

export function clearSavedTiles(): Promise<void> {
	return new Promise((resolve) => {
		if (!worker()) return resolve();
		const port = ask({ type: 'CLEAR_SAVED_TILES' }, () => {
			port.close();
			resolve();
		});
	});
}
