import { describe, expect, it } from 'vitest';
import {
	countTiles,
	gridSquare,
	isTileTemplate,
	latToTileY,
	lngToTileX,
	MAX_SAVED_TILES,
	metresPerPixel,
	NEW_MAP_ZOOM,
	OSM_TILES,
	readTileConfig,
	TILE_PATH,
	tilesIn,
	tileUrl,
	zoomsToSave
} from './tiles';

describe('tile sources', () => {
	it('never lets OpenStreetMap be bulk-downloaded (its tile policy forbids it)', () => {
		expect(readTileConfig({ ...OSM_TILES, bulkDownload: true }).bulkDownload).toBe(false);
		const own = {
			url: 'https://tiles.example.cn/{z}/{x}/{y}.png',
			attribution: '',
			maxZoom: 18,
			bulkDownload: true
		};
		expect(readTileConfig(own).bulkDownload).toBe(true);
	});

	it('accepts only http(s) templates with {z}, {x} and {y}; empty means the grid only', () => {
		expect(isTileTemplate('https://a.example/{z}/{x}/{y}.png')).toBe(true);
		expect(isTileTemplate('javascript:alert(1)//{z}{x}{y}')).toBe(false);
		expect(isTileTemplate('https://a.example/{z}/{x}.png')).toBe(false);
		expect(readTileConfig({ url: '' }).url).toBe('');
		expect(readTileConfig({ url: 'ftp://x/{z}/{x}/{y}' }).url).toBe(OSM_TILES.url);
	});
});

describe('tile arithmetic', () => {
	it('finds the tile of Harbin the way OSM numbers it', () => {
		// 45.75° N 126.63° E at zoom 13: tile 6977/2922 (x = (126.63+180)/360·8192, y by Mercator)
		expect(lngToTileX(126.63, 13)).toBe(6977);
		expect(latToTileY(45.75, 13)).toBe(2922);
		expect(tileUrl('https://{s}.t.example/{z}/{x}/{y}.png', { z: 13, x: 6977, y: 2922 })).toBe(
			'https://a.t.example/13/6977/2922.png'
		);
	});

	it('counts and lists the same tiles, about four times more per zoom level', () => {
		const bounds = { south: 45.74, west: 126.62, north: 45.76, east: 126.64 };
		const listed = [...tilesIn(bounds, 14, 16)];
		expect(listed).toHaveLength(countTiles(bounds, 14, 16));
		const perZoom = [14, 15, 16].map((z) => listed.filter((t) => t.z === z).length);
		expect(perZoom[2]! / perZoom[1]!).toBeGreaterThan(2.5);
		expect(perZoom[2]! / perZoom[1]!).toBeLessThan(6);
	});

	it('saves up to three levels closer, within the limit', () => {
		const small = { south: 45.74, west: 126.62, north: 45.76, east: 126.64 };
		expect(zoomsToSave(small, 14, 19)).toMatchObject({ minZoom: 14, maxZoom: 17 });
		// Heilongjiang at zoom 10 fits, one level closer does not
		const province = { south: 43, west: 121, north: 53, east: 135 };
		const plan = zoomsToSave(province, 10, 19);
		expect(plan).toMatchObject({ minZoom: 10, maxZoom: 10 });
		expect(plan.tiles).toBeLessThanOrEqual(MAX_SAVED_TILES);
		// at zoom 12 even one level is too many: the screen asks to zoom in first
		expect(zoomsToSave(province, 12, 19).tiles).toBeGreaterThan(MAX_SAVED_TILES);
	});

	it('recognises tile requests', () => {
		expect(TILE_PATH.test('https://tile.openstreetmap.org/13/6977/2922.png')).toBe(true);
		expect(TILE_PATH.test('http://127.0.0.1:9000/tiles/5/1/2@2x.webp')).toBe(true);
		expect(TILE_PATH.test('http://localhost/_app/immutable/chunks/x.js')).toBe(false);
	});
});

describe('the plain grid’s scale', () => {
	it('opens a new map where four taps make a village field, not a county', () => {
		// Leaflet's own figure: 156,543.03 m per pixel at the equator, zoom 0
		expect(metresPerPixel(0, 0)).toBeCloseTo(156_543.03, 1);
		const square = gridSquare(45.75, NEW_MAP_ZOOM);
		expect(square.sideM).toBeGreaterThan(50);
		expect(square.sideM).toBeLessThan(56);
		expect(square.mu).toBeGreaterThan(3.5);
		expect(square.mu).toBeLessThan(5);
		// a 300 × 300 px field on the new map stays under 150 亩; at zoom 13 it was over 20,000
		const field = (zoom: number) => (300 * metresPerPixel(45.75, zoom)) ** 2 / (10_000 / 15);
		expect(field(NEW_MAP_ZOOM)).toBeLessThan(150);
		expect(field(13)).toBeGreaterThan(20_000);
	});
});
