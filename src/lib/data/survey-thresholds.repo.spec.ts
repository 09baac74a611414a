import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '$lib/domain/seedling-survey';
import { createDb } from './db';
import { SurveyThresholdsRepository } from './survey-thresholds.repo';

describe('SurveyThresholdsRepository', () => {
	it('gives the defaults on a new phone, keeps a crop’s limits across a reopen, and resets them', async () => {
		const db = createDb('survey-thresholds-test', { indexedDB, IDBKeyRange });
		const repo = new SurveyThresholdsRepository(db);
		expect(await repo.load()).toEqual(DEFAULT_THRESHOLDS);
		const mine = { ...DEFAULT_THRESHOLDS.maize, emergence: { first: 95, second: 85 } };
		await repo.save('maize', mine);
		db.close();

		const reopened = createDb('survey-thresholds-test', { indexedDB, IDBKeyRange });
		const again = new SurveyThresholdsRepository(reopened);
		expect((await again.load()).maize).toEqual(mine);
		expect((await again.load()).soybean).toEqual(DEFAULT_THRESHOLDS.soybean);
		expect(await again.reset('maize')).toEqual(DEFAULT_THRESHOLDS.maize);
		expect((await again.load()).maize).toEqual(DEFAULT_THRESHOLDS.maize);
		reopened.close();
	});
});
