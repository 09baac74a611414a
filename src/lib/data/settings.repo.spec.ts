import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '$lib/domain/settings';
import { createDb } from './db';
import { classifyStorageError, openDb } from './open-db';
import { SettingsRepository } from './settings.repo';

describe('SettingsRepository', () => {
	it('gives defaults on a new phone and keeps what was saved', async () => {
		const db = createDb('settings-test', { indexedDB, IDBKeyRange });
		const repo = new SettingsRepository(db);
		expect(await repo.load()).toEqual(DEFAULT_SETTINGS);
		await repo.save({ textSize: 28, highContrast: true, elderMode: true });
		db.close();

		const reopened = createDb('settings-test', { indexedDB, IDBKeyRange });
		expect(await new SettingsRepository(reopened).load()).toEqual({ textSize: 28, highContrast: true, elderMode: true });
		reopened.close();
	});

	it('recovers from a damaged stored value', async () => {
		const db = createDb('settings-damaged', { indexedDB, IDBKeyRange });
		await db.settings.put({ key: 'display', value: 'garbage' });
		expect(await new SettingsRepository(db).load()).toEqual(DEFAULT_SETTINGS);
		db.close();
	});
});

describe('openDb', () => {
	it('opens a working database', async () => {
		const result = await openDb(() => createDb('open-ok', { indexedDB, IDBKeyRange }));
		expect(result.ok).toBe(true);
		if (result.ok) result.db.close();
	});

	it('reports storage that is missing, as in some private windows', async () => {
		const missing = { open: () => { throw new DOMException('blocked', 'SecurityError'); } };
		const result = await openDb(() =>
			createDb('open-missing', {
				indexedDB: missing as unknown as IDBFactory,
				IDBKeyRange
			})
		);
		expect(result).toEqual({ ok: false, problem: 'unavailable' });
	});

	it('tells a full disk apart from other failures', () => {
		const quota = { name: 'AbortError', inner: { name: 'QuotaExceededError' } };
		expect(classifyStorageError(quota)).toBe('quota');
		expect(classifyStorageError(new Error('x'))).toBe('unavailable');
	});
});

describe('schema migrations', () => {
	it('upgrades a version 1 database without losing its rows', async () => {
		const Dexie = (await import('dexie')).default;
		const v1 = new Dexie('migrate-test', { indexedDB, IDBKeyRange });
		v1.version(1).stores({
			settings: 'key',
			meta: 'key',
			outbox: '++seq, &opId, table, recordId',
			fields: 'id, updatedAt',
			logs: 'id, fieldId, status, at, [status+at]',
			lessonProgress: 'id, &lessonId, updatedAt'
		});
		await v1.table('fields').put({ id: 'f1', name: '东大地' });
		await v1.table('outbox').add({ opId: 'o1', table: 'fields', recordId: 'f1' });
		v1.close();

		const db = createDb('migrate-test', { indexedDB, IDBKeyRange });
		await db.open();
		expect(db.verno).toBe(9);
		expect(await db.fields.get('f1')).toMatchObject({ name: '东大地' });
		expect(await db.outbox.count()).toBe(1);
		expect(await db.profile.count()).toBe(0);
		expect(await db.questions.count()).toBe(0);
		db.close();
	});
});
