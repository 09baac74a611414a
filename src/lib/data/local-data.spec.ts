import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import { openLocalData, type LocalData } from './local-data';
import { SAMPLE_DETAILS, SAMPLE_TIME } from '../../../tests/factories/records';
import type { LogDetails } from '$lib/domain/field-logs';

/** A moment in the sample season, `ms` after its start. */
const T = (ms: number) => SAMPLE_TIME + ms;
const details = (type: string) => SAMPLE_DETAILS[type] as LogDetails;

let n = 0;
async function open(): Promise<LocalData> {
	const result = await openLocalData(() => createDb(`local-${n++}`, { indexedDB, IDBKeyRange }));
	if (!result.ok) throw new Error(result.problem);
	return result.data;
}

describe('LocalData: what the home screen asks', () => {
	it('counts changes waiting to sync, one per write', async () => {
		const data = await open();
		expect(await data.pendingChanges()).toBe(0);
		const field = await data.fieldsRepo.create({ name: '东大地', areaM2: 6667 });
		await data.fieldsRepo.update(field.id, { name: '河边地' });
		expect(await data.pendingChanges()).toBe(2);
		data.db.close();
	});

	it('lists planned work soonest first, without done or deleted work', async () => {
		const data = await open();
		const plan = (at: number, type: string) =>
			data.logsRepo.create({
				type,
				fieldId: null,
				status: 'planned',
				at: T(at),
				notes: '',
				details: details(type)
			});
		await plan(300, 'harvest');
		const dropped = await plan(100, 'spraying');
		await plan(200, 'fertilizing');
		await data.logsRepo.create({
			type: 'sowing',
			fieldId: null,
			status: 'done',
			at: T(50),
			notes: '',
			details: details('sowing')
		});
		await data.logsRepo.remove(dropped.id);
		expect((await data.plannedWork()).map((l) => l.type)).toEqual(['fertilizing', 'harvest']);
		expect(await data.plannedWork(1)).toHaveLength(1);
		data.db.close();
	});

	it('gives a month of planned work, soonest first, bounds included, without done or deleted work', async () => {
		const data = await open();
		const plan = (at: number, type: string) =>
			data.logsRepo.create({
				type,
				fieldId: null,
				status: 'planned',
				at: T(at),
				notes: '',
				details: details(type)
			});
		await plan(99, 'sowing');
		await plan(300, 'harvest');
		await plan(100, 'spraying');
		await plan(200, 'fertilizing');
		await plan(301, 'sale');
		const dropped = await plan(150, 'irrigation');
		await data.logsRepo.remove(dropped.id);
		await data.logsRepo.create({
			type: 'observation',
			fieldId: null,
			status: 'done',
			at: T(250),
			notes: ''
		});
		expect((await data.farm.planned(T(100), T(300))).map((l) => l.type)).toEqual([
			'spraying',
			'fertilizing',
			'harvest'
		]);
		expect(await data.farm.planned(T(400), T(500))).toEqual([]);
		data.db.close();
	});

	it('offers the most recently touched unfinished lesson', async () => {
		const data = await open();
		expect(await data.lessonInProgress()).toBeNull();
		// one record per lesson, its id the lesson's (as recordQuizAnswer makes them)
		const first = await data.lessonProgressRepo.create(
			{ lessonId: 'soil-testing', progress: 0.5, completedAt: null },
			'soil-testing'
		);
		await new Promise((r) => setTimeout(r, 2));
		await data.lessonProgressRepo.create(
			{ lessonId: 'fake-inputs', progress: 1, completedAt: Date.now() },
			'fake-inputs'
		);
		expect((await data.lessonInProgress())?.lessonId).toBe('soil-testing');
		await new Promise((r) => setTimeout(r, 2));
		await data.lessonProgressRepo.create(
			{ lessonId: 'scams', progress: 0.1, completedAt: null },
			'scams'
		);
		expect((await data.lessonInProgress())?.lessonId).toBe('scams');
		await data.lessonProgressRepo.remove(first.id);
		expect(await data.farm.field('nope')).toBeNull();
		data.db.close();
	});
});

