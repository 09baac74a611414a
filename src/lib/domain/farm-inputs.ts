/**
 * The farm's inputs inventory (农资): fertilizers, pesticides and seeds, as written on their bags. Formats
 * from ../shared/agronomy/facts.md (fertilizer and pesticide labels): pesticide registration numbers are
 * PD + year + serial (PD20080005), WP for public-health products, LS/WL on older temporary ones; fertilizer
 * registrations vary by province, so any text is kept. NPK grade is N-P2O5-K2O in percent (15-15-15).
 */
import type { InputKind } from './field-logs';

export const INPUT_KINDS: readonly InputKind[] = ['fertilizer', 'pesticide', 'seed'];

/**
 * A pesticide's category, shown on the label as a colour band along its bottom edge (facts.md §2, from
 * gengzhongbang.com/article-527674-1.html). China registers plant growth regulators as pesticides.
 */
export const PESTICIDE_CATEGORIES = [
	'herbicide',
	'insecticide',
	'fungicide',
	'growthRegulator',
	'rodenticide'
] as const;
export type PesticideCategory = (typeof PESTICIDE_CATEGORIES)[number];

/**
 * The band colour of each category (facts.md §2): herbicide green, insecticide red, fungicide black, plant
 * growth regulator deep yellow, rodenticide blue. `ink` is the text colour on the band (contrast ≥ 4.5:1):
 * the band is always shown with its category word, never the colour alone.
 */
export const COLOUR_BANDS: Record<PesticideCategory, { band: string; ink: string }> = {
	herbicide: { band: '#1b5e20', ink: '#ffffff' },
	insecticide: { band: '#b71c1c', ink: '#ffffff' },
	fungicide: { band: '#000000', ink: '#ffffff' },
	growthRegulator: { band: '#f9a825', ink: '#000000' },
	rodenticide: { band: '#0d47a1', ink: '#ffffff' }
};

/** The toxicity mark on a pesticide label, most toxic first: 剧毒 / 高毒 / 中等毒 / 低毒 / 微毒 (facts.md §2). */
export const TOXICITY_CLASSES = ['extreme', 'high', 'moderate', 'low', 'slight'] as const;
export type ToxicityClass = (typeof TOXICITY_CLASSES)[number];

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
	/** Pesticides: the label's category (colour band). Absent on items saved before it was asked. */
	category?: PesticideCategory | null;
	/** Pesticides: the label's toxicity class. Absent on items saved before it was asked. */
	toxicity?: ToxicityClass | null;
	notes: string;
}

export type InputProblem =
	| 'required'
	| 'too-long'
	| 'registration-format'
	| 'npk-format'
	| 'npk-total'
	| 'whole-days'
	| 'whole-times'
	| 'not-an-option';

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
	// the record holds 2,000 characters of notes (record-schemas/inputs.ts); a scanned label may add lines
	if (draft.notes.length > 2000) problems.notes = 'too-long';
	const days = draft.preHarvestDays;
	if (days !== null && !(Number.isInteger(days) && days >= 0 && days <= 365))
		problems.preHarvestDays = 'whole-days';
	const times = draft.maxApplications;
	if (times !== null && !(Number.isInteger(times) && times >= 1 && times <= 20))
		problems.maxApplications = 'whole-times';
	if (draft.category != null && !PESTICIDE_CATEGORIES.includes(draft.category))
		problems.category = 'not-an-option';
	if (draft.toxicity != null && !TOXICITY_CLASSES.includes(draft.toxicity))
		problems.toxicity = 'not-an-option';
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
		category: pesticide ? (draft.category ?? null) : null,
		toxicity: pesticide ? (draft.toxicity ?? null) : null,
		notes: draft.notes.trim()
	};
}
