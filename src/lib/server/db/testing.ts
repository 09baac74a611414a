/** For the server's unit tests: a database emptied of every table, so a shared PostgreSQL starts clean. */
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { DbConfig, ServerDb } from './database';

export const ALL_TABLES = [
	'expert_scopes',
	'rate_limits',
	'published_means',
	'blob_refs',
	'blob_uploads',
	'blobs',
	'record_problems',
	'assignments',
	'group_members',
	'group_invites',
	'groups',
	'trace_code_reservations',
	'trace_codes',
	'certificates',
	'applied_ops',
	'records',
	'password_resets',
	'sessions',
	'users',
	'counters',
	'app_meta',
	'kysely_migration',
	'kysely_migration_lock'
];

export async function dropAllTables(server: ServerDb): Promise<void> {
	for (const table of ALL_TABLES)
		await sql`drop table if exists ${sql.table(table)}`.execute(server.db);
}

/**
 * The databases a server test file runs on: a SQLite file in `dir`, and, where TEST_DATABASE_URL is set
 * (.ci/run starts Debian's postgresql), a PostgreSQL database of this file's own (`<name>`), made next to
 * that one, so test files running side by side never empty each other's tables.
 */
export async function testBackends(dir: string, name: string): Promise<[string, DbConfig][]> {
	const backends: [string, DbConfig][] = [['sqlite', { sqlitePath: join(dir, `${name}.sqlite`) }]];
	const base = process.env.TEST_DATABASE_URL;
	if (!base) return backends;
	const admin = new pg.Client({ connectionString: base });
	await admin.connect();
	const database = `${new URL(base).pathname.slice(1)}_${name}`;
	const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
	if (exists.rowCount === 0) await admin.query(`create database ${database}`);
	await admin.end();
	const url = new URL(base);
	url.pathname = `/${database}`;
	backends.push(['postgres', { databaseUrl: url.toString() }]);
	return backends;
}
