/**
 * The migration check of stored records: every live record is read with its table's schema, and those that
 * break it (stored by an older app before the schemas, or written by hand) are listed in `record_problems`
 * and logged. Readers skip them anyway (stored-records.ts); this says how many and which, so an operator can
 * see it in the admin overview or with `npm run records:check`. It runs when the server starts after the
 * rules changed (RECORD_RULES_VERSION), in the background: a big database must not delay the start.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { RECORD_RULES_VERSION, recordProblems } from '$lib/domain/record-schemas';
import { SYNCED_TABLES, type SyncedTable } from '$lib/domain/sync-protocol';
import type { ServerSchema } from '../db/schema';
import { log as defaultLog, type Logger } from '../log';
import { rowData } from './stored-records';

const PAGE = 1000;
const META_KEY = 'record_audit';

export interface AuditReport {
	rules: number;
	at: number;
	checked: number;
	/** Records that break their schema, by table. */
	broken: Partial<Record<SyncedTable, number>>;
}

function isTable(name: string): name is SyncedTable {
	return (SYNCED_TABLES as readonly string[]).includes(name);
}

/** Checks every live stored record; replaces `record_problems` with what it found. */
export async function auditStoredRecords(
	db: Kysely<ServerSchema>,
	now: () => number = Date.now,
	logger: Logger = defaultLog
): Promise<AuditReport> {
	const at = now();
	const report: AuditReport = { rules: RECORD_RULES_VERSION, at, checked: 0, broken: {} };
	const found: ServerSchema['record_problems'][] = [];
	let after: { owner_id: string; table_name: string; id: string } | null = null;
	for (;;) {
		let query = db
			.selectFrom('records')
			.select(['owner_id', 'table_name', 'id', 'data'])
			.where('deleted', '=', 0)
			.orderBy('owner_id')
			.orderBy('table_name')
			.orderBy('id')
			.limit(PAGE);
		if (after) {
			const from = after;
			query = query.where((eb) =>
				eb(
					eb.refTuple('owner_id', 'table_name', 'id'),
					'>',
					eb.tuple(from.owner_id, from.table_name, from.id)
				)
			);
		}
		const rows = await query.execute();
		for (const row of rows) {
			report.checked += 1;
			const data = rowData(row.data);
			const problem = !isTable(row.table_name)
				? { path: '', message: `not a synced table: ${row.table_name}` }
				: data
					? recordProblems(row.table_name, { ...data, id: row.id })[0]
					: { path: '', message: 'not JSON' };
			if (!problem) continue;
			if (isTable(row.table_name))
				report.broken[row.table_name] = (report.broken[row.table_name] ?? 0) + 1;
			found.push({
				owner_id: row.owner_id,
				table_name: row.table_name,
				id: row.id,
				path: problem.path,
				message: problem.message,
				found_at: at
			});
		}
		if (rows.length < PAGE) break;
		after = rows.at(-1)!;
	}
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('record_problems').execute();
		for (let i = 0; i < found.length; i += 200)
			await trx
				.insertInto('record_problems')
				.values(found.slice(i, i + 200))
				.execute();
		const value = JSON.stringify(report);
		await trx.deleteFrom('app_meta').where('key', '=', META_KEY).execute();
		await trx.insertInto('app_meta').values({ key: META_KEY, value }).execute();
	});
	const brokenCount = found.length;
	const summary = { checked: report.checked, broken: brokenCount, byTable: report.broken };
	if (brokenCount) logger.warn('stored records checked: some break their schemas', summary);
	else logger.info('stored records checked: all pass their schemas', summary);
	return report;
}

const reportSchema = z.object({
	rules: z.number(),
	at: z.number(),
	checked: z.number(),
	broken: z.partialRecord(z.enum(SYNCED_TABLES), z.number())
});

/** The last audit's report, if any. */
export async function lastAudit(db: Kysely<ServerSchema>): Promise<AuditReport | null> {
	const row = await db
		.selectFrom('app_meta')
		.select('value')
		.where('key', '=', META_KEY)
		.executeTakeFirst();
	const parsed = reportSchema.safeParse(row ? rowData(row.value) : null);
	return parsed.success ? parsed.data : null;
}

/** Runs the audit when the rules changed since the last one (or there was none). */
export async function auditIfRulesChanged(
	db: Kysely<ServerSchema>,
	now: () => number = Date.now,
	logger: Logger = defaultLog
): Promise<AuditReport | null> {
	const last = await lastAudit(db);
	if (last?.rules === RECORD_RULES_VERSION) return null;
	return auditStoredRecords(db, now, logger);
}

/**
 * How many stored records break their schema (for the admin overview): the last audit's list, each looked at
 * again first, so a record mended since (a new change from the phone) or deleted no longer counts.
 */
export async function brokenRecordCount(db: Kysely<ServerSchema>): Promise<number> {
	const listed = await db.selectFrom('record_problems').selectAll().limit(RECHECK_MAX).execute();
	for (const p of listed) {
		const row = await db
			.selectFrom('records')
			.select(['data', 'deleted'])
			.where('owner_id', '=', p.owner_id)
			.where('table_name', '=', p.table_name)
			.where('id', '=', p.id)
			.executeTakeFirst();
		const data = row && !row.deleted ? rowData(row.data) : null;
		const still =
			data !== null &&
			(!isTable(p.table_name) || recordProblems(p.table_name, { ...data, id: p.id }).length > 0);
		if (!still)
			await db
				.deleteFrom('record_problems')
				.where('owner_id', '=', p.owner_id)
				.where('table_name', '=', p.table_name)
				.where('id', '=', p.id)
				.execute();
	}
	const { count } = await db
		.selectFrom('record_problems')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(count);
}

/** The admin overview looks again at this many listed records at most (a big list is the log's to show). */
const RECHECK_MAX = 1000;
