/**
 * Records stored before the schemas (or by hand) that break them: found by the audit, skipped by every
 * reader with a log line, never a crash. The cases are the issue's: a profile `displayName: 42`, a
 * `lessonProgress.history` of "x", a field `boundary: {}` with an observation on it, an agent named ["x"].
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hlcToString } from '$lib/domain/hlc';
import type { SyncedTable } from '$lib/domain/sync-protocol';
import { Accounts, type User } from '../auth/accounts';
import { createServerDb, migrateToLatest, type DbConfig } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import { Admin } from '../groups/admin';
import { Groups } from '../groups/groups';
import { SyncService } from '../sync/sync-service';
import { createLogger } from '../log';
import { auditIfRulesChanged, auditStoredRecords, brokenRecordCount } from './record-audit';
import { readStored } from './stored-records';
import { ONE_LESSON } from '../../../../tests/factories/lessons';
import { storeAsOlderServer } from '../../../../tests/factories/older-server';
import { createPatch } from '../../../../tests/factories/records';

const dir = mkdtempSync(join(tmpdir(), 'heitu-stored-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backends = await testBackends(dir, 'stored');

const NOW = Date.UTC(2026, 10, 29, 4);
const LESSONS = ONE_LESSON;
const ALL = { learning: true, observations: true, locations: true };

describe('readStored', () => {
	it('gives the record when it passes its schema, and null with one log line when not', () => {
		const lines: string[] = [];
		const logger = createLogger('debug', (l) => lines.push(l));
		const good = {
			id: 'me',
			data: JSON.stringify(
				createPatch('profile', { hlc: '001764000000000-00000-a', displayName: '王丽' })
			),
			clocks: '{}'
		};
		expect(readStored('profile', good, logger)?.displayName).toBe('王丽');
		const bad = {
			id: 'me',
			owner_id: 'u1',
			data: JSON.stringify({
				...createPatch('profile'),
				hlc: '001764000000000-00000-a',
				displayName: 42
			}),
			clocks: '{}'
		};
		expect(readStored('profile', bad, logger)).toBeNull();
		expect(readStored('profile', bad, logger)).toBeNull();
		expect(
			readStored('profile', { id: 'x', owner_id: 'u2', data: 'not json', clocks: '' }, logger)
		).toBeNull();
		expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
			expect.objectContaining({ level: 'warn', table: 'profile', id: 'me', path: 'displayName' }),
			expect.objectContaining({ level: 'warn', table: 'profile', id: 'x', problem: 'not JSON' })
		]);
	});
});

describe.each(backends)(
	'stored records that break their schema, on %s',
	(_kind, config: DbConfig) => {
		it('are reported by the audit and skipped by the dashboards, groups and admin overview', async () => {
			const server = createServerDb(config);
			await dropAllTables(server);
			await migrateToLatest(server.db);
			const accounts = new Accounts(server.db);
			const sync = new SyncService(server, () => NOW);
			const groups = new Groups(server.db, LESSONS, () => NOW);
			const admin = new Admin(server.db, () => NOW);
			let n = 0;
			const push = (user: User, table: SyncedTable, id: string, patch: Record<string, unknown>) =>
				sync.push(user.id, [
					{
						opId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
						table,
						recordId: id,
						patch: createPatch(table, patch, { id, at: NOW - 86_400_000 }),
						hlc: hlcToString({ wall: NOW - 60_000 + n, counter: 0, node: 'phone' })
					}
				]);
			// what an older server stored as it came: written straight to the table
			const store = (owner: User, table: string, id: string, data: Record<string, unknown>) =>
				storeAsOlderServer(server.db, owner.id, table, id, data);

			const agent = await accounts.createUser('agent_li', 'black-soil-2026', 'agent');
			const root = await accounts.createUser('root', 'black-soil-2026', 'admin');
			const good = await accounts.createUser('farmer_good', 'black-soil-2026');
			const broken = await accounts.createUser('farmer_old', 'black-soil-2026');
			const group = await groups.create(agent, '红星村');
			await groups.join(good, group.invite!.code, ALL);
			await groups.join(broken, group.invite!.code, ALL);

			await push(good, 'profile', 'me', { displayName: '王丽', village: '红星村' });
			await push(good, 'fields', 'f1', { name: '东大地' });
			await push(good, 'logs', 'o1', {
				type: 'observation',
				fieldId: 'f1',
				details: { pest: '玉米螟' }
			});
			await store(broken, 'profile', 'me', { displayName: 42, village: '' });
			await store(broken, 'lessonProgress', 'safety-1', {
				lessonId: 'safety-1',
				progress: 0.2,
				completedAt: null,
				history: 'x'
			});
			await store(broken, 'fields', 'f9', { name: '坏地', areaM2: 1, boundary: {} });
			await store(broken, 'logs', 'o9', {
				type: 'observation',
				fieldId: 'f9',
				status: 'done',
				at: NOW - 1000,
				notes: '',
				details: {}
			});
			await store(agent, 'profile', 'me', { displayName: ['x'], village: '' });

			const report = await auditStoredRecords(server.db, () => NOW, createLogger('error'));
			expect(report).toMatchObject({
				checked: 8,
				broken: { profile: 2, lessonProgress: 1, fields: 1 }
			});
			expect(await brokenRecordCount(server.db)).toBe(4);
			const problems = await server.db
				.selectFrom('record_problems')
				.select(['table_name', 'id', 'path'])
				.orderBy('table_name')
				.orderBy('owner_id')
				.execute();
			expect(problems.map((p) => `${p.table_name}/${p.id}: ${p.path}`).sort()).toEqual([
				'fields/f9: boundary.type',
				'lessonProgress/safety-1: history',
				'profile/me: displayName',
				'profile/me: displayName'
			]);
			// the same rules again: no second check at the next start
			expect(await auditIfRulesChanged(server.db, () => NOW, createLogger('error'))).toBeNull();

			const dashboard = await groups.dashboard(agent, group.id);
			const names = dashboard.members.map((m) => m.name).sort();
			// the broken profile is skipped: the member is shown by masked login, not by 42
			expect(names).toEqual(['farmer_old', '王丽']);
			const old = dashboard.members.find((m) => m.name === 'farmer_old')!;
			expect(old.lessons).toEqual([]);
			// the observation on the broken field is still shown, without the field
			expect(old.observations).toEqual([expect.objectContaining({ id: 'o9', fieldName: '' })]);
			const mine = await groups.mine(good);
			expect(mine.groups[0]).toMatchObject({ name: '红星村' });
			expect(typeof mine.groups[0]?.agentName).toBe('string');
			const overview = await admin.overview(root);
			expect(overview.brokenRecords).toBe(4);
			expect(overview.groups[0]?.agentName).toBe('agent_li');
			await server.db.destroy();
		});
	}
);
