import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIGITAL_DIMENSIONS, QUESTIONS, scoreAssessment } from '$lib/domain/digital-skills';
import { areaM2, polygonOf } from '$lib/domain/geometry';
import { hlcToString } from '$lib/domain/hlc';
import type { SyncedTable } from '$lib/domain/sync-protocol';
import { Accounts, type User } from '../auth/accounts';
import { createServerDb, migrateToLatest } from '../db/database';
import { dropAllTables, testBackends } from '../db/testing';
import { SyncService } from '../sync/sync-service';
import { Admin } from './admin';
import { GroupError, Groups } from './groups';
import { ONE_LESSON } from '../../../../tests/factories/lessons';
import { createPatch } from '../../../../tests/factories/records';

const dir = mkdtempSync(join(tmpdir(), 'heitu-groups-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backends = await testBackends(dir, 'groups');

const LESSONS = ONE_LESSON;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 29, 4);
const ALL = { learning: true, observations: true, locations: true };
const NONE = { learning: false, observations: false, locations: false };
let n = 0;

async function setUp(config: Parameters<typeof createServerDb>[0]) {
	const server = createServerDb(config);
	await dropAllTables(server);
	await migrateToLatest(server.db);
	let now = NOW;
	const clock = () => now;
	const accounts = new Accounts(server.db);
	const sync = new SyncService(server, clock);
	const groups = new Groups(server.db, LESSONS, clock);
	const admin = new Admin(server.db, clock);
	const push = (user: User, table: SyncedTable, recordId: string, patch: Record<string, unknown>) =>
		sync.push(user.id, [
			{
				opId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
				table,
				recordId,
				// a new record, whole, as a device sends it
				patch: createPatch(table, patch, { id: recordId, at: NOW - 60_000 }),
				hlc: hlcToString({ wall: NOW - 60_000 + n, counter: 0, node: 'phone' })
			}
		]);
	return {
		server,
		accounts,
		groups,
		admin,
		push,
		later: (ms: number) => (now += ms)
	};
}

async function refused(work: Promise<unknown>): Promise<{ status: number; code: string }> {
	try {
		await work;
	} catch (error) {
		if (error instanceof GroupError) return { status: error.status, code: error.code };
		throw error;
	}
	throw new Error('was not refused');
}

describe.each(backends)('groups on %s', (_kind, config) => {
	it('an agent invites, a member shares, and the agent sees only what is shared now', async () => {
		const { server, accounts, groups, push, later } = await setUp(config);
		const agent = await accounts.createUser('agent_li', 'black-soil-2026', 'agent');
		const farmer = await accounts.createUser('13800138000', 'black-soil-2026');
		const other = await accounts.createUser('farmer_b', 'black-soil-2026');

		expect(await refused(groups.create(farmer, '红星村'))).toEqual({
			status: 403,
			code: 'forbidden'
		});
		expect(await refused(groups.create(agent, '  '))).toMatchObject({ code: 'name_empty' });
		const group = await groups.create(agent, ' 红星村合作社 ');
		expect(group).toMatchObject({ name: '红星村合作社', role: 'agent', memberCount: 0 });
		const code = group.invite!.code;
		expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
		expect(group.invite!.expiresAt).toBe(NOW + 14 * DAY);

		expect(await refused(groups.join(farmer, 'abc', ALL))).toMatchObject({
			status: 400,
			code: 'invite_invalid'
		});
		expect(await refused(groups.join(farmer, 'AAAA-AAAA', ALL))).toMatchObject({
			status: 404,
			code: 'invite_unknown'
		});
		expect(await refused(groups.join(agent, code, ALL))).toMatchObject({ code: 'own_group' });

		// typed in lower case with a space, as on a phone
		const joined = await groups.join(farmer, code.toLowerCase().replace('-', ' '), {
			learning: true,
			observations: true,
			locations: false
		});
		expect(joined).toMatchObject({
			role: 'member',
			agentName: 'agent_li',
			memberCount: 1,
			sharing: { learning: true, observations: true, locations: false }
		});
		expect(joined.invite).toBeUndefined();
		await groups.join(other, code, NONE);

		await push(farmer, 'profile', 'me', { displayName: '王丽', village: '红星村' });
		await push(farmer, 'lessonProgress', 'safety-1', {
			lessonId: 'safety-1',
			progress: 0.2,
			completedAt: null,
			history: [false, false, true, false, false]
		});
		const boundary = polygonOf([
			[126.6, 45.7],
			[126.602, 45.7],
			[126.602, 45.702],
			[126.6, 45.702]
		]);
		await push(farmer, 'fields', 'f1', {
			name: '东大地',
			areaM2: Math.round(areaM2(boundary) * 10) / 10,
			crop: 'maize',
			boundary
		});
		await push(farmer, 'logs', 'o1', {
			type: 'observation',
			fieldId: 'f1',
			status: 'done',
			at: NOW - DAY,
			notes: '',
			details: { pest: '玉米螟、蚜虫' }
		});
		await push(farmer, 'logs', 's1', {
			type: 'spraying',
			fieldId: 'f1',
			status: 'done',
			at: NOW - DAY,
			notes: '',
			details: { product: 'i1', dose: { value: 40, unit: 'mlPerMu' }, target: '玉米螟' }
		});

		const dashboard = await groups.dashboard(agent, group.id);
		expect(dashboard.memberCount).toBe(2);
		// the member who shares nothing is only counted
		expect(dashboard.members).toHaveLength(1);
		const [member] = dashboard.members;
		expect(member).toMatchObject({ name: '王丽', village: '红星村' });
		expect(member!.lessons).toEqual([
			expect.objectContaining({ lessonId: 'safety-1', wrong: 4, completedAt: null })
		]);
		expect(member!.observations).toEqual([
			expect.objectContaining({ id: 'o1', fieldName: '东大地', pests: ['玉米螟', '蚜虫'] })
		]);
		expect(member!.observations![0]).not.toHaveProperty('lat');

		await groups.setSharing(farmer, group.id, {
			learning: false,
			observations: true,
			locations: true
		});
		const located = (await groups.dashboard(agent, group.id)).members[0]!;
		expect(located.lessons).toBeUndefined();
		expect(located.observations![0]!.lat).toBeCloseTo(45.701, 6);
		expect(located.observations![0]!.lng).toBeCloseTo(126.601, 6);

		// another agent, and the members themselves, never see the dashboard
		const stranger = await accounts.createUser('agent_zhao', 'black-soil-2026', 'agent');
		expect(await refused(groups.dashboard(stranger, group.id))).toMatchObject({ status: 403 });
		expect(await refused(groups.dashboard(farmer, group.id))).toMatchObject({ status: 403 });
		expect(await refused(groups.dashboard(agent, 'nope'))).toMatchObject({ status: 404 });

		await groups.leave(farmer, group.id);
		expect((await groups.dashboard(agent, group.id)).members).toEqual([]);
		expect(await refused(groups.leave(farmer, group.id))).toMatchObject({ status: 403 });
		expect((await groups.mine(farmer)).groups).toEqual([]);

		// an expired invitation is refused in plain words; a new one replaces the old
		later(15 * DAY);
		expect(await refused(groups.join(farmer, code, ALL))).toMatchObject({
			status: 410,
			code: 'invite_expired'
		});
		const renewed = await groups.invite(agent, group.id, 30);
		expect(renewed.invite!.code).not.toBe(code);
		expect(await refused(groups.join(farmer, code, ALL))).toMatchObject({ status: 404 });
		expect(await groups.join(farmer, renewed.invite!.code, ALL)).toMatchObject({ role: 'member' });
		await server.db.destroy();
	});

	it('assignments reach members; only the agent sets them, for a real lesson and a sensible day', async () => {
		const { server, accounts, groups } = await setUp(config);
		const agent = await accounts.createUser('agent_li', 'black-soil-2026', 'agent');
		const farmer = await accounts.createUser('farmer_a', 'black-soil-2026');
		const group = await groups.create(agent, '红星村');
		await groups.join(farmer, group.invite!.code, NONE);
		expect(await refused(groups.assign(farmer, group.id, 'safety-1', NOW + DAY))).toMatchObject({
			status: 403
		});
		expect(await refused(groups.assign(agent, group.id, 'nope', NOW + DAY))).toMatchObject({
			code: 'lesson_unknown'
		});
		expect(
			await refused(groups.assign(agent, group.id, 'safety-1', NOW + 400 * DAY))
		).toMatchObject({ code: 'due_out_of_range' });
		const withOne = await groups.assign(agent, group.id, 'safety-1', NOW + 7 * DAY);
		const mine = await groups.mine(farmer);
		expect(mine.role).toBe('farmer');
		expect(mine.groups[0]!.assignments).toEqual([
			expect.objectContaining({ lessonId: 'safety-1', dueAt: NOW + 7 * DAY })
		]);
		await groups.unassign(agent, group.id, withOne.assignments[0]!.id);
		expect((await groups.mine(farmer)).groups[0]!.assignments).toEqual([]);
		await server.db.destroy();
	});

	it('the admin sees counts and means only, makes agents, and means need 5 people', async () => {
		const { server, accounts, groups, admin, push } = await setUp(config);
		const root = await accounts.createUser('root', 'black-soil-2026', 'admin');
		const agent = await accounts.createUser('agent_li', 'black-soil-2026');
		expect(await refused(admin.overview(agent))).toMatchObject({ status: 403 });
		expect(await refused(admin.setRole(agent, 'agent_li', 'agent'))).toMatchObject({
			status: 403
		});
		expect(await refused(admin.setRole(root, 'nobody', 'agent'))).toMatchObject({
			code: 'login_unknown'
		});
		expect(await refused(admin.setRole(root, 'root', 'farmer'))).toMatchObject({
			code: 'own_role'
		});
		expect(await admin.setRole(root, 'Agent_Li', 'agent')).toEqual({
			login: 'agent_li',
			role: 'agent'
		});
		const promoted = { ...agent, role: 'agent' as const };
		const group = await groups.create(promoted, '红星村');
		// member i answers every question with option i % 3 (within every question's options)
		const answersOf = (i: number) => Object.fromEntries(QUESTIONS.map((q) => [q.id, i % 3]));
		const meanOf = (list: Record<string, number>[]) =>
			Object.fromEntries(
				DIGITAL_DIMENSIONS.map((d) => [
					d,
					Math.round(list.reduce((sum, s) => sum + s[d]!, 0) / list.length)
				])
			);
		const expected = meanOf([0, 1, 2, 3, 4].map((i) => scoreAssessment(answersOf(i))));
		for (let i = 0; i < 5; i++) {
			const member = await accounts.createUser(`member_${i}`, 'black-soil-2026');
			// accounts of some standing: new ones do not count for the means (issue 19)
			await server.db
				.updateTable('users')
				.set({ created_at: NOW - 60 * DAY })
				.where('id', '=', member.id)
				.execute();
			await groups.join(member, group.invite!.code, {
				learning: true,
				observations: false,
				locations: false
			});
			await push(member, 'assessments', `a${i}`, {
				answers: answersOf(i),
				scores: scoreAssessment(answersOf(i)),
				takenAt: NOW - DAY,
				version: 1
			});
			const overview = await admin.overview(root);
			const row = overview.groups[0]!;
			expect(row.memberCount).toBe(i + 1);
			expect(row.assessment.taken).toBe(i + 1);
			// fewer than 5: only how many took it
			if (i < 4) expect(row.assessment.means).toBeNull();
			else expect(row.assessment.means).toEqual(expected);
		}
		expect((await admin.overview(root)).users).toEqual({ admin: 1, agent: 1, farmer: 5 });
		expect((await groups.dashboard(promoted, group.id)).assessment.means).toEqual(expected);
		await server.db.destroy();
	});

	it('an agent made a farmer again acts for no group: the groups stay with their members until re-promoted', async () => {
		const { server, accounts, groups, admin, push } = await setUp(config);
		const root = await accounts.createUser('root', 'black-soil-2026', 'admin');
		const agent = await accounts.createUser('agent_li', 'black-soil-2026', 'agent');
		const farmer = await accounts.createUser('farmer_a', 'black-soil-2026');
		const group = await groups.create(agent, '红星村');
		await groups.join(farmer, group.invite!.code, ALL);
		await push(farmer, 'profile', 'me', { displayName: '农户甲', village: '红星村' });
		const set = await groups.assign(agent, group.id, 'safety-1', NOW + 7 * DAY);

		await admin.setRole(root, 'agent_li', 'farmer');
		const demoted = { ...agent, role: 'farmer' as const };
		const forbidden = { status: 403, code: 'forbidden' };
		expect(await refused(groups.dashboard(demoted, group.id))).toEqual(forbidden);
		expect(await refused(groups.invite(demoted, group.id, 7))).toEqual(forbidden);
		expect(await refused(groups.assign(demoted, group.id, 'safety-1', NOW + DAY))).toEqual(
			forbidden
		);
		expect(await refused(groups.unassign(demoted, group.id, set.assignments[0]!.id))).toEqual(
			forbidden
		);
		// their own list holds no group they led: no invitation, no member count of it
		expect((await groups.mine(demoted)).groups).toEqual([]);
		// the member keeps the group, its lessons and what they share
		const kept = await groups.mine(farmer);
		expect(kept.groups).toEqual([
			expect.objectContaining({ id: group.id, role: 'member', sharing: ALL })
		]);
		expect(kept.groups[0]!.assignments).toHaveLength(1);

		// made an agent again, they lead it as before
		await admin.setRole(root, 'agent_li', 'agent');
		const back = await groups.dashboard(agent, group.id);
		expect(back.members.map((m) => m.name)).toEqual(['农户甲']);
		await server.db.destroy();
	});

	it('puppet accounts cannot recover the one real member’s assessment: the differencing attack of issue 19', async () => {
		const { server, accounts, groups, push, later } = await setUp(config);
		const agent = await accounts.createUser('agent_li', 'black-soil-2026', 'agent');
		const group = await groups.create(agent, '红星村');
		const ageAccount = (user: User, days: number) =>
			server.db
				.updateTable('users')
				.set({ created_at: NOW - days * DAY })
				.where('id', '=', user.id)
				.execute();
		const join = (user: User) => groups.join(user, group.invite!.code, { ...NONE, learning: true });
		let taken = 0;
		const takeAssessment = (user: User, answers: Record<string, number>) =>
			push(user, 'assessments', `assessment-${++taken}`, {
				answers,
				scores: scoreAssessment(answers),
				takenAt: NOW + taken * 1000,
				version: 1
			});
		// the one real farmer: a long-standing account
		const real = await accounts.createUser('real_farmer', 'black-soil-2026');
		await ageAccount(real, 200);
		await join(real);
		const realAnswers = Object.fromEntries(QUESTIONS.map((q, i) => [q.id, (i * 2) % 3]));
		await takeAssessment(real, realAnswers);
		const secret = scoreAssessment(realAnswers);
		// the agent's four puppets, each retaking with new answers before every read
		const puppets: User[] = [];
		for (let i = 0; i < 4; i++) {
			const puppet = await accounts.createUser(`puppet_${i}`, 'black-soil-2026');
			await ageAccount(puppet, 0);
			await join(puppet);
			puppets.push(puppet);
		}
		const puppetAnswers = (read: number, i: number) =>
			Object.fromEntries(QUESTIONS.map((q, j) => [q.id, (read * (i + 1) + j * (i + 2)) % 3]));

		/** Reads after each change of the puppets: what the agent sees, and the puppets' scores behind it. */
		const attack = async (reads: number) => {
			const seen: { means: Record<string, number> | null; puppetSum: Record<string, number> }[] =
				[];
			for (let read = 0; read < reads; read++) {
				const scores: ReturnType<typeof scoreAssessment>[] = [];
				for (const [i, puppet] of puppets.entries()) {
					const answers = puppetAnswers(read + seen.length * 7 + 1, i);
					await takeAssessment(puppet, answers);
					scores.push(scoreAssessment(answers));
				}
				const puppetSum = Object.fromEntries(
					DIGITAL_DIMENSIONS.map((d) => [d, scores.reduce((s, x) => s + x[d], 0)])
				);
				seen.push({ means: (await groups.dashboard(agent, group.id)).assessment.means, puppetSum });
			}
			return seen;
		};
		/** The scores a dimension can have (3 questions of 3 options each). */
		const possible = (d: (typeof DIGITAL_DIMENSIONS)[number]) => {
			const own = QUESTIONS.filter((q) => q.dimension === d);
			const values = new Set<number>();
			for (let k = 0; k < 27; k++) {
				const answers = Object.fromEntries(QUESTIONS.map((q) => [q.id, 0]));
				own.forEach((q, j) => (answers[q.id] = Math.floor(k / 3 ** j) % 3));
				values.add(scoreAssessment(answers)[d]);
			}
			return [...values].sort((a, b) => a - b);
		};
		/** The real member's scores in a dimension that fit every mean shown, the puppets' scores known. */
		const candidates = (
			seen: Awaited<ReturnType<typeof attack>>,
			d: (typeof DIGITAL_DIMENSIONS)[number]
		) =>
			possible(d).filter((r) =>
				seen.every(
					({ means, puppetSum }) =>
						means === null || Math.round((puppetSum[d]! + r) / 5) === means[d]
				)
			);

		// new puppets do not count: five reads with their answers varied show no means at all
		const fresh = await attack(5);
		expect(fresh.map((s) => s.means)).toEqual([null, null, null, null, null]);
		for (const d of DIGITAL_DIMENSIONS) expect(candidates(fresh, d)).toEqual(possible(d));
		const summary = (await groups.dashboard(agent, group.id)).assessment;
		expect(summary).toMatchObject({ taken: 5, counted: 1, means: null });

		// an agent who keeps the puppets for 30 days gets one mean of five, and that is all: puppets changing
		// between reads no longer move it (a new value waits until 5 members changed), so no read adds to the
		// first (README, Security: what one mean of five with four puppets still tells is said there)
		later(31 * DAY);
		const aged = await attack(5);
		expect(aged[0]!.means).not.toBeNull();
		for (const s of aged) expect(s.means).toEqual(aged[0]!.means);
		// (that one mean, with the puppets' scores known, still fits the real member's: README says so)
		for (const d of DIGITAL_DIMENSIONS) expect(candidates([aged[0]!], d)).toContain(secret[d]);
		await server.db.destroy();
	});

	it('a published mean moves only when 5 members changed: a newcomer or a leaver cannot be read from the difference', async () => {
		const { server, accounts, groups, admin, push } = await setUp(config);
		const root = await accounts.createUser('root', 'black-soil-2026', 'admin');
		const agent = await accounts.createUser('agent_li', 'black-soil-2026', 'agent');
		const group = await groups.create(agent, '红星村');
		let taken = 0;
		const answersOf = (i: number) =>
			Object.fromEntries(QUESTIONS.map((q, j) => [q.id, (i + j) % 3]));
		const take = (user: User, i: number) =>
			push(user, 'assessments', `assessment-${++taken}`, {
				answers: answersOf(i),
				scores: scoreAssessment(answersOf(i)),
				takenAt: NOW + taken * 1000,
				version: 1
			});
		const members: User[] = [];
		const newMember = async (i: number) => {
			const user = await accounts.createUser(`member_${i}`, 'black-soil-2026');
			await server.db
				.updateTable('users')
				.set({ created_at: NOW - 90 * DAY })
				.where('id', '=', user.id)
				.execute();
			await groups.join(user, group.invite!.code, { ...NONE, learning: true });
			await take(user, i);
			members.push(user);
		};
		const means = async () => (await groups.dashboard(agent, group.id)).assessment.means;
		const meanOf = (list: number[]) =>
			Object.fromEntries(
				DIGITAL_DIMENSIONS.map((d) => [
					d,
					Math.round(
						list.reduce((sum, i) => sum + scoreAssessment(answersOf(i))[d], 0) / list.length
					)
				])
			);

		for (let i = 0; i < 5; i++) await newMember(i);
		const first = await means();
		expect(first).toEqual(meanOf([0, 1, 2, 3, 4]));
		// a sixth joins with a different score: the mean stays as it was
		await newMember(5);
		expect(await means()).toEqual(first);
		// the admin sees the same published value
		expect((await admin.overview(root)).groups[0]!.assessment.means).toEqual(first);
		// one leaves: no mean over the rest (it would give away the leaver's scores), only counts
		await groups.leave(members[0]!, group.id);
		expect(await means()).toBeNull();
		expect((await admin.overview(root)).groups[0]!.assessment.means).toBeNull();
		// two retakes: still 4 changes; the third makes 5 and a new mean is published
		await take(members[1]!, 11);
		await take(members[2]!, 12);
		expect(await means()).toBeNull();
		await take(members[3]!, 13);
		expect(await means()).toEqual(meanOf([11, 12, 13, 4, 5]));
		await server.db.destroy();
	});
});
