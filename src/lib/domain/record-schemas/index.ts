/**
 * One schema per synced table (docs/sync-protocol.md, Records): every field's type, range and unit. The phone
 * checks each change against it before the change and its outbox op are written (data/sync-repository.ts);
 * the server checks every op of a push against the same schema and refuses the push (400, `field` the path)
 * when one breaks it; server readers parse stored records with it and skip, with a log line, what fails.
 */
import type * as z from 'zod/mini';
import type { SyncedTable } from '../sync-protocol';
import { assessmentSchema } from './assessments';
import { batchSchema } from './batches';
import type { SchemaMode } from './common';
import { fieldSchema } from './fields';
import { inputSchema } from './inputs';
import { lessonProgressSchema } from './lesson-progress';
import { logSchema } from './logs';
import { profileSchema } from './profile';
import { questionSchema } from './questions';
import { answerSchema } from './answers';
import type {
	AnswerRecord,
	AssessmentRecord,
	BatchRecord,
	FieldRecord,
	InputRecord,
	LessonProgressRecord,
	LogRecord,
	ProfileRecord,
	QuestionRecord
} from '../records';

export type { SchemaMode } from './common';

/**
 * The version of these rules: raise it when a rule changes, so servers check their stored records again at
 * the next start (server/records/record-audit.ts).
 */
export const RECORD_RULES_VERSION = 1;

/** The record type of each table. */
export interface TableRecords {
	fields: FieldRecord;
	logs: LogRecord;
	lessonProgress: LessonProgressRecord;
	profile: ProfileRecord;
	inputs: InputRecord;
	batches: BatchRecord;
	assessments: AssessmentRecord;
	questions: QuestionRecord;
	answers: AnswerRecord;
}
/** A record as the schema checks it: without `clocks` (the merge's bookkeeping, not a field). */
export type StoredRecord<T extends SyncedTable> = Omit<TableRecords[T], 'clocks'>;

const MAKERS: Record<SyncedTable, (mode: SchemaMode) => z.ZodMiniType> = {
	fields: fieldSchema,
	logs: logSchema,
	lessonProgress: lessonProgressSchema,
	profile: profileSchema,
	inputs: inputSchema,
	batches: batchSchema,
	assessments: assessmentSchema,
	questions: questionSchema,
	answers: answerSchema
};

const made = new Map<string, z.ZodMiniType>();

/** The table's schema: `write` refuses keys it does not name, `read` ignores them. */
export function recordSchema(table: SyncedTable, mode: SchemaMode): z.ZodMiniType {
	const key = `${table}:${mode}`;
	let schema = made.get(key);
	if (!schema) {
		schema = MAKERS[table](mode);
		made.set(key, schema);
	}
	return schema;
}

/** What is wrong with a record: `path` is dotted from the record (`details.rate.value`). */
export interface RecordProblem {
	path: string;
	message: string;
	/** The top-level fields the problem is about (a rule across fields names them all). */
	keys: string[];
}

interface Issue {
	code: string;
	path: PropertyKey[];
	message: string;
	keys?: string[];
	params?: { keys?: string[] };
	expected?: string;
	minimum?: number | bigint;
	maximum?: number | bigint;
	origin?: string;
	values?: unknown[];
	errors?: Issue[][];
	note?: string;
}

/** zod's own messages (its English locale, when the classic build is loaded too): not said to people. */
const ZOD_WORDS = /^(Invalid|Too (big|small)|Unrecognized)/;

/** The value at a path of what was checked (undefined when it is not there). */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
	let at: unknown = value;
	for (const key of path) {
		if (typeof at !== 'object' || at === null) return undefined;
		at = (at as Record<PropertyKey, unknown>)[key];
	}
	return at;
}

/** Plain words for an issue: the schema's own message where it gave one, else ours. */
function wordsOf(issue: Issue, input: unknown): string {
	if (issue.message && !ZOD_WORDS.test(issue.message)) return issue.message;
	switch (issue.code) {
		case 'invalid_type':
			return valueAt(input, issue.path) === undefined
				? 'missing'
				: `not ${article(issue.expected)}`;
		case 'too_small':
			return issue.origin === 'array' || issue.origin === 'string'
				? `at least ${String(issue.minimum)} long`
				: `at least ${String(issue.minimum)}`;
		case 'too_big':
			return issue.origin === 'array' || issue.origin === 'string'
				? `at most ${String(issue.maximum)} long`
				: `at most ${String(issue.maximum)}`;
		case 'invalid_value':
			return (issue.values ?? []).length === 1
				? `must be ${JSON.stringify(issue.values![0])}`
				: `one of ${(issue.values ?? []).map(String).join(', ')}`;
		case 'invalid_union':
			return issue.note === 'No matching discriminator' ? 'not a known kind' : 'not a valid value';
		default:
			return 'not a valid value';
	}
}

