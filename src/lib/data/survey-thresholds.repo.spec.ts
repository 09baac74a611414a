import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { OLD_DEFAULT_THRESHOLDS, readThresholds } from '$lib/domain/seedling-survey';
import { createDb } from './db';
import { SurveyThresholdsRepository } from './survey-thresholds.repo';

describe('SurveyThresholdsRepository', () => {
	it('has no station limits on a new phone and keeps one crop’s across a reopen, and a cleared one stays cleared', async () => {
		const db = createDb('survey-thresholds-test', { indexedDB, IDBKeyRange });
		const repo = new SurveyThresholdsRepository(db);
		expect(readThresholds(await repo.load()).maize).toBeNull();
		const station = { ...OLD_DEFAULT_THRESHOLDS.maize, emergence: { first: 95, second: 85 } };
		await repo.save('maize', station);
		await repo.save('soybean', { ...OLD_DEFAULT_THRESHOLDS.soybean, heightCv: { first: 10, second: 20 } });
		await repo.save('soybean', null);
		db.close();

		const reopened = createDb('survey-thresholds-test', { indexedDB, IDBKeyRange });
		const read = readThresholds(await new SurveyThresholdsRepository(reopened).load());
		expect(read.maize).toEqual(station);
		expect(read.soybean).toBeNull();
		reopened.close();
	});
});
