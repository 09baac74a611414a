/**
 * Who may answer a farmer's question (issue 22), from what the database says now: the one server function
 * the push, the queue and the photo rules ask, so they cannot disagree. The rule itself is pure
 * (domain/questions.ts answerRight); this gathers its facts: the question, the groups its asker is in, the
 * caller's role, the groups they lead and their expert scope.
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { ROLES } from '$lib/domain/account';
import {
	answerRight,
	type Answerer,
	type AnswerRight,
	type ExpertScope
} from '$lib/domain/questions';
import type { QuestionRecord } from '$lib/domain/records';
import type { ServerSchema } from '../db/schema';
import { readStored } from '../records/stored-records';

type Db = Kysely<ServerSchema> | Transaction<ServerSchema>;

const namesSchema = z.array(z.string().max(100)).max(200);

/** A stored scope, read as untrusted: a damaged one names nothing. */
export function readScope(row: { crops: string; counties: string }): ExpertScope | null {
	try {
		const crops = namesSchema.safeParse(JSON.parse(row.crops));
		const counties = namesSchema.safeParse(JSON.parse(row.counties));
		return crops.success && counties.success
			? { crops: crops.data, counties: counties.data }
			: null;
	} catch {
		return null;
	}
}

/** The account as an answerer: its role now, the groups it leads, its scope. Null for no such account. */
export async function answererOf(db: Db, userId: string): Promise<Answerer | null> {
	const user = await db
		.selectFrom('users')
		.select(['id', 'role'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user) return null;
	const role = ROLES.find((r) => r === user.role) ?? 'farmer';
	const led =
		role === 'agent' || role === 'admin'
			? await db.selectFrom('groups').select('id').where('agent_id', '=', userId).execute()
			: [];
	const scopeRow =
		role === 'expert'
			? await db
					.selectFrom('expert_scopes')
					.selectAll()
					.where('user_id', '=', userId)
					.executeTakeFirst()
			: undefined;
	return {
		id: user.id,
		role,
		ledGroupIds: led.map((g) => g.id),
		scope: scopeRow ? readScope(scopeRow) : null
	};
}

/** The groups the account is a member of now. */
export async function groupsOf(db: Db, userId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('group_members')
		.select('group_id')
		.where('user_id', '=', userId)
		.execute();
	return rows.map((r) => r.group_id);
}

/** A live question as stored, when it passes its schema; else null (deleted, unknown, or broken). */
export async function liveQuestion(
	db: Db,
	ownerId: string,
	questionId: string
): Promise<QuestionRecord | null> {
	const row = await db
		.selectFrom('records')
		.select(['owner_id', 'id', 'data', 'clocks'])
		.where('owner_id', '=', ownerId)
		.where('table_name', '=', 'questions')
		.where('id', '=', questionId)
		.where('deleted', '=', 0)
		.executeTakeFirst();
	const question = row ? readStored('questions', row) : null;
	return question && !question.deleted ? question : null;
}

/**
 * Whether, and as what, the account may answer this farmer's question now: null when the question is gone
 * (deleted, or never synced) or the account is neither an agent of a group its asker is in (that group
 * only, when the question names one) nor an expert of its crop or county.
 */
export async function answerRightFor(
	db: Db,
	userId: string,
	questionOwnerId: string,
	questionId: string
): Promise<AnswerRight | null> {
	const question = await liveQuestion(db, questionOwnerId, questionId);
	if (!question) return null;
	const who = await answererOf(db, userId);
	if (!who) return null;
	return answerRight(who, questionOwnerId, await groupsOf(db, questionOwnerId), question);
}
