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
});
