import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hlcToString } from '$lib/domain/hlc';
import type { SyncedTable } from '$lib/domain/sync-protocol';
import { Accounts, type User } from '../auth/accounts';
import { BlobStore } from '../blobs/blob-store';
import { createServerDb, migrateToLatest } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import { Admin } from '../groups/admin';
import { GroupError, Groups } from '../groups/groups';
import { SyncError, SyncService } from '../sync/sync-service';
import { answerRightFor } from './answer-rights';
import { Questions } from './questions';
import { ONE_LESSON } from '../../../../tests/factories/lessons';
import { createPatch } from '../../../../tests/factories/records';

const dir = mkdtempSync(join(tmpdir(), 'heitu-questions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backends = await testBackends(dir, 'questions');

const NOW = Date.UTC(2026, 5, 10, 3);
const ALL = { learning: true, observations: true, locations: true };
const NO_PLACES = { learning: true, observations: true, locations: false };
const PASSWORD = 'black-soil-2026';
let n = 0;

async function refusal(work: Promise<unknown>) {
	try {
		await work;
	} catch (error) {
		if (error instanceof SyncError || error instanceof GroupError)
			return { status: error.status, code: error.code, field: error.field, message: error.message };
		throw error;
	}
	throw new Error('was not refused');
}

/**
 * The world of the permission rules: farmer A in agent A's group (sharing no places), farmer B in agent Z's,
 * a maize expert and a rice expert of 五常市, the admin, and farmer A's question about maize with a photo.
 */
async function world(config: Parameters<typeof createServerDb>[0]) {
	const server = createServerDb(config);
	await dropAllTables(server);
	await migrateToLatest(server.db);
	const clock = () => NOW;
	const accounts = new Accounts(server.db);
	const sync = new SyncService(server, clock);
	const groups = new Groups(server.db, ONE_LESSON, clock);
	const admin = new Admin(server.db, clock);
	const questions = new Questions(server.db, clock);
	const blobs = new BlobStore(server, mkdtempSync(join(dir, 'blobs-')), { now: clock });
	const op = (
		table: SyncedTable,
		recordId: string,
		patch: Record<string, unknown>,
		whole = true
	) => ({
		opId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
		table,
		recordId,
		patch: whole ? createPatch(table, patch, { id: recordId, at: NOW - 60_000 }) : patch,
		hlc: hlcToString({ wall: NOW - 60_000 + n, counter: 0, node: 'phone' })
	});
	const push = (user: User, ...ops: ReturnType<typeof op>[]) => sync.push(user.id, ops);
	const upload = async (user: User, text: string) => {
		const bytes = new TextEncoder().encode(text);
		const hash = createHash('sha256').update(bytes).digest('hex');
		expect(await blobs.append(user.id, hash, 0, bytes, bytes.length)).toMatchObject({
			kind: 'complete'
		});
		return hash;
	};

	const root = await accounts.createUser('root', PASSWORD, 'admin');
	const agentA = await accounts.createUser('agent_a', PASSWORD, 'agent');
	const agentZ = await accounts.createUser('agent_z', PASSWORD, 'agent');
	const farmerA = await accounts.createUser('13800138000', PASSWORD);
	const farmerB = await accounts.createUser('farmer_b', PASSWORD);
	const maizeExpert = await accounts.createUser('expert_maize', PASSWORD);
	const riceExpert = await accounts.createUser('expert_rice', PASSWORD);
	await admin.setRole(root, 'expert_maize', 'expert', { crops: ['玉米'], counties: [] });
	await admin.setRole(root, 'expert_rice', 'expert', { crops: ['水稻'], counties: ['五常市'] });
	const asExpert = (u: User): User => ({ ...u, role: 'expert' });
	const groupA = await groups.create(agentA, 'A 的合作社');
	const groupZ = await groups.create(agentZ, '别的村');
	await groups.join(farmerA, groupA.invite!.code, NO_PLACES);
	await groups.join(farmerB, groupZ.invite!.code, ALL);

	const photo = await upload(farmerA, 'farmer A’s photo of a sick leaf');
	await push(
		farmerA,
		op('profile', 'me', { displayName: '13800138000', village: '甲村' }),
		op('questions', 'q1', {
			crop: '玉米',
			text: '叶子发黄',
			photos: [photo],
			place: { lat: 45.76, lng: 126.63 }
		})
	);
	return {
		server,
		sync,
		admin,
		groups,
		questions,
		blobs,
		op,
		push,
		upload,
		root,
		agentA,
		agentZ,
		farmerA,
		farmerB,
		maizeExpert: asExpert(maizeExpert),
		riceExpert: asExpert(riceExpert),
		groupA,
		groupZ,
		photo
	};
}

describe.each(backends)('ask an expert on %s', (_kind, config) => {
	it('lets answer only the agent of the asker’s group and an expert of the crop', async () => {
		const w = await world(config);
		const right = (u: User, id = 'q1') => answerRightFor(w.server.db, u.id, w.farmerA.id, id);
		expect(await right(w.agentA)).toBe('agent');
		expect(await right(w.maizeExpert)).toBe('expert');
		for (const u of [w.agentZ, w.farmerA, w.farmerB, w.riceExpert, w.root])
			expect(await right(u)).toBe(null);
		expect(await right(w.agentA, 'no-such-question')).toBe(null);

		// the question for another of A's groups only: agent A no longer answers it
		await w.push(w.farmerA, w.op('questions', 'q1', { groupId: w.groupZ.id }, false));
		expect(await right(w.agentA)).toBe(null);
		await w.push(w.farmerA, w.op('questions', 'q1', { groupId: null }, false));
		// a rice question of 五常市 reaches the rice expert by crop, and by county whatever the crop
		await w.push(w.farmerA, w.op('questions', 'q2', { crop: '大豆', county: '五常市' }));
		expect(await right(w.riceExpert, 'q2')).toBe('expert');
		expect(await right(w.maizeExpert, 'q2')).toBe(null);

		// the admin takes the expert role away: the scope goes with it
		await w.admin.setRole(w.root, 'expert_maize', 'farmer');
		expect(await right(w.maizeExpert)).toBe(null);
		expect(await w.server.db.selectFrom('expert_scopes').select('user_id').execute()).toHaveLength(
			1
		);
		// an expert without a scope is refused, saying what is missing
		expect(
			await refusal(
				w.admin.setRole(w.root, 'expert_maize', 'expert', { crops: [' '], counties: [] })
			)
		).toMatchObject({ status: 400, code: 'scope_needed', field: 'scope' });
		expect(await refusal(w.admin.setRole(w.agentA, 'farmer_b', 'expert'))).toMatchObject({
			status: 403
		});

		// the asker leaves the group: its agent answers no more
		await w.groups.leave(w.farmerA, w.groupA.id);
		expect(await right(w.agentA)).toBe(null);
	});

	it('refuses a whole push holding an answer its pusher may not give', async () => {
		const w = await world(config);
		const answer = (id: string, questionId = 'q1', owner = w.farmerA.id) =>
			w.op('answers', id, { questionOwnerId: owner, questionId, text: '看着像大斑病' });
		for (const u of [w.agentZ, w.farmerB, w.riceExpert, w.root, w.farmerA]) {
			const before = await w.server.db.selectFrom('records').select('id').execute();
			expect(
				await refusal(
					w.push(u, w.op('fields', `f-${u.login}`, { name: '地' }), answer(`a-${u.login}`))
				)
			).toMatchObject({ status: 403, code: 'forbidden', field: 'ops.1.patch.questionId' });
			// nothing of the push is kept, its field neither
			expect(await w.server.db.selectFrom('records').select('id').execute()).toEqual(before);
		}
		expect(await refusal(w.push(w.agentA, answer('a-none', 'no-such-question')))).toMatchObject({
			status: 403
		});
		await w.push(w.agentA, answer('a1'));
		await w.push(w.maizeExpert, answer('a2'));
		// an answer stays with its question; taking it back is always allowed
		expect(
			await refusal(w.push(w.agentA, w.op('answers', 'a1', { questionId: 'q2' }, false)))
		).toMatchObject({ status: 400, code: 'invalid', field: 'ops.0.patch.questionId' });
		// the farmer deletes the question: nobody may answer it any more, and it leaves every queue
		await w.push(w.farmerA, w.op('questions', 'q1', { deleted: true, updatedAt: NOW }, false));
		expect(await refusal(w.push(w.agentA, answer('a3')))).toMatchObject({ status: 403 });
		expect((await w.questions.queue(w.agentA)).questions).toEqual([]);
		expect((await w.questions.queue(w.maizeExpert)).questions).toEqual([]);
		await w.push(w.agentA, w.op('answers', 'a1', { deleted: true, updatedAt: NOW }, false));
	});

	it('shows each answerer the open questions they may answer, with every answer, and no one else', async () => {
		const w = await world(config);
		await w.push(
			w.farmerA,
			w.op('questions', 'q-urgent-old', {
				crop: '玉米',
				urgency: 'urgent',
				askedAt: NOW - 9_000_000
			})
		);
		await w.push(w.farmerA, w.op('questions', 'q-new', { crop: '玉米', askedAt: NOW - 1000 }));
		await w.push(w.farmerB, w.op('questions', 'qb', { crop: '玉米', text: '乙的问题' }));
		const photo = await w.upload(w.agentA, 'agent A’s photo of the leaf');
		await w.push(
			w.agentA,
			w.op('profile', 'me', { displayName: '李技术员', village: '' }),
			w.op('answers', 'a1', {
				questionOwnerId: w.farmerA.id,
				questionId: 'q1',
				text: '像是大斑病',
				photos: [photo],
				lessonId: 'soil-testing',
				tool: '/tools/spray'
			})
		);
		await w.push(
			w.maizeExpert,
			w.op('answers', 'a2', { questionOwnerId: w.farmerA.id, questionId: 'q1', text: '同意' })
		);

		const queueA = await w.questions.queue(w.agentA);
		expect(queueA.questions.map((q) => q.id)).toEqual(['q-urgent-old', 'q-new', 'q1']);
		const q1 = queueA.questions.find((q) => q.id === 'q1')!;
		expect(q1).toMatchObject({
			right: 'agent',
			crop: '玉米',
			photos: [w.photo],
			askerName: '138****8000'
		});
		// farmer A shares no places with agent A's group
		expect(q1.place).toBe(null);
		expect(q1.answers.map((a) => [a.ownerId, a.answererName, a.answererRole])).toEqual([
			[w.agentA.id, '李技术员', 'agent'],
			[w.maizeExpert.id, 'expert_maize', 'expert']
		]);
		expect(JSON.stringify(queueA)).not.toContain('乙的问题');

		const queueExpert = await w.questions.queue(w.maizeExpert);
		expect(queueExpert.questions.map((q) => [q.ownerId, q.id])).toEqual(
			expect.arrayContaining([
				[w.farmerB.id, 'qb'],
				[w.farmerA.id, 'q1']
			])
		);
		expect(queueExpert.questions.find((q) => q.id === 'q1')!.place).toEqual({
			lat: 45.76,
			lng: 126.63
		});
		expect((await w.questions.queue(w.riceExpert)).questions).toEqual([]);
		expect((await w.questions.queue(w.agentZ)).questions.map((q) => q.id)).toEqual(['qb']);
		expect((await w.questions.queue(w.root)).questions).toEqual([]);
		for (const u of [w.farmerA, w.farmerB])
			expect(await refusal(w.questions.queue(u))).toMatchObject({ status: 403, code: 'forbidden' });

		// photos: the question's to who may answer it; the answer's to the asker and the other answerers
		expect(await w.blobs.access(w.agentA.id, w.photo)).toBe('shared');
		expect(await w.blobs.access(w.maizeExpert.id, w.photo)).toBe('shared');
		for (const u of [w.agentZ, w.farmerB, w.riceExpert, w.root])
			expect(await w.blobs.access(u.id, w.photo)).toBe(null);
		expect(await w.blobs.access(w.farmerA.id, photo)).toBe('shared');
		expect(await w.blobs.access(w.maizeExpert.id, photo)).toBe('shared');
		for (const u of [w.agentZ, w.farmerB, w.riceExpert, w.root])
			expect(await w.blobs.access(u.id, photo)).toBe(null);

		// accepted: no longer open
		await w.push(
			w.farmerA,
			w.op('questions', 'q1', { acceptedAnswer: { ownerId: w.agentA.id, id: 'a1' } }, false)
		);
		expect((await w.questions.queue(w.agentA)).questions.map((q) => q.id)).not.toContain('q1');
	});

	it('gives the asker the answers to their own questions after a cursor, taken-back ones too', async () => {
		const w = await world(config);
		await w.push(w.farmerB, w.op('questions', 'qb', { crop: '玉米' }));
		const first = await w.questions.answersToMine(w.farmerA, 0, 10);
		expect(first.changes).toEqual([]);
		await w.push(
			w.agentA,
			w.op('answers', 'a1', { questionOwnerId: w.farmerA.id, questionId: 'q1', text: '像是大斑病' })
		);
		await w.push(
			w.maizeExpert,
			w.op('answers', 'a2', { questionOwnerId: w.farmerA.id, questionId: 'q1', text: '同意' }),
			w.op('answers', 'a3', { questionOwnerId: w.farmerB.id, questionId: 'qb', text: '乙的答案' })
		);
		const page = await w.questions.answersToMine(w.farmerA, first.cursor, 1);
		expect(page.more).toBe(true);
		expect(page.changes).toMatchObject([
			{
				id: 'a1',
				deleted: false,
				answererName: 'agent_a',
				answererRole: 'agent',
				text: '像是大斑病'
			}
		]);
		const rest = await w.questions.answersToMine(w.farmerA, page.cursor, 10);
		expect(rest).toMatchObject({ more: false, changes: [{ id: 'a2', answererRole: 'expert' }] });
		expect(await w.questions.answersToMine(w.farmerA, rest.cursor, 10)).toMatchObject({
			changes: [],
			cursor: rest.cursor
		});
		// farmer B sees only the answer to theirs
		expect((await w.questions.answersToMine(w.farmerB, 0, 10)).changes.map((c) => c.id)).toEqual([
			'a3'
		]);
		await w.push(w.agentA, w.op('answers', 'a1', { deleted: true, updatedAt: NOW }, false));
		expect((await w.questions.answersToMine(w.farmerA, rest.cursor, 10)).changes).toEqual([
			expect.objectContaining({ id: 'a1', deleted: true, questionId: 'q1', ownerId: w.agentA.id })
		]);
		// what the others see of it: nothing
		expect((await w.questions.answersToMine(w.agentA, 0, 10)).changes).toEqual([]);
	});
});
