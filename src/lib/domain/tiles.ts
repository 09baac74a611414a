/**
 * Where the map's background comes from. OpenStreetMap's public tile servers allow viewing with attribution
 * but forbid bulk download (operations.osmfoundation.org/policies/tiles/), so "save this area" is offered
 * only for a source that says it allows it: a deployment's own tile server (TILE_BULK_DOWNLOAD=1).
 */
import { SQ_M_PER_MU } from './units';

export interface TileConfig {
	/** `{z}/{x}/{y}` (and optionally `{s}`) template; empty means no tiles, the plain grid only. */
	url: string;
	attribution: string;
	maxZoom: number;
	bulkDownload: boolean;
}

export const OSM_TILES: TileConfig = {
	url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
	attribution: '© OpenStreetMap contributors',
	maxZoom: 19,
	bulkDownload: false
};

const TEMPLATE = /^https?:\/\/[^\s]+$/;

/** True for a usable template: http(s), with {z}, {x} and {y}. */
export function isTileTemplate(url: string): boolean {
	return TEMPLATE.test(url) && ['{z}', '{x}', '{y}'].every((part) => url.includes(part));
}

/** A tile config from anything stored or received; falls back field by field. */
export function readTileConfig(value: unknown, fallback: TileConfig = OSM_TILES): TileConfig {
	const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
	const url =
		typeof v.url === 'string' && (v.url === '' || isTileTemplate(v.url)) ? v.url : fallback.url;
	return {
		url,
		attribution:
			typeof v.attribution === 'string' ? v.attribution.slice(0, 200) : fallback.attribution,
		maxZoom:
			typeof v.maxZoom === 'number' &&
			Number.isInteger(v.maxZoom) &&
			v.maxZoom >= 1 &&
			v.maxZoom <= 22
				? v.maxZoom
				: fallback.maxZoom,
		bulkDownload: url === OSM_TILES.url ? false : v.bulkDownload === true
	};
}

/** Web Mercator tile coordinates (the slippy-map scheme OSM and Leaflet use). */
export interface TileXyz {
	z: number;
	x: number;
	y: number;
}

export interface LatLngBounds {
	south: number;
	west: number;
	north: number;
	east: number;
}

const MAX_MERCATOR_LAT = 85.05112878;

export function lngToTileX(lng: number, z: number): number {
	return Math.floor(((lng + 180) / 360) * 2 ** z);
}

export function latToTileY(lat: number, z: number): number {
	const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
	const rad = (clamped * Math.PI) / 180;
	return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
}

/** Web Mercator (Leaflet's default CRS, 256 px tiles): the metres one screen pixel covers at a latitude and zoom. */
export function metresPerPixel(lat: number, zoom: number): number {
	return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / 2 ** (zoom + 8);
}

/** The plain grid (no tiles) draws a line every quarter tile: squares of 64 screen pixels. */
export const GRID_SQUARE_PX = 64;

/**
 * Where a new farm's map opens (no fields to fit yet). At 17, a grid square at Heilongjiang's latitudes is
 * about 53 m, some 4 亩, so four taps across a phone's map make a field of tens of 亩, a village field; at 13
 * the same taps drew a county (12,771 亩).
 */
export const NEW_MAP_ZOOM = 17;

/** A grid square's side in metres and its area in 亩 at a latitude and zoom. */
export function gridSquare(lat: number, zoom: number): { sideM: number; mu: number } {
	const sideM = GRID_SQUARE_PX * metresPerPixel(lat, zoom);
	return { sideM, mu: (sideM * sideM) / SQ_M_PER_MU };
}

/** How many tiles cover `bounds` at each zoom from `minZoom` to `maxZoom` (both included). */
export function countTiles(bounds: LatLngBounds, minZoom: number, maxZoom: number): number {
	let count = 0;
	for (let z = minZoom; z <= maxZoom; z++) {
		const width = lngToTileX(bounds.east, z) - lngToTileX(bounds.west, z) + 1;
		const height = latToTileY(bounds.south, z) - latToTileY(bounds.north, z) + 1;
		count += width * height;
	}
	return count;
}

/** Every tile covering `bounds` from `minZoom` to `maxZoom`, coarse zooms first. */
export function* tilesIn(
	bounds: LatLngBounds,
	minZoom: number,
	maxZoom: number
): Generator<TileXyz> {
	for (let z = minZoom; z <= maxZoom; z++) {
		const [x0, x1] = [lngToTileX(bounds.west, z), lngToTileX(bounds.east, z)];
		const [y0, y1] = [latToTileY(bounds.north, z), latToTileY(bounds.south, z)];
		for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield { z, x, y };
	}
}

/** The URL of one tile from a `{z}/{x}/{y}` template (`{s}` becomes "a", `{r}` nothing). */
export function tileUrl(template: string, tile: TileXyz): string {
	return template
		.replace('{z}', String(tile.z))
		.replace('{x}', String(tile.x))
		.replace('{y}', String(tile.y))
		.replace('{s}', 'a')
		.replace('{r}', '');
}

/** Saving is limited to this many tiles at once: polite to the tile server and to the phone's storage. */
export const MAX_SAVED_TILES = 3000;
/** What a typical 256 px map tile weighs, for the estimate before saving (PNG street tiles: 10–30 KB). */
export const TYPICAL_TILE_BYTES = 20 * 1024;
/** Saving goes this many zoom levels closer than the map shows now. */
export const SAVE_EXTRA_ZOOMS = 3;

/** The zoom levels worth saving for the view at `zoom`, fewest tiles first, within the limit. */
export function zoomsToSave(
	bounds: LatLngBounds,
	zoom: number,
	maxZoom: number
): { minZoom: number; maxZoom: number; tiles: number } {
	const minZoom = Math.max(0, Math.min(zoom, maxZoom));
	let top = minZoom;
	while (top < Math.min(maxZoom, minZoom + SAVE_EXTRA_ZOOMS)) {
		if (countTiles(bounds, minZoom, top + 1) > MAX_SAVED_TILES) break;
		top += 1;
	}
	return { minZoom, maxZoom: top, tiles: countTiles(bounds, minZoom, top) };
}

/** A request that looks like a map tile (…/z/x/y.png and the like), whichever server it goes to. */
export const TILE_PATH = /\/\d{1,2}\/\d{1,8}\/\d{1,8}(@2x)?\.(png|jpe?g|webp)(\?.*)?$/i;
