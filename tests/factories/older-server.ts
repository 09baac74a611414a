import type { Kysely } from 'kysely';
import type { ServerSchema } from '../../src/lib/server/db/schema';

/**
 * Writes a record straight into the server's `records` table, as a server from before the record schemas
 * stored whatever a device sent: for tests of what readers and the audit do with records that break the rules.
 * Revisions count from a million, clear of those the sync service gives.
 */
let rev = 1_000_000;
export function storeAsOlderServer(
	db: Kysely<ServerSchema>,
	owner: string,
	table: string,
	id: string,
	data: Record<string, unknown>
) {
	return db
		.insertInto('records')
		.values({
			owner_id: owner,
			table_name: table,
			id,
			data: JSON.stringify({
				id,
				hlc: '001764000000000-00000-olderserver',
				deleted: false,
				createdAt: 1,
				updatedAt: 1,
				...data
			}),
			clocks: '{}',
			deleted: 0,
			rev: ++rev,
			updated_at: Date.now()
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
}
