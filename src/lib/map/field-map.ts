/**
 * The Leaflet adapter: a map of the farm's fields. Loaded only by the screens that show a map (Leaflet and
 * geoman never reach the first load). Under the tiles there is always a plain grid with a scale bar, so
 * fields and points still draw when no tile can be had (no signal, no cached tiles, no tile source).
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Polygon, Position } from '$lib/domain/geometry';
import { gridSquare, NEW_MAP_ZOOM, type LatLngBounds } from '$lib/domain/tiles';

export interface TileSource {
	/** `{z}/{x}/{y}` template; empty for no tiles (grid only). */
	url: string;
	attribution: string;
	maxZoom: number;
}

export interface MapField {
	id: string;
	name: string;
	boundary: Polygon;
}

/** Where a new farm's map opens: Harbin, until there are fields to fit, close enough to draw a field. */
const DEFAULT_CENTER: L.LatLngTuple = [45.75, 126.63];

/** Grey lines every tile edge and quarter tile: enough to see movement and scale with nothing else. */
const PlainGrid = L.GridLayer.extend({
	createTile(): HTMLElement {
		const size = (this as L.GridLayer).getTileSize();
		const canvas = document.createElement('canvas');
		canvas.width = size.x;
		canvas.height = size.y;
		const context = canvas.getContext('2d');
		if (context) {
			context.fillStyle = '#f4f1ea';
			context.fillRect(0, 0, size.x, size.y);
			context.strokeStyle = '#d6d0c2';
			context.lineWidth = 1;
			for (let i = 0; i <= 4; i++) {
				const x = (i * size.x) / 4 + 0.5;
				const y = (i * size.y) / 4 + 0.5;
				context.beginPath();
				context.moveTo(x, 0);
				context.lineTo(x, size.y);
				context.moveTo(0, y);
				context.lineTo(size.x, y);
				context.stroke();
			}
		}
		return canvas;
	}
}) as unknown as new (options?: L.GridLayerOptions) => L.GridLayer;

const toLatLngs = (polygon: Polygon): L.LatLngExpression[] =>
	(polygon.coordinates[0] ?? []).slice(0, -1).map(([lng, lat]) => [lat ?? 0, lng ?? 0]);

const fromLatLngs = (points: L.LatLng[]): Position[] => points.map((p) => [p.lng, p.lat]);

/** A field's name shows when the field is at least this wide on screen (else names hide the fields). */
const LABEL_MIN_WIDTH_PX = 48;

const FIELD_STYLE: L.PathOptions = { color: '#2f6b3a', weight: 3, fillOpacity: 0.25 };

/** A point to mark, e.g. an observation on the agent's map: a coloured dot with its words on tap. */
export interface MapPoint {
	lat: number;
	lng: number;
	color: string;
	label: string;
}

export class FieldMap {
	readonly map: L.Map;
	readonly #fields = L.featureGroup();
	readonly #points = L.featureGroup();
	readonly #walk = L.featureGroup();
	#drawn: L.Polygon | null = null;
	/** Whether any map tile has shown (else the farmer sees only the plain grid). */
	#tilesShown = false;

	readonly #lang: 'zh' | 'en';

