import type * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../sync-protocol';
import { LOG_FORMS, LOG_TYPES } from '../field-logs';
import { polygonOf } from '../geometry';
import { createPatch, SAMPLE_TIME } from '../../../../tests/factories/records';
import type { assessmentSchema } from './assessments';
import type { batchSchema } from './batches';
import type { fieldSchema } from './fields';
import type { inputSchema } from './inputs';
import type { lessonProgressSchema } from './lesson-progress';
import type { logSchema } from './logs';
import type { profileSchema } from './profile';
import type { questionSchema } from './questions';
import type { answerSchema } from './answers';
import { changeProblems, recordProblems, timeProblems, type StoredRecord } from './index';

// What a schema lets through is a record of its table's type: the checked shape and the type agree (the
// owner is optional: the server keeps it beside the record, stored-records.ts fills it in).
type Out<F extends (mode: 'write') => z.ZodMiniType> = z.infer<ReturnType<F>>;
type Checked<T extends (typeof SYNCED_TABLES)[number]> = Omit<StoredRecord<T>, 'ownerId'> & {
	ownerId?: string;
};
const sameShape = {
	fields: (r: Out<typeof fieldSchema>): Checked<'fields'> => r,
	logs: (r: Out<typeof logSchema>): Checked<'logs'> => r,
	inputs: (r: Out<typeof inputSchema>): Checked<'inputs'> => r,
	batches: (r: Out<typeof batchSchema>): Checked<'batches'> => r,
	profile: (r: Out<typeof profileSchema>): Checked<'profile'> => r,
	assessments: (r: Out<typeof assessmentSchema>): Checked<'assessments'> => r,
	lessonProgress: (r: Out<typeof lessonProgressSchema>): Checked<'lessonProgress'> => r,
	questions: (r: Out<typeof questionSchema>): Checked<'questions'> => r,
	answers: (r: Out<typeof answerSchema>): Checked<'answers'> => r
};

const HLC = '001777593600000-00000-3f9a1c2b7d4e';
const whole = (
	table: (typeof SYNCED_TABLES)[number],
	overrides: Record<string, unknown> = {},
	id = 'r1'
) => ({
	id,
	hlc: HLC,
	...createPatch(table, overrides, { id })
});
const paths = (table: (typeof SYNCED_TABLES)[number], value: unknown) =>
	recordProblems(table, value, 'write').map((p) => p.path);

