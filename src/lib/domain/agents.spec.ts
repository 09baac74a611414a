import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needsHelp, pestAlerts, showDetail, type PestReport } from './agents';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 7, 1);
// 0.01° of latitude is about 1.1 km
const report = (
	id: string,
	fieldId: string,
	days: number,
	north: number,
	pest = '玉米螟'
): PestReport => ({
	id,
	fieldId,
	pest,
	at: t0 + days * DAY,
	lat: 45.7 + north * 0.009,
	lng: 126.6
});

describe('who needs help', () => {
	it('is a member with four or more wrong answers on a lesson not yet mastered', () => {
		expect(needsHelp({ completedAt: null, history: [false, true, false, false] })).toBe(false);
		expect(needsHelp({ completedAt: null, history: [false, false, true, false, false] })).toBe(
			true
		);
		expect(needsHelp({ completedAt: t0, history: [false, false, false, false] })).toBe(false);
		expect(needsHelp({ completedAt: null, history: [], wrong: 6 })).toBe(true);
	});
});

describe('pest alerts', () => {
	it('fires for the same pest in three fields within 5 km and 7 days', () => {
		const alerts = pestAlerts([
			report('a', 'f1', 0, 0),
			report('b', 'f2', 2, 2),
			report('c', 'f3', 5, 4, '玉米 螟')
		]);
		expect(alerts).toHaveLength(1);
		expect(alerts[0]?.fieldIds).toEqual(['f1', 'f2', 'f3']);
	});

	it('does not fire when a report is too far, too old, in the same field or another pest', () => {
		expect(
			pestAlerts([report('a', 'f1', 0, 0), report('b', 'f2', 1, 1), report('c', 'f3', 2, 7)])
		).toEqual([]);
		expect(
			pestAlerts([report('a', 'f1', 0, 0), report('b', 'f2', 1, 1), report('c', 'f3', 9, 1)])
		).toEqual([]);
		expect(
			pestAlerts([report('a', 'f1', 0, 0), report('b', 'f1', 1, 1), report('c', 'f2', 2, 1)])
		).toEqual([]);
		expect(
			pestAlerts([
				report('a', 'f1', 0, 0),
				report('b', 'f2', 1, 1),
				report('c', 'f3', 2, 1, '黏虫')
			])
		).toEqual([]);
	});

	it('reports a growing cluster once, with all its fields', () => {
		const alerts = pestAlerts([
			report('a', 'f1', 0, 0),
			report('b', 'f2', 1, 1),
			report('c', 'f3', 2, 1),
			report('d', 'f4', 3, 2)
		]);
		expect(alerts.map((a) => a.fieldIds)).toEqual([['f1', 'f2', 'f3', 'f4']]);
	});

	it('never fires with fewer than three fields (property)', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						field: fc.constantFrom('f1', 'f2'),
						days: fc.integer({ min: 0, max: 10 }),
						north: fc.integer({ min: 0, max: 3 })
					}),
					{ maxLength: 12 }
				),
				(list) => {
					const reports = list.map((r, i) => report(String(i), r.field, r.days, r.north));
					expect(pestAlerts(reports)).toEqual([]);
				}
			)
		);
	});
});

describe('small groups', () => {
	it('show counts only below five members', () => {
		expect(showDetail(4)).toBe(false);
		expect(showDetail(5)).toBe(true);
	});
});
