import { describe, expect, it } from 'vitest';
import { createPatch } from '../../../../tests/factories/records';
import { SYNCED_TABLES, type SyncedTable } from '../sync-protocol';
import { PHOTO_FIELDS, photoHashesOf } from './photo-fields';
import { recordProblems } from './index';

const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const whole = (table: SyncedTable, overrides: Record<string, unknown>) => {
	const id = table === 'profile' ? 'me' : 'r1';
	return {
		id,
		hlc: '001777593600000-00000-3f9a1c2b7d4e',
		...createPatch(table, overrides, { id })
	};
};

describe('photo fields', () => {
	it('are the fields the schemas take photo hashes in, and only those', () => {
		for (const table of SYNCED_TABLES) {
			for (const field of PHOTO_FIELDS[table] ?? []) {
				const value = field === 'photos' ? [HASH] : HASH;
				expect(recordProblems(table, whole(table, { [field]: value }), 'write')).toEqual([]);
				const wrong = field === 'photos' ? ['not a hash'] : 'not a hash';
				const problems = recordProblems(table, whole(table, { [field]: wrong }), 'write');
				expect(problems.map((p) => p.path.split('.')[0])).toEqual([field]);
			}
		}
		// a table without photo fields refuses a `photos` key: no photo can hide in it
		for (const table of SYNCED_TABLES.filter((t) => !PHOTO_FIELDS[t]))
			expect(recordProblems(table, whole(table, { photos: [HASH] }), 'write')).not.toEqual([]);
	});

	it('names the hashes of photo fields, never one written in a note, and none of a deleted record', () => {
		const log = whole('logs', { photos: [HASH, HASH, OTHER], notes: `see ${'c'.repeat(64)}` });
		expect(photoHashesOf('logs', log)).toEqual([HASH, OTHER]);
		expect(photoHashesOf('logs', { ...log, deleted: true })).toEqual([]);
		expect(photoHashesOf('profile', { id: 'me', photo: HASH })).toEqual([HASH]);
		expect(photoHashesOf('batches', { id: 'b', notes: HASH })).toEqual([]);
		expect(photoHashesOf('logs', { id: 'l', photos: 'not a list' })).toEqual([]);
	});
});