describe('record schemas', () => {
	it('cover every synced table, and a whole record of each passes', () => {
		expect(Object.keys(sameShape).sort()).toEqual([...SYNCED_TABLES].sort());
		for (const table of SYNCED_TABLES)
			expect(
				recordProblems(table, whole(table, {}, table === 'profile' ? 'me' : 'r1'), 'write')
			).toEqual([]);
		for (const type of LOG_TYPES) expect(paths('logs', whole('logs', { type }))).toEqual([]);
	});

	it('refuse the shapes that broke the dashboards, naming the field', () => {
		expect(paths('profile', whole('profile', { displayName: 42 }, 'me'))).toEqual(['displayName']);
		expect(paths('profile', whole('profile', { displayName: ['x'] }, 'me'))).toEqual([
			'displayName'
		]);
		expect(paths('lessonProgress', whole('lessonProgress', { history: 'x' }))).toEqual(['history']);
		expect(paths('fields', whole('fields', { boundary: {} }))).toContain('boundary.type');
		expect(paths('fields', whole('fields', { name: '   ' }))).toEqual(['name']);
		expect(paths('fields', whole('fields', { colour: 'red' }))).toEqual(['colour']);
	});

	it('hold a log to its kind: required details, units, limits in the first unit (斤 converted)', () => {
		const harvest = (quantity: unknown) =>
			paths('logs', whole('logs', { type: 'harvest', details: { quantity } }));
		expect(harvest({ value: 9_999_999, unit: 'kg' })).toEqual([]);
		expect(harvest({ value: 10_000_001, unit: 'kg' })).toEqual(['details.quantity.value']);
		// 20,000,000 斤 = 10,000 t: at the limit, not over it
		expect(harvest({ value: 20_000_000, unit: 'jin' })).toEqual([]);
		expect(harvest({ value: 0, unit: 'kg' })).toEqual(['details.quantity.value']);
		expect(harvest({ value: 'abc', unit: 'kg' })).toEqual(['details.quantity.value']);
		expect(harvest({ value: 10, unit: 'mlPerMu' })).toEqual(['details.quantity.unit']);
		expect(paths('logs', whole('logs', { type: 'harvest', details: {} }))).toEqual([
			'details.quantity'
		]);
		expect(
			paths('logs', whole('logs', { type: 'sowing', details: { crop: '玉米', color: 1 } }))
		).toEqual(['details.color']);
		expect(paths('logs', whole('logs', { type: 'dancing' }))).toEqual(['type']);
		// each quantity detail of each kind refuses a value past its own limit
		for (const type of LOG_TYPES)
			for (const field of LOG_FORMS[type]) {
				if (field.kind !== 'quantity') continue;
				const details = { ...(createPatch('logs', { type }).details as object) };
				const over = {
					...details,
					[field.key]: { value: field.max * 1.01 + 1, unit: field.units[0] }
				};
				expect(paths('logs', whole('logs', { type, details: over }))).toEqual([
					`details.${field.key}.value`
				]);
			}
	});

	it('hold the rules across fields: area and boundary, lineage, mastery, scores', () => {
		const boundary = polygonOf([
			[126.6, 45.7],
			[126.602, 45.7],
			[126.602, 45.702],
			[126.6, 45.702]
		]);
		expect(paths('fields', whole('fields', { boundary, areaM2: 6667 }))).toEqual(['areaM2']);
		expect(paths('batches', whole('batches', { origin: 'split', parentIds: [] }))).toEqual([
			'parentIds'
		]);
		expect(paths('batches', whole('batches', { code: 'ABCDEFGHJK' }))).toEqual(['code']);
		expect(
			paths('lessonProgress', whole('lessonProgress', { completedAt: SAMPLE_TIME, progress: 0.5 }))
		).toEqual(['progress']);
		expect(paths('lessonProgress', whole('lessonProgress', { credits: 2 }))).toEqual(['credits']);
		const assessment = whole('assessments') as unknown as { scores: Record<string, number> };
		expect(
			paths('assessments', { ...assessment, scores: { ...assessment.scores, work: 100 } })
		).toEqual(['scores.work']);
	});

	it('keep done work out of the future; a plan may be ahead, up to two years', () => {
		const rules = { slackMs: 60_000, plannedAheadMs: 2 * 365 * 86_400_000 };
		const now = SAMPLE_TIME;
		const nextYear = now + 365 * 86_400_000;
		expect(
			timeProblems('logs', { status: 'done', at: nextYear }, now, rules).map((p) => p.path)
		).toEqual(['at']);
		expect(timeProblems('logs', { status: 'planned', at: nextYear }, now, rules)).toEqual([]);
		expect(
			timeProblems('logs', { status: 'planned', at: now + 3 * 365 * 86_400_000 }, now, rules)
		).toHaveLength(1);
		expect(timeProblems('logs', { status: 'done', at: now + 30_000 }, now, rules)).toEqual([]);
		expect(timeProblems('batches', { at: nextYear }, now, rules)).toHaveLength(1);
	});

	it('judge a change by what it touches: an older record’s problem elsewhere does not hold it up', () => {
		const rules = { slackMs: 60_000, plannedAheadMs: 1e12 };
		const legacy = whole('fields', { areaM2: -1 });
		expect(
			changeProblems(
				'fields',
				legacy,
				{ name: '新名字' },
				{ ...legacy, name: '新名字' },
				SAMPLE_TIME,
				rules
			)
		).toEqual([]);
		expect(
			changeProblems(
				'fields',
				legacy,
				{ areaM2: -2 },
				{ ...legacy, areaM2: -2 },
				SAMPLE_TIME,
				rules
			)
		).toHaveLength(2);
		// a new record must be whole; a tombstone never read need not be
		expect(
			changeProblems(
				'fields',
				undefined,
				{ name: 'x' },
				{ id: 'r1', hlc: HLC, name: 'x', deleted: false },
				SAMPLE_TIME,
				rules
			).map((p) => p.path)
		).toEqual(expect.arrayContaining(['areaM2', 'createdAt']));
		expect(
			changeProblems(
				'fields',
				undefined,
				{ deleted: true },
				{ id: 'r1', hlc: HLC, deleted: true },
				SAMPLE_TIME,
				rules
			)
		).toEqual([]);
		// …but brought back to life it must be whole again
		expect(
			changeProblems(
				'fields',
				{ deleted: true },
				{ deleted: false },
				{ id: 'r1', hlc: HLC, deleted: false },
				SAMPLE_TIME,
				rules
			).map((p) => p.path)
		).toEqual(expect.arrayContaining(['name', 'areaM2']));
		// a rule across fields counts as touched through either field
		const boundary = polygonOf([
			[126.6, 45.7],
			[126.602, 45.7],
			[126.602, 45.702],
			[126.6, 45.702]
		]);
		const stale = { ...whole('fields'), boundary };
		expect(
			changeProblems('fields', legacy, { boundary }, stale, SAMPLE_TIME, rules).map((p) => p.path)
		).toEqual(['areaM2']);
		// a sowing marked done next year, by changing only its status
		const planned = whole('logs', {
			type: 'sowing',
			status: 'planned',
			at: SAMPLE_TIME + 365 * 86_400_000
		});
		expect(
			changeProblems(
				'logs',
				planned,
				{ status: 'done' },
				{ ...planned, status: 'done' },
				SAMPLE_TIME,
				rules
			).map((p) => p.path)
		).toEqual(['at']);
	});
});
