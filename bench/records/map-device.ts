/**
 * Runs in the benchmark's Chromium page (bundled by bench/records.ts): the app's own field map (FieldMap,
 * Leaflet, plain grid and no tiles) showing the benchmark farm's fields, and a frame recorder
 * (requestAnimationFrame deltas) while the driver pans it with touch drags.
 */
import type L from 'leaflet';
import { FieldMap } from '$lib/map/field-map';
import { benchFields } from './seed';

export interface MapView {
	zoom: number;
	width: number;
	height: number;
	/** Field polygons drawn as SVG paths. */
	paths: number;
	labels: number;
}

export interface FrameLog {
	/** Milliseconds between consecutive animation frames. */
	deltas: number[];
	/** Drags Leaflet saw start: proof that the touches panned the map. */
	drags: number;
	/** Map moves Leaflet made while dragged (one per frame at most). */
	dragMoves: number;
}

let map: FieldMap | null = null;
/** The view fit() chose: the middle of the farm, every field in sight. */
let home: { centre: L.LatLng; zoom: number } | null = null;
let recording = false;
let deltas: number[] = [];
let drags = 0;
let dragMoves = 0;

function shown(): FieldMap {
	if (!map) throw new Error('show the map first');
	return map;
}

/** Resolves once the map has stopped moving (fit() may animate the zoom), or after a second. */
function settled(leaflet: L.Map): Promise<void> {
	return new Promise((resolve) => {
		const done = () => requestAnimationFrame(() => resolve());
		const timer = setTimeout(done, 1000);
		leaflet.once('moveend', () => {
			clearTimeout(timer);
			done();
		});
	});
}

function view(element: HTMLElement): MapView {
	return {
		zoom: shown().map.getZoom(),
		width: element.clientWidth,
		height: element.clientHeight,
		paths: element.querySelectorAll('path.leaflet-interactive').length,
		labels: element.querySelectorAll('.field-label').length
	};
}

const mapBench = {
	/** The map in a phone-sized box (412 × 600, narrower if the screen is), fitted to every field. */
	async show(fieldCount: number): Promise<MapView> {
		const element = document.createElement('div');
		element.style.cssText = 'width: min(412px, 100vw); height: 600px';
		document.body.style.margin = '0';
		document.body.append(element);
		map = new FieldMap(element, null, { zoomIn: '+', zoomOut: '-', corner: 'corner', lang: 'zh' });
		map.showFields(
			benchFields(fieldCount).map(({ id, name, boundary }) => ({ id, name, boundary }))
		);
		const moved = settled(map.map);
		map.fit();
		await moved;
		home = { centre: map.map.getCenter(), zoom: map.map.getZoom() };
		map.map.on('dragstart', () => (drags += 1));
		map.map.on('drag', () => (dragMoves += 1));
		return view(element);
	},

	/** Back to the middle of the farm, at fit()'s zoom or the one given (a few fields, names readable). */
	async goHome(zoom?: number): Promise<MapView> {
		const leaflet = shown().map;
		if (!home) throw new Error('show the map first');
		leaflet.setView(home.centre, zoom ?? home.zoom, { animate: false });
		await settled(leaflet);
		return view(leaflet.getContainer());
	},

	startFrames(): void {
		deltas = [];
		drags = 0;
		dragMoves = 0;
		recording = true;
		let last: number | undefined;
		const tick = (time: number) => {
			if (!recording) return;
			if (last !== undefined) deltas.push(time - last);
			last = time;
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	},

	stopFrames(): FrameLog {
		recording = false;
		return { deltas, drags, dragMoves };
	}
};

export type MapBench = typeof mapBench;

Object.assign(globalThis, { mapBench });
