import { describe, expect, it } from 'vitest';
import { observationView, pestReports } from './agents';
import {
	lastWeekStart,
	trackProgress,
	weeklyReport,
	weeklyReportCsv,
	weeklyReportFileName,
	whoNeedsHelp
} from './group-report';
import type { GroupDashboard, MemberView } from './groups';
import type { LessonSummary } from './lessons';
import type { FieldRecord, LogRecord } from './records';
import { dayStart } from './units';

const DAY = 86_400_000;
const lesson = (id: string, track: LessonSummary['track']): LessonSummary => ({
	id,
	track,
	order: 1,
	minutes: 5,
	credits: 2,
	version: 1,
	mastery: { correct: 3, of: 4 },
	title: { 'zh-CN': id, en: id }
});
const LESSONS = [
	lesson('f1', 'fertilization'),
	lesson('f2', 'fertilization'),
	lesson('s1', 'safety')
];
const MONDAY = dayStart('2026-11-23');
const sharing = { learning: true, observations: true, locations: true };

const wang: MemberView = {
	id: 'u1',
	name: '=王大爷',
	village: '红星村',
	joinedAt: 0,
	sharing,
	lessons: [
		{ lessonId: 'f1', progress: 1, completedAt: MONDAY + DAY, wrong: 0, credits: 2, updatedAt: 0 },
		{ lessonId: 'f2', progress: 1, completedAt: MONDAY - DAY, wrong: 1, credits: 2, updatedAt: 0 },
		{ lessonId: 's1', progress: 0.2, completedAt: null, wrong: 5, credits: 0, updatedAt: 0 }
	],
	observations: [
		{
			id: 'o1',
			fieldId: 'a',
			fieldName: '东地',
			crop: 'maize',
			at: MONDAY + 2 * DAY,
			grade: 2,
			pests: ['玉米螟']
		},
		{
			id: 'o2',
			fieldId: 'a',
			fieldName: '东地',
			crop: 'maize',
			at: MONDAY + 8 * DAY,
			grade: 1,
			pests: []
		}
	]
};
const li: MemberView = {
	id: 'u2',
	name: '李姐',
	village: '',
	joinedAt: 0,
	sharing: { learning: false, observations: true, locations: false },
	observations: [
		{
			id: 'o3',
			fieldId: 'b',
			fieldName: '西地',
			crop: 'soybean',
			at: MONDAY + 3 * DAY,
			grade: 3,
			pests: ['蚜虫']
		}
	]
};
const dashboard: GroupDashboard = {
	group: { id: 'g', name: '红星村 合作社' },
	memberCount: 3,
	members: [wang, li],
	assessment: { taken: 0, counted: 0, means: null },
	assignments: [],
	fetchedAt: MONDAY + 6 * DAY
};

describe('the dashboard', () => {
	it('counts lessons mastered per track and finds who needs help', () => {
		expect(trackProgress(wang, LESSONS)).toEqual([
			{ track: 'fertilization', mastered: 2, total: 2 },
			{ track: 'safety', mastered: 0, total: 1 }
		]);
		expect(whoNeedsHelp([wang, li])).toEqual([
			{ memberId: 'u1', name: '=王大爷', lessonId: 's1', wrong: 5 }
		]);
	});
});

describe('the weekly report', () => {
	const report = weeklyReport(dashboard, LESSONS, '2026-11-23');

	it('counts only that week, and says "not shared" apart from zero', () => {
		expect(report.to).toBe('2026-11-29');
		expect(report.rows[0]).toMatchObject({
			masteredThisWeek: 1,
			masteredTotal: 2,
			credits: 4,
			needsHelp: 1,
			observations: 1,
			grades: { 1: 0, 2: 1, 3: 0, none: 0 },
			pests: ['玉米螟']
		});
		expect(report.rows[1]).toMatchObject({
			masteredThisWeek: null,
			credits: null,
			observations: 1,
			grades: { 1: 0, 2: 0, 3: 1, none: 0 }
		});
		expect(report.masteredByTrack).toEqual({
			fertilization: 1,
			monitoring: 0,
			ecommerce: 0,
			safety: 0
		});
		expect(report.grades).toEqual({ 1: 0, 2: 1, 3: 1, none: 0 });
		expect(report.notSharing).toBe(1);
	});

	it('as CSV: a header, a row per member, names guarded against spreadsheet formulas', () => {
		const c = (s: string) => s;
		const csv = weeklyReportCsv(report, {
			columns: {
				name: c('name'),
				village: c('village'),
				masteredThisWeek: c('week'),
				masteredTotal: c('total'),
				credits: c('credits'),
				needsHelp: c('help'),
				observations: c('obs'),
				grade1: c('g1'),
				grade2: c('g2'),
				grade3: c('g3'),
				pests: c('pests')
			},
			notShared: 'not shared'
		});
		const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
		expect(lines[0]).toBe('name,village,week,total,credits,help,obs,g1,g2,g3,pests');
		expect(lines[1]).toBe("'=王大爷,红星村,1,2,4,1,1,0,1,0,玉米螟");
		expect(lines[2]).toBe('李姐,,not shared,not shared,not shared,not shared,1,0,0,1,蚜虫');
		expect(weeklyReportFileName(dashboard.group.name, '2026-11-23')).toBe(
			'heitu-红星村-合作社-2026-11-23.csv'
		);
	});

	it('the default week is the seven days ending today', () => {
		expect(lastWeekStart(dayStart('2026-11-29') + 15 * 3_600_000)).toBe('2026-11-23');
	});
});

describe('an observation as the agent sees it', () => {
	const field = {
		id: 'f',
		name: '东地',
		crop: 'maize',
		boundary: {
			type: 'Polygon',
			coordinates: [
				[
					[126.6, 45.7],
					[126.602, 45.7],
					[126.602, 45.702],
					[126.6, 45.702],
					[126.6, 45.7]
				]
			]
		}
	} as FieldRecord;
	const log = {
		id: 'l',
		type: 'observation',
		fieldId: 'f',
		at: 5,
		details: { pest: '玉米螟、玉米 螟，蚜虫' }
	} as unknown as LogRecord;

	it('has a place only when places are shared: the GPS point, else the middle of the field', () => {
		expect(observationView(log, field, false)).not.toHaveProperty('lat');
		const placed = observationView(log, field, true);
		expect(placed.lat).toBeCloseTo(45.701, 6);
		expect(placed.lng).toBeCloseTo(126.601, 6);
		expect(observationView({ ...log, point: { lat: 46, lng: 127 } }, field, true)).toMatchObject({
			lat: 46,
			lng: 127
		});
		// the same pest written twice counts once
		expect(placed.pests).toEqual(['玉米螟', '蚜虫']);
	});

	it('becomes a pest report per pest only with a place, fields told apart by member', () => {
		const member = { id: 'u1', observations: [observationView(log, field, true)] };
		const hidden = { id: 'u2', observations: [observationView(log, field, false)] };
		expect(pestReports([member, hidden]).map((r) => [r.fieldId, r.pest])).toEqual([
			['u1:f', '玉米螟'],
			['u1:f', '蚜虫']
		]);
	});
});
