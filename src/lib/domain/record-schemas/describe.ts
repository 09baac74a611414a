/**
 * The record schemas in words, for docs/sync-protocol.md ("Record schemas"): every field's type, range and
 * unit, made from the schemas themselves (JSON Schema, zod's toJSONSchema) and from LOG_FORMS for the details
 * of each kind of log. `npm run docs:schemas` writes it into the document; a test checks it is there as made.
 */
import * as z from 'zod/mini';
import { LOG_FORMS, LOG_TYPES, UNITS, type DetailField } from '../field-logs';
import { SYNCED_TABLES, type SyncedTable } from '../sync-protocol';
import { recordSchema } from './index';

/** What each field means, with its unit; the schema gives its type and limits. */
const MEANING: Record<string, string> = {
	id: 'UUIDv7 made on the device',
	ownerId: 'the account; set by the server, not stored in the record',
	hlc: 'the latest clock stamp of any field',
	deleted: 'tombstone',
	createdAt: 'device time of creation, ms',
	updatedAt: 'device time of the last change, ms',
	'fields.name': 'the field’s name, not blank',
	'fields.areaM2': 'm²: the boundary’s geodesic area, or as typed without one',
	'fields.boundary':
		'GeoJSON Polygon, [longitude, latitude], WGS 84, rings closed, edges not crossing',
	'fields.crop': 'e.g. 玉米',
	'fields.season': 'e.g. 2026',
	'logs.type': 'the kind of record; its `details` are below',
	'logs.fieldId': 'the `fields` record, or null',
	'logs.status': 'planned work or work done',
	'inputs.name': 'as on the bag, not blank',
	'logs.at': 'when planned for or done, ms',
	'logs.photos': 'sha256 of each photo, in the order taken',
	'logs.point': '{ lat, lng (degrees), accuracy? (m) }: where the work was done',
	'logs.details': 'per kind, below',
	'inputs.kind': 'fertilizer, pesticide or seed',
	'inputs.registrationNo': '登记证号; a pesticide’s is PD/WP/LS/WL and digits',
	'inputs.npk': 'N-P₂O₅-K₂O in %, e.g. 15-15-15, at most 100 in all; or empty',
	'inputs.preHarvestDays': '安全间隔期, days',
	'inputs.maxApplications': 'sprays allowed per season',
	'inputs.category':
		'the label’s colour band: herbicide, insecticide, fungicide, growthRegulator, rodenticide',
	'inputs.toxicity': 'the label’s toxicity class, extreme to slight',
	'batches.code': 'trace code: 10 characters with a check character (see Trace codes)',
	'batches.product': 'what it is, e.g. 玉米',
	'batches.fieldIds': '`fields` ids',
	'batches.harvestLogIds': 'harvest `logs` ids',
	'batches.quantityKg': 'kg when made',
	'batches.parentIds': 'the batches it was split or merged from',
	'batches.at': 'harvested, split or merged, ms',
	'batches.publish':
		'{ enabled, producer?, origin?, place?, photos? } (booleans): what /t/<code> shows',
	'profile.id': 'one profile per account',
	'profile.photo': 'sha256 of the profile photo',
	'assessments.answers': 'question id → the chosen option’s index',
	'assessments.scores': 'work, learning, life, innovation, safety: 0–100 each',
	'assessments.takenAt': 'ms',
	'assessments.version': 'of the question set',
	'lessonProgress.lessonId': 'the lesson; equals `id`',
	'lessonProgress.progress': 'share of the last mastery window answered right',
	'lessonProgress.completedAt': 'mastery time, ms, or null',
	'lessonProgress.history': 'last answers, right (true) or wrong',
	'lessonProgress.credits': 'credits earned, with mastery',
	'questions.crop': 'e.g. 玉米; experts answer for crops (and counties)',
	'questions.fieldId': 'the `fields` record asked about, or null',
	'questions.county': 'the county (县/市/区) the farmer names, e.g. 五常市, or null',
	'questions.place': '{ lat, lng } in degrees, rounded to 0.01° (about a village), or null',
	'questions.text': 'what is wrong, in words',
	'questions.photos': 'sha256 of each photo, in the order taken',
	'questions.voiceNote': 'sha256 of a short voice note (the phone keeps it under a minute)',
	'questions.urgency': 'how urgent',
	'questions.groupId': 'one of the asker’s groups, or null for all of them',
	'questions.parentId': 'the question this follows up, in the same thread, or null',
	'questions.acceptedAnswer': '{ ownerId, id } of the answer that helped (采纳), or null',
	'questions.publish':
		'may be published without name or village once an answer is accepted; absent: no',
	'questions.askedAt': 'ms',
	'answers.questionOwnerId': 'the asker’s account',
	'answers.questionId': 'the `questions` record of that account',
	'answers.text': 'the answer, in words',
	'answers.photos': 'sha256 of each photo',
	'answers.lessonId': 'a lesson to read, or null',
	'answers.tool':
		'one of the app’s tool pages (`/tools/fertilizer`, `/tools/spray`, `/tools/yield`, `/tools/seedling`, `/tools/convert`) with a query that prefills it, or null',
	'answers.answeredAt': 'ms'
};

