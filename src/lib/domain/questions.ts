/**
 * Ask an expert (问专家, issue 22): a farmer's question and the answers agents and experts give, as rules
 * shared by the phone and the server. Who may answer a question is decided here, from facts the caller
 * gathers (server/questions/questions.ts reads them from the database); nothing here touches storage.
 */
import type { Role } from './account';
import type { AnswerRecord } from './records';
import { LESSON_ID } from './sync-protocol';

export const QUESTION_TEXT_MAX = 2000;
export const ANSWER_TEXT_MAX = 4000;
/** Photos per question or answer: as the record form takes (LogPhotos), each made small on the phone. */
export const QUESTION_PHOTOS_MAX = 6;
export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
/** A crop or county name, as on a field (fields.crop) or a scope: 玉米, 五常市. */
export const SCOPE_NAME_MAX = 20;
/** An expert's scope: at most this many crops and this many counties. */
export const SCOPE_LIST_MAX = 50;
/** A question's place: rounded to 0.01° (about a village, trace.ts PUBLIC_PLACE_STEP_DEG), never a field. */
export const QUESTION_PLACE_STEP_DEG = 0.01;

/**
 * The app's own tools an answer may link to, prefilled by a query string (e.g. the fertilizer calculator
 * with the farmer's numbers). Only these paths: an answer can't send a farmer to another site.
 */
export const TOOL_PATHS = [
	'/tools/fertilizer',
	'/tools/spray',
	'/tools/yield',
	'/tools/seedling',
	'/tools/convert'
] as const;
export const TOOL_LINK_MAX = 300;
const QUERY = /^[A-Za-z0-9_.~%=&+-]*$/;

/** Whether `link` is one of the app's tool pages, with at most a plain query string. */
export function isToolLink(link: string): boolean {
	if (link.length > TOOL_LINK_MAX) return false;
	const [path, query, ...rest] = link.split('?');
	if (rest.length) return false;
	return (
		(TOOL_PATHS as readonly string[]).includes(path ?? '') &&
		(query === undefined || QUERY.test(query))
	);
}

export const isLessonId = (id: string) => LESSON_ID.test(id) && id.length <= 64;

/** Whether a number is on the 0.01° grid (within float error): a place rounded as a question keeps it. */
export function isRoundedDegree(value: number): boolean {
	const scaled = value / QUESTION_PLACE_STEP_DEG;
	return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** A place rounded to the question's grid. */
export function roundPlace(lat: number, lng: number): { lat: number; lng: number } {
	const round = (v: number) =>
		Number((Math.round(v / QUESTION_PLACE_STEP_DEG) * QUESTION_PLACE_STEP_DEG).toFixed(2));
	return { lat: round(lat), lng: round(lng) };
}

/** A crop or county as compared: NFKC, trimmed, inner spaces gone (" 玉 米" and "玉米" are one crop). */
export function scopeKey(name: string): string {
	return name.normalize('NFKC').replace(/\s+/g, '');
}

/** What an admin gives an expert to answer for: crops and/or counties (each list may be empty, not both). */
export interface ExpertScope {
	crops: string[];
	counties: string[];
}

/** The scope as stored: names cleaned, each once, in the order given; null when it names nothing. */
export function cleanScope(scope: ExpertScope): ExpertScope | null {
	const clean = (names: string[]) => [...new Set(names.map(scopeKey).filter(Boolean))];
	const out = { crops: clean(scope.crops), counties: clean(scope.counties) };
	return out.crops.length || out.counties.length ? out : null;
}

/** A question as the answering rule needs it. */
export interface QuestionReach {
	crop: string;
	county?: string | null;
	/** One of the asker's groups, or null for all of them. */
	groupId: string | null;
}

/** Who wants to answer, as the server knows them now. */
export interface Answerer {
	id: string;
	role: Role;
	/** The groups this account leads (groups.agent_id); they count only while the role is agent or admin. */
	ledGroupIds: readonly string[];
	/** The expert's scope; counts only while the role is expert. */
	scope: ExpertScope | null;
}

export type AnswerRight = 'agent' | 'expert';

/**
 * Whether (and as what) `who` may answer a question asked by `askerId`, who is now a member of
 * `askerGroupIds`: the agent of one of those groups (only the question's own group when it names one), or
 * an expert whose scope names the question's crop or county. Nobody answers their own question.
 */
export function answerRight(
	who: Answerer,
	askerId: string,
	askerGroupIds: readonly string[],
	question: QuestionReach
): AnswerRight | null {
	if (who.id === askerId) return null;
	if (who.role === 'agent' || who.role === 'admin') {
		const reach =
			question.groupId === null
				? askerGroupIds
				: askerGroupIds.filter((g) => g === question.groupId);
		if (reach.some((g) => who.ledGroupIds.includes(g))) return 'agent';
	}
	if (who.role === 'expert' && who.scope) {
		const crops = who.scope.crops.map(scopeKey);
		const counties = who.scope.counties.map(scopeKey);
		if (crops.includes(scopeKey(question.crop))) return 'expert';
		if (question.county && counties.includes(scopeKey(question.county))) return 'expert';
	}
	return null;
}

/** Queue order: urgent before normal, then newest first (and by id, so the order is stable). */
export function queueOrder(
	a: { urgency: Urgency; askedAt: number; id: string },
	b: { urgency: Urgency; askedAt: number; id: string }
): number {
	const urgent = (q: { urgency: Urgency }) => (q.urgency === 'urgent' ? 0 : 1);
	return urgent(a) - urgent(b) || b.askedAt - a.askedAt || a.id.localeCompare(b.id);
}

/** An answer as the asker and the question's answerers see it (GET /api/questions/queue, …/answers). */
export type AnswerView = Pick<
	AnswerRecord,
	| 'ownerId'
	| 'id'
	| 'questionOwnerId'
	| 'questionId'
	| 'text'
	| 'photos'
	| 'lessonId'
	| 'tool'
	| 'answeredAt'
> & {
	/** The answerer's name as others see it (a phone number never whole). */
	answererName: string;
	/** The answerer's role now: `agent`, `expert` (`admin` for an admin who leads a group). */
	answererRole: Role;
};

/** A question in an answerer's queue, with every answer it has so far. */
export interface QueueQuestion {
	ownerId: string;
	id: string;
	crop: string;
	county: string | null;
	fieldId: string | null;
	/** Only when the asker shares places with the agent's group; to an expert, as the asker sent it. */
	place: { lat: number; lng: number } | null;
	text: string;
	photos: string[];
	voiceNote: string | null;
	urgency: Urgency;
	groupId: string | null;
	parentId: string | null;
	askedAt: number;
	askerName: string;
	/** Why this account may answer it. */
	right: AnswerRight;
	answers: AnswerView[];
}

export interface AnswerQueue {
	questions: QueueQuestion[];
	fetchedAt: number;
}

/** A change to an answer to one of the asker's questions; a taken-back answer comes as `deleted`. */
export type AnsweredChange =
	| ({ deleted: false; rev: number } & AnswerView)
	| { deleted: true; rev: number; ownerId: string; id: string; questionId: string };

export interface AnswersPage {
	changes: AnsweredChange[];
	/** Pass as `since` next time. */
	cursor: number;
	more: boolean;
}
