import fc from 'fast-check';
import {
	QUESTIONS,
	ASSESSMENT_VERSION,
	optionCount,
	scoreAssessment
} from '../../src/lib/domain/digital-skills';
import {
	INPUT_KINDS,
	PESTICIDE_CATEGORIES,
	TOXICITY_CLASSES
} from '../../src/lib/domain/farm-inputs';
import {
	inFirstUnit,
	LOG_FORMS,
	LOG_TYPES,
	type DetailField,
	type LogType
} from '../../src/lib/domain/field-logs';
import { areaM2, polygonOf } from '../../src/lib/domain/geometry';
import type { SyncedTable } from '../../src/lib/domain/sync-protocol';
import {
	checkCharacter,
	TRACE_ALPHABET,
	TRACE_RANDOM_LENGTH
} from '../../src/lib/domain/trace-code';
import lessonIndex from '../../static/lessons/index.json' with { type: 'json' };

/**
 * Records of every synced table for the record fuzz test (fuzz-records.spec.ts): valid ones, made within
 * the limits docs/sync-protocol.md states, and invalid ones, each a valid record with one thing surely wrong.
 * The generators are written from the documented rules, not from the schemas they test.
 */

export type Data = Record<string, unknown>;
export interface Generated {
	table: SyncedTable;
	id: string;
	patch: Data;
}

const DAY = 86_400_000;
export const NOW = Date.now();
const EARLIEST = Date.UTC(2000, 0, 1);
export const LESSON_IDS = lessonIndex.map((l) => l.id);

/** Characters a farmer may type, and those that break pages or queries when not escaped. */
const CHARS = [...'东大地玉米螟稻花香红星村王丽 abcXYZ019<>"\'&;%_\\/=(){}$`#-—，。、'];
/** Text of at most `max` characters (UTF-16 units, as the rules count), not blank when `required`. */
export const text = (max: number, required = false) =>
	fc
		.string({
			unit: fc.constantFrom(...CHARS),
			minLength: required ? 1 : 0,
			maxLength: Math.min(max, 60)
		})
		.filter((s) => !required || s.trim().length > 0);

const id = () => fc.uuid();
const sha = () => fc.stringMatching(/^[0-9a-f]{64}$/);
const past = () => fc.integer({ min: EARLIEST, max: NOW - 60_000 });
const bookkeeping = () =>
	fc.record({
		createdAt: fc.integer({ min: 0, max: NOW }),
		updatedAt: fc.integer({ min: 0, max: NOW })
	});
const within = (min: number, max: number) =>
	fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A rectangle of a field somewhere in China, with its area as the phone works it out. */
const boundaryAndArea = fc
	.record({
		lat: within(20, 52),
		lng: within(75, 133),
		dlat: within(0.0002, 0.01),
		dlng: within(0.0002, 0.01)
	})
	.map(({ lat, lng, dlat, dlng }) => {
		const boundary = polygonOf([
			[lng, lat],
			[lng + dlng, lat],
			[lng + dlng, lat + dlat],
			[lng, lat + dlat]
		]);
		return { boundary, areaM2: Math.round(areaM2(boundary) * 10) / 10 };
	});

const field = fc
	.record({
		name: text(40, true),
		shape: fc.option(boundaryAndArea, { nil: undefined }),
		typed: within(1, 1_000_000),
		crop: text(20),
		variety: text(40),
		season: text(20)
	})
	.map(({ shape, typed, ...rest }) => ({
		...rest,
		...(shape ? { boundary: shape.boundary, areaM2: shape.areaM2 } : { areaM2: Math.round(typed) })
	}));

function detail(f: DetailField): fc.Arbitrary<unknown> {
	switch (f.kind) {
		case 'text':
			return text(f.max ?? 200, f.required);
		case 'choice':
			return fc.constantFrom(...f.options);
		case 'input':
			return id();
		case 'quantity':
			return fc.constantFrom(...f.units).chain((unit) => {
				// limits are in the first unit: 1 斤 is half a kilogram, a price per 斤 twice one per kg
				const scale = 1 / inFirstUnit({ value: 1, unit }, f.units);
				const min = Math.max(f.min ?? 0, f.required ? 0.001 : 0) * scale;
				return within(min, f.max * scale).map((value) => ({ value, unit }));
			});
	}
}

