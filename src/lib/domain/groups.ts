/**
 * Groups (a cooperative or a village) led by an extension agent (issue 9): invitation codes, what a member
 * shares, lesson assignments, and the shapes the server answers with (docs/sync-protocol.md, Groups). The
 * device keeps the last answers to show them offline.
 */
import type { Role } from './account';
import type { DigitalDimension } from './digital-skills';
import type { Grade } from './seedling-survey';

/** What a member lets the group's agent see. Nothing is shared until the member says so. */
export interface Sharing {
	/** Lessons, quiz results, credits and certificates, and the digital-skills assessment. */
	learning: boolean;
	/** Observations: seedling surveys and pests or diseases seen, with their dates and grades. */
	observations: boolean;
	/** Where those observations were made (the record's GPS point or the field's middle). */
	locations: boolean;
}

export const NO_SHARING: Sharing = { learning: false, observations: false, locations: false };

export function sharesAnything(s: Sharing): boolean {
	return s.learning || s.observations || s.locations;
}

export const GROUP_NAME_MAX = 40;
export const INVITE_DAYS_DEFAULT = 14;
export const INVITE_DAYS_MAX = 90;

// no 0/O, 1/I/L: read aloud or copied from paper without mistakes
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const INVITE_LENGTH = 8;

/** XXXX-XXXX: 8 characters from 31, about 8.5 × 10^11 codes; with the join throttle, not guessable. */
export function newInviteCode(random: (n: number) => Uint8Array = randomBytes): string {
	const chars: string[] = [];
	while (chars.length < INVITE_LENGTH) {
		// 248 = 8 × 31: values above it would favour the first letters
		for (const byte of random(INVITE_LENGTH)) {
			if (byte < 248 && chars.length < INVITE_LENGTH) chars.push(ALPHABET[byte % ALPHABET.length]!);
		}
	}
	return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

function randomBytes(n: number): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(n));
}

/**
 * A code as people type it (lower case, spaces, dashes, full-width letters) in its stored form, or null
 * when it cannot be one.
 */
export function parseInviteCode(raw: string): string | null {
	const plain = raw
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s\-_]/g, '');
	if (plain.length !== INVITE_LENGTH || [...plain].some((c) => !ALPHABET.includes(c))) return null;
	return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

export function checkGroupName(raw: string): 'name_empty' | 'name_long' | null {
	const name = raw.trim();
	if (!name) return 'name_empty';
	if ([...name].length > GROUP_NAME_MAX) return 'name_long';
	return null;
}

/** A lesson an agent set for the group, to be mastered by a day. */
export interface Assignment {
	id: string;
	groupId: string;
	lessonId: string;
	/** The end of the due day (epoch ms). */
	dueAt: number;
	createdAt: number;
}

export interface Invite {
	code: string;
	expiresAt: number;
}

/** A group as one of its people sees it: the agent who leads it, or a member. */
export interface GroupInfo {
	id: string;
	name: string;
	role: 'agent' | 'member';
	/** The agent's name as members see it. */
	agentName: string;
	memberCount: number;
	/** The agent only: the newest invitation, while it lasts. */
	invite?: Invite | null;
	/** A member only: what they share. */
	sharing?: Sharing;
	assignments: Assignment[];
}

export interface MyGroups {
	/** The user's role now: an admin may have made them an agent since they signed in. */
	role: Role;
	groups: GroupInfo[];
	fetchedAt: number;
}

/**
 * The lessons set for a member across their groups (not the groups they lead), soonest due first. A lesson set
 * by two groups shows once, with its earliest due day.
 */
export function memberAssignments(mine: MyGroups | null | undefined): Assignment[] {
	const earliest = new Map<string, Assignment>();
	for (const group of mine?.groups ?? []) {
		if (group.role !== 'member') continue;
		for (const a of group.assignments) {
			const seen = earliest.get(a.lessonId);
			if (!seen || a.dueAt < seen.dueAt) earliest.set(a.lessonId, a);
		}
	}
	return [...earliest.values()].sort((a, b) => a.dueAt - b.dueAt);
}

/** One lesson of a member's learning record, as the agent sees it. */
export interface MemberLesson {
	lessonId: string;
	progress: number;
	completedAt: number | null;
	wrong: number;
	credits: number;
	/** When the member last answered in it. */
	updatedAt: number;
}

export interface MemberObservation {
	id: string;
	fieldId: string | null;
	fieldName: string;
	crop: string;
	at: number;
	/** The seedling survey's 一/二/三类, when the observation is a survey. */
	grade: Grade | null;
	/** Pests or diseases seen, as the farmer wrote them, one per entry. */
	pests: string[];
	/** Only when the member shares locations. */
	lat?: number;
	lng?: number;
}

export interface MemberView {
	id: string;
	name: string;
	village: string;
	joinedAt: number;
	sharing: Sharing;
	lessons?: MemberLesson[];
	certificates?: { track: string; code: string; issuedAt: number }[];
	observations?: MemberObservation[];
}

/** The group's digital-skills assessments: means only when enough people took it (domain/agents.ts). */
export interface AssessmentSummary {
	/** Members who share learning and have taken it. */
	taken: number;
	/** Of those, the ones the means count: accounts at least ESTABLISHED_DAYS old (domain/agents.ts). */
	counted: number;
	/**
	 * The means last published for the group: made when 5 or more counted members took it, and made anew only
	 * when 5 of them have changed since (taken it again, joined, left); null while fewer count, or after one
	 * whose answers are in it left or stopped sharing (until 5 have changed).
	 */
	means: Record<DigitalDimension, number> | null;
}

/** What the agent's dashboard shows of one group: only what members share, as of `fetchedAt`. */
export interface GroupDashboard {
	group: { id: string; name: string };
	memberCount: number;
	/** Members who share something; the others are only counted. */
	members: MemberView[];
	assessment: AssessmentSummary;
	assignments: Assignment[];
	fetchedAt: number;
}

/** The admin's view: counts and means per group, never a person's answers. */
export interface AdminOverview {
	users: Record<string, number>;
	groups: {
		id: string;
		name: string;
		agentName: string;
		memberCount: number;
		sharingLearning: number;
		lessonsMastered: number;
		certificates: number;
		assessment: AssessmentSummary;
	}[];
	/** Stored records that break their schema, as the server's last check found (readers skip them). */
	brokenRecords: number;
	fetchedAt: number;
}

/** Pest or disease words in one note: 玉米螟、蚜虫 → two. */
export function splitPests(text: string): string[] {
	return text
		.split(/[、,，;；/]+/)
		.map((p) => p.trim())
		.filter((p) => p && !/^(无|没有|none|no)$/i.test(p));
}
