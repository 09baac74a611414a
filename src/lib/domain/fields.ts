/** The field form's rules: what a farmer fills in to make or change a field, and what gets saved. */
import { areaM2, boundaryProblem, type BoundaryProblem, type Polygon } from './geometry';
import { readNumber } from './numbers';
import { SQ_M_PER_MU } from './units';
import type { FieldRecord } from './records';

export type BoundaryMethod = 'draw' | 'walk' | 'area';

/** What the field form holds while it is being filled in (and kept as a draft). */
export interface FieldForm {
	name: string;
	crop: string;
	variety: string;
	season: string;
	method: BoundaryMethod;
	boundary: Polygon | null;
	/** Typed area in 亩, when there is no boundary. */
	areaMu: string;
}

export function emptyFieldForm(now: number): FieldForm {
	return {
		name: '',
		crop: '',
		variety: '',
		season: String(new Date(now).getFullYear()),
		method: 'draw',
		boundary: null,
		areaMu: ''
	};
}

export function formOf(field: FieldRecord): FieldForm {
	return {
		name: field.name,
		crop: field.crop ?? '',
		variety: field.variety ?? '',
		season: field.season ?? '',
		method: field.boundary ? 'draw' : 'area',
		boundary: field.boundary ?? null,
		areaMu: field.boundary ? '' : String(Number((field.areaM2 / SQ_M_PER_MU).toFixed(2)))
	};
}

export type FieldFormProblem =
	'name-required' | 'boundary-missing' | 'area-invalid' | 'area-too-large' | BoundaryProblem;

/** 100,000 亩 (about 67 km²): more than any one field, typed or drawn; the record schema holds it too. */
export const FIELD_MAX_MU = 100_000;
export const FIELD_MIN_MU = 0.01;

/** The area the farmer typed, in 亩, or null when it is blank or not a number. */
export function typedAreaMu(form: Pick<FieldForm, 'areaMu'>): number | null {
	return readNumber(form.areaMu);
}

/** The record to save, or what is wrong (one problem, the first a farmer should fix). */
export function checkFieldForm(form: FieldForm):
	| {
			ok: true;
			value: Pick<FieldRecord, 'name' | 'crop' | 'variety' | 'season' | 'boundary' | 'areaM2'>;
	  }
	| { ok: false; problem: FieldFormProblem } {
	const name = form.name.trim();
	if (!name) return { ok: false, problem: 'name-required' };
	let boundary: Polygon | null = null;
	let area: number;
	if (form.method === 'area') {
		const mu = readNumber(form.areaMu) ?? Number.NaN;
		// under 0.01 亩 (6.7 m²) is no field: a slipped decimal point
		if (!Number.isFinite(mu) || mu < FIELD_MIN_MU || mu > FIELD_MAX_MU)
			return { ok: false, problem: 'area-invalid' };
		area = mu * SQ_M_PER_MU;
	} else {
		if (!form.boundary) return { ok: false, problem: 'boundary-missing' };
		const problem = boundaryProblem(form.boundary);
		if (problem) return { ok: false, problem };
		boundary = form.boundary;
		area = areaM2(boundary);
		if (area > FIELD_MAX_MU * SQ_M_PER_MU) return { ok: false, problem: 'area-too-large' };
	}
	return {
		ok: true,
		value: {
			name: name.slice(0, 40),
			crop: form.crop.trim().slice(0, 20),
			variety: form.variety.trim().slice(0, 40),
			season: form.season.trim().slice(0, 20),
			boundary,
			areaM2: Math.round(area * 10) / 10
		}
	};
}
