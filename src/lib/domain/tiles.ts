/**
 * Where the map's background comes from. OpenStreetMap's public tile servers allow viewing with attribution
 * but forbid bulk download (operations.osmfoundation.org/policies/tiles/), so "save this area" is offered
 * only for a source that says it allows it: a deployment's own tile server (TILE_BULK_DOWNLOAD=1).
 */
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
