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
