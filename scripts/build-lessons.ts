/**
 * `tsx scripts/build-lessons.ts` (part of `npm run build` and `npm run prepare`): checks every lesson in
 * content/ (content/README.md) and writes what the app reads to static/lessons/, which the service worker
 * precaches: index.json, <id>/zh-CN.json, <id>/en.json and the lesson's pictures (SVG, whitespace removed).
 * A broken lesson stops the build with `file:line: reason`.
 */
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { join, relative } from 'node:path';
import {
	checkTranslation,
	LessonError,
	parseLesson,
	type LessonFile
} from '../src/lib/content/lesson-source';
import { TRACKS, type LessonSummary } from '../src/lib/domain/lessons';

const CONTENT = 'content';
const OUT = join('static', 'lessons');
const MAX_PICTURE_BYTES = 30 * 1024;
const LANGS = ['zh-CN', 'en'] as const;

/** Whether `href` is one of the app's screens: its path matches a folder under src/routes. */
export function routeExists(href: string, routes = join('src', 'routes')): boolean {
	const path = href.split(/[?#]/)[0] ?? '';
	let dir = routes;
	for (const segment of path.split('/').filter(Boolean)) {
		const exact = join(dir, segment);
		if (existsSync(exact) && statSync(exact).isDirectory()) {
			dir = exact;
			continue;
		}
		const param = readdirSync(dir).find((d) => /^\[[^.\]]+\]$/.test(d));
		if (!param) return false;
		dir = join(dir, param);
	}
	return existsSync(join(dir, '+page.svelte'));
}

function lessonFolders(): { track: string; folder: string }[] {
	if (!existsSync(CONTENT)) return [];
	return readdirSync(CONTENT)
		.filter((name) => statSync(join(CONTENT, name)).isDirectory())
		.flatMap((track) =>
			readdirSync(join(CONTENT, track))
				.filter((name) => statSync(join(CONTENT, track, name)).isDirectory())
				.map((name) => ({ track, folder: join(CONTENT, track, name) }))
		);
}

export function buildLessons(): {
	summaries: LessonSummary[];
	files: Map<string, string | Buffer>;
} {
	const files = new Map<string, string | Buffer>();
	const summaries: LessonSummary[] = [];
	const seen = new Map<string, string>();
	for (const { track, folder } of lessonFolders()) {
		if (!TRACKS.includes(track as (typeof TRACKS)[number]))
			throw new LessonError(folder, 1, `the track folder must be one of ${TRACKS.join(', ')}`);
		const parsed = {} as Record<(typeof LANGS)[number], LessonFile>;
		for (const lang of LANGS) {
			const file = join(folder, `${lang}.md`);
			if (!existsSync(file)) throw new LessonError(file, 1, `the ${lang} version is missing`);
			parsed[lang] = parseLesson(readFileSync(file, 'utf8'), file, {
				exists: (name) => !name.includes('/') && existsSync(join(folder, name)),
				pictureUrl: (name) => `/lessons/x/${name}`
			});
		}
		const zh = parsed['zh-CN'];
		const en = parsed.en;
		checkTranslation(zh, en, join(folder, 'en.md'));
		const { id } = zh.lesson;
		const zhFile = join(folder, 'zh-CN.md');
		if (zh.lesson.track !== track)
			throw new LessonError(
				zhFile,
				1,
				`\`track\` is ${zh.lesson.track} but the lesson is in ${track}/`
			);
		if (seen.has(id))
			throw new LessonError(zhFile, 1, `the id ${id} is used by ${seen.get(id)} too`);
		seen.set(id, folder);
		if (!routeExists(zh.lesson.task.href))
			throw new LessonError(
				zhFile,
				1,
				`task.href ${zh.lesson.task.href} is not one of the app's screens`
			);
		for (const lang of LANGS) {
			const lesson = parsed[lang].lesson;
			// picture URLs name the lesson's id, known only now
			const json = JSON.stringify(lesson).replaceAll('/lessons/x/', `/lessons/${id}/`);
			files.set(join(id, `${lang}.json`), json);
		}
		for (const picture of new Set([...zh.pictures, ...en.pictures])) {
			const path = join(folder, picture);
			if (!picture.endsWith('.svg'))
				throw new LessonError(path, 1, 'pictures must be SVG drawings');
			const svg = readFileSync(path, 'utf8');
			if (Buffer.byteLength(svg) > MAX_PICTURE_BYTES)
				throw new LessonError(path, 1, 'the picture is over 30 KB');
			if (!/<svg[\s>]/.test(svg)) throw new LessonError(path, 1, 'not an SVG file');
			files.set(
				join(id, picture),
				svg
					.replace(/>\s+</g, '><')
					.replace(/<!--[\s\S]*?-->/g, '')
					.trim()
			);
		}
		summaries.push({
			id,
			track: zh.lesson.track,
			order: zh.lesson.order,
			minutes: zh.lesson.minutes,
			credits: zh.lesson.credits,
			version: zh.lesson.version,
			mastery: zh.lesson.mastery,
			title: { 'zh-CN': zh.lesson.title, en: en.lesson.title }
		});
	}
	summaries.sort((a, b) => TRACKS.indexOf(a.track) - TRACKS.indexOf(b.track) || a.order - b.order);
	files.set('index.json', JSON.stringify(summaries));
	return { summaries, files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	try {
		const { summaries, files } = buildLessons();
		rmSync(OUT, { recursive: true, force: true });
		for (const [name, body] of files) {
			mkdirSync(join(OUT, name, '..'), { recursive: true });
			writeFileSync(join(OUT, name), body);
		}
		console.log(`lessons: ${summaries.length} checked, written to ${relative('.', OUT)}/`);
	} catch (error) {
		if (error instanceof LessonError) {
			console.error(`A lesson is broken: ${error.message}`);
			process.exit(1);
		}
		throw error;
	}
}
