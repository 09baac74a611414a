/**
 * The farm's inputs inventory (农资): fertilizers, pesticides and seeds, as written on their bags. Formats
 * from ../shared/agronomy/facts.md (fertilizer and pesticide labels): pesticide registration numbers are
 * PD + year + serial (PD20080005), WP for public-health products, LS/WL on older temporary ones; fertilizer
 * registrations vary by province, so any text is kept. NPK grade is N-P2O5-K2O in percent (15-15-15).
 */
import type { InputKind } from './field-logs';

export const INPUT_KINDS: readonly InputKind[] = ['fertilizer', 'pesticide', 'seed'];

export interface FarmInputDraft {
	kind: InputKind;
	name: string;
	registrationNo: string;
	/** N-P2O5-K2O, e.g. "15-15-15"; fertilizers only. */
	npk: string;
	activeIngredient: string;
	/** 安全间隔期: days from the last spray to harvest (pesticides). */
	preHarvestDays: number | null;
	/** Most sprays allowed per season (pesticides). */
	maxApplications: number | null;
	notes: string;
}

export type InputProblem =
	| 'required'
	| 'too-long'
	| 'registration-format'
	| 'npk-format'
	| 'npk-total'
	| 'whole-days'
	| 'whole-times';

const PESTICIDE_REGISTRATION = /^(PD|WP|LS|WL)\d{6,10}$/;
const NPK = /^(\d{1,2}(?:\.\d)?)-(\d{1,2}(?:\.\d)?)-(\d{1,2}(?:\.\d)?)$/;

/** Full-width digits and dashes, spaces and lower case, as people type them, made plain. */
export function normaliseCode(raw: string): string {
	return raw
		.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
		.replace(/[－—–]/g, '-')
		.replace(/\s+/g, '')
		.toUpperCase();
}

/** The three nutrients of an NPK grade, or null when it is not one. */
export function parseNpk(raw: string): [number, number, number] | null {
	const match = NPK.exec(normaliseCode(raw));
	if (!match) return null;
	return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function validateInput(draft: FarmInputDraft): Record<string, InputProblem> {
	const problems: Record<string, InputProblem> = {};
	if (!draft.name.trim()) problems.name = 'required';
	else if (draft.name.length > 60) problems.name = 'too-long';
	const registration = normaliseCode(draft.registrationNo);
	if (draft.kind === 'pesticide' && registration && !PESTICIDE_REGISTRATION.test(registration))
		problems.registrationNo = 'registration-format';
	if (draft.registrationNo.length > 60) problems.registrationNo = 'too-long';
	if (draft.kind === 'fertilizer' && draft.npk.trim()) {
		const npk = parseNpk(draft.npk);
		if (!npk) problems.npk = 'npk-format';
		else if (npk[0] + npk[1] + npk[2] > 100) problems.npk = 'npk-total';
	}
	if (draft.activeIngredient.length > 80) problems.activeIngredient = 'too-long';
	const days = draft.preHarvestDays;
	if (days !== null && !(Number.isInteger(days) && days >= 0 && days <= 365))
		problems.preHarvestDays = 'whole-days';
	const times = draft.maxApplications;
	if (times !== null && !(Number.isInteger(times) && times >= 1 && times <= 20))
		problems.maxApplications = 'whole-times';
	return problems;
}

/** What is kept: trimmed text, codes in their plain form, and only what applies to this kind. */
export function cleanInput(draft: FarmInputDraft): FarmInputDraft {
	const pesticide = draft.kind === 'pesticide';
	return {
		kind: draft.kind,
		name: draft.name.trim(),
		registrationNo: pesticide ? normaliseCode(draft.registrationNo) : draft.registrationNo.trim(),
		npk: draft.kind === 'fertilizer' && draft.npk.trim() ? normaliseCode(draft.npk) : '',
		activeIngredient: draft.activeIngredient.trim(),
		preHarvestDays: pesticide ? draft.preHarvestDays : null,
		maxApplications: pesticide ? draft.maxApplications : null,
		notes: draft.notes.trim()
	};
}
