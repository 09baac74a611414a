/**
 * Farm records as a CSV file a farmer can open in Excel or WPS, or hand to a buyer or a cooperative for
 * traceability. RFC 4180 (quotes doubled, CRLF line ends), with a UTF-8 byte order mark: without it,
 * Excel on Chinese Windows reads the file as GBK and the Chinese turns to mojibake.
 */
import { isQuantity, LOG_FORMS, logSummary, UNITS } from './field-logs';
import type { SurveyDetail } from './seedling-survey';
import type { LogRecord, LogStatus } from './records';
import { localDay, toLocalInput } from './units';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** Every detail that is a quantity, once each, in the forms' order: one value and one unit column each. */
export const CSV_QUANTITY_KEYS: readonly string[] = [
	...new Set(
		Object.values(LOG_FORMS).flatMap((form) =>
			form.filter((f) => f.kind === 'quantity').map((f) => f.key)
		)
	)
];

export type CsvColumn =
	'at' | 'type' | 'status' | 'field' | 'details' | 'lat' | 'lng' | 'notes' | 'photos' | 'id';

/** The words of the user's language: the domain has none of its own. */
export interface RecordsCsvWords {
	columns: Record<CsvColumn, string>;
	/** Headers of a quantity's number column and of its unit column, by detail key. */
	quantity: (key: string) => { value: string; unit: string };
	/** The farmer's word for a kind of record, e.g. 施肥. */
	type: (type: string) => string;
	status: (status: LogStatus) => string;
	/** Words for a choice, e.g. band → 条施. */
	option: (value: string) => string;
	/** A seedling survey in one line, e.g. 苗情调查：二类苗，密度 4,150 株/亩. */
	survey?: (detail: SurveyDetail) => string;
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe, as
 * OWASP advises against CSV injection: a note or a field name typed as "=HYPERLINK(…)" stays text.
 */
function guard(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One cell, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function quote(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Text from people (names, notes, words): guarded, then quoted. */
export function textCell(text: string): string {
	return quote(guard(text));
}

/** A number the app wrote itself: never a formula, so not guarded (a longitude may be negative). */
export function numberCell(value: number | undefined): string {
	return value === undefined || !Number.isFinite(value) ? '' : String(value);
}

/** The records as CSV text: a header row, then one row per record in the order given. */
export function recordsCsv(
	logs: readonly LogRecord[],
	fieldNames: ReadonlyMap<string, string>,
	inputNames: ReadonlyMap<string, string>,
	words: RecordsCsvWords
): string {
	const c = words.columns;
	const header = [
		c.at,
		c.type,
		c.status,
		c.field,
		c.details,
		...CSV_QUANTITY_KEYS.flatMap((key) => {
			const q = words.quantity(key);
			return [q.value, q.unit];
		}),
		c.lat,
		c.lng,
		c.notes,
		c.photos,
		c.id
	].map(textCell);
	const rows = logs.map((log) => [
		// a datetime-local value is YYYY-MM-DDTHH:mm in Heilongjiang time; a space reads better in a sheet
		toLocalInput(log.at).replace('T', ' '),
		textCell(words.type(log.type)),
		textCell(words.status(log.status)),
		textCell(log.fieldId ? (fieldNames.get(log.fieldId) ?? '') : ''),
		textCell(logSummary(log, inputNames, words.option, words.survey)),
		...CSV_QUANTITY_KEYS.flatMap((key) => {
			const value = log.details?.[key];
			return isQuantity(value)
				? [numberCell(value.value), textCell(UNITS[value.unit] ?? value.unit)]
				: ['', ''];
		}),
		numberCell(log.point?.lat),
		numberCell(log.point?.lng),
		textCell(log.notes ?? ''),
		numberCell(log.photos?.length ?? 0),
		textCell(log.id)
	]);
	return csvFile([header, ...rows]);
}

/** Rows of cells (already made with textCell or numberCell) as a CSV file: BOM, CRLF after every row. */
export function csvFile(rows: readonly (readonly string[])[]): string {
	return BOM + rows.map((row) => row.join(',') + CRLF).join('');
}

/** `heitu-records-YYYY-MM-DD.csv`, dated by the day in Heilongjiang. */
export function recordsCsvFileName(now: number): string {
	return `heitu-records-${localDay(now)}.csv`;
}
