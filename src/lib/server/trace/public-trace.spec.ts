/**
 * The public trace page's reading of the records (server side): a pesticide taken off the inventory still
 * gives its interval, as on the phone; and a stored record it can't read leaves "kept" unsaid.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hlcToString } from '$lib/domain/hlc';
import type { SyncedTable } from '$lib/domain/sync-protocol';
import { Accounts } from '../auth/accounts';
import { createServerDb, migrateToLatest } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import { SyncService } from '../sync/sync-service';
import { publicTrace } from './public-trace';
import { storeAsOlderServer } from '../../../../tests/factories/older-server';
import { createPatch } from '../../../../tests/factories/records';

const dir = mkdtempSync(join(tmpdir(), 'heitu-public-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backends = await testBackends(dir, 'publictrace');
const DAY = 86_400_000;
const SPRAY = Date.UTC(2026, 8, 10, 2);

describe.each(backends)('the public trace page’s records, on %s', (_kind, config) => {
	it('counts a deleted pesticide’s interval, and says nothing of "kept" past a record it can’t read', async () => {
		const server = createServerDb(config);
		await dropAllTables(server);
		await migrateToLatest(server.db);
		const user = await new Accounts(server.db).createUser('trace_farmer', 'black-soil-2026');
		const sync = new SyncService(server);
		let n = 0;
		const push = (table: SyncedTable, id: string, patch: Record<string, unknown>) =>
			sync.push(user.id, [
				{
					opId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
					table,
					recordId: id,
					patch,
					hlc: hlcToString({ wall: Date.now() - 60_000 + n, counter: 0, node: 'phone' })
				}
			]);
		const season = async (harvestAt: number, tag: string) => {
			const code = (createPatch('batches') as { code: string }).code;
			await push('fields', `f-${tag}`, createPatch('fields', { name: '东大地', crop: '水稻' }));
			await push(
				'inputs',
				`i-${tag}`,
				createPatch('inputs', {
					kind: 'pesticide',
					name: '40%稻瘟灵乳油',
					npk: '',
					activeIngredient: '稻瘟灵 40%',
					preHarvestDays: 14
				})
			);
			await push(
				'logs',
				`s-${tag}`,
				createPatch('logs', {
					type: 'spraying',
					fieldId: `f-${tag}`,
					at: SPRAY,
					details: { product: `i-${tag}`, dose: { value: 40, unit: 'mlPerMu' }, target: '稻瘟病' }
				})
			);
			await push(
				'logs',
				`h-${tag}`,
				createPatch('logs', { type: 'harvest', fieldId: `f-${tag}`, at: harvestAt })
			);
			await push(
				'batches',
				`b-${tag}`,
				createPatch('batches', {
					code,
					fieldIds: [`f-${tag}`],
					harvestLogIds: [`h-${tag}`],
					at: harvestAt,
					publish: { enabled: true }
				})
			);
			return code;
		};

		// harvested 6 days inside the interval
		const early = await season(SPRAY + 8 * DAY, 'early');
		expect((await publicTrace(server.db, early))?.phiKept).toBe(false);
		// the pesticide taken off the inventory list: its interval still counts
		await push('inputs', 'i-early', { deleted: true, updatedAt: Date.now() });
		expect((await publicTrace(server.db, early))?.phiKept).toBe(false);

		// a second field, harvested well after: kept…
		const kept = await season(SPRAY + 30 * DAY, 'kept');
		expect((await publicTrace(server.db, kept))?.phiKept).toBe(true);
		// …until a record of the farmer's can't be read: then the page can't say it was kept
		await storeAsOlderServer(server.db, user.id, 'logs', 'broken', {
			type: 'spraying',
			fieldId: 'f-kept',
			status: 'done',
			at: SPRAY + 20 * DAY,
			notes: '',
			details: { product: 'i-kept', dose: { value: 'lots', unit: 'mlPerMu' }, target: '' }
		});
		expect((await publicTrace(server.db, kept))?.phiKept).toBeNull();
		await server.db.destroy();
	});

	it('shows a producer name that is a phone number masked, never whole', async () => {
		const server = createServerDb(config);
		await dropAllTables(server);
		await migrateToLatest(server.db);
		const user = await new Accounts(server.db).createUser('13912340796', 'black-soil-2026');
		const sync = new SyncService(server);
		let n = 0;
		const push = (table: SyncedTable, id: string, patch: Record<string, unknown>) =>
			sync.push(user.id, [
				{
					opId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
					table,
					recordId: id,
					patch,
					hlc: hlcToString({ wall: Date.now() - 60_000 + n, counter: 0, node: 'phone' })
				}
			]);
		await push('profile', 'me', createPatch('profile', { displayName: '老王 139-1234-0796' }));
		await push('fields', 'f', createPatch('fields', { name: '东大地', crop: '水稻' }));
		await push('logs', 'h', createPatch('logs', { type: 'harvest', fieldId: 'f', at: SPRAY }));
		const code = (createPatch('batches') as { code: string }).code;
		await push(
			'batches',
			'b',
			createPatch('batches', {
				code,
				fieldIds: ['f'],
				harvestLogIds: ['h'],
				at: SPRAY,
				publish: { enabled: true, producer: true }
			})
		);
		expect((await publicTrace(server.db, code))?.producer).toBe('老王 139****0796');
		await server.db.destroy();
	});
});