/** The rules across fields that the schema's refinements check (the JSON Schema cannot say them). */
const ACROSS: Partial<Record<SyncedTable, string[]>> = {
	fields: ['with a boundary, `areaM2` is the boundary’s geodesic area (within 0.5 % + 1 m²)'],
	logs: [
		'each kind’s `details` may hold only its own keys (below); required ones must be there',
		'a quantity’s limits are in its first unit; 斤 count as 0.5 kg against kg limits',
		'a survey (`details.survey`, observations) follows the seedling survey’s own ranges per crop'
	],
	inputs: ['a pesticide’s `registrationNo`, when given, is PD, WP, LS or WL and 6–10 digits'],
	batches: [
		'`origin: harvest` has no `parentIds`, `split` exactly one, `merge` two or more',
		'`code` is a valid trace code, held by no other batch and kept for no other account (409 `trace_code_taken`)'
	],
	assessments: [
		'with the current `version`, every answer is a question of the set and an option it has, and `scores` are what the answers score'
	],
	lessonProgress: [
		'`lessonId` equals `id`; a mastered lesson (`completedAt` set) has `progress` 1; credits only with mastery'
	],
	questions: [
		'a question says something: `text` not blank, or a photo, or a voice note',
		'`askedAt` is not in the future; `parentId` is not the question’s own id'
	],
	answers: [
		'an answer has words or a photo; `answeredAt` is not in the future',
		'the pusher may answer the question (see Ask an expert); else the push is refused 403 `forbidden`'
	]
};

interface Node {
	type?: string;
	const?: unknown;
	enum?: unknown[];
	minLength?: number;
	maxLength?: number;
	minimum?: number;
	maximum?: number;
	minItems?: number;
	maxItems?: number;
	pattern?: string;
	items?: Node;
	anyOf?: Node[];
	oneOf?: Node[];
	properties?: Record<string, Node>;
	required?: string[];
	additionalProperties?: unknown;
}

const num = (n: number) => (Math.abs(n) >= 1e12 ? 'ms' : Number(n.toFixed(2)).toLocaleString('en'));

function kindOf(node: Node): string {
	if (node.anyOf) return node.anyOf.map(kindOf).join(' or ');
	if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
	if (node.enum) return `one of ${node.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
	switch (node.type) {
		case 'string': {
			const parts = ['text'];
			if (node.pattern === '^[0-9a-f]{64}$') return 'sha256 (64 hex characters)';
			if (node.pattern) return 'clock stamp';
			if (node.minLength) parts.push(`${node.minLength}–${node.maxLength ?? '…'} characters`);
			else if (node.maxLength !== undefined) parts.push(`at most ${node.maxLength} characters`);
			return parts.join(', ');
		}
		case 'number':
		case 'integer': {
			const whole = node.type === 'integer' ? 'whole number' : 'number';
			if (node.minimum !== undefined && node.maximum !== undefined && node.maximum >= 1e12)
				return node.minimum >= 9e11 ? 'time (ms), years 2000–2100' : 'time (ms)';
			if (node.minimum !== undefined && node.maximum !== undefined)
				return `${whole} ${num(node.minimum)} – ${num(node.maximum)}`;
			return whole;
		}
		case 'boolean':
			return 'boolean';
		case 'null':
			return 'null';
		case 'array': {
			const of = node.items ? kindOf(node.items) : 'values';
			return node.maxItems !== undefined
				? `list (at most ${node.maxItems}) of ${of}`
				: `list of ${of}`;
		}
		case 'object':
			return 'object';
		default:
			return 'any';
	}
}

function row(cells: string[]): string {
	return `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
}