/** "a number", "an object", "a list" (zod calls it array), "text" (string). */
function article(expected: string | undefined): string {
	if (expected === 'string') return 'text';
	if (expected === 'array') return 'a list';
	if (!expected) return 'valid';
	return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function problemsOf(issues: readonly Issue[], input: unknown): RecordProblem[] {
	const out: RecordProblem[] = [];
	for (const issue of issues) {
		// unknown keys come as one issue at the parent: one problem per key, at the key
		if (issue.code === 'unrecognized_keys')
			for (const key of issue.keys ?? []) {
				const path = [...issue.path.map(String), key];
				out.push({ path: path.join('.'), message: 'not a field of this record', keys: [path[0]!] });
			}
		else {
			const path = issue.path.map(String);
			out.push({
				path: path.join('.'),
				message: wordsOf(issue, input),
				keys: issue.params?.keys ?? (path.length ? [path[0]!] : [])
			});
		}
	}
	return out;
}

function withoutClocks(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const rest = { ...(value as Record<string, unknown>) };
	delete rest.clocks;
	return rest;
}

/** Every problem of a whole record; empty when it passes. */
export function recordProblems(
	table: SyncedTable,
	value: unknown,
	mode: SchemaMode = 'read'
): RecordProblem[] {
	const input = withoutClocks(value);
	const result = recordSchema(table, mode).safeParse(input);
	return result.success ? [] : problemsOf(result.error.issues, input);
}

/** The record as its table's type when it passes the read schema (unknown keys dropped), else null. */
export function parseRecord<T extends SyncedTable>(
	table: T,
	value: unknown
): StoredRecord<T> | null {
	const result = recordSchema(table, 'read').safeParse(withoutClocks(value));
	return result.success ? (result.data as StoredRecord<T>) : null;
}

/** Fields a patch may carry but the merge ignores (merge.ts RESERVED_FIELDS). */
const IGNORED_IN_PATCH = new Set(['id', 'hlc', 'clocks', 'ownerId']);

/** Times a record may carry ahead of the checker's clock (see `timeProblems`). */
export interface TimeRules {
	/** How far past `now` a thing done may be dated: a few minutes on the phone, the clock drift on the server. */
	slackMs: number;
	/** How far ahead a plan may be: two years (field-logs.ts). */
	plannedAheadMs: number;
}

const YEAR_MS = 365 * 86_400_000;
export const PLANNED_AHEAD_MS = 2 * YEAR_MS;

/**
 * Time rules, which depend on when a record is checked and so are not part of the stored schema: a record of
 * work done (a done log, a harvest batch, a taken assessment, a mastered lesson) can't be in the future.
 */
export function timeProblems(
	table: SyncedTable,
	value: Record<string, unknown>,
	now: number,
	rules: TimeRules
): RecordProblem[] {
	const latest = now + rules.slackMs;
	const late = (key: string, keys: string[], message: string): RecordProblem[] => {
		const t = value[key];
		return typeof t === 'number' && t > latest ? [{ path: key, message, keys }] : [];
	};
	switch (table) {
		case 'logs':
			if (value.status === 'planned') {
				const at = value.at;
				return typeof at === 'number' && at > now + rules.plannedAheadMs
					? [{ path: 'at', message: 'a plan more than two years ahead', keys: ['at', 'status'] }]
					: [];
			}
			return late(
				'at',
				['at', 'status'],
				'work marked done can’t be in the future: plan it instead'
			);
		case 'batches':
			return late('at', ['at'], 'a harvest can’t be in the future');
		case 'assessments':
			return late('takenAt', ['takenAt'], 'can’t be taken in the future');
		case 'lessonProgress':
			return late('completedAt', ['completedAt'], 'can’t be mastered in the future');
		case 'questions':
			return late('askedAt', ['askedAt'], 'can’t be asked in the future');
		case 'answers':
			return late('answeredAt', ['answeredAt'], 'can’t be answered in the future');
		default:
			return [];
	}
}

/**
 * The problems a change brings (the phone before it saves one, the server for each pushed op). The record
 * after the change must pass the write schema and the time rules; a problem only in fields the change did
 * not touch belongs to an older record (the audit reports those) and does not hold this change up. A record
 * that comes to life (new, or a tombstone brought back) must pass whole; a tombstone nobody reads need not.
 * `before` is the record as it was (undefined when new). Paths are from the record.
 */
export function changeProblems(
	table: SyncedTable,
	before: object | undefined,
	patch: Record<string, unknown>,
	after: Record<string, unknown>,
	now: number,
	rules: TimeRules
): RecordProblem[] {
	const touched = new Set(Object.keys(patch).filter((k) => !IGNORED_IN_PATCH.has(k)));
	const wasGone = before === undefined || ('deleted' in before && before.deleted === true);
	const whole = after.deleted !== true && wasGone;
	const problems = [
		...recordProblems(table, after, 'write'),
		...timeProblems(table, after, now, rules)
	];
	return problems.filter((p) => whole || p.keys.length === 0 || p.keys.some((k) => touched.has(k)));
}
