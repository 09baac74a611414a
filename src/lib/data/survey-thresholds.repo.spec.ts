import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, readThresholds } from '$lib/domain/seedling-survey';
import { createDb } from './db';
import { SurveyThresholdsRepository } from './survey-thresholds.repo';

describe('SurveyThresholdsRepository', () => {
	it('gives the defaults on a new phone and keeps one crop’s limits across a reopen', async () => {
		const db = createDb('survey-thresholds-test', { indexedDB, IDBKeyRange });
		const repo = new SurveyThresholdsRepository(db);
		expect(readThresholds(await repo.load())).toEqual(DEFAULT_THRESHOLDS);
		const mine = { ...DEFAULT_THRESHOLDS.maize, emergence: { first: 95, second: 85 } };
		await repo.save('maize', mine);
		await repo.save('soybean', DEFAULT_THRESHOLDS.soybean);
		db.close();

		const reopened = createDb('survey-thresholds-test', { indexedDB, IDBKeyRange });
		const read = readThresholds(await new SurveyThresholdsRepository(reopened).load());
		expect(read.maize).toEqual(mine);
		expect(read.soybean).toEqual(DEFAULT_THRESHOLDS.soybean);
		reopened.close();
	});
});
