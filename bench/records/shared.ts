/**
 * What the records benchmark's driver (Node) and its page scripts share: names and result shapes only,
 * nothing that touches a browser, so both sides can import it.
 */
export const QUERIES = ['open', 'openLive', 'filter', 'newest'] as const;
export type QueryName = (typeof QUERIES)[number];

/** One timed read: the query alone, the query and its rows on screen, and how many rows. */
export interface Sample {
	query: number;
	total: number;
	count: number;
}

/**
 * Where the time of opening a timeline goes, each part timed alone on the same field's records: the read
 * as FarmRecords does it and as one getAll, the dates as formatDate makes them and with one shared
 * formatter, and the list's DOM and layout without dates.
 */
export const PARTS = [
	'readCursor',
	'readGetAll',
	'formatDate',
	'sharedFormatter',
	'domLayout'
] as const;
export type PartName = (typeof PARTS)[number];

export interface Measured {
	reads: Record<QueryName, Sample[]>;
	parts: Record<PartName, number[]>;
}

export interface Seeded {
	fields: number;
	logs: number;
	inputs: number;
	planned: number;
	seedMs: number;
	/** Field ids in creation order, for the driver to choose from. */
	fieldIds: string[];
}
