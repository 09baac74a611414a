/**
 * The app renders on the phone, so a lesson's words arrive only after its JavaScript has started and asked
 * for them: one more round trip before the page shows anything worth reading (Lighthouse counts it in LCP). The
 * shell the server sends for /learn/<id> names that file up front, so the browser fetches it alongside the
 * JavaScript. Chinese first, as a first visit is (the app's locale lives in the phone's storage).
 */
import lessonIndex from '../../../static/lessons/index.json';

const LESSON_IDS = new Set((lessonIndex as { id: string }[]).map((l) => l.id));

/** The `<link rel="preload">` tags for this path's data, or ''. */
export function preloadFor(pathname: string): string {
	const lesson = /^\/learn\/([a-z0-9-]+)$/.exec(pathname)?.[1];
	if (!lesson || !LESSON_IDS.has(lesson)) return '';
	return `<link rel="preload" href="/lessons/${lesson}/zh-CN.json" as="fetch" crossorigin>`;
}
