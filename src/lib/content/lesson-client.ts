/** The lessons the build made (static/lessons/), fetched from the app's own origin: precached, so offline too. */
import type { Lesson, LessonSummary } from '$lib/domain/lessons';

export async function fetchLessonIndex(
	fetcher: typeof fetch = fetch
): Promise<LessonSummary[] | null> {
	try {
		const response = await fetcher('/lessons/index.json');
		return response.ok ? ((await response.json()) as LessonSummary[]) : null;
	} catch {
		return null;
	}
}

export async function fetchLesson(
	id: string,
	locale: 'zh-CN' | 'en',
	fetcher: typeof fetch = fetch
): Promise<Lesson | null> {
	if (!/^[a-z0-9-]+$/.test(id)) return null;
	try {
		const response = await fetcher(`/lessons/${id}/${locale}.json`);
		return response.ok ? ((await response.json()) as Lesson) : null;
	} catch {
		return null;
	}
}
