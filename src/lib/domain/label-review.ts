/**
 * From what the label scanner read to an inventory item (农资). The scanner's fields use the key names of
 * ../shared/fixtures/labels/README.md; the review screen shows each one editable with its confidence, and this
 * turns the checked values into the item: name, registration number, grade, active ingredient with its content,
 * toxicity, pre-harvest interval and maximum applications go into their own places; the rest of what the label
 * says (licence, net content, maker, dates, batch, formulation, chlorine) is kept in the notes, one per line.
 */
import type { InputKind } from './field-logs';
import { parseTyped } from './numbers';
import {
	ALL_FIELDS,
	FERTILIZER_FIELDS,
	PESTICIDE_FIELDS,
	SEED_FIELDS,
	type FieldKey,
	type LabelKind,
	type ParsedLabel
} from './label-parser';
import {
	normaliseCode,
	TOXICITY_CLASSES,
	type FarmInputDraft,
	type ToxicityClass
} from './farm-inputs';

/** The scanner's field names (label-parser.ts), as the fixtures' JSON names them. */
export const LABEL_KEYS = ALL_FIELDS;
export type LabelKey = FieldKey;

/** Which fields a label of each kind prints: the parser's lists. */
export const KEYS_OF: Record<InputKind, readonly LabelKey[]> = {
	fertilizer: FERTILIZER_FIELDS,
	pesticide: PESTICIDE_FIELDS,
	seed: SEED_FIELDS
};

/** A field as the review screen holds it: the text (edited or as read) and how sure the scanner was (0–1). */
export interface ReviewField {
	value: string;
	confidence: number;
}
export type ReviewFields = Partial<Record<LabelKey, ReviewField>>;

/** Below this the field is marked for the farmer to check. */
export const LOW_CONFIDENCE = 0.75;

/** 剧毒 / 高毒 / 中等毒 / 低毒 / 微毒 as printed → the toxicity classes of the inventory. */
const TOXICITY_WORDS: Record<string, ToxicityClass> = {
	剧毒: 'extreme',
	高毒: 'high',
	中等毒: 'moderate',
	低毒: 'low',
	微毒: 'slight'
};
TOXICITY_CLASSES.forEach((c) => (TOXICITY_WORDS[c] = c));

const CHLORINE_WORDS: Record<string, string> = {
	none: '无氯',
	low: '含氯（低氯）',
	medium: '含氯（中氯）',
	high: '含氯（高氯）'
};

/** Labels of the fields kept in the notes, in Chinese as on the bag (the notes are the farmer's own text). */
const NOTE_LABELS: Partial<Record<LabelKey, string>> = {
	totalNutrientPct: '总养分（%）',
	chlorine: '氯离子',
	licenceNo: '生产许可证号',
	formulation: '剂型',
	netContent: '净含量',
	manufacturer: '生产企业',
	productionDate: '生产日期',
	batch: '批号'
};

/**
 * A number box of the review: blank is "not on the label" (null); anything else is read as typed, and what is
 * not a number ("1O" read for 10) stays NaN so validateInput refuses it at its box: a pre-harvest interval is
 * never saved as missing because the scanner misread it.
 */
const wholeNumber = (text: string | undefined): number | null => {
	const read = parseTyped(text ?? '');
	return read.kind === 'blank' ? null : read.kind === 'number' ? read.value : Number.NaN;
};

