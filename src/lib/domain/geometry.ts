/**
 * Field boundaries as GeoJSON (RFC 7946: [longitude, latitude], WGS 84) and the rules about them: a field is
 * one polygon with at least three corners whose edges do not cross; its area is geodesic (Turf's `area`,
 * on the WGS 84 mean radius), so it is right at Heilongjiang's latitude where flat-map areas are not.
 */
import { area } from '@turf/area';
import { kinks } from '@turf/kinks';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';

export type { Polygon, Position };

/** Why a boundary cannot be a field (the words are the UI's; see messages `field_problem_*`). */
export type BoundaryProblem =
	'too-few-points' | 'too-many-points' | 'self-intersecting' | 'no-area' | 'not-a-place';

/**
 * A boundary with more corners than this is a track, not a field: walking 1 km of edge at a fix a second
 * makes about 1,000. It also bounds the crossing-edges check, which is quadratic (about 50 ms at 2,000).
 */
export const MAX_CORNERS = 2000;

/** Closes a ring of corners (first point repeated at the end) and makes it a polygon. */
export function polygonOf(corners: Position[]): Polygon {
	const ring = corners.map(([lng, lat]) => [lng ?? 0, lat ?? 0]);
	const first = ring[0];
	const last = ring.at(-1);
	if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
	return { type: 'Polygon', coordinates: [ring] };
}

/** The distinct corners of a polygon's outer ring (without the closing point). */
export function cornersOf(polygon: Polygon): Position[] {
	const ring = polygon.coordinates[0] ?? [];
	return ring.slice(0, Math.max(0, ring.length - 1));
}

export function boundaryProblem(polygon: Polygon): BoundaryProblem | null {
	const ring = polygon.coordinates[0] ?? [];
	const corners = cornersOf(polygon);
	const valid = ring.every(
		(p) =>
			p.length >= 2 &&
			Number.isFinite(p[0]) &&
			Number.isFinite(p[1]) &&
			Math.abs(p[0]!) <= 180 &&
			Math.abs(p[1]!) <= 90
	);
	if (!valid) return 'not-a-place';
	const distinct = new Set(corners.map((p) => `${p[0]},${p[1]}`));
	if (distinct.size < 3) return 'too-few-points';
	if (corners.length > MAX_CORNERS) return 'too-many-points';
	if (kinks(polygon).features.length > 0) return 'self-intersecting';
	// corners on one line (or all but on one spot) enclose nothing a field could be: under 1 m²
	if (area(polygon) < 1) return 'no-area';
	return null;
}

/** Geodesic area in square metres. */
export function areaM2(polygon: Polygon): number {
	return area(polygon);
}

/** A GPS fix, as the Geolocation API gives it (accuracy: radius in metres, 68 % confidence). */
export interface Fix {
	lng: number;
	lat: number;
	accuracy: number;
}

/** Fixes worse than this are dropped while walking a boundary (issue 4: 20 m by default). */
export const DEFAULT_MAX_ACCURACY_M = 20;

/** Walking a boundary: keeps good fixes as corners, counts the dropped ones. Pure; the UI feeds it fixes. */
export class BoundaryWalk {
	readonly corners: Position[] = [];
	dropped = 0;
	last: Fix | null = null;

	constructor(readonly maxAccuracy = DEFAULT_MAX_ACCURACY_M) {}

	/** True when the fix was kept as a corner. */
	add(fix: Fix): boolean {
		this.last = fix;
		if (!(fix.accuracy <= this.maxAccuracy)) {
			this.dropped += 1;
			return false;
		}
		this.corners.push([fix.lng, fix.lat]);
		return true;
	}
}

/** What a field looks like in a GeoJSON file (export and import). */
export interface FieldFeatureProperties {
	name: string;
	crop?: string;
	variety?: string;
	season?: string;
	areaMu?: number;
}

