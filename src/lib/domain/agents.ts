/**
 * Rules of the extension agents' dashboard (issue 9), pure: who needs help with a lesson, pest or disease
 * reports that cluster into an alert, and what a small group may be shown. The dashboard, the groups and the
 * permissions build on these.
 */
import distance from '@turf/distance';
import { point } from '@turf/helpers';
import { splitPests, type MemberObservation } from './groups';
import type { FieldRecord, LogRecord } from './records';
import { isSurveyDetail } from './seedling-survey';
import { publicPlace } from './trace';

/** A member who got this many answers wrong on a lesson not yet mastered needs the agent's help (issue 9). */
export const HELP_WRONG_ANSWERS = 4;

export interface LessonStanding {
	completedAt: number | null;
	/** Right or wrong, the answers given (newest last). */
	history?: boolean[];
	/** Wrong answers in all, when counted apart from the history. */
	wrong?: number;
}

export function wrongAnswers(p: LessonStanding): number {
	return p.wrong ?? (p.history ?? []).filter((right) => !right).length;
}

export function needsHelp(p: LessonStanding): boolean {
	return p.completedAt === null && wrongAnswers(p) >= HELP_WRONG_ANSWERS;
}

export interface PestReport {
	id: string;
	fieldId: string;
	/** What was seen, in the farmer's words (e.g. 玉米螟). */
	pest: string;
	at: number;
	lat: number;
	lng: number;
}

export interface PestAlert {
	pest: string;
	/** The reports of the cluster, oldest first. */
	reports: PestReport[];
	fieldIds: string[];
	from: number;
	to: number;
}

export const ALERT_RULE = { minFields: 3, radiusKm: 5, days: 7 } as const;

/** The same pest is the same words, whatever the spacing or case (玉米螟 = 玉米 螟). */
export function samePest(name: string): string {
	return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * Alerts: the same pest or disease reported in `minFields` or more fields within `radiusKm` of one report and
 * within `days` before it. Each report anchors a window; clusters with the same fields are reported once (the
 * latest).
 */
export function pestAlerts(
	reports: readonly PestReport[],
	rule: { minFields: number; radiusKm: number; days: number } = ALERT_RULE
): PestAlert[] {
	const byPest = new Map<string, PestReport[]>();
	for (const r of reports) {
		if (!samePest(r.pest) || !Number.isFinite(r.lat) || !Number.isFinite(r.lng)) continue;
		const key = samePest(r.pest);
		byPest.set(key, [...(byPest.get(key) ?? []), r]);
	}
	const alerts = new Map<string, PestAlert>();
	for (const list of byPest.values()) {
		const sorted = [...list].sort((a, b) => a.at - b.at);
		for (const anchor of sorted) {
			const near = sorted.filter(
				(r) =>
					r.at <= anchor.at &&
					r.at >= anchor.at - rule.days * 86_400_000 &&
					distance(point([anchor.lng, anchor.lat]), point([r.lng, r.lat]), {
						units: 'kilometers'
					}) <= rule.radiusKm
			);
			const fieldIds = [...new Set(near.map((r) => r.fieldId))].sort();
			if (fieldIds.length < rule.minFields) continue;
			const key = `${samePest(anchor.pest)}|${fieldIds.join(',')}`;
			alerts.set(key, {
				pest: anchor.pest,
				reports: near,
				fieldIds,
				from: near[0]!.at,
				to: anchor.at
			});
		}
	}
	// a cluster whose fields are all in a later, larger cluster of the same pest adds nothing
	const all = [...alerts.values()];
	return all
		.filter(
			(a) =>
				!all.some(
					(b) =>
						b !== a &&
						samePest(b.pest) === samePest(a.pest) &&
						b.fieldIds.length > a.fieldIds.length &&
						a.fieldIds.every((f) => b.fieldIds.includes(f))
				)
		)
		.sort((a, b) => b.to - a.to);
}

/** Below this many members a group is shown only as counts, so nobody's answers can be picked out (issue 9). */
export const MIN_GROUP_FOR_DETAIL = 5;

export function showDetail(members: number): boolean {
	return members >= MIN_GROUP_FOR_DETAIL;
}

/**
 * A group's assessment means count only accounts at least this old (issue 19): accounts an agent signs up on
 * the spot to fill a group ("puppets") neither reach the 5 nor enter the mean.
 */
export const ESTABLISHED_DAYS = 30;

export function isEstablished(accountCreatedAt: number, now: number): boolean {
	return now - accountCreatedAt >= ESTABLISHED_DAYS * 86_400_000;
}

/**
 * An observation record as a group's agent sees it: when and where (only with `withLocation`: the record's
 * GPS point, else the field's middle), the seedling grade if it is a survey, and the pests or diseases seen
 * (the survey's sample points and the record's own 病虫害 note).
 */
export function observationView(
	log: Pick<LogRecord, 'id' | 'fieldId' | 'at' | 'details' | 'point'>,
	field: Pick<FieldRecord, 'name' | 'crop' | 'boundary'> | undefined,
	withLocation: boolean
): MemberObservation {
	const survey = log.details?.survey;
	const isSurvey = isSurveyDetail(survey);
	const notes = [
		...(isSurvey ? survey.points.map((p) => p.pests) : []),
		typeof log.details?.pest === 'string' ? log.details.pest : ''
	];
	// the same pest written twice (玉米螟, 玉米 螟) once, as first written
	const pests: string[] = [];
	for (const p of notes.flatMap(splitPests))
		if (!pests.some((q) => samePest(q) === samePest(p))) pests.push(p);
	const view: MemberObservation = {
		id: log.id,
		fieldId: log.fieldId,
		fieldName: field?.name ?? '',
		crop: (isSurvey ? survey.crop : field?.crop) ?? '',
		at: log.at,
		grade: isSurvey ? survey.grade : null,
		pests
	};
	if (withLocation) {
		const place = log.point ?? (field ? publicPlace(field, 1e-6) : null);
		if (place) Object.assign(view, { lat: place.lat, lng: place.lng });
	}
	return view;
}

/** The pest reports of members' observations that have a place: what pestAlerts looks at. */
export function pestReports(
	members: readonly { id: string; observations?: MemberObservation[] }[]
): PestReport[] {
	return members.flatMap((m) =>
		(m.observations ?? []).flatMap((o) =>
			o.lat === undefined || o.lng === undefined
				? []
				: o.pests.map((pest) => ({
						id: `${o.id}:${pest}`,
						fieldId: `${m.id}:${o.fieldId ?? o.id}`,
						pest,
						at: o.at,
						lat: o.lat!,
						lng: o.lng!
					}))
		)
	);
}
