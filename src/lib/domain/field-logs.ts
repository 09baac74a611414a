/**
 * Field operation records (农事记录): the kinds, the details each kind asks for, their units and the rules a
 * record must meet before it is saved. Pure: the forms render from LOG_FORMS and check with validateLog.
 */
import { parseTyped } from './numbers';
import { isSurveyDetail, type SurveyDetail } from './seedling-survey';
import { localDay } from './units';

export const LOG_TYPES = [
	'sowing',
	'fertilizing',
	'spraying',
	'irrigation',
	'observation',
	'harvest',
	'sale'
] as const;
export type LogType = (typeof LOG_TYPES)[number];

export type InputKind = 'fertilizer' | 'pesticide' | 'seed';

/** Units a quantity may be given in; a stored quantity keeps the unit the farmer chose. */
export const UNITS = {
	kgPerMu: 'kg/亩',
	gPerMu: 'g/亩',
	mlPerMu: 'ml/亩',
	lPerMu: 'L/亩',
	m3PerMu: 'm³/亩',
	kg: 'kg',
	jin: '斤',
	percent: '%',
	/** Money of a sale (sale-money.ts): a price per kg or per 斤 as she sells, and the amount received. */
	yuanPerKg: '元/kg',
	yuanPerJin: '元/斤',
	yuan: '元'
} as const;
export type Unit = keyof typeof UNITS;

export interface Quantity {
	value: number;
	unit: Unit;
}

export type DetailField =
	| { key: string; kind: 'text'; required?: boolean; max?: number }
	| { key: string; kind: 'choice'; options: readonly string[]; required?: boolean }
	| { key: string; kind: 'input'; inputKind: InputKind; required?: boolean }
	| {
			key: string;
			kind: 'quantity';
			units: readonly Unit[];
			required?: boolean;
			/** Limits in the first unit listed; beyond them is a typing mistake, not a field operation. */
			min?: number;
			max: number;
			/** Filled in by a tool (e.g. the yield estimate): the record form shows it only when it holds a value. */
			fromTool?: boolean;
	  };

export const FERTILIZING_METHODS = ['broadcast', 'band', 'hole', 'fertigation', 'foliar'] as const;
export const IRRIGATION_METHODS = ['flood', 'sprinkler', 'drip'] as const;

/** A mass of produce, harvested or sold (10,000 t is beyond any family farm: a typo). */
const HARVESTED_MASS: DetailField = {
	key: 'quantity',
	kind: 'quantity',
	units: ['kg', 'jin'],
	required: true,
	min: 0,
	max: 10_000_000
};

/**
 * What a sale was sold for (sale-money.ts works one out from the other): a price per kg or per 斤, and the
 * money received. Sanity bounds, not agronomy: grain sells for a few 元 per kg and the dearest produce a
 * family farm sells by weight for far less than 10,000 元/kg, so more is a slipped decimal or a price typed
 * in 分; 100 million 元 is beyond any sale of the largest quantity a record takes (10,000 t) at a grain
 * price. 0 is allowed (given away, or paid in kind).
 */
const SALE_PRICE: DetailField = {
	key: 'price',
	kind: 'quantity',
	units: ['yuanPerKg', 'yuanPerJin'],
	min: 0,
	max: 10_000
};
const SALE_AMOUNT: DetailField = {
	key: 'amount',
	kind: 'quantity',
	units: ['yuan'],
	min: 0,
	max: 100_000_000
};

/**
 * A yield estimate (测产) saved from /tools/yield, kg/亩 at standard moisture; 3000 kg/亩 is beyond any
 * record grain yield in China (about 1,600 kg/亩 for maize): a typo.
 */
const YIELD_ESTIMATE: DetailField = {
	key: 'yieldEstimate',
	kind: 'quantity',
	units: ['kgPerMu'],
	min: 0,
	max: 3000,
	fromTool: true
};

/**
 * What each kind of record asks for. Upper limits are generous sanity bounds (a typo such as 5000 kg/亩 of
 * urea is caught; no real practice is refused): urea top-dressing is about 10–20 kg/亩, compound base
 * fertilizer 30–50 kg/亩 (../shared/agronomy/facts.md, fertilization); spray water 15–60 L/亩.
 */
