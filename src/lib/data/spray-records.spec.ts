import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import { openLocalData, type LocalData } from './local-data';
import { SAMPLE_DETAILS, SAMPLE_TIME } from '../../../tests/factories/records';
import type { LogDetails } from '$lib/domain/field-logs';

let n = 0;
async function open(): Promise<LocalData> {
	const result = await openLocalData(() => createDb(`spray-${n++}`, { indexedDB, IDBKeyRange }));
	if (!result.ok) throw new Error(result.problem);
	return result.data;
}

describe('FarmRecords: what spray safety reads', () => {
	it('gives spraying and harvest records only, of one field or all, without deleted ones', async () => {
		const data = await open();
		const log = (type: string, fieldId: string | null) =>
			data.logsRepo.create({
				type,
				fieldId,
				status: 'done',
				at: SAMPLE_TIME,
				notes: '',
				details: SAMPLE_DETAILS[type] as LogDetails
			});
		await log('spraying', 'east');
		await log('harvest', 'east');
		await log('sowing', 'east');
		await log('spraying', 'west');
		const removed = await log('harvest', 'west');
		await data.logsRepo.remove(removed.id);
		expect((await data.farm.sprayLogs('east')).map((l) => l.type).sort()).toEqual([
			'harvest',
			'spraying'
		]);
		expect((await data.farm.sprayLogs()).map((l) => l.fieldId).sort()).toEqual([
			'east',
			'east',
			'west'
		]);
		data.db.close();
	});

	it('keeps pesticides taken off the inventory list, which still set a safe harvest day', async () => {
		const data = await open();
		const base = { registrationNo: '', npk: '', activeIngredient: '', notes: '' };
		const used = await data.inputsRepo.create({
			...base,
			kind: 'pesticide',
			name: '噻嗪酮',
			preHarvestDays: 14,
			maxApplications: 2
		});
		await data.inputsRepo.create({
			...base,
			kind: 'fertilizer',
			name: '尿素',
			preHarvestDays: null,
			maxApplications: null
		});
		await data.inputsRepo.remove(used.id);
		expect(await data.farm.inputs('pesticide')).toEqual([]);
		expect((await data.farm.sprayProducts()).map((p) => p.preHarvestDays)).toEqual([14]);
		data.db.close();
	});
});
