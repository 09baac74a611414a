/**
 * Ask an expert, read side (issue 22): the queue of open questions an agent or expert may answer, and the
 * answers to a farmer's own questions. Questions and answers are synced records of their owners; nobody
 * but the asker and those who may answer a question (answer-rights.ts) ever sees it or its answers.
 */
import type { Kysely } from 'kysely';
import {
	answerRight,
	queueOrder,
	type AnsweredChange,
	type AnswerQueue,
	type AnswersPage,
	type AnswerView,
	type QueueQuestion
} from '$lib/domain/questions';
import type { AnswerRecord, QuestionRecord } from '$lib/domain/records';
import type { User } from '../auth/accounts';
import type { ServerSchema } from '../db/schema';
import { GroupError } from '../groups/groups';
import { displayNames } from '../groups/member-data';
import { readStored, rowData } from '../records/stored-records';
import { answererOf } from './answer-rights';

/** Rows read at a time when scanning answers for one asker. */
const SCAN_PAGE = 1000;

export class Questions {
	constructor(
		private readonly db: Kysely<ServerSchema>,
		private readonly now: () => number = Date.now
	) {}

	/**
	 * The open questions (live, none accepted) the user may answer now, urgent and newest first, each with
	 * every answer it has. Only agents (and admins leading a group) and experts have a queue.
	 */
	async queue(user: User): Promise<AnswerQueue> {
		const who = await answererOf(this.db, user.id);
		if (!who || !['agent', 'admin', 'expert'].includes(who.role))
			throw new GroupError(
				403,
				'forbidden',
				undefined,
				'Only extension agents and experts answer questions.'
			);
		// an agent's askers are the members of the groups they lead; an expert's, anyone
		let owners: string[] | null = null;
		if (who.role !== 'expert') {
			if (!who.ledGroupIds.length) return { questions: [], fetchedAt: this.now() };
			const members = await this.db
				.selectFrom('group_members')
				.select('user_id')
				.where('group_id', 'in', who.ledGroupIds)
				.execute();
			owners = [...new Set(members.map((m) => m.user_id))];
			if (!owners.length) return { questions: [], fetchedAt: this.now() };
		}
		const questions = (await this.#liveQuestions(owners)).filter(
			(q) => q.acceptedAnswer === null && q.ownerId !== user.id
		);
		const askers = [...new Set(questions.map((q) => q.ownerId))];
		const memberships = askers.length
			? await this.db
					.selectFrom('group_members')
					.select(['user_id', 'group_id', 'share_locations'])
					.where('user_id', 'in', askers)
					.execute()
			: [];
		const groupsOf = (owner: string) =>
			memberships.filter((m) => m.user_id === owner).map((m) => m.group_id);
		const mine: { q: QuestionRecord; right: 'agent' | 'expert' }[] = [];
		for (const q of questions) {
			const right = answerRight(who, q.ownerId, groupsOf(q.ownerId), q);
			if (right) mine.push({ q, right });
		}
		const answers = await this.#answersTo(mine.map(({ q }) => q));
		const names = await displayNames(this.db, askers);
		const out = mine.map(({ q, right }): QueueQuestion => {
			// a place goes to an agent only through a group the asker shares places with (groups.ts sharing)
			const placeShared =
				right === 'expert' ||
				memberships.some(
					(m) =>
						m.user_id === q.ownerId &&
						m.share_locations === 1 &&
						who.ledGroupIds.includes(m.group_id) &&
						(q.groupId === null || q.groupId === m.group_id)
				);
			return {
				ownerId: q.ownerId,
				id: q.id,
				crop: q.crop,
				county: q.county ?? null,
				fieldId: q.fieldId,
				place: placeShared ? q.place : null,
				text: q.text,
				photos: q.photos,
				voiceNote: q.voiceNote ?? null,
				urgency: q.urgency,
				groupId: q.groupId,
				parentId: q.parentId,
				askedAt: q.askedAt,
				askerName: names.get(q.ownerId) ?? '',
				right,
				answers: answers.get(key(q.ownerId, q.id)) ?? []
			};
		});
		return { questions: out.sort(queueOrder), fetchedAt: this.now() };
	}

