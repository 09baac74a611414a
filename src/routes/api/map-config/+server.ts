import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { OSM_TILES, readTileConfig } from '$lib/domain/tiles';
import type { RequestHandler } from './$types';

/** The deployment's tile source (TILE_URL, TILE_ATTRIBUTION, TILE_MAX_ZOOM, TILE_BULK_DOWNLOAD). */
export const GET: RequestHandler = () => {
	const config = readTileConfig({
		url: env.TILE_URL ?? OSM_TILES.url,
		attribution: env.TILE_ATTRIBUTION ?? (env.TILE_URL ? '' : OSM_TILES.attribution),
		maxZoom: env.TILE_MAX_ZOOM ? Number(env.TILE_MAX_ZOOM) : OSM_TILES.maxZoom,
		bulkDownload: env.TILE_BULK_DOWNLOAD === '1'
	});
	return json(config, { headers: { 'cache-control': 'no-cache' } });
};