const details = (type: LogType) =>
	fc.record(Object.fromEntries(LOG_FORMS[type].map((f) => [f.key, detail(f)])), {
		requiredKeys: LOG_FORMS[type].filter((f) => f.required).map((f) => f.key)
	});

const log = (fieldIds: string[]) =>
	fc
		.constantFrom(...LOG_TYPES)
		.chain((type) =>
			fc.record({
				type: fc.constant(type),
				fieldId: fieldIds.length
					? fc.option(fc.constantFrom(...fieldIds), { nil: null })
					: fc.constant(null),
				status: fc.constantFrom('planned', 'done'),
				at: past(),
				notes: text(2000),
				photos: fc.array(sha(), { maxLength: 3 }),
				point: fc.option(fc.record({ lat: within(-90, 90), lng: within(-180, 180) }), {
					nil: null
				}),
				details: details(type)
			})
		)
		.chain((l) =>
			// a plan may be ahead, up to two years
			l.status === 'planned'
				? fc.integer({ min: EARLIEST, max: NOW + 365 * DAY }).map((at) => ({ ...l, at }))
				: fc.constant(l)
		);

const input = fc.constantFrom(...INPUT_KINDS).chain((kind) =>
	fc.record({
		kind: fc.constant(kind),
		name: text(60, true),
		registrationNo:
			kind === 'pesticide' ? fc.option(fc.stringMatching(/^PD20\d{6}$/), { nil: '' }) : text(60),
		npk:
			kind === 'fertilizer'
				? fc
						.tuple(
							fc.integer({ min: 0, max: 46 }),
							fc.integer({ min: 0, max: 46 }),
							fc.integer({ min: 0, max: 8 })
						)
						.map((n) => n.join('-'))
				: fc.constant(''),
		activeIngredient: text(80),
		preHarvestDays: fc.option(fc.integer({ min: 0, max: 365 }), { nil: null }),
		maxApplications: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
		category: fc.option(fc.constantFrom(...PESTICIDE_CATEGORIES), { nil: null }),
		toxicity: fc.option(fc.constantFrom(...TOXICITY_CLASSES), { nil: null }),
		notes: text(2000)
	})
);

/** A trace code: 9 characters drawn from the alphabet and its check character. */
const traceCode = fc
	.array(fc.integer({ min: 0, max: TRACE_ALPHABET.length - 1 }), {
		minLength: TRACE_RANDOM_LENGTH,
		maxLength: TRACE_RANDOM_LENGTH
	})
	.map((values) => {
		const data = values.map((v) => TRACE_ALPHABET[v]).join('');
		return data + checkCharacter(data);
	});

const batch = (fieldIds: string[]) =>
	fc.record({
		code: traceCode,
		product: text(40),
		fieldIds: fc.subarray(fieldIds),
		harvestLogIds: fc.array(id(), { maxLength: 2 }),
		quantityKg: within(0, 10_000_000),
		origin: fc.constant('harvest'),
		parentIds: fc.constant([]),
		status: fc.constantFrom('open', 'split', 'merged'),
		at: past(),
		publish: fc.record(
			{
				enabled: fc.boolean(),
				producer: fc.boolean(),
				origin: fc.boolean(),
				place: fc.boolean(),
				photos: fc.boolean()
			},
			{ requiredKeys: ['enabled'] }
		),
		notes: text(2000)
	});

const profile = fc.record(
	{ displayName: text(40), village: text(60), photo: sha() },
	{ requiredKeys: ['displayName', 'village'] }
);

const assessment = fc
	.record(
		Object.fromEntries(
			QUESTIONS.map((q) => [q.id, fc.integer({ min: 0, max: optionCount(q) - 1 })])
		),
		{ requiredKeys: [] }
	)
	.chain((answers) =>
		past().map((takenAt) => ({
			answers,
			scores: scoreAssessment(answers as Record<string, number>),
			takenAt,
			version: ASSESSMENT_VERSION
		}))
	);