	/**
	 * Changes to answers to the user's own questions after revision `since`, in revision order (taken-back
	 * answers as `deleted`), with each answerer's name and role: what the asker's phone shows at each sync.
	 */
	async answersToMine(user: User, since: number, limit: number): Promise<AnswersPage> {
		const found: { rev: number; row: ServerSchema['records'] }[] = [];
		let scanned = since;
		let exhausted = false;
		while (found.length <= limit) {
			const rows = await this.db
				.selectFrom('records')
				.selectAll()
				.where('table_name', '=', 'answers')
				.where('rev', '>', scanned)
				.orderBy('rev')
				.limit(SCAN_PAGE)
				.execute();
			for (const row of rows) {
				scanned = row.rev;
				if (rowData(row.data)?.questionOwnerId === user.id) found.push({ rev: row.rev, row });
				if (found.length > limit) break;
			}
			if (rows.length < SCAN_PAGE) {
				exhausted = true;
				break;
			}
		}
		const more = found.length > limit || !exhausted;
		const page = found.slice(0, limit);
		const live = page
			.filter(({ row }) => row.deleted === 0)
			.map(({ row }) => readStored('answers', row))
			.filter((a): a is AnswerRecord => a !== null && !a.deleted);
		const views = new Map((await this.#views(live)).map((v) => [key(v.ownerId, v.id), v]));
		const changes: AnsweredChange[] = [];
		for (const { rev, row } of page) {
			const view = views.get(key(row.owner_id, row.id));
			if (view) changes.push({ ...view, deleted: false, rev });
			else if (row.deleted === 1) {
				const questionId = rowData(row.data)?.questionId;
				changes.push({
					deleted: true,
					rev,
					ownerId: row.owner_id,
					id: row.id,
					questionId: typeof questionId === 'string' ? questionId : ''
				});
			}
		}
		// with more to come, the next page starts after the last change given; else after all that was read
		const cursor = found.length > limit ? page.at(-1)!.rev : scanned;
		return { changes, cursor: Math.max(cursor, since), more };
	}

	/** Live questions, of these owners only (or of everyone), that pass their schema. */
	async #liveQuestions(owners: string[] | null): Promise<QuestionRecord[]> {
		let query = this.db
			.selectFrom('records')
			.select(['owner_id', 'id', 'data', 'clocks'])
			.where('table_name', '=', 'questions')
			.where('deleted', '=', 0);
		if (owners) query = query.where('owner_id', 'in', owners);
		const rows = await query.execute();
		return rows
			.map((row) => readStored('questions', row))
			.filter((q): q is QuestionRecord => q !== null && !q.deleted);
	}

	/** Every live answer to these questions, oldest first, by question. */
	async #answersTo(questions: QuestionRecord[]): Promise<Map<string, AnswerView[]>> {
		const byQuestion = new Map<string, AnswerView[]>();
		if (!questions.length) return byQuestion;
		const wanted = new Set(questions.map((q) => key(q.ownerId, q.id)));
		const rows = await this.db
			.selectFrom('records')
			.select(['owner_id', 'id', 'data', 'clocks'])
			.where('table_name', '=', 'answers')
			.where('deleted', '=', 0)
			.execute();
		const answers = rows
			.filter((row) => {
				const data = rowData(row.data);
				return wanted.has(key(String(data?.questionOwnerId), String(data?.questionId)));
			})
			.map((row) => readStored('answers', row))
			.filter((a): a is AnswerRecord => a !== null && !a.deleted);
		for (const view of (await this.#views(answers)).sort((a, b) => a.answeredAt - b.answeredAt)) {
			const k = key(view.questionOwnerId, view.questionId);
			byQuestion.set(k, [...(byQuestion.get(k) ?? []), view]);
		}
		return byQuestion;
	}

	async #views(answers: AnswerRecord[]): Promise<AnswerView[]> {
		const ids = [...new Set(answers.map((a) => a.ownerId))];
		const names = await displayNames(this.db, ids);
		const roles = ids.length
			? await this.db.selectFrom('users').select(['id', 'role']).where('id', 'in', ids).execute()
			: [];
		const roleOf = new Map(roles.map((r) => [r.id, r.role]));
		return answers.map((a) => ({
			ownerId: a.ownerId,
			id: a.id,
			questionOwnerId: a.questionOwnerId,
			questionId: a.questionId,
			text: a.text,
			photos: a.photos,
			lessonId: a.lessonId,
			tool: a.tool,
			answeredAt: a.answeredAt,
			answererName: names.get(a.ownerId) ?? '',
			answererRole: (roleOf.get(a.ownerId) ?? 'farmer') as AnswerView['answererRole']
		}));
	}
}

const key = (ownerId: string, id: string) => `${ownerId}\n${id}`;
