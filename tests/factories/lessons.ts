import type { LessonSummary } from '../../src/lib/domain/lessons';

/** A one-lesson track for server tests (groups, certificates, readers): `safety-1`, mastered 3 of 4. */
export const ONE_LESSON: LessonSummary[] = [
	{
		id: 'safety-1',
		track: 'safety',
		order: 1,
		minutes: 5,
		credits: 1,
		version: 1,
		mastery: { correct: 3, of: 4 },
		title: { 'zh-CN': '防诈骗', en: 'Scams' }
	}
];
