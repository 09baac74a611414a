/** Messages between the page and the service worker about map tiles (the worker does the fetching: a page's
 * CSP keeps it to its own origin, and tiles come from the map's tile server). */
import type { LatLngBounds } from '$lib/domain/tiles';

export const VIEWED_TILES_CACHE = 'heitu-tiles-viewed';
export const SAVED_TILES_CACHE = 'heitu-tiles-saved';

export type TileRequest =
	| {
			type: 'SAVE_TILES';
			template: string;
			bounds: LatLngBounds;
			minZoom: number;
			maxZoom: number;
	  }
	| { type: 'TILE_STATS' }
	| { type: 'CLEAR_SAVED_TILES' };

export type TileReply =
	| { type: 'progress'; done: number; failed: number; total: number; bytes: number }
	| {
			type: 'finished';
			done: number;
			failed: number;
			total: number;
			bytes: number;
			cancelled: boolean;
	  }
	| { type: 'stats'; savedTiles: number; savedBytes: number; viewedTiles: number }
	| { type: 'cleared' }
	| { type: 'error'; reason: 'quota' | 'failed' };

/** Sent on the reply port to stop a save. */
export const CANCEL = 'CANCEL';