describe('LocalData: photos taken out of a form', () => {
	const bytes = (n: number) => new Uint8Array([n, 1, 2, 3]).buffer;

	it('forgets a photo nothing uses, so it is never uploaded', async () => {
		const data = await open();
		const hash = await data.blobs.put(bytes(1), 'image/jpeg');
		await data.drafts.save('log:new', { photos: [] });
		await data.forgetPhotoIfUnused(hash, 'log:new');
		expect(await data.blobs.get(hash)).toBeUndefined();
		expect(await data.pendingChanges()).toBe(0);
		data.db.close();
	});

	it('keeps a photo a record, the profile or another unsaved form still uses', async () => {
		const data = await open();
		const inLog = await data.blobs.put(bytes(1), 'image/jpeg');
		await data.logsRepo.create({
			type: 'observation',
			fieldId: null,
			status: 'done',
			at: T(1),
			notes: '',
			photos: [inLog]
		});
		const inProfile = await data.blobs.put(bytes(2), 'image/jpeg');
		await data.saveProfile({ photo: inProfile });
		const inOtherDraft = await data.blobs.put(bytes(3), 'image/jpeg');
		await data.drafts.save('log:0193', { photos: [inOtherDraft] });
		const uploaded = await data.blobs.put(bytes(4), 'image/jpeg', true);
		for (const hash of [inLog, inProfile, inOtherDraft, uploaded]) {
			await data.forgetPhotoIfUnused(hash, 'log:new');
			expect(await data.blobs.get(hash)).toBeDefined();
		}
		data.db.close();
	});
});

describe('LocalData: the learning record', () => {
	const lesson = { id: 'soil-testing', mastery: { correct: 3, of: 4 }, credits: 2, version: 1 };

	it('counts attempts, keeps progress, and masters a lesson with 3 right of the last 4', async () => {
		const data = await open();
		for (const right of [true, false, true]) await data.recordQuizAnswer(lesson, right, T(1000));
		let progress = (await data.lessonProgress())[0]!;
		expect(progress).toMatchObject({ id: 'soil-testing', lessonId: 'soil-testing', attempts: 3, completedAt: null, credits: 0 });
		// one right answer to go of the 4 that mastering takes from scratch (domain/lessons.ts)
		expect(progress.progress).toBeCloseTo(0.75);
		await data.recordQuizAnswer(lesson, true, T(2000));
		progress = (await data.lessonProgress())[0]!;
		expect(progress).toMatchObject({ attempts: 4, completedAt: T(2000), credits: 2, progress: 1 });
		// mastery stays, whatever comes after
		await data.recordQuizAnswer(lesson, false, T(3000));
		expect((await data.lessonProgress())[0]).toMatchObject({ completedAt: T(2000), credits: 2, attempts: 5 });
		expect(await data.pendingChanges()).toBe(5);
		data.db.close();
	});
});

describe('LocalData: the digital-skills assessment', () => {
	it('saves each take as a new record, scored, and gives the newest back', async () => {
		const data = await open();
		expect(await data.latestAssessment()).toBeNull();
		const first = await data.saveAssessment({ work_records: 1, safety_code_call: 0 }, T(1000));
		expect(first).toMatchObject({ takenAt: T(1000), version: 1 });
		expect(first.scores).toMatchObject({ work: 17, safety: 33, life: 0 }); // 50/3 and 100/3, rounded
		const retake = await data.saveAssessment({ work_records: 2 }, T(2000));
		expect(retake.id).not.toBe(first.id);
		expect((await data.latestAssessment())?.id).toBe(retake.id);
		expect(await data.assessmentsRepo.list()).toHaveLength(2);
		expect(await data.pendingChanges()).toBe(2);
		data.db.close();
	});
});
