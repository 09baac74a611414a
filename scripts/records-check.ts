/**
 * `npm run records:check`: checks every stored record against its table's schema now (the same check the
 * server runs at start after the rules change) and lists those that break it. Uses DATABASE_URL or
 * SQLITE_PATH as the server does. Exits 1 when any record breaks its schema.
 */
import {
	createServerDb,
	DEFAULT_SQLITE_PATH,
	migrateToLatest
} from '../src/lib/server/db/database';
import { createLogger } from '../src/lib/server/log';
import { auditStoredRecords } from '../src/lib/server/records/record-audit';

const server = createServerDb({
	databaseUrl: process.env.DATABASE_URL,
	sqlitePath: process.env.SQLITE_PATH || DEFAULT_SQLITE_PATH
});
try {
	await migrateToLatest(server.db);
	const report = await auditStoredRecords(server.db, Date.now, createLogger('warn'));
	const rows = await server.db
		.selectFrom('record_problems')
		.selectAll()
		.orderBy('table_name')
		.orderBy('id')
		.limit(200)
		.execute();
	console.log(`Checked ${report.checked} stored records (${server.location}).`);
	if (rows.length === 0) console.log('Every record passes its schema.');
	for (const r of rows)
		console.log(
			`${r.table_name}/${r.id} (owner ${r.owner_id}): ${r.path || '(record)'}: ${r.message}`
		);
	const total = Object.values(report.broken).reduce((a, b) => a + b, 0);
	if (total > rows.length) console.log(`… and ${total - rows.length} more.`);
	process.exitCode = total > 0 ? 1 : 0;
} finally {
	await server.db.destroy();
}