function fieldRows(table: SyncedTable, node: Node, skip: Set<string> = new Set()): string[] {
	const required = new Set(node.required ?? []);
	return Object.entries(node.properties ?? {})
		.filter(([key]) => !skip.has(key))
		.map(([key, field]) => {
			const kind =
				key === 'boundary'
					? 'GeoJSON Polygon or null'
					: key === 'details'
						? 'object'
						: table === 'logs' && key === 'type'
							? `one of ${LOG_TYPES.map((t) => `\`${t}\``).join(', ')}`
							: kindOf(field);
			const needed =
				table === 'logs' && key === 'details'
					? 'when the kind has a required detail'
					: required.has(key)
						? 'yes'
						: 'no';
			return row([`\`${key}\``, kind, needed, MEANING[`${table}.${key}`] ?? MEANING[key] ?? '']);
		});
}

function detailKind(field: DetailField): string {
	switch (field.kind) {
		case 'text':
			return `text, at most ${field.max ?? 200} characters${field.required ? ', not blank' : ''}`;
		case 'choice':
			return `one of ${field.options.map((o) => `\`${o}\``).join(', ')}`;
		case 'input':
			return `the id of an \`inputs\` record (${field.inputKind})`;
		case 'quantity': {
			const units = field.units.map((u) => `\`${u}\` (${UNITS[u]})`).join(', ');
			const from = field.required ? `more than ${num(field.min ?? 0)}` : `${num(field.min ?? 0)}`;
			return `{ value, unit }: ${units}; ${from} – ${num(field.max)} ${UNITS[field.units[0]!]}`;
		}
	}
}

const HEAD = ['| field | type | required | meaning |', '| --- | --- | --- | --- |'];

/** The "Record schemas" section of docs/sync-protocol.md, as Markdown. */
export function recordSchemasMarkdown(): string {
	const out: string[] = [];
	const base = z.toJSONSchema(recordSchema('fields', 'write'), { unrepresentable: 'any' }) as Node;
	const common = new Set(['id', 'ownerId', 'hlc', 'deleted', 'createdAt', 'updatedAt']);
	out.push(
		'Every record (`id` of `profile` is always `"me"`; of `lessonProgress`, the lesson’s id):',
		''
	);
	out.push(
		...HEAD,
		...fieldRows('fields', {
			...base,
			properties: Object.fromEntries(
				Object.entries(base.properties ?? {}).filter(([k]) => common.has(k))
			)
		}),
		''
	);
	for (const table of SYNCED_TABLES) {
		const node = z.toJSONSchema(recordSchema(table, 'write'), { unrepresentable: 'any' }) as Node;
		const shape = node.oneOf?.[0] ?? node;
		const skip = table === 'profile' ? new Set([...common].filter((k) => k !== 'id')) : common;
		out.push(`### \`${table}\``, '', ...HEAD, ...fieldRows(table, shape, skip), '');
		if (table === 'logs') {
			out.push('`details` by `type` (a required detail must be there; no other keys):', '');
			out.push('| type | detail | value | required |', '| --- | --- | --- | --- |');
			for (const type of LOG_TYPES) {
				for (const field of LOG_FORMS[type])
					out.push(
						row([
							`\`${type}\``,
							`\`${field.key}\``,
							detailKind(field),
							field.required ? 'yes' : 'no'
						])
					);
				if (type === 'observation')
					out.push(
						row([
							'`observation`',
							'`survey`',
							'a seedling survey (seedling-survey.ts SurveyDetail)',
							'no'
						])
					);
			}
			out.push('');
		}
		const across = ACROSS[table];
		if (across) out.push(...across.map((r) => `- ${r}`), '');
	}
	return out.join('\n').trimEnd() + '\n';
}