export const LOG_FORMS: Record<LogType, readonly DetailField[]> = {
	sowing: [
		{ key: 'crop', kind: 'text', required: true, max: 20 },
		{ key: 'variety', kind: 'text', max: 40 },
		{ key: 'seedLot', kind: 'text', max: 40 },
		{ key: 'seedRate', kind: 'quantity', units: ['kgPerMu', 'jin'], min: 0, max: 200 }
	],
	fertilizing: [
		{ key: 'product', kind: 'input', inputKind: 'fertilizer', required: true },
		{ key: 'rate', kind: 'quantity', units: ['kgPerMu'], required: true, min: 0, max: 300 },
		{ key: 'method', kind: 'choice', options: FERTILIZING_METHODS }
	],
	spraying: [
		{ key: 'product', kind: 'input', inputKind: 'pesticide', required: true },
		{
			key: 'dose',
			kind: 'quantity',
			units: ['mlPerMu', 'gPerMu'],
			required: true,
			min: 0,
			max: 5000
		},
		{ key: 'target', kind: 'text', required: true, max: 40 },
		{ key: 'water', kind: 'quantity', units: ['lPerMu'], min: 0, max: 200 },
		{ key: 'weather', kind: 'text', max: 60 }
	],
	irrigation: [
		{ key: 'water', kind: 'quantity', units: ['m3PerMu'], required: true, min: 0, max: 500 },
		{ key: 'method', kind: 'choice', options: IRRIGATION_METHODS }
	],
	// pests or diseases seen (玉米螟、大斑病): what the agent's dashboard clusters into alerts (agents.ts)
	observation: [{ key: 'pest', kind: 'text', max: 60 }, YIELD_ESTIMATE],
	harvest: [
		HARVESTED_MASS,
		{ key: 'moisture', kind: 'quantity', units: ['percent'], min: 0, max: 80 },
		{ key: 'lot', kind: 'text', max: 40 }
	],
	sale: [
		{ key: 'buyer', kind: 'text', required: true, max: 60 },
		HARVESTED_MASS,
		SALE_PRICE,
		SALE_AMOUNT,
		{ key: 'batch', kind: 'text', max: 40 }
	]
};

/** Metres: as far off as the Geolocation API reports a phone placed by its network alone. */
export const POINT_ACCURACY_MAX_M = 10_000_000;

/** A GPS point where the work was done (automatic, editable). */
export interface LogPoint {
	lat: number;
	lng: number;
	/** Metres; absent when placed by hand. */
	accuracy?: number;
}

/**
 * A detail's value: text (or a choice, or an input's id), a quantity, or, on an observation, the seedling
 * survey it records (`details.survey`, seedling-survey.ts; stored as JSON like any detail, on the server too).
 */
export type DetailValue = string | Quantity | SurveyDetail;
export type LogDetails = Record<string, DetailValue>;

export function isQuantity(value: DetailValue | undefined): value is Quantity {
	return typeof value === 'object' && value !== null && 'unit' in value;
}

export type LogProblem =
	| 'required'
	| 'not-a-number'
	| 'too-small'
	| 'too-large'
	| 'too-long'
	| 'not-an-option'
	| 'bad-unit'
	| 'bad-date'
	| 'done-in-future'
	| 'bad-point'
	| 'bad-survey';

export interface LogDraft {
	type: LogType;
	fieldId: string | null;
	status: 'planned' | 'done';
	at: number;
	notes: string;
	point: LogPoint | null;
	details: LogDetails;
}

/** Earliest and latest dates a record may carry: typing 2062 for 2026 is a mistake worth catching. */
const EARLIEST = Date.UTC(2000, 0, 1);
const YEARS_AHEAD = 2;
/**
 * Work marked done can't have happened later than now: a done sowing dated next year would move the
 * spray-safety days and the trace chain. Planned work may be in the future. Phones' clocks drift a little,
 * and the form's time is to the minute, so a few minutes ahead are still "now".
 */
export const DONE_FUTURE_SLACK_MS = 5 * 60_000;