const progress = (lessonId: string) =>
	fc.option(past(), { nil: null }).chain((completedAt) =>
		fc.record({
			lessonId: fc.constant(lessonId),
			progress: completedAt ? fc.constant(1) : within(0, 1),
			completedAt: fc.constant(completedAt),
			history: fc.array(fc.boolean(), { maxLength: 20 }),
			attempts: fc.integer({ min: 0, max: 500 }),
			credits: completedAt ? fc.integer({ min: 0, max: 5 }) : fc.constant(0),
			version: fc.integer({ min: 0, max: 5 })
		})
	);

/** On the 0.01° grid (about a village), as a question's place is kept. */
const roundedDegree = (min: number, max: number) =>
	fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);

const question = (fieldIds: string[]) =>
	fc.record({
		crop: text(20, true),
		fieldId: fieldIds.length
			? fc.option(fc.constantFrom(...fieldIds), { nil: null })
			: fc.constant(null),
		county: fc.option(text(20), { nil: null }),
		place: fc.option(fc.record({ lat: roundedDegree(20, 52), lng: roundedDegree(75, 133) }), {
			nil: null
		}),
		// words, so the question says something whatever its photos
		text: text(2000, true),
		photos: fc.array(sha(), { maxLength: 6 }),
		voiceNote: fc.option(sha(), { nil: null }),
		urgency: fc.constantFrom('normal', 'urgent'),
		groupId: fc.option(id(), { nil: null }),
		parentId: fc.constant(null),
		acceptedAnswer: fc.constant(null),
		publish: fc.boolean(),
		askedAt: past()
	});

/**
 * A valid new record of any table, as a device creates it; `fieldIds` are fields it may name. Not
 * `answers`: the server takes one only for a question the account may answer (permissions.spec.ts).
 */
export function validRecord(fieldIds: string[]): fc.Arbitrary<Generated> {
	const make = (
		table: SyncedTable,
		arb: fc.Arbitrary<Data>,
		recordId: fc.Arbitrary<string> = id()
	) =>
		fc.tuple(recordId, arb, bookkeeping()).map(([rid, own, times]): Generated => ({
			table,
			id: rid,
			patch: { ...own, ...times, deleted: false }
		}));
	return fc.oneof(
		make('fields', field),
		make('logs', log(fieldIds)),
		make('inputs', input),
		make('batches', batch(fieldIds)),
		make('profile', profile, fc.constant('me')),
		make('assessments', assessment),
		make('questions', question(fieldIds)),
		fc
			.constantFrom(...LESSON_IDS)
			.chain((lesson) => make('lessonProgress', progress(lesson), fc.constant(lesson)))
	);
}

/**
 * Values surely of the wrong type for a key holding this value (never null, which some keys allow; never a
 * value of another type the key also takes, such as a number where null is allowed).
 */
const wrongFor = (value: unknown): fc.Arbitrary<unknown> =>
	typeof value === 'string'
		? fc.constantFrom(42, ['x'], {}, true)
		: typeof value === 'number'
			? fc.constantFrom('1', [1], {}, true, 'NaN')
			: typeof value === 'boolean'
				? fc.constantFrom('yes', 1, [])
				: Array.isArray(value)
					? fc.constantFrom('x', 42, { a: 1 })
					: value === null
						? fc.constantFrom(['x'], { a: 1 }, true)
						: fc.constantFrom('x', 42, [1]);

/**
 * The keys every new record of the table must have (docs/sync-protocol.md, Record schemas). Not `deleted`:
 * the merge starts every record undeleted, so a create may leave it out.
 */
const REQUIRED: Record<SyncedTable, string[]> = {
	fields: ['name', 'areaM2', 'createdAt'],
	logs: ['type', 'fieldId', 'status', 'at', 'notes', 'updatedAt'],
	inputs: [
		'kind',
		'name',
		'registrationNo',
		'npk',
		'activeIngredient',
		'preHarvestDays',
		'maxApplications',
		'notes'
	],
	batches: [
		'code',
		'product',
		'fieldIds',
		'harvestLogIds',
		'quantityKg',
		'origin',
		'parentIds',
		'status',
		'at',
		'publish',
		'notes'
	],
	profile: ['displayName', 'village', 'updatedAt'],
	assessments: ['answers', 'scores', 'takenAt', 'version'],
	lessonProgress: ['lessonId', 'progress', 'completedAt', 'createdAt'],
	questions: [
		'crop',
		'fieldId',
		'place',
		'text',
		'photos',
		'urgency',
		'groupId',
		'parentId',
		'acceptedAnswer',
		'askedAt'
	],
	answers: ['questionOwnerId', 'questionId', 'text', 'photos', 'lessonId', 'tool', 'answeredAt']
};

