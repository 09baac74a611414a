import { SCHEMA_VERSION } from '$lib/domain/records';
import { appliedMigration, type ServerDb } from './db/database';

export interface Health {
	status: 'ok' | 'error';
	database: { kind: string; reachable: boolean; migration: string | null; error?: string };
	version: string;
	schemaVersion: number;
}

/** What GET /api/health answers: is the database reachable, which app and schema version is this. */
export async function checkHealth(server: ServerDb | null, version: string): Promise<Health> {
	if (!server) {
		return {
			status: 'error',
			database: { kind: 'none', reachable: false, migration: null, error: 'not started' },
			version,
			schemaVersion: SCHEMA_VERSION
		};
	}
	try {
		const migration = await appliedMigration(server.db);
		return {
			status: 'ok',
			database: { kind: server.kind, reachable: true, migration },
			version,
			schemaVersion: SCHEMA_VERSION
		};
	} catch (error) {
		return {
			status: 'error',
			database: {
				kind: server.kind,
				reachable: false,
				migration: null,
				error: error instanceof Error ? error.message : String(error)
			},
			version,
			schemaVersion: SCHEMA_VERSION
		};
	}
}
