/**
 * Valid records of every synced table, for tests and benchmarks: what a device sends when it creates one
 * (docs/sync-protocol.md, Records). Each passes its table's schema (record-schemas.spec.ts checks that);
 * tests override what they are about.
 */
import {
	ASSESSMENT_VERSION,
	QUESTIONS,
	scoreAssessment
} from '../../src/lib/domain/digital-skills';
import type { SyncedTable } from '../../src/lib/domain/sync-protocol';
import { newTraceCode } from '../../src/lib/domain/trace-code';

/** 2026-05-01 00:00 UTC: sowing time in Heilongjiang. */
export const SAMPLE_TIME = Date.UTC(2026, 4, 1);

type Data = Record<string, unknown>;

/** Details each kind of record needs (field-logs.ts LOG_FORMS: the required ones, in range). */
export const SAMPLE_DETAILS: Record<string, Data> = {
	sowing: { crop: '玉米' },
	fertilizing: { product: 'input-urea', rate: { value: 20, unit: 'kgPerMu' } },
	spraying: {
		product: 'input-pesticide',
		dose: { value: 40, unit: 'mlPerMu' },
		target: '玉米螟'
	},
	irrigation: { water: { value: 30, unit: 'm3PerMu' } },
	observation: {},
	harvest: { quantity: { value: 1000, unit: 'kg' } },
	sale: { buyer: '粮库', quantity: { value: 500, unit: 'kg' } }
};

/** Each question's first option: a full set of answers. */
const answers = Object.fromEntries(QUESTIONS.map((q) => [q.id, 0]));

const MAKERS: Record<SyncedTable, (id: string, at: number) => Data> = {
	fields: () => ({ name: '东大地', areaM2: 6667 }),
	logs: (_id, at) => ({
		type: 'observation',
		fieldId: null,
		status: 'done',
		at,
		notes: '',
		details: {}
	}),
	inputs: () => ({
		kind: 'fertilizer',
		name: '尿素',
		registrationNo: '',
		npk: '46-0-0',
		activeIngredient: '',
		preHarvestDays: null,
		maxApplications: null,
		notes: ''
	}),
	batches: (_id, at) => ({
		code: newTraceCode(),
		product: '玉米',
		fieldIds: [],
		harvestLogIds: [],
		quantityKg: 1000,
		origin: 'harvest',
		parentIds: [],
		status: 'open',
		at,
		publish: { enabled: false },
		notes: ''
	}),
	profile: () => ({ displayName: '', village: '' }),
	assessments: (_id, at) => ({
		answers,
		scores: scoreAssessment(answers),
		takenAt: at,
		version: ASSESSMENT_VERSION
	}),
	questions: (_id, at) => ({
		crop: '玉米',
		fieldId: null,
		county: null,
		place: null,
		text: '叶子上有黄斑，是什么病？',
		photos: [],
		voiceNote: null,
		urgency: 'normal',
		groupId: null,
		parentId: null,
		acceptedAnswer: null,
		publish: false,
		askedAt: at
	}),
	answers: (_id, at) => ({
		questionOwnerId: 'asker',
		questionId: 'question',
		text: '像是大斑病，先看看下部叶片。',
		photos: [],
		lessonId: null,
		tool: null,
		answeredAt: at
	}),
	lessonProgress: (id) => ({
		lessonId: id,
		progress: 0,
		completedAt: null,
		history: [],
		attempts: 0,
		credits: 0,
		version: 1
	})
};

/**
 * The whole patch that creates a record of `table` (its own fields, `deleted`, `createdAt`, `updatedAt`),
 * with `overrides` on top. `id` matters for tables whose fields name it (lessonProgress).
 */
export function createPatch(
	table: SyncedTable,
	overrides: Data = {},
	options: { id?: string; at?: number } = {}
): Data {
	const at = options.at ?? SAMPLE_TIME;
	const own = MAKERS[table](options.id ?? '', at);
	// a log's details follow its kind unless the test gives them
	if (table === 'logs' && typeof overrides.type === 'string' && !('details' in overrides))
		own.details = SAMPLE_DETAILS[overrides.type] ?? {};
	return {
		...own,
		deleted: false,
		createdAt: at,
		updatedAt: at,
		...overrides
	};
}