	constructor(
		element: HTMLElement,
		tiles: TileSource | null,
		labels: { zoomIn: string; zoomOut: string; corner: string; lang: 'zh' | 'en' }
	) {
		this.#lang = labels.lang;
		this.map = L.map(element, {
			center: DEFAULT_CENTER,
			zoom: NEW_MAP_ZOOM,
			zoomControl: false,
			attributionControl: true
		});
		L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(this.map);
		this.map.attributionControl.setPrefix(false);
		new PlainGrid({ maxZoom: 22 }).addTo(this.map);
		if (tiles?.url) {
			L.tileLayer(tiles.url, {
				attribution: tiles.attribution,
				maxZoom: tiles.maxZoom,
				maxNativeZoom: Math.min(tiles.maxZoom, 19),
				crossOrigin: true
			})
				.on('tileload', () => {
					if (this.#tilesShown) return;
					this.#tilesShown = true;
					this.map.fire('heitu:tiles');
				})
				.addTo(this.map);
		}
		L.control.scale({ imperial: false, metric: true, maxWidth: 120 }).addTo(this.map);
		this.#fields.addTo(this.map);
		this.#points.addTo(this.map);
		this.#walk.addTo(this.map);
		this.map.on('zoomend', () => this.#fitLabels());
		// geoman's corner handles are Leaflet markers (role=button) without a name: give them one
		const markers = this.map.getPane('markerPane');
		if (markers) {
			new MutationObserver(() => {
				for (const icon of markers.querySelectorAll('[role="button"]:not([aria-label])'))
					icon.setAttribute('aria-label', labels.corner);
			}).observe(markers, { childList: true });
		}
	}

	/** Shows the fields, each labelled with its name; `onSelect` when one is tapped. */
	showFields(fields: MapField[], onSelect?: (id: string) => void): void {
		this.#fields.clearLayers();
		for (const field of fields) {
			const layer = L.polygon(toLatLngs(field.boundary), FIELD_STYLE)
				.bindTooltip(field.name, { permanent: true, direction: 'center', className: 'field-label' })
				.addTo(this.#fields);
			if (onSelect) layer.on('click', () => onSelect(field.id));
		}
		this.#fitLabels();
	}

	/** Shows these points (replacing the last ones) as dots with a dark edge, readable on any tile. */
	showPoints(points: readonly MapPoint[]): void {
		this.#points.clearLayers();
		for (const p of points) {
			L.circleMarker([p.lat, p.lng], {
				radius: 9,
				color: '#1b1b1b',
				weight: 2,
				fillColor: p.color,
				fillOpacity: 0.9
			})
				.bindTooltip(p.label)
				.addTo(this.#points);
		}
	}

	#fitLabels(): void {
		this.#fields.eachLayer((layer) => {
			if (!(layer instanceof L.Polygon)) return;
			const bounds = layer.getBounds();
			const width =
				this.map.latLngToContainerPoint(bounds.getNorthEast()).x -
				this.map.latLngToContainerPoint(bounds.getSouthWest()).x;
			layer
				.getTooltip()
				?.getElement()
				?.classList.toggle('label-hidden', width < LABEL_MIN_WIDTH_PX);
		});
	}

	/** Fits the view to what is drawn (fields, a boundary being drawn or walked). */
	fit(): void {
		const bounds = L.latLngBounds([]);
		for (const group of [this.#fields, this.#points, this.#walk]) {
			if (group.getLayers().length) bounds.extend(group.getBounds());
		}
		if (this.#drawn) bounds.extend(this.#drawn.getBounds());
		if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 18 });
		this.#fitLabels();
	}

	/** What the map shows now, to save it for offline use. */
	view(): { bounds: LatLngBounds; zoom: number } {
		const b = this.map.getBounds();
		return {
			bounds: { south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() },
			zoom: this.map.getZoom()
		};
	}

	/**
	 * A grid square at the map's centre now (its side in metres, its area in 亩), or null once map tiles
	 * show over the grid. `listener` hears every change of it.
	 */
	gridSquare(): { sideM: number; mu: number } | null {
		return this.#tilesShown ? null : gridSquare(this.map.getCenter().lat, this.map.getZoom());
	}

	onGridSquare(listener: (square: { sideM: number; mu: number } | null) => void): void {
		const report = () => listener(this.gridSquare());
		this.map.on('zoomend moveend heitu:tiles', report);
		report();
	}

	/** Calls `listener` whenever the user has moved or zoomed the map. */
	onMoved(listener: () => void): void {
		this.map.on('moveend', listener);
	}

	centreOn(lat: number, lng: number, zoom = 17): void {
		this.map.setView([lat, lng], zoom);
	}

	/**
	 * Lets the user draw a boundary by tapping corners (tap the first corner again to close it), or edit
	 * the one given. Every change reports the boundary; crossing edges are refused while drawing.
	 */
	async drawBoundary(
		initial: Polygon | null,
		onChange: (polygon: Polygon | null) => void,
		/** A corner was refused because the edges would cross: the screen says why. */
		onCrossing: () => void = () => undefined
	): Promise<void> {
		await loadGeoman();
		// the map was made before geoman loaded, so its init hook did not run for it
		if (!this.map.pm) {
			const PM = (L as unknown as { PM: { Map: new (map: L.Map) => L.PM.PMMap } }).PM;
			this.map.pm = new PM.Map(this.map);
		}
		this.map.pm.setLang(this.#lang);
		const watch = (layer: L.Polygon) => {
			this.#drawn = layer;
			const report = () => onChange(polygonFromLayer(layer));
			layer.on('pm:edit pm:markerdragend pm:vertexadded pm:vertexremoved', report);
			layer.on('pm:intersect', onCrossing);
			layer.pm.enable({ allowSelfIntersection: false, snappable: false });
			report();
		};
		if (initial) {
			watch(L.polygon(toLatLngs(initial), FIELD_STYLE).addTo(this.map));
			return;
		}
		this.map.once('pm:create', (event: { layer: L.Layer }) => watch(event.layer as L.Polygon));
		this.map.off('pm:intersect').on('pm:intersect', onCrossing);
		this.map.pm.enableDraw('Polygon', {
			allowSelfIntersection: false,
			snappable: false,
			templineStyle: { color: '#2f6b3a' },
			hintlineStyle: { color: '#2f6b3a', dashArray: [5, 5] },
			pathOptions: FIELD_STYLE
		});
	}

	/** Removes a boundary being drawn, to start again. */
	clearDrawing(): void {
		this.map.pm?.disableDraw();
		this.#drawn?.remove();
		this.#drawn = null;
	}

	/** A boundary being walked: the corners so far, and the last fix with its accuracy circle. */
	showWalk(corners: Position[], last: { lat: number; lng: number; accuracy: number } | null): void {
		this.#walk.clearLayers();
		const points = corners.map(([lng, lat]) => L.latLng(lat ?? 0, lng ?? 0));
		if (points.length > 1)
			L.polygon(points, { ...FIELD_STYLE, dashArray: '6 4' }).addTo(this.#walk);
		for (const p of points) L.circleMarker(p, { radius: 5, color: '#2f6b3a' }).addTo(this.#walk);
		if (last) {
			L.circle([last.lat, last.lng], { radius: last.accuracy, color: '#1f5fa8', weight: 1 }).addTo(
				this.#walk
			);
			L.circleMarker([last.lat, last.lng], { radius: 7, color: '#1f5fa8', fillOpacity: 1 }).addTo(
				this.#walk
			);
		}
	}

	/** A point (where a record was made). */
	showPoint(lat: number, lng: number): void {
		this.#walk.clearLayers();
		L.circleMarker([lat, lng], { radius: 8, color: '#1f5fa8', fillOpacity: 0.9 }).addTo(this.#walk);
	}

	destroy(): void {
		this.map.remove();
	}
}

function polygonFromLayer(layer: L.Polygon): Polygon | null {
	const rings = layer.getLatLngs() as L.LatLng[][];
	const ring = rings[0];
	if (!ring || ring.length < 3) return null;
	const corners = fromLatLngs(ring);
	return { type: 'Polygon', coordinates: [[...corners, [...corners[0]!]]] };
}

/** geoman (drawing and editing) expects a global `L`; it loads only when a boundary is drawn. */
let geoman: Promise<unknown> | null = null;
function loadGeoman(): Promise<unknown> {
	(globalThis as { L?: typeof L }).L = L;
	geoman ??= Promise.all([
		import('@geoman-io/leaflet-geoman-free'),
		import('@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css')
	]);
	return geoman;
}
