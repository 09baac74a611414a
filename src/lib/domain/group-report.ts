/**
 * What the agent's dashboard and weekly report show of a group (issue 9), worked out from the dashboard the
 * server sent (domain/groups.ts): progress per track, who needs help, observations in a date range, and the
 * week's table and totals, with its CSV.
 */
import { needsHelp, pestAlerts, pestReports, type PestAlert } from './agents';
import type { GroupDashboard, MemberObservation, MemberView } from './groups';
import { TRACKS, type LessonSummary, type TrackId } from './lessons';
import { csvFile, numberCell, textCell } from './records-csv';
import type { Grade } from './seedling-survey';
import { dayStart, localDay } from './units';

const DAY_MS = 86_400_000;

export interface TrackProgress {
	track: TrackId;
	mastered: number;
	total: number;
}

/** Lessons mastered per track (tracks with no lessons are left out). */
export function trackProgress(
	member: MemberView,
	lessons: readonly LessonSummary[]
): TrackProgress[] {
	const mastered = new Set(
		(member.lessons ?? []).filter((l) => l.completedAt !== null).map((l) => l.lessonId)
	);
	return TRACKS.map((track) => {
		const inTrack = lessons.filter((l) => l.track === track);
		return {
			track,
			mastered: inTrack.filter((l) => mastered.has(l.id)).length,
			total: inTrack.length
		};
	}).filter((t) => t.total > 0);
}

export function creditsOf(member: MemberView): number {
	return (member.lessons ?? []).reduce((sum, l) => sum + (l.completedAt ? l.credits : 0), 0);
}

export interface HelpNeeded {
	memberId: string;
	name: string;
	lessonId: string;
	wrong: number;
}

/** Members with 4 or more wrong answers on a lesson they have not mastered, most wrong first. */
export function whoNeedsHelp(members: readonly MemberView[]): HelpNeeded[] {
	return members
		.flatMap((m) =>
			(m.lessons ?? [])
				.filter(needsHelp)
				.map((l) => ({ memberId: m.id, name: m.name, lessonId: l.lessonId, wrong: l.wrong }))
		)
		.sort((a, b) => b.wrong - a.wrong || a.name.localeCompare(b.name));
}

export interface DatedObservation extends MemberObservation {
	memberId: string;
	memberName: string;
}

/** Members' observations made from `from` to `to` (inclusive, epoch ms), newest first. */
export function observationsBetween(
	members: readonly MemberView[],
	from: number,
	to: number
): DatedObservation[] {
	return members
		.flatMap((m) =>
			(m.observations ?? []).map((o) => ({ ...o, memberId: m.id, memberName: m.name }))
		)
		.filter((o) => o.at >= from && o.at <= to)
		.sort((a, b) => b.at - a.at);
}

/** Alerts over the group's shared observations (agents.ts pestAlerts: 3 fields, 5 km, 7 days). */
export function groupAlerts(members: readonly MemberView[]): PestAlert[] {
	return pestAlerts(pestReports(members));
}

export type GradeCounts = Record<Grade | 'none', number>;

export interface WeekRow {
	memberId: string;
	name: string;
	village: string;
	/** Null when the member does not share learning. */
	masteredTotal: number | null;
	masteredThisWeek: number | null;
	credits: number | null;
	needsHelp: number | null;
	/** Null when the member does not share observations. */
	observations: number | null;
	grades: GradeCounts | null;
	pests: string[];
}

export interface WeeklyReport {
	/** The week's first day and last day, YYYY-MM-DD in Heilongjiang. */
	from: string;
	to: string;
	rows: WeekRow[];
	masteredByTrack: Record<TrackId, number>;
	grades: GradeCounts;
	alerts: PestAlert[];
	/** Members who share nothing: counted, not shown. */
	notSharing: number;
}

const noGrades = (): GradeCounts => ({ 1: 0, 2: 0, 3: 0, none: 0 });

