/**
 * Stored records as the server's readers see them: untrusted. Every reader (dashboards, reports, the trace
 * and verify pages, the admin overview, certificates) gets records through here: parsed with their table's
 * schema (domain/record-schemas), so a reader's type is what was checked. What does not parse (written by an
 * older app before the schemas, or by hand) is skipped with one log line, never allowed to break a page.
 */
import type { Kysely } from 'kysely';
import { parseRecord, recordProblems, type TableRecords } from '$lib/domain/record-schemas';
import type { SyncedTable } from '$lib/domain/sync-protocol';
import type { ServerSchema } from '../db/schema';
import { log as defaultLog, type Logger } from '../log';

interface Row {
	id: string;
	data: string;
	/** Per-field stamps as JSON: the merge's, which no reader uses; kept so a record is whole. */
	clocks: string;
	owner_id?: string;
}

/** One line per unreadable record per process, not one per page view. */
const REPORTED_MAX = 10_000;
const reported = new Set<string>();

/** The row's JSON as an object, or null when it is not one. */
export function rowData(data: string): Record<string, unknown> | null {
	try {
		const value: unknown = JSON.parse(data);
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

/** Clock stamps by field, as far as they are strings; readers never use them. */
export function clocksOf(json: string): Record<string, string> {
	const data = rowData(json) ?? {};
	return Object.fromEntries(
		Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string')
	);
}

/** The record of a `records` row, checked against its table's schema; null (and one log line) if it fails. */
export function readStored<T extends SyncedTable>(
	table: T,
	row: Row,
	logger: Logger = defaultLog
): TableRecords[T] | null {
	const data = rowData(row.data);
	const value = data ? { ...data, id: row.id } : null;
	const record = value ? parseRecord(table, value) : null;
	if (record)
		return {
			...record,
			ownerId: row.owner_id ?? record.ownerId ?? '',
			clocks: clocksOf(row.clocks)
		} as TableRecords[T];
	const key = `${row.owner_id ?? ''}/${table}/${row.id}`;
	if (!reported.has(key) && reported.size < REPORTED_MAX) {
		reported.add(key);
		const problem = value ? recordProblems(table, value)[0] : { path: '', message: 'not JSON' };
		logger.warn('stored record skipped: it breaks its schema', {
			table,
			id: row.id,
			owner: row.owner_id,
			path: problem?.path,
			problem: problem?.message
		});
	}
	return null;
}

/** The live (not deleted) records of a table for these owners, readable ones only, by owner. */
export async function liveRecordsByOwner<T extends SyncedTable>(
	db: Kysely<ServerSchema>,
	table: T,
	owners: readonly string[]
): Promise<Map<string, TableRecords[T][]>> {
	const byOwner = new Map<string, TableRecords[T][]>();
	if (owners.length === 0) return byOwner;
	const rows = await db
		.selectFrom('records')
		.select(['owner_id', 'id', 'data', 'clocks'])
		.where('table_name', '=', table)
		.where('owner_id', 'in', owners)
		.where('deleted', '=', 0)
		.execute();
	for (const row of rows) {
		const record = readStored(table, row);
		if (!record || record.deleted) continue;
		const list = byOwner.get(row.owner_id);
		if (list) list.push(record);
		else byOwner.set(row.owner_id, [record]);
	}
	return byOwner;
}

/** One owner's live records of a table. */
export async function liveRecords<T extends SyncedTable>(
	db: Kysely<ServerSchema>,
	table: T,
	owner: string
): Promise<TableRecords[T][]> {
	return (await liveRecordsByOwner(db, table, [owner])).get(owner) ?? [];
}

/**
 * One owner's records of several tables, in one query: live ones, and for the tables in `withDeleted` deleted
 * ones too (an inventory item taken off the list still says what was sprayed). `skipped` counts, per table,
 * the stored records that break their schema and were left out, so a reader can say what it could not read.
 */
export async function ownerRecords<K extends SyncedTable>(
	db: Kysely<ServerSchema>,
	owner: string,
	tables: readonly K[],
	withDeleted: readonly K[] = []
): Promise<{ records: { [T in K]: TableRecords[T][] }; skipped: Partial<Record<K, number>> }> {
	const records = Object.fromEntries(tables.map((t) => [t, []])) as unknown as {
		[T in K]: TableRecords[T][];
	};
	const skipped: Partial<Record<K, number>> = {};
	const rows = await db
		.selectFrom('records')
		.select(['table_name', 'id', 'data', 'clocks', 'deleted'])
		.where('owner_id', '=', owner)
		.where('table_name', 'in', tables)
		.execute();
	for (const row of rows) {
		// the query asked for these tables only
		const table = row.table_name as K;
		const keepDeleted = withDeleted.includes(table);
		if (row.deleted && !keepDeleted) continue;
		const record = readStored(table, { ...row, owner_id: owner });
		if (!record) skipped[table] = (skipped[table] ?? 0) + 1;
		else if (!record.deleted || keepDeleted) records[table].push(record);
	}
	return { records, skipped };
}