/** Quantity limits are in the first unit listed; 斤 are converted (1 斤 = 0.5 kg, so 1 元/斤 = 2 元/kg). */
export function inFirstUnit(q: Quantity, units: readonly Unit[]): number {
	if (q.unit === 'jin' && units[0] !== 'jin') return q.value * 0.5;
	if (q.unit === 'yuanPerJin' && units[0] === 'yuanPerKg') return q.value * 2;
	return q.value;
}

/** Every problem of a record, by field key ("at", "point", "notes" or a detail key). Empty means valid. */
export function validateLog(draft: LogDraft, now: number): Record<string, LogProblem> {
	const problems: Record<string, LogProblem> = {};
	const latest = now + YEARS_AHEAD * 365 * 86_400_000;
	if (!Number.isFinite(draft.at) || draft.at < EARLIEST || draft.at > latest)
		problems.at = 'bad-date';
	else if (draft.status === 'done' && draft.at > now + DONE_FUTURE_SLACK_MS)
		problems.at = 'done-in-future';
	if (draft.notes.length > 2000) problems.notes = 'too-long';
	const point = draft.point;
	// an accuracy, when the phone gives one, is metres from 0 up to a network's guess of a whole region
	const accuracy = point?.accuracy;
	if (
		point &&
		!(
			Math.abs(point.lat) <= 90 &&
			Math.abs(point.lng) <= 180 &&
			(accuracy === undefined || (accuracy >= 0 && accuracy <= POINT_ACCURACY_MAX_M))
		)
	)
		problems.point = 'bad-point';
	for (const field of LOG_FORMS[draft.type]) {
		const value = draft.details[field.key];
		// a blank box is left out of the draft; a quantity that is there but NaN was typed and is not a number
		const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
		if (empty) {
			if (field.required) problems[field.key] = 'required';
			continue;
		}
		if (field.kind === 'quantity') {
			if (!isQuantity(value) || !Number.isFinite(value.value)) {
				problems[field.key] = 'not-a-number';
			} else if (!field.units.includes(value.unit)) {
				problems[field.key] = 'bad-unit';
			} else {
				const v = inFirstUnit(value, field.units);
				if (v < (field.min ?? 0) || (field.required && v === 0)) problems[field.key] = 'too-small';
				else if (v > field.max) problems[field.key] = 'too-large';
			}
		} else if (typeof value !== 'string') {
			problems[field.key] = 'not-an-option';
		} else if (field.kind === 'text' && value.length > (field.max ?? 200)) {
			problems[field.key] = 'too-long';
		} else if (field.kind === 'choice' && !field.options.includes(value)) {
			problems[field.key] = 'not-an-option';
		}
	}
	// a survey is made by the survey tool; one that arrives broken (an older app, a hand edit) is not saved on
	const survey = draft.details.survey;
	if (draft.type === 'observation' && survey !== undefined && !isSurveyDetail(survey))
		problems.survey = 'bad-survey';
	return problems;
}

/** The details worth keeping: only the keys of this kind of record, text trimmed, empty ones dropped. */
export function cleanDetails(type: LogType, details: LogDetails): LogDetails {
	const kept: LogDetails = {};
	for (const field of LOG_FORMS[type]) {
		const value = details[field.key];
		if (typeof value === 'string' && value.trim()) kept[field.key] = value.trim();
		else if (isQuantity(value) && Number.isFinite(value.value)) kept[field.key] = value;
	}
	if (type === 'observation' && isSurveyDetail(details.survey)) kept.survey = details.survey;
	return kept;
}

/** A quantity as text in its own unit, e.g. "12.5 kg/亩"; money to the fen, e.g. "1200.00 元". */
export function formatQuantity(q: Quantity): string {
	if (q.unit === 'yuan') return `${q.value.toFixed(2)} ${UNITS.yuan}`;
	return `${Number(q.value.toFixed(q.unit === 'yuanPerKg' || q.unit === 'yuanPerJin' ? 4 : 3))} ${UNITS[q.unit]}`;
}

