import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { photoHashesOf, PHOTO_FIELDS } from '../../domain/record-schemas/photo-fields';
import type { SyncedTable } from '../../domain/sync-protocol';

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
	},
	'0002_accounts_and_sync': {
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('users')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('login', 'text', (c) => c.notNull().unique())
				.addColumn('password_hash', 'text', (c) => c.notNull())
				.addColumn('role', 'text', (c) => c.notNull())
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('sessions')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.addColumn('expires_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('records')
				.addColumn('owner_id', 'text', (c) => c.notNull())
				.addColumn('table_name', 'text', (c) => c.notNull())
				.addColumn('id', 'text', (c) => c.notNull())
				.addColumn('data', 'text', (c) => c.notNull())
				.addColumn('clocks', 'text', (c) => c.notNull())
				.addColumn('deleted', 'integer', (c) => c.notNull())
				.addColumn('rev', 'bigint', (c) => c.notNull())
				.addColumn('updated_at', 'bigint', (c) => c.notNull())
				.addPrimaryKeyConstraint('records_pk', ['owner_id', 'table_name', 'id'])
				.execute();
			await db.schema
				.createIndex('records_owner_rev')
				.on('records')
				.columns(['owner_id', 'rev'])
				.execute();
			await db.schema
				.createIndex('records_table_id')
				.on('records')
				.columns(['table_name', 'id'])
				.execute();
			await db.schema
				.createTable('applied_ops')
				.addColumn('op_id', 'text', (c) => c.primaryKey())
				.addColumn('user_id', 'text', (c) => c.notNull())
				.addColumn('rev', 'bigint', (c) => c.notNull())
				.addColumn('applied_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('counters')
				.addColumn('name', 'text', (c) => c.primaryKey())
				.addColumn('value', 'bigint', (c) => c.notNull())
				.execute();
			await sql`insert into counters (name, value) values ('rev', 0)`.execute(db);
		},
		async down(db: Kysely<unknown>) {
			for (const table of ['counters', 'applied_ops', 'records', 'sessions', 'users']) {
				await db.schema.dropTable(table).execute();
			}
		}
	},
	'0003_certificates': {
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('certificates')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('user_id', 'text', (c) => c.notNull())
				.addColumn('track', 'text', (c) => c.notNull())
				.addColumn('holder', 'text', (c) => c.notNull())
				.addColumn('lessons', 'text', (c) => c.notNull())
				.addColumn('credits', 'integer', (c) => c.notNull())
				.addColumn('issued_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('certificates_user_track')
				.on('certificates')
				.columns(['user_id', 'track'])
				.unique()
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('certificates').execute();
		}
	},
	'0004_trace_codes': {
		// every batch trace code ever given, across all accounts: codes are made offline, so the server is
		// where a (most unlikely) second batch with the same code is caught; a code is never reused
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('trace_codes')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('owner_id', 'text', (c) => c.notNull())
				.addColumn('batch_id', 'text', (c) => c.notNull())
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('trace_codes').execute();
		}
	},
	'0005_groups': {
		// extension agents' groups (issue 9): members choose what they share; leaving deletes the row
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('groups')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('agent_id', 'text', (c) =>
					c.notNull().references('users.id').onDelete('cascade')
				)
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema.createIndex('groups_agent').on('groups').column('agent_id').execute();
			await db.schema
				.createTable('group_invites')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('group_id', 'text', (c) =>
					c.notNull().references('groups.id').onDelete('cascade')
				)
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.addColumn('expires_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('group_members')
				.addColumn('group_id', 'text', (c) =>
					c.notNull().references('groups.id').onDelete('cascade')
				)
				.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
				.addColumn('share_learning', 'integer', (c) => c.notNull())
				.addColumn('share_observations', 'integer', (c) => c.notNull())
				.addColumn('share_locations', 'integer', (c) => c.notNull())
				.addColumn('joined_at', 'bigint', (c) => c.notNull())
				.addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
				.execute();
			await db.schema
				.createIndex('group_members_user')
				.on('group_members')
				.column('user_id')
				.execute();
			await db.schema
				.createTable('assignments')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('group_id', 'text', (c) =>
					c.notNull().references('groups.id').onDelete('cascade')
				)
				.addColumn('lesson_id', 'text', (c) => c.notNull())
				.addColumn('due_at', 'bigint', (c) => c.notNull())
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('assignments_group')
				.on('assignments')
				.column('group_id')
				.execute();
		},
		async down(db: Kysely<unknown>) {
			for (const table of ['assignments', 'group_members', 'group_invites', 'groups'])
				await db.schema.dropTable(table).execute();
		}
	},
	'0006_record_problems': {
		// stored records that break their table's schema (server/records/record-audit.ts), as last checked
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('record_problems')
				.addColumn('owner_id', 'text', (c) => c.notNull())
				.addColumn('table_name', 'text', (c) => c.notNull())
				.addColumn('id', 'text', (c) => c.notNull())
				.addColumn('path', 'text', (c) => c.notNull())
				.addColumn('message', 'text', (c) => c.notNull())
				.addColumn('found_at', 'bigint', (c) => c.notNull())
				.addPrimaryKeyConstraint('record_problems_pk', ['owner_id', 'table_name', 'id'])
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('record_problems').execute();
		}
	},
	'0007_limits': {
		// rate limits shared by every server process on this database (server/auth/limits.ts)
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('rate_limits')
				.addColumn('key', 'text', (c) => c.primaryKey())
				.addColumn('tries', 'integer', (c) => c.notNull())
				.addColumn('reset_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('rate_limits_reset_at')
				.on('rate_limits')
				.column('reset_at')
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('rate_limits').execute();
		}
	},
	'0008_blobs': {
		// who uploaded each photo and which records name it in a photo field (server/blobs/blob-store.ts):
		// a photo is served to its uploaders (and whom they share it with), never for naming its hash
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('blobs')
				.addColumn('hash', 'text', (c) => c.primaryKey())
				.addColumn('size', 'bigint', (c) => c.notNull())
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('blob_uploads')
				.addColumn('hash', 'text', (c) => c.notNull())
				.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
				.addColumn('total', 'bigint', (c) => c.notNull())
				.addColumn('received', 'bigint', (c) => c.notNull())
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.addColumn('updated_at', 'bigint', (c) => c.notNull())
				.addColumn('completed_at', 'bigint')
				.addPrimaryKeyConstraint('blob_uploads_pk', ['hash', 'user_id'])
				.execute();
			await db.schema
				.createIndex('blob_uploads_user')
				.on('blob_uploads')
				.column('user_id')
				.execute();
			await db.schema
				.createTable('blob_refs')
				.addColumn('owner_id', 'text', (c) => c.notNull())
				.addColumn('table_name', 'text', (c) => c.notNull())
				.addColumn('record_id', 'text', (c) => c.notNull())
				.addColumn('hash', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('blob_refs_pk', ['owner_id', 'table_name', 'record_id', 'hash'])
				.execute();
			await db.schema.createIndex('blob_refs_hash').on('blob_refs').column('hash').execute();
			// the photo fields of the records already stored; who uploaded them before this was kept is not
			// known: the accounts naming them in a photo field are taken as their uploaders (legacyBlobs at the
			// start finds which of them the server holds, and forgets the others)
			const now = Date.now();
			const rows = await sql<{ owner_id: string; table_name: string; id: string; data: string }>`
				select owner_id, table_name, id, data from records
				where deleted = 0 and table_name in (${sql.join(Object.keys(PHOTO_FIELDS))})`.execute(db);
			const uploads = new Set<string>();
			for (const row of rows.rows) {
				let data: unknown;
				try {
					data = JSON.parse(row.data);
				} catch {
					continue;
				}
				if (typeof data !== 'object' || data === null) continue;
				const hashes = photoHashesOf(
					row.table_name as SyncedTable,
					data as Record<string, unknown>
				);
				for (const hash of hashes) {
					await sql`insert into blob_refs (owner_id, table_name, record_id, hash)
						values (${row.owner_id}, ${row.table_name}, ${row.id}, ${hash})`.execute(db);
					const key = `${hash} ${row.owner_id}`;
					if (uploads.has(key)) continue;
					uploads.add(key);
					await sql`insert into blob_uploads
						(hash, user_id, total, received, created_at, updated_at, completed_at)
						select ${hash}, id, 0, 0, ${now}, ${now}, ${now} from users where id = ${row.owner_id}`.execute(db);
				}
			}
		},
		async down(db: Kysely<unknown>) {
			for (const table of ['blob_refs', 'blob_uploads', 'blobs'])
				await db.schema.dropTable(table).execute();
		}
	},
	'0009_password_resets': {
		// an admin's one-time code for a user who forgot the password (auth/accounts.ts issueResetCode)
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('password_resets')
				.addColumn('user_id', 'text', (c) =>
					c.primaryKey().references('users.id').onDelete('cascade')
				)
				.addColumn('code_hash', 'text', (c) => c.notNull())
				.addColumn('created_by', 'text', (c) => c.notNull())
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.addColumn('expires_at', 'bigint', (c) => c.notNull())
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('password_resets').execute();
		}
	},
	'0010_trace_code_reservations': {
		// trace codes handed to an account before any batch has them (POST /api/trace-codes/reserve), so a
		// label printed offline can't be claimed by another account; a row goes when its batch claims it
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('trace_code_reservations')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('owner_id', 'text', (c) => c.notNull())
				.addColumn('reserved_at', 'bigint', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('trace_code_reservations_owner')
				.on('trace_code_reservations')
				.columns(['owner_id', 'reserved_at'])
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('trace_code_reservations').execute();
		}
	},
	'0011_published_means': {
		// the assessment means a group last published (server/groups/member-data.ts): a new value only when 5
		// of the members it counts have changed since, so no difference between two reads singles one out
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('published_means')
				.addColumn('group_id', 'text', (c) => c.primaryKey())
				// JSON { userId: fingerprint of the assessment counted }: no one's scores
				.addColumn('contributors', 'text', (c) => c.notNull())
				// JSON { dimension: mean }
				.addColumn('means', 'text', (c) => c.notNull())
				.addColumn('published_at', 'bigint', (c) => c.notNull())
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('published_means').execute();
		}
	},
	'0012_expert_scopes': {
		// what an expert (role `expert`, issue 22) answers for: crops and counties the admin set; the row goes
		// when the admin gives the account another role
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('expert_scopes')
				.addColumn('user_id', 'text', (c) =>
					c.primaryKey().references('users.id').onDelete('cascade')
				)
				// JSON lists of names (domain/questions.ts scopeKey)
				.addColumn('crops', 'text', (c) => c.notNull())
				.addColumn('counties', 'text', (c) => c.notNull())
				.addColumn('set_by', 'text', (c) => c.notNull())
				.addColumn('set_at', 'bigint', (c) => c.notNull())
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('expert_scopes').execute();
		}
	}
};

export const migrationProvider: MigrationProvider = {
	getMigrations: () => Promise.resolve(migrations)
};

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) ?? '';
