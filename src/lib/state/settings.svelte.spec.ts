import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from '$lib/data/db';
import { SettingsRepository } from '$lib/data/settings.repo';
import { DEFAULT_SETTINGS } from '$lib/domain/settings';
import { SettingsState } from './settings.svelte';

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value)
	};
}

let n = 0;
const repo = () => new SettingsRepository(createDb(`state-${n++}`, { indexedDB, IDBKeyRange }));

describe('SettingsState', () => {
	it('paints with the copy kept for the first paint, then takes the saved value', async () => {
		const mirror = memoryStorage();
		mirror.setItem('heitu.display', JSON.stringify({ textSize: 28, elderMode: true }));
		const state = new SettingsState(mirror);
		expect(state.value).toMatchObject({ textSize: 28, elderMode: true });

		const saved = repo();
		await saved.save({ textSize: 24, highContrast: true, elderMode: false });
		await state.attach(saved);
		expect(state.value).toEqual({ textSize: 24, highContrast: true, elderMode: false });
		expect(JSON.parse(mirror.getItem('heitu.display') ?? '')).toMatchObject(state.value);
	});

	it('keeps a change whose database write a reload cut short (the copy is newer)', async () => {
		const saved = repo();
		await saved.save({ textSize: 18, highContrast: false, elderMode: false }, 1000);
		const mirror = memoryStorage();
		mirror.setItem(
			'heitu.display',
			JSON.stringify({ textSize: 20, elderMode: true, changedAt: 2000 })
		);
		const state = new SettingsState(mirror);
		await state.attach(saved);
		expect(state.value).toMatchObject({ textSize: 20, elderMode: true });
		expect(await saved.load()).toMatchObject({ textSize: 20, elderMode: true });
	});

	it('keeps a change made while the database was still loading', async () => {
		const state = new SettingsState(memoryStorage());
		const saved = repo();
		await saved.save({ textSize: 16, highContrast: false, elderMode: false });
		const attaching = state.attach(saved);
		const changing = state.change({ textSize: 20 }); // a tap on 文字变大 meanwhile
		await Promise.all([attaching, changing]);
		expect(state.value.textSize).toBe(20);
		expect((await saved.load()).textSize).toBe(20);
	});

	it('keeps a change made before the database opened', async () => {
		const state = new SettingsState(memoryStorage());
		await state.change({ elderMode: true });
		const saved = repo();
		await state.attach(saved);
		expect(state.value.elderMode).toBe(true);
		expect((await saved.load()).elderMode).toBe(true);
	});

	it('survives a damaged copy and storage that refuses writes', async () => {
		const broken = {
			getItem: () => '{not json',
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			}
		};
		const state = new SettingsState(broken);
		expect(state.value).toEqual(DEFAULT_SETTINGS);
		await state.change({ textSize: 20 });
		expect(state.value.textSize).toBe(20);
	});

	it('says so when a change could not be saved', async () => {
		const state = new SettingsState(null);
		const failing = repo();
		await state.attach(failing);
		failing.save = () => Promise.reject(new Error('disk full'));
		await state.change({ highContrast: true });
		expect(state.saveFailed).toBe(true);
		expect(state.value.highContrast).toBe(true);
	});
});
