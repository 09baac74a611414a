/**
 * A batch's trace chain (trace.ts) as a CSV file, one row per event, for a buyer, a cooperative or an
 * inspector who reads spreadsheets rather than EPCIS. Written as records-csv.ts writes records: UTF-8 with
 * a byte order mark (Excel on Chinese Windows), RFC 4180, text that a spreadsheet would run as a formula
 * guarded, times on Heilongjiang's clock. The field's place is the rounded one of the chain (about a
 * village), and may be left out; no notes, photos or GPS points are in the chain to begin with.
 */
import { UNITS } from './field-logs';
import { csvFile, numberCell, textCell } from './records-csv';
import type { TraceEvent, TraceEventKind } from './trace';
import { localDay, toLocalInput } from './units';

export const TRACE_CSV_COLUMNS = [
	'at',
	'kind',
	'field',
	'lat',
	'lng',
	'crop',
	'variety',
	'seedLot',
	'product',
	'registrationNo',
	'amount',
	'amountUnit',
	'target',
	'phiDays',
	'safeDay',
	'phiRespected',
	'quantityKg',
	'batch',
	'from',
	'buyer',
	'details'
] as const;
export type TraceCsvColumn = (typeof TRACE_CSV_COLUMNS)[number];

/** The words of the user's language: the domain has none of its own. */
export interface TraceCsvWords {
	columns: Record<TraceCsvColumn, string>;
	/** The farmer's word for an event, e.g. 施肥, 分批. */
	kind: (kind: TraceEventKind) => string;
	/** Whether the pre-harvest interval was kept: yes, no, or cannot say (no interval on the label record). */
	kept: (kept: boolean | null) => string;
	/** Words for a choice, e.g. band → 条施. */
	option: (value: string) => string;
	/** The rest of an event in one phrase: moisture, lot mark, harvest days, yield estimate, seedlings. */
	details: (event: TraceEvent) => string;
}

export interface TraceCsvOptions {
	/** 'village' (default): the field's rounded place; 'omit': no coordinates. */
	location?: 'village' | 'omit';
	/** Name the buyer of each sale (default true; false for a file that goes to the public). */
	buyer?: boolean;
}

/** The chain as CSV text: a header row, then one row per event in the chain's order. */
export function traceCsv(
	chain: readonly TraceEvent[],
	words: TraceCsvWords,
	options: TraceCsvOptions = {}
): string {
	const header = TRACE_CSV_COLUMNS.map((c) => textCell(words.columns[c]));
	const place = options.location !== 'omit';
	const rows = chain.map((e) => {
		const cells: Record<TraceCsvColumn, string> = {
			// a datetime-local value is YYYY-MM-DDTHH:mm in Heilongjiang time; a space reads better in a sheet
			at: toLocalInput(e.at).replace('T', ' '),
			kind: textCell(words.kind(e.kind)),
			field: textCell(e.fieldName ?? ''),
			lat: place ? numberCell(e.place?.lat) : '',
			lng: place ? numberCell(e.place?.lng) : '',
			crop: textCell(e.crop ?? ''),
			variety: textCell(e.variety ?? ''),
			seedLot: textCell(e.seedLot ?? ''),
			product: textCell(e.product?.name ?? (e.product === null ? '—' : '')),
			registrationNo: textCell(e.product?.registrationNo ?? ''),
			amount: numberCell(e.amount?.value),
			amountUnit: textCell(e.amount ? (UNITS[e.amount.unit] ?? e.amount.unit) : ''),
			target: textCell(e.target ?? ''),
			phiDays: numberCell(e.phiDays ?? undefined),
			safeDay: e.safeDay ?? '',
			phiRespected: e.phiRespected === undefined ? '' : textCell(words.kept(e.phiRespected)),
			quantityKg: numberCell(e.quantityKg ?? (e.logId ? undefined : e.batch?.quantityKg)),
			batch: textCell(e.batch?.code ?? ''),
			from: textCell((e.inputs ?? []).map((i) => i.code).join(' + ')),
			buyer: options.buyer === false ? '' : textCell(e.buyer ?? ''),
			details: textCell(
				[e.method ? words.option(e.method) : '', words.details(e)].filter(Boolean).join(' · ')
			)
		};
		return TRACE_CSV_COLUMNS.map((c) => cells[c]);
	});
	return csvFile([header, ...rows]);
}

/** `heitu-trace-<code>-YYYY-MM-DD.csv`: the code kept to letters, digits and dashes, dated in Heilongjiang. */
export function traceCsvFileName(code: string, now: number): string {
	const safe = code.replace(/[^\p{L}\p{N}-]+/gu, '_').slice(0, 40) || 'batch';
	return `heitu-trace-${safe}-${localDay(now)}.csv`;
}
