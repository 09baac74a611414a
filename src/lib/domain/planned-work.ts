/**
 * How a planned job is told apart from the others in a short list (the home screen, the month's plan):
 * three "施肥" a season differ by what is put on (the product) and where (the field), so a line names both.
 */
import { LOG_FORMS, type LogDetails, type LogType } from './field-logs';

export interface JobLine {
	type: string;
	/** The products it uses, by name (fertilizing, spraying), or what it is about (a crop and variety). */
	what: string | null;
	/** The field's name; null for a job on no field, or on a field no longer known here. */
	field: string | null;
	at: number;
}

/** At most this many words of free text, so the line stays one glance long. */
const TEXT_WORDS = 2;

export function jobLine(
	log: { type: string; fieldId: string | null; at: number; details?: LogDetails },
	names: { fields: ReadonlyMap<string, string>; inputs: ReadonlyMap<string, string> }
): JobLine {
	const form = LOG_FORMS[log.type as LogType] ?? [];
	const value = (key: string) => {
		const v = log.details?.[key];
		return typeof v === 'string' && v.trim() ? v.trim() : null;
	};
	const products = form
		.filter((f) => f.kind === 'input')
		.map((f) => names.inputs.get(value(f.key) ?? '') ?? null)
		.filter((name): name is string => name !== null);
	const words = form
		.filter((f) => f.kind === 'text')
		.map((f) => value(f.key))
		.filter((text): text is string => text !== null)
		.slice(0, TEXT_WORDS);
	const what = products.length ? products.join('、') : words.length ? words.join(' ') : null;
	return {
		type: log.type,
		what,
		field: log.fieldId ? (names.fields.get(log.fieldId) ?? null) : null,
		at: log.at
	};
}
