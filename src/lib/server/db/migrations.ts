import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Migrations in order, the same on SQLite and PostgreSQL: only portable column types and Kysely's schema
 * builder. They are code, not files, so they travel inside the built server. Never edit a released one.
 */
export const migrations: Record<string, Migration> = {
	'0001_app_meta': {
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('app_meta')
				.addColumn('key', 'text', (c) => c.primaryKey())
				.addColumn('value', 'text', (c) => c.notNull())
				.execute();
			await sql`insert into app_meta (key, value) values ('created_at', ${new Date().toISOString()})`.execute(
				db
			);
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('app_meta').execute();
		}
	}
};

export const migrationProvider: MigrationProvider = {
	getMigrations: () => Promise.resolve(migrations)
};

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) ?? '';