/** The inventory item the reviewed label describes; `notes` keeps what the farmer already wrote, if updating. */
export function inputFromLabel(
	kind: InputKind,
	fields: ReviewFields,
	earlierNotes = ''
): FarmInputDraft {
	const text = (key: LabelKey) =>
		KEYS_OF[kind].includes(key) ? (fields[key]?.value.trim() ?? '') : '';
	const toxicity = TOXICITY_WORDS[text('toxicity')] ?? null;
	const notes = Object.entries(NOTE_LABELS)
		.map(([key, label]) => {
			const value = text(key as LabelKey);
			if (!value) return '';
			return `${label}：${key === 'chlorine' ? (CHLORINE_WORDS[value] ?? value) : value}`;
		})
		.filter((line) => line && !earlierNotes.includes(line));
	return {
		kind,
		name: text('productName'),
		registrationNo: text(kind === 'pesticide' ? 'pesticideRegNo' : 'fertilizerRegNo'),
		npk: kind === 'fertilizer' ? text('npk') : '',
		activeIngredient: [text('activeIngredient'), text('content')].filter(Boolean).join(' '),
		preHarvestDays: kind === 'pesticide' ? wholeNumber(text('phiDays')) : null,
		maxApplications: kind === 'pesticide' ? wholeNumber(text('maxApplications')) : null,
		...(kind === 'pesticide' ? { toxicity } : {}),
		notes: [earlierNotes.trim(), ...notes].filter(Boolean).join('\n')
	};
}

/** The item already in the inventory for this label: the same registration number, or failing that the same name. */
export function sameItem<T extends FarmInputDraft>(
	draft: FarmInputDraft,
	items: readonly T[]
): T | null {
	const code = normaliseCode(draft.registrationNo);
	return (
		(code
			? items.find((i) => i.kind === draft.kind && normaliseCode(i.registrationNo) === code)
			: undefined) ??
		items.find((i) => i.kind === draft.kind && !i.registrationNo && i.name === draft.name) ??
		null
	);
}

/**
 * Whether the scan read fewer than half the fields a label of this kind prints: then the scanner says how to
 * take a better photo (our choice; a clear photo of a whole label reads most of them).
 */
export const readFew = (kind: InputKind, fields: ReviewFields): boolean =>
	KEYS_OF[kind].filter((key) => fields[key]?.value.trim()).length < KEYS_OF[kind].length / 2;

/** The scanner's result as the review screen edits it: every value as text, with its confidence. */
export function reviewFieldsOf(parsed: ParsedLabel): ReviewFields {
	const out: ReviewFields = {};
	for (const key of LABEL_KEYS) {
		const field = parsed.fields[key];
		if (field.value !== null)
			out[key] = { value: String(field.value), confidence: field.confidence };
	}
	return out;
}

/**
 * The changes a scanned label makes to the inventory item it matches: only what the label gave (an empty field
 * never wipes what the farmer had), and the photo added once.
 */
export function labelUpdate(
	values: FarmInputDraft,
	photos: readonly string[],
	hash: string
): Partial<FarmInputDraft> & { photos: string[] } {
	const changes: Partial<FarmInputDraft> & { photos: string[] } = {
		photos: photos.includes(hash) ? [...photos] : [...photos, hash]
	};
	for (const [key, value] of Object.entries(values))
		if (value !== '' && value !== null && value !== undefined)
			(changes as Record<string, unknown>)[key] = value;
	return changes;
}

/**
 * What the law makes every label of the kind print (肥料: GB 18382 肥料标识 — name, nutrients, net content,
 * maker, production date or batch, licence for compound fertilizer; 农药: 农药标签和说明书管理办法 — name,
 * registration number, active ingredient and content, formulation, toxicity, net content, maker, production
 * date and batch, safety interval, sprays per season). Chlorine and a fertilizer registration are printed only
 * where they apply, so they are not asked for.
 */
const REQUIRED_FIELDS: Partial<Record<LabelKind, readonly FieldKey[]>> = {
	fertilizer: ['productName', 'npk', 'netContent', 'manufacturer', 'productionDate', 'batch'],
	// every field the scanner reads on a pesticide label is one the label must carry
	pesticide: PESTICIDE_FIELDS
};

/** Whether one reading found all the label's required fields, each as surely as the review trusts. */
export function readsWhole(parse: ParsedLabel): boolean {
	const required = parse.kind ? REQUIRED_FIELDS[parse.kind] : undefined;
	return (
		!!required &&
		parse.kindConfidence >= LOW_CONFIDENCE &&
		required.every((key) => {
			const field = parse.fields[key];
			return field.value !== null && field.confidence >= LOW_CONFIDENCE;
		})
	);
}
