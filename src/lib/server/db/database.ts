import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { ServerSchema } from './schema';

export type DbKind = 'sqlite' | 'postgres';

// bigint columns hold epoch milliseconds and revisions, well inside Number's exact range
pg.types.setTypeParser(20, Number);

export interface ServerDb {
	db: Kysely<ServerSchema>;
	kind: DbKind;
	/** Where the data is, with any password taken out, for logs. */
	location: string;
}

export interface DbConfig {
	/** A postgres:// or postgresql:// URL selects PostgreSQL. */
	databaseUrl?: string;
	/** The SQLite file when no DATABASE_URL is given. */
	sqlitePath?: string;
}

export const DEFAULT_SQLITE_PATH = 'data/heitu.sqlite';

export function isPostgresUrl(url: string | undefined): url is string {
	return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function redactUrl(url: string): string {
	return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export function createServerDb(config: DbConfig): ServerDb {
	if (config.databaseUrl && !isPostgresUrl(config.databaseUrl)) {
		throw new Error(
			`DATABASE_URL must start with postgres:// or postgresql:// (got "${redactUrl(config.databaseUrl)}"). Leave it unset to use the built-in SQLite database.`
		);
	}
	if (isPostgresUrl(config.databaseUrl)) {
		const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
		return {
			db: new Kysely<ServerSchema>({ dialect: new PostgresDialect({ pool }) }),
			kind: 'postgres',
			location: redactUrl(config.databaseUrl)
		};
	}
	const file = resolve(config.sqlitePath ?? DEFAULT_SQLITE_PATH);
	mkdirSync(dirname(file), { recursive: true });
	const database = new SQLite(file);
	// WAL lets readers go on while a sync push writes; foreign keys are off by default in SQLite.
	database.pragma('journal_mode = WAL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	return {
		db: new Kysely<ServerSchema>({ dialect: new SqliteDialect({ database }) }),
		kind: 'sqlite',
		location: file
	};
}

/** Brings the schema up to date. Throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<ServerSchema>): Promise<string[]> {
	const migrator = new Migrator({ db, provider: migrationProvider });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error) {
		const cause = error instanceof Error ? error.message : JSON.stringify(error);
		throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${cause}`, {
			cause: error
		});
	}
	return (results ?? []).map((r) => r.migrationName);
}

/** The newest migration applied, or null when the database can't be reached. */
export async function appliedMigration(db: Kysely<ServerSchema>): Promise<string | null> {
	const migrator = new Migrator({ db, provider: migrationProvider });
	const all = await migrator.getMigrations();
	return all.filter((m) => m.executedAt).at(-1)?.name ?? null;
}

export async function ping(db: Kysely<ServerSchema>): Promise<void> {
	await sql`select 1`.execute(db);
}
