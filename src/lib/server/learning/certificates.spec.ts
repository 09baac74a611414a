import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hlcToString } from '$lib/domain/hlc';
import type { LessonSummary } from '$lib/domain/lessons';
import { Accounts } from '../auth/accounts';
import { createServerDb, migrateToLatest } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import { SyncService } from '../sync/sync-service';
import { Certificates } from './certificates';
import { createPatch } from '../../../../tests/factories/records';

const dir = mkdtempSync(join(tmpdir(), 'heitu-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backends = await testBackends(dir, 'certificates');

const lesson = (id: string, track: LessonSummary['track']): LessonSummary => ({
	id,
	track,
	order: 1,
	minutes: 5,
	credits: 1,
	version: 1,
	mastery: { correct: 3, of: 4 },
	title: { 'zh-CN': `课 ${id}`, en: `Lesson ${id}` }
});
const LESSONS = [lesson('a', 'safety'), lesson('b', 'safety'), lesson('c', 'ecommerce')];
const NOW = Date.UTC(2026, 10, 29);
let n = 0;

describe.each(backends)('certificates on %s', (_kind, config) => {
	it('are issued only for a track fully mastered on the server, once, and can be checked by code', async () => {
		const server = createServerDb(config);
		await dropAllTables(server);
		await migrateToLatest(server.db);
		const user = await new Accounts(server.db).createUser('learner', 'black-soil-2026');
		const sync = new SyncService(server, () => NOW);
		const certificates = new Certificates(server.db, LESSONS, () => NOW);
		const master = (id: string, completedAt: number | null) =>
			sync.push(user.id, [
				{
					opId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
					table: 'lessonProgress',
					recordId: id,
					patch: createPatch(
						'lessonProgress',
						{ progress: completedAt ? 1 : 0.5, completedAt, credits: completedAt ? 1 : 0 },
						{ id, at: NOW - 10_000 }
					),
					hlc: hlcToString({ wall: NOW - 1000 + n, counter: 0, node: 'phone' })
				}
			]);

		await master('a', NOW - 5000);
		await master('b', null);
		expect(await certificates.issue(user.id, 'safety')).toEqual({
			ok: false,
			problem: 'not_mastered',
			missing: [{ id: 'b', title: { 'zh-CN': '课 b', en: 'Lesson b' } }]
		});
		await master('b', NOW - 2000);
		// no name yet: the certificate would carry the login (often a phone number), so a name is asked first
		expect(await certificates.issue(user.id, 'safety')).toEqual({
			ok: false,
			problem: 'name_needed',
			missing: []
		});
		await sync.push(user.id, [
			{
				opId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
				table: 'profile',
				recordId: 'me',
				patch: createPatch('profile', { displayName: '王丽', village: '红星村' }),
				hlc: hlcToString({ wall: NOW - 500, counter: 0, node: 'phone' })
			}
		]);
		const issued = await certificates.issue(user.id, 'safety');
		if (!issued.ok) throw new Error('not issued');
		expect(issued.created).toBe(true);
		expect(issued.certificate).toMatchObject({
			track: 'safety',
			holder: '王丽',
			credits: 2,
			issuedAt: NOW
		});
		expect(issued.certificate.code).toMatch(/^HT-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
		const again = await certificates.issue(user.id, 'safety');
		expect(again).toMatchObject({
			ok: true,
			created: false,
			certificate: { code: issued.certificate.code }
		});
		expect(await certificates.verify(issued.certificate.code.toLowerCase())).toEqual(
			issued.certificate
		);
		expect(await certificates.verify('HT-AAAA-AAAA')).toBeNull();
		expect(await certificates.issue(user.id, 'fertilization')).toMatchObject({
			ok: false
		});
		await server.db.destroy();
	});

	it('never carry a whole phone number: a name typed as one is masked, and so is an old row holding a login', async () => {
		const server = createServerDb(config);
		await dropAllTables(server);
		await migrateToLatest(server.db);
		const user = await new Accounts(server.db).createUser('13912340796', 'black-soil-2026');
		const sync = new SyncService(server, () => NOW);
		const certificates = new Certificates(server.db, LESSONS, () => NOW);
		const push = (
			table: 'lessonProgress' | 'profile',
			id: string,
			patch: Record<string, unknown>
		) =>
			sync.push(user.id, [
				{
					opId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
					table,
					recordId: id,
					patch: createPatch(table, patch, { id, at: NOW - 10_000 }),
					hlc: hlcToString({ wall: NOW - 1000 + n, counter: 0, node: 'phone' })
				}
			]);
		await push('lessonProgress', 'c', { progress: 1, completedAt: NOW - 5000, credits: 1 });
		await push('profile', 'me', { displayName: '139 1234 0796', village: '' });
		const issued = await certificates.issue(user.id, 'ecommerce');
		if (!issued.ok) throw new Error('not issued');
		expect(issued.certificate.holder).toBe('139****0796');

		// a certificate issued before names were asked for: its holder is the login, stored whole
		await server.db
			.insertInto('certificates')
			.values({
				code: 'HT-OLDC-ERT2',
				user_id: user.id,
				track: 'safety',
				holder: '13912340796',
				lessons: JSON.stringify([{ id: 'a', title: { 'zh-CN': '课 a', en: 'Lesson a' } }]),
				credits: 1,
				issued_at: NOW - 86_400_000
			})
			.execute();
		expect((await certificates.verify('HT-OLDC-ERT2'))?.holder).toBe('139****0796');
		const held = await certificates.list(user.id);
		expect(held.map((c) => c.holder)).toEqual(['139****0796', '139****0796']);
		await server.db.destroy();
	});
});
