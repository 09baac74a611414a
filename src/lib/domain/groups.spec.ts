import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkGroupName,
	memberAssignments,
	newInviteCode,
	parseInviteCode,
	splitPests,
	type Assignment,
	type GroupInfo
} from './groups';

describe('invitation codes', () => {
	it('are 8 readable characters in two fours, with no 0/O or 1/I/L', () => {
		for (let i = 0; i < 200; i++)
			expect(newInviteCode()).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
	});

	it('never favour a letter: bytes that would are skipped', () => {
		// a source of only 255s (to be skipped) then 0s gives the first letter every time
		let calls = 0;
		const code = newInviteCode((n) => new Uint8Array(n).fill(calls++ === 0 ? 255 : 0));
		expect(code).toBe('AAAA-AAAA');
	});

	it('are read as people type them', () => {
		expect(parseInviteCode('abcd2345')).toBe('ABCD-2345');
		expect(parseInviteCode(' ab cd-23 45 ')).toBe('ABCD-2345');
		// full-width letters and digits, as a Chinese keyboard may type them
		expect(parseInviteCode('ＡＢＣＤ－２３４５')).toBe('ABCD-2345');
		expect(parseInviteCode('ABCD-234')).toBeNull();
		expect(parseInviteCode('ABCD-2340')).toBeNull();
		expect(parseInviteCode('')).toBeNull();
	});

	it('every code made reads back as itself, however it is spaced or cased', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
				let offset = 0;
				const code = newInviteCode((n) => {
					const out = bytes.slice(offset % 56, (offset % 56) + n);
					offset += n;
					return out.length === n ? out : new Uint8Array(n);
				});
				expect(parseInviteCode(code.toLowerCase().replace('-', ' '))).toBe(code);
			})
		);
	});
});

describe('group names', () => {
	it('need 1 to 40 characters', () => {
		expect(checkGroupName('  ')).toBe('name_empty');
		expect(checkGroupName('红星村')).toBeNull();
		expect(checkGroupName('村'.repeat(41))).toBe('name_long');
	});
});

describe('pest words', () => {
	it('split a note into pests, dropping "none"', () => {
		expect(splitPests('玉米螟、蚜虫，大斑病;  ')).toEqual(['玉米螟', '蚜虫', '大斑病']);
		expect(splitPests('无')).toEqual([]);
		expect(splitPests('')).toEqual([]);
	});
});

describe('lessons set for a member', () => {
	const set = (groupId: string, lessonId: string, dueAt: number): Assignment => ({
		id: `${groupId}-${lessonId}`,
		groupId,
		lessonId,
		dueAt,
		createdAt: 0
	});
	const group = (id: string, role: GroupInfo['role'], assignments: Assignment[]): GroupInfo => ({
		id,
		name: id,
		role,
		agentName: '王老师',
		memberCount: 3,
		assignments
	});

	it('come soonest due first, one per lesson with its earliest due day, and not from groups they lead', () => {
		const mine = {
			role: 'agent' as const,
			fetchedAt: 0,
			groups: [
				group('a', 'member', [set('a', 'soil-testing', 300), set('a', 'spray-safety', 100)]),
				group('b', 'member', [set('b', 'soil-testing', 200)]),
				group('c', 'agent', [set('c', 'seedling', 50)])
			]
		};
		expect(memberAssignments(mine).map((a) => [a.lessonId, a.dueAt])).toEqual([
			['spray-safety', 100],
			['soil-testing', 200]
		]);
	});

	it('are none before the groups are known', () => {
		expect(memberAssignments(null)).toEqual([]);
	});
});
