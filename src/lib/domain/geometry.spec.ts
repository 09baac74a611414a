import { describe, expect, it } from 'vitest';
import { SQ_M_PER_MU } from './units';
import {
	areaM2,
	boundaryProblem,
	BoundaryWalk,
	fieldsToGeoJson,
	parseFieldsGeoJson,
	polygonOf
} from './geometry';

// a 100 m × 100 m square near Harbin (45.75° N): 1 m of latitude ≈ 1/111,132 °, of longitude ≈ 1/77,680 °
const LAT = 45.75;
const dLat = 100 / 111_132;
const dLng = 100 / (111_320 * Math.cos((LAT * Math.PI) / 180));
const square = polygonOf([
	[126.6, LAT],
	[126.6 + dLng, LAT],
	[126.6 + dLng, LAT + dLat],
	[126.6, LAT + dLat]
]);

describe('field boundaries', () => {
	it('measures a 100 m square as about 1 ha, 15 亩', () => {
		const m2 = areaM2(square);
		expect(m2).toBeGreaterThan(9_950);
		expect(m2).toBeLessThan(10_050);
		expect(m2 / SQ_M_PER_MU).toBeCloseTo(15, 0);
	});

	it('closes the ring and accepts a simple polygon', () => {
		const ring = square.coordinates[0]!;
		expect(ring[0]).toEqual(ring.at(-1));
		expect(ring).toHaveLength(5);
		expect(boundaryProblem(square)).toBeNull();
	});

	it('refuses a bow tie, too few corners and impossible coordinates', () => {
		const bowTie = polygonOf([
			[0, 0],
			[1, 1],
			[1, 0],
			[0, 1]
		]);
		expect(boundaryProblem(bowTie)).toBe('self-intersecting');
		expect(
			boundaryProblem(
				polygonOf([
					[0, 0],
					[1, 1],
					[0, 0]
				])
			)
		).toBe('too-few-points');
		expect(
			boundaryProblem(
				polygonOf([
					[0, 0],
					[200, 1],
					[1, 0]
				])
			)
		).toBe('not-a-place');
	});
});

describe('walking a boundary', () => {
	it('keeps fixes within the accuracy limit and counts the rest', () => {
		const walk = new BoundaryWalk(20);
		expect(walk.add({ lng: 1, lat: 1, accuracy: 5 })).toBe(true);
		expect(walk.add({ lng: 2, lat: 1, accuracy: 35 })).toBe(false);
		expect(walk.add({ lng: 2, lat: 2, accuracy: 20 })).toBe(true);
		expect(walk.add({ lng: 3, lat: 3, accuracy: Number.NaN })).toBe(false);
		expect(walk.corners).toEqual([
			[1, 1],
			[2, 2]
		]);
		expect(walk.dropped).toBe(2);
		expect(walk.last?.accuracy).toBeNaN();
	});
});

describe('GeoJSON import and export', () => {
	const named = (i: number) => `地块 ${i + 1}`;

	it('round-trips fields through export and import', () => {
		const exported = fieldsToGeoJson([
			{ id: 'a', boundary: square, properties: { name: '东大地', crop: '玉米', season: '2026' } },
			{ id: 'b', boundary: null, properties: { name: 'no boundary' } }
		]);
		expect(exported.features).toHaveLength(1);
		const back = parseFieldsGeoJson(JSON.stringify(exported), named);
		expect(back).toEqual({
			ok: true,
			fields: [{ name: '东大地', crop: '玉米', variety: '', season: '2026', boundary: square }]
		});
	});

	it('takes a bare polygon or a one-part multipolygon, naming fields that have no name', () => {
		const bare = parseFieldsGeoJson(JSON.stringify(square), named);
		expect(bare.ok && bare.fields[0]?.name).toBe('地块 1');
		const multi = parseFieldsGeoJson(
			JSON.stringify({ type: 'MultiPolygon', coordinates: [square.coordinates] }),
			named
		);
		expect(multi.ok).toBe(true);
	});

	it('names the problem and imports nothing when any feature is wrong', () => {
		expect(parseFieldsGeoJson('not json at all', named)).toEqual({
			ok: false,
			problem: { kind: 'not-json' }
		});
		expect(parseFieldsGeoJson('{"hello": 1}', named)).toEqual({
			ok: false,
			problem: { kind: 'not-geojson' }
		});
		const mixed = {
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', geometry: square, properties: { name: 'ok' } },
				{ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: {} }
			]
		};
		expect(parseFieldsGeoJson(JSON.stringify(mixed), named)).toEqual({
			ok: false,
			problem: { kind: 'not-polygon', index: 1, type: 'Point' }
		});
		const crossed = {
			type: 'Feature',
			geometry: polygonOf([
				[0, 0],
				[1, 1],
				[1, 0],
				[0, 1]
			])
		};
		expect(parseFieldsGeoJson(JSON.stringify(crossed), named)).toEqual({
			ok: false,
			problem: { kind: 'bad-boundary', index: 0, problem: 'self-intersecting' }
		});
	});
});