/** One value past a documented limit, per table. */
const OUT_OF_RANGE: Record<SyncedTable, (p: Data) => Data> = {
	fields: (p) => ({ ...p, areaM2: -1 }),
	logs: (p) => ({ ...p, at: 1 }),
	inputs: (p) => ({ ...p, preHarvestDays: 366 }),
	batches: (p) => ({ ...p, quantityKg: 10_000_001 }),
	profile: (p) => ({ ...p, displayName: '王'.repeat(41) }),
	assessments: (p) => ({ ...p, takenAt: Date.UTC(1999, 0, 1) }),
	lessonProgress: (p) => ({ ...p, progress: 1.5, completedAt: null }),
	questions: (p) => ({ ...p, text: '问'.repeat(2001) }),
	answers: (p) => ({ ...p, text: '答'.repeat(4001) })
};

/** Rules across fields or in time, broken; null where the table has none such here. */
const BROKEN_RULE: Record<SyncedTable, ((p: Data) => Data) | null> = {
	fields: (p) => (p.boundary ? { ...p, areaM2: Number(p.areaM2) * 2 + 10 } : { ...p, name: '   ' }),
	// work marked done, dated next month
	logs: (p) => ({ ...p, status: 'done', at: NOW + 30 * DAY }),
	inputs: (p) => ({ ...p, kind: 'pesticide', registrationNo: 'ABC123' }),
	batches: (p) => ({ ...p, origin: 'split', parentIds: [] }),
	profile: null,
	assessments: (p) => {
		const scores = p.scores as Record<string, number>;
		return { ...p, scores: { ...scores, work: scores.work === 100 ? 0 : 100 } };
	},
	lessonProgress: (p) => ({ ...p, completedAt: null, credits: 3 }),
	// a question that says nothing: no words, no photo, no voice note
	questions: (p) => ({ ...p, text: ' ', photos: [], voiceNote: null }),
	answers: (p) => ({ ...p, text: '', photos: [] })
};

/** A record that breaks its table's rules in one way, surely. */
export function invalidRecord(fieldIds: string[]): fc.Arbitrary<Generated & { how: string }> {
	return validRecord(fieldIds).chain((good) => {
		const required = REQUIRED[good.table];
		// a change to a record the account has (one per account: profile, a lesson's progress) carries only what
		// changed, so a key left out of it is no error; a new record must be whole
		const perAccount = good.table === 'profile' || good.table === 'lessonProgress';
		const ways: fc.Arbitrary<{ how: string; patch: Data }>[] = [
			...(perAccount
				? []
				: [
						fc.constantFrom(...required).map((key) => {
							const patch = { ...good.patch };
							delete patch[key];
							return { how: `no ${key}`, patch };
						})
					]),
			fc.constantFrom(...required).chain((key) =>
				wrongFor(good.patch[key]).map((wrong) => ({
					how: `${key}: ${JSON.stringify(wrong)}`,
					patch: { ...good.patch, [key]: wrong }
				}))
			),
			fc.stringMatching(/^[a-z]{3,10}$/).map((key) => ({
				how: `unknown key x_${key}`,
				patch: { ...good.patch, [`x_${key}`]: 1 }
			})),
			fc.constant({ how: 'out of range', patch: OUT_OF_RANGE[good.table](good.patch) })
		];
		const rule = BROKEN_RULE[good.table];
		if (rule) ways.push(fc.constant({ how: 'a rule broken', patch: rule(good.patch) }));
		return fc.oneof(...ways).map(({ how, patch }) => ({ ...good, how, patch }));
	});
}