/** The seven days from `firstDay` (YYYY-MM-DD): lessons mastered and observations made in them. */
export function weeklyReport(
	dashboard: GroupDashboard,
	lessons: readonly LessonSummary[],
	firstDay: string
): WeeklyReport {
	const from = dayStart(firstDay);
	const to = from + 7 * DAY_MS - 1;
	const inWeek = (at: number | null) => at !== null && at >= from && at <= to;
	const trackOf = new Map(lessons.map((l) => [l.id, l.track]));
	const masteredByTrack = Object.fromEntries(TRACKS.map((t) => [t, 0])) as Record<TrackId, number>;
	const grades = noGrades();
	const rows = dashboard.members.map((m): WeekRow => {
		const learning = m.lessons !== undefined;
		const lessonsDone = (m.lessons ?? []).filter((l) => l.completedAt !== null);
		const thisWeek = lessonsDone.filter((l) => inWeek(l.completedAt));
		for (const l of thisWeek) {
			const track = trackOf.get(l.lessonId);
			if (track) masteredByTrack[track] += 1;
		}
		const seen = (m.observations ?? []).filter((o) => inWeek(o.at));
		const memberGrades = noGrades();
		for (const o of seen) {
			memberGrades[o.grade ?? 'none'] += 1;
			grades[o.grade ?? 'none'] += 1;
		}
		return {
			memberId: m.id,
			name: m.name,
			village: m.village,
			masteredTotal: learning ? lessonsDone.length : null,
			masteredThisWeek: learning ? thisWeek.length : null,
			credits: learning ? creditsOf(m) : null,
			needsHelp: learning ? (m.lessons ?? []).filter(needsHelp).length : null,
			observations: m.observations ? seen.length : null,
			grades: m.observations ? memberGrades : null,
			pests: [...new Set(seen.flatMap((o) => o.pests))]
		};
	});
	return {
		from: firstDay,
		to: localDay(to),
		rows,
		masteredByTrack,
		grades,
		alerts: groupAlerts(dashboard.members).filter((a) => a.to >= from && a.from <= to),
		notSharing: dashboard.memberCount - dashboard.members.length
	};
}

/** The first day of the week that ends today (the last 7 days), YYYY-MM-DD. */
export function lastWeekStart(now: number): string {
	return localDay(dayStart(localDay(now)) - 6 * DAY_MS);
}

export interface ReportCsvWords {
	columns: {
		name: string;
		village: string;
		masteredThisWeek: string;
		masteredTotal: string;
		credits: string;
		needsHelp: string;
		observations: string;
		grade1: string;
		grade2: string;
		grade3: string;
		pests: string;
	};
	/** What a cell says when the member does not share that. */
	notShared: string;
}

/** The week's table as CSV, a row per member sharing something (names guarded against formulas). */
export function weeklyReportCsv(report: WeeklyReport, words: ReportCsvWords): string {
	const c = words.columns;
	const header = [
		c.name,
		c.village,
		c.masteredThisWeek,
		c.masteredTotal,
		c.credits,
		c.needsHelp,
		c.observations,
		c.grade1,
		c.grade2,
		c.grade3,
		c.pests
	].map(textCell);
	const cell = (value: number | null | undefined) =>
		value === null || value === undefined ? textCell(words.notShared) : numberCell(value);
	const rows = report.rows.map((r) => [
		textCell(r.name),
		textCell(r.village),
		cell(r.masteredThisWeek),
		cell(r.masteredTotal),
		cell(r.credits),
		cell(r.needsHelp),
		cell(r.observations),
		cell(r.grades?.[1]),
		cell(r.grades?.[2]),
		cell(r.grades?.[3]),
		textCell(r.pests.join('、'))
	]);
	return csvFile([header, ...rows]);
}

export function weeklyReportFileName(groupName: string, firstDay: string): string {
	const safe = groupName.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 40) || 'group';
	return `heitu-${safe}-${firstDay}.csv`;
}