/**
 * One line of what a record says: its details in the form's order, inputs (and a sale's batch) by name. Choices (e.g. 条施) are
 * left out unless `option` gives their words: the timeline keeps the line short, an export wants them. A
 * seedling survey comes first, in the words `survey` gives (e.g. "苗情调查：二类苗，密度 4,150 株/亩").
 */
export function logSummary(
	log: { type: string; details?: LogDetails },
	inputNames: ReadonlyMap<string, string>,
	option?: (value: string) => string,
	survey?: (detail: SurveyDetail) => string
): string {
	const form = LOG_FORMS[log.type as LogType] ?? [];
	const parts: string[] = [];
	const surveyed = log.details?.survey;
	if (survey && log.type === 'observation' && isSurveyDetail(surveyed))
		parts.push(survey(surveyed));
	for (const field of form) {
		const value = log.details?.[field.key];
		if (value === undefined) continue;
		if (isQuantity(value)) parts.push(formatQuantity(value));
		else if (typeof value !== 'string') continue;
		else if (field.kind === 'input') parts.push(inputNames.get(value) ?? '—');
		// a sale's batch is a batch id (shown by its trace code when `inputNames` has it) or older free text
		else if (field.key === 'batch') parts.push(inputNames.get(value) ?? value);
		else if (field.kind !== 'choice') parts.push(value);
		else if (option) parts.push(option(value));
	}
	return parts.join(' · ');
}

/** Planned work whose day (in Heilongjiang) is already past: not done on time, or done but not marked. */
export function isOverdue(log: { status: string; at: number }, now: number): boolean {
	return log.status === 'planned' && localDay(log.at) < localDay(now);
}

/** What the record form holds while it is filled in (and kept as a draft): text as typed. */
export interface LogForm {
	type: LogType;
	fieldId: string;
	status: 'planned' | 'done';
	/** `<input type="datetime-local">` value, Heilongjiang time. */
	when: string;
	notes: string;
	point: LogPoint | null;
	/** Text details as typed; quantities as { value: typed text, unit }. */
	details: Record<string, string | { value: string; unit: Unit }>;
	/** sha256 of photos already kept on the device. */
	photos: string[];
	/** A seedling survey the record holds: not edited in the record form, but kept through an edit. */
	survey?: SurveyDetail;
}

/**
 * The form as a record draft. Typed numbers are read as people type them (numbers.ts): a blank box is left
 * out, and something that is not a number ("2o") stays in as NaN, which validateLog refuses as not-a-number
 * (it is never taken for an empty box and dropped).
 */
export function logDraftOf(form: LogForm, at: number): LogDraft {
	const details: LogDetails = {};
	for (const [key, value] of Object.entries(form.details)) {
		if (typeof value === 'string') details[key] = value;
		else {
			const read = parseTyped(value.value);
			if (read.kind === 'blank') continue;
			details[key] = {
				value: read.kind === 'number' ? read.value : Number.NaN,
				unit: value.unit
			};
		}
	}
	if (form.survey) details.survey = form.survey;
	return {
		type: form.type,
		fieldId: form.fieldId || null,
		status: form.status,
		at,
		notes: form.notes.trim(),
		point: form.point,
		details
	};
}

/** A record back into the form, to change it. */
export function logFormOf(
	log: { type: string; fieldId: string | null; status: 'planned' | 'done'; notes: string },
	when: string,
	extra: { point?: LogPoint | null; details?: LogDetails; photos?: string[] }
): LogForm {
	const details: LogForm['details'] = {};
	for (const [key, value] of Object.entries(extra.details ?? {})) {
		if (typeof value === 'string') details[key] = value;
		else if (isQuantity(value)) details[key] = { value: String(value.value), unit: value.unit };
	}
	const survey = extra.details?.survey;
	return {
		type: (LOG_TYPES as readonly string[]).includes(log.type)
			? (log.type as LogType)
			: 'observation',
		fieldId: log.fieldId ?? '',
		status: log.status,
		when,
		notes: log.notes,
		point: extra.point ?? null,
		details,
		photos: extra.photos ?? [],
		...(isSurveyDetail(survey) ? { survey } : {})
	};
}
