import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../health';
import { appliedMigration, createServerDb, migrateToLatest, redactUrl } from './database';
import { LATEST_MIGRATION, migrations } from './migrations';
import { dropAllTables, testBackends } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'heitu-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// the SQLite file in a folder that does not exist yet: the server makes it
const backends = await testBackends(join(dir, 'nested'), 'database');

describe.each(backends)('server database on %s', (kind, config) => {
	it('migrates a new database, and a second run changes nothing', async () => {
		const server = createServerDb(config);
		try {
			expect(server.kind).toBe(kind);
			await dropAllTables(server);

			expect(await migrateToLatest(server.db)).toEqual(Object.keys(migrations));
			expect(await migrateToLatest(server.db)).toEqual([]);
			expect(await appliedMigration(server.db)).toBe(LATEST_MIGRATION);
			const row = await server.db
				.selectFrom('app_meta')
				.select('value')
				.where('key', '=', 'created_at')
				.executeTakeFirstOrThrow();
			expect(Date.parse(row.value)).not.toBeNaN();

			const health = await checkHealth(server, '1.2.3');
			expect(health).toMatchObject({
				status: 'ok',
				version: '1.2.3',
				database: { kind, reachable: true, migration: LATEST_MIGRATION }
			});
		} finally {
			await server.db.destroy();
		}
	});
});

describe('configuration', () => {
	it('reports a database that cannot be reached instead of crashing', async () => {
		// nothing listens on the discard port on this machine
		const server = createServerDb({ databaseUrl: 'postgres://heitu:pw@127.0.0.1:9/heitu' });
		try {
			const health = await checkHealth(server, '1.2.3');
			expect(health.status).toBe('error');
			expect(health.database).toMatchObject({ kind: 'postgres', reachable: false });
		} finally {
			await server.db.destroy();
		}
	});

	it('refuses a DATABASE_URL that is not PostgreSQL, saying what to do', () => {
		expect(() => createServerDb({ databaseUrl: 'mysql://u:secret@h/db' })).toThrow(
			/must start with postgres:\/\/.*mysql:\/\/u:\*\*\*@h\/db.*Leave it unset/
		);
	});

	it('keeps passwords out of logs', () => {
		expect(redactUrl('postgres://heitu:s3cret@localhost:5432/heitu')).toBe(
			'postgres://heitu:***@localhost:5432/heitu'
		);
	});
});