export type FieldImportProblem =
	| { kind: 'not-json' }
	| { kind: 'not-geojson' }
	| { kind: 'empty' }
	| { kind: 'too-many'; max: number }
	| { kind: 'not-polygon'; index: number; type: string }
	| { kind: 'bad-boundary'; index: number; problem: BoundaryProblem };

export interface ImportedField {
	name: string;
	crop: string;
	variety: string;
	season: string;
	boundary: Polygon;
}

export const MAX_IMPORT_FIELDS = 500;

function text(value: unknown, max = 60): string {
	return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

function isPositionList(value: unknown): value is Position[] {
	return (
		Array.isArray(value) &&
		value.every((p) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number'))
	);
}

/**
 * Reads fields from GeoJSON text: a FeatureCollection, a Feature or a bare Polygon. All or nothing: the
 * first problem is reported (with the feature's place in the file) and no field is returned.
 */
export function parseFieldsGeoJson(
	source: string,
	defaultName: (index: number) => string
): { ok: true; fields: ImportedField[] } | { ok: false; problem: FieldImportProblem } {
	let data: unknown;
	try {
		data = JSON.parse(source);
	} catch {
		return { ok: false, problem: { kind: 'not-json' } };
	}
	const type = (data as { type?: unknown } | null)?.type;
	let features: unknown[];
	if (type === 'FeatureCollection') {
		const list = (data as { features?: unknown }).features;
		if (!Array.isArray(list)) return { ok: false, problem: { kind: 'not-geojson' } };
		features = list;
	} else if (type === 'Feature') features = [data];
	else if (type === 'Polygon' || type === 'MultiPolygon')
		features = [{ type: 'Feature', geometry: data }];
	else return { ok: false, problem: { kind: 'not-geojson' } };
	if (features.length === 0) return { ok: false, problem: { kind: 'empty' } };
	if (features.length > MAX_IMPORT_FIELDS)
		return { ok: false, problem: { kind: 'too-many', max: MAX_IMPORT_FIELDS } };

	const fields: ImportedField[] = [];
	for (const [index, feature] of features.entries()) {
		const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } } | null)
			?.geometry;
		const props = ((feature as { properties?: unknown } | null)?.properties ?? {}) as Record<
			string,
			unknown
		>;
		let ring: unknown = undefined;
		if (geometry?.type === 'Polygon' && Array.isArray(geometry.coordinates))
			ring = geometry.coordinates[0];
		else if (geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
			// one-part multipolygons are common in exports; a field in several parts is not one field
			const parts = geometry.coordinates as unknown[];
			if (parts.length === 1 && Array.isArray(parts[0])) ring = (parts[0] as unknown[])[0];
		}
		if (!isPositionList(ring)) {
			const found = typeof geometry?.type === 'string' ? geometry.type : 'nothing';
			return { ok: false, problem: { kind: 'not-polygon', index, type: found } };
		}
		const boundary = polygonOf(ring);
		const problem = boundaryProblem(boundary);
		if (problem) return { ok: false, problem: { kind: 'bad-boundary', index, problem } };
		// cut to what a field record holds (record-schemas/fields.ts): name 40, crop 20, variety 40, season 20
		fields.push({
			name: text(props.name, 40) || text(props['名称'], 40) || defaultName(index),
			crop: text(props.crop, 20),
			variety: text(props.variety, 40),
			season: text(props.season, 20),
			boundary
		});
	}
	return { ok: true, fields };
}

/** A FeatureCollection of fields, one Feature each, for other GIS tools (and for importing back). */
export function fieldsToGeoJson(
	fields: { id: string; boundary: Polygon | null; properties: FieldFeatureProperties }[]
): FeatureCollection<Polygon, FieldFeatureProperties & { id: string }> {
	const features: Feature<Polygon, FieldFeatureProperties & { id: string }>[] = [];
	for (const field of fields) {
		if (!field.boundary) continue;
		features.push({
			type: 'Feature',
			id: field.id,
			geometry: field.boundary,
			properties: { id: field.id, ...field.properties }
		});
	}
	return { type: 'FeatureCollection', features };
}
