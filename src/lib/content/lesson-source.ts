/**
 * Reading and checking lesson files (content/README.md is the format). Runs at build time
 * (scripts/build-lessons.ts) and in the content tests; every problem names the file and the line, so a
 * broken lesson stops the build with a message its author can act on.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Document } from 'yaml';
import { Marked, type TokenizerExtension } from 'marked';
import type { Lesson, LessonSection, QuizQuestion, TrackId } from '../domain/lessons';
import { TRACKS } from '../domain/lessons';

export class LessonError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly reason: string
	) {
		super(`${file}:${line}: ${reason}`);
	}
}

/**
 * `**strong**` and `*emphasis*` that close next to Chinese punctuation. CommonMark's flanking rules leave
 * `**底肥（基肥）**是` as it is, stars and all (a closing `**` after punctuation must be followed by a space or
 * punctuation, and Chinese puts no space before the next word), so a lesson showed the stars. Here a run
 * opens before any non-space and closes after any non-space, in any script.
 */
const cjkEmphasis: TokenizerExtension = {
	name: 'cjkEmphasis',
	level: 'inline',
	start(src) {
		const at = src.indexOf('*');
		return at === -1 ? undefined : at;
	},
	tokenizer(src) {
		const match = /^(\*\*|\*)(?![\s*])((?:\\[\s\S]|[^\\\n])+?)(?<![\s\\])\1(?!\*)/.exec(src);
		if (!match) return undefined;
		const text = match[2] ?? '';
		return {
			type: match[1] === '**' ? 'strong' : 'em',
			raw: match[0],
			text,
			tokens: this.lexer.inlineTokens(text)
		};
	}
};
const lessonMarkdown = new Marked({ extensions: [cjkEmphasis] });

/**
 * Markdown that would show as it is: text the app shows as plain text (headings, quiz) must have none, and
 * rendered text must have none left (an emphasis that did not close, a broken link).
 */
const RAW_MARKDOWN = /\*\*|__|`|\]\(|^#{1,6}\s/m;

function rawMarkdownIn(text: string): string | null {
	const found = RAW_MARKDOWN.exec(text);
	return found ? found[0].trim() : null;
}

/** Text the app shows as it is (a heading, a quiz question, an option) must not hold Markdown. */
function plainOnly(text: string, what: string, file: string, line: number): void {
	const raw = rawMarkdownIn(text);
	if (raw)
		throw new LessonError(
			file,
			line,
			`${what} is shown as plain text, so “${raw}” would show as it is: take the Markdown out`
		);
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;
const QUIZ_FENCE = /^```quiz\r?\n([\s\S]*?)^```\s*$/m;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function lineAt(text: string, offset: number): number {
	return text.slice(0, offset).split('\n').length;
}

/** The line (1-based) of a node at `path` in a YAML document that starts at `firstLine` of the file. */
function lineOf(doc: Document, counter: LineCounter, path: (string | number)[], firstLine: number) {
	const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
	const offset = node?.range?.[0];
	return offset === undefined ? firstLine : firstLine + counter.linePos(offset).line - 1;
}

function yamlOf(text: string, file: string, firstLine: number) {
	const counter = new LineCounter();
	const doc = parseDocument(text, { lineCounter: counter });
	const error = doc.errors[0];
	if (error) {
		const line = firstLine + (error.linePos?.[0]?.line ?? 1) - 1;
		throw new LessonError(file, line, `not valid YAML: ${error.message.split('\n')[0]}`);
	}
	return { doc, counter };
}

/** The text a screen reader or read-aloud says for some HTML. */
function plainText(html: string): string {
	return html
		.replace(/<img[^>]*alt="([^"]*)"[^>]*>/g, '$1')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
}

export interface LessonFile {
	lesson: Lesson;
	/** Pictures the lesson names (file names in its folder). */
	pictures: string[];
}

/**
 * Parses one lesson file. `exists(name)` tells whether a picture is in the lesson's folder and
 * `pictureUrl(name)` where the app will find it.
 */
export function parseLesson(
	source: string,
	file: string,
	options: { exists: (name: string) => boolean; pictureUrl: (name: string) => string }
): LessonFile {
	const front = FRONTMATTER.exec(source);
	if (!front)
		throw new LessonError(file, 1, 'the file must start with frontmatter between --- lines');
	const { doc, counter } = yamlOf(front[1] ?? '', file, 2);
	const meta = doc.toJS() as Record<string, unknown> | null;
	if (!meta || typeof meta !== 'object') throw new LessonError(file, 2, 'the frontmatter is empty');
	const at = (key: string) => lineOf(doc, counter, [key], 2);
	const fail = (key: string, reason: string): never => {
		throw new LessonError(file, at(key), reason);
	};

	const text = (key: string) => {
		const value = meta[key];
		if (typeof value !== 'string' || !value.trim()) fail(key, `\`${key}\` must be some text`);
		return (value as string).trim();
	};
	const whole = (key: string, min: number, max: number, fallback?: number) => {
		const value = meta[key] ?? fallback;
		if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
			fail(key, `\`${key}\` must be a whole number from ${min} to ${max}`);
		return value as number;
	};

	plainOnly(text('title'), '`title`', file, at('title'));
	const id = text('id');
	if (!ID.test(id)) fail('id', '`id` may hold only a-z, 0-9 and single dashes');
	const track = text('track') as TrackId;
	if (!TRACKS.includes(track)) fail('track', `\`track\` must be one of ${TRACKS.join(', ')}`);
	const sources = meta.sources;
	if (!Array.isArray(sources) || sources.length === 0)
		fail('sources', '`sources` must list at least one source');
	(sources as unknown[]).forEach((s, i) => {
		if (typeof s !== 'string')
			throw new LessonError(
				file,
				lineOf(doc, counter, ['sources', i], 2),
				`source ${i + 1} is not plain text: put it in quotes (a “: ” inside makes YAML read it as a map)`
			);
	});
	const mastery = (meta.mastery ?? { correct: 3, of: 4 }) as { correct?: unknown; of?: unknown };
	if (
		!Number.isInteger(mastery.correct) ||
		!Number.isInteger(mastery.of) ||
		(mastery.correct as number) < 1 ||
		(mastery.correct as number) > (mastery.of as number)
	)
		fail('mastery', '`mastery` must be { correct: m, of: n } with 1 ≤ m ≤ n');
	const task = meta.task as { text?: unknown; href?: unknown } | undefined;
	if (
		!task ||
		typeof task.text !== 'string' ||
		typeof task.href !== 'string' ||
		!task.href.startsWith('/')
	)
		fail('task', '`task` needs `text` and an `href` that is one of the app’s screens (/…)');

	plainOnly(task!.text as string, '`task.text`', file, at('task'));
	(sources as string[]).forEach((source, i) =>
		plainOnly(source, `source ${i + 1}`, file, lineOf(doc, counter, ['sources', i], 2))
	);

	const body = source.slice(front[0].length);
	const bodyLine = lineAt(source, front[0].length) + 0;
	const quizMatch = QUIZ_FENCE.exec(body);
	if (!quizMatch) throw new LessonError(file, bodyLine, 'the lesson has no ```quiz block');
	const quizLine = bodyLine + lineAt(body, quizMatch.index);
	const quiz = parseQuiz(quizMatch[1] ?? '', file, quizLine, options);
	if (quiz.length < (mastery.of as number))
		throw new LessonError(
			file,
			quizLine,
			`the quiz has ${quiz.length} questions but mastery counts the last ${String(mastery.of)}`
		);

	const markdown =
		body.slice(0, quizMatch.index) + body.slice(quizMatch.index + quizMatch[0].length);
	const pictures = new Set(
		quiz.flatMap((q) => (q.kind === 'picture' ? q.options.map((o) => o.image) : []))
	);
	const { intro, sections } = sectionsOf(markdown, file, bodyLine, options, pictures);
	if (sections.length === 0)
		throw new LessonError(file, bodyLine, 'the lesson needs at least one ## section');

	return {
		lesson: {
			id,
			track,
			order: whole('order', 1, 99),
			title: text('title'),
			minutes: whole('minutes', 1, 60),
			version: whole('version', 1, 999),
			credits: whole('credits', 0, 10),
			sources: sources as string[],
			mastery: { correct: mastery.correct as number, of: mastery.of as number },
			task: { text: (task!.text as string).trim(), href: task!.href as string },
			intro,
			sections,
			quiz: quiz.map((q) =>
				q.kind === 'picture'
					? { ...q, options: q.options.map((o) => ({ ...o, image: options.pictureUrl(o.image) })) }
					: q
			)
		},
		pictures: [...pictures]
	};
}

function sectionsOf(
	markdown: string,
	file: string,
	firstLine: number,
	options: { exists: (name: string) => boolean; pictureUrl: (name: string) => string },
	pictures: Set<string>
): { intro: LessonSection; sections: LessonSection[] } {
	const parts = markdown.split(/^## /m);
	const render = (md: string, offset: number): { html: string; text: string } => {
		for (const image of md.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)) {
			const line = firstLine + lineAt(markdown, offset + (image.index ?? 0)) - 1;
			const [, alt, name] = image;
			if (!alt?.trim()) throw new LessonError(file, line, `the picture ${name} needs alt text`);
			if (!options.exists(name!))
				throw new LessonError(file, line, `the picture ${name} is not in the lesson's folder`);
			pictures.add(name!);
		}
		const withUrls = md.replace(
			/!\[([^\]]*)\]\(([^)\s]+)\)/g,
			(_, alt: string, name: string) => `![${alt}](${options.pictureUrl(name)})`
		);
		const html = lessonMarkdown.parse(withUrls, { async: false });
		const text = plainText(html);
		const raw = rawMarkdownIn(text);
		if (raw)
			throw new LessonError(
				file,
				firstLine + lineAt(markdown, offset + Math.max(0, md.indexOf(raw))) - 1,
				`“${raw}” would show as it is: close the emphasis or link, or write the words without it`
			);
		return { html, text };
	};
	const intro = { heading: '', ...render(parts[0] ?? '', 0) };
	const sections: LessonSection[] = [];
	let offset = (parts[0] ?? '').length;
	for (const part of parts.slice(1)) {
		const newline = part.indexOf('\n');
		const heading = (newline === -1 ? part : part.slice(0, newline)).trim();
		const line = firstLine + lineAt(markdown, offset) - 1;
		if (!heading) throw new LessonError(file, line, 'a ## section needs a heading');
		plainOnly(heading, 'a heading', file, line);
		sections.push({
			heading,
			...render(newline === -1 ? '' : part.slice(newline + 1), offset + 3 + newline + 1)
		});
		offset += part.length + 3;
	}
	return { intro, sections };
}

const KINDS = ['single', 'multiple', 'truefalse', 'numeric', 'picture'] as const;

function parseQuiz(
	text: string,
	file: string,
	firstLine: number,
	options: { exists: (name: string) => boolean }
): QuizQuestion[] {
	const { doc, counter } = yamlOf(text, file, firstLine + 1);
	if (!isSeq(doc.contents))
		throw new LessonError(file, firstLine, 'the quiz must be a list of questions (- kind: …)');
	const items = doc.toJS() as Record<string, unknown>[];
	return items.map((item, i) => {
		const line = lineOf(doc, counter, [i], firstLine + 1);
		const fail = (reason: string): never => {
			throw new LessonError(file, line, `question ${i + 1}: ${reason}`);
		};
		if (!item || typeof item !== 'object' || !isMap(doc.getIn([i], true)))
			fail('must be a map of kind, question, …');
		const kind = item.kind as (typeof KINDS)[number];
		if (!KINDS.includes(kind)) fail(`kind must be one of ${KINDS.join(', ')}`);
		const question = typeof item.question === 'string' ? item.question.trim() : '';
		const explain = typeof item.explain === 'string' ? item.explain.trim() : '';
		if (!question) fail('needs a question');
		if (!explain) fail('needs an explain, shown after each answer');
		const plain = (text: string, what: string) =>
			plainOnly(text, `question ${i + 1}: its ${what}`, file, line);
		plain(question, 'question');
		plain(explain, 'explain');
		// an option is text (or a number), or a picture's alt text
		if (Array.isArray(item.options))
			for (const o of item.options as unknown[]) {
				const shown = typeof o === 'object' && o ? (o as { alt?: unknown }).alt : o;
				if (typeof shown === 'string') plain(shown, 'option');
			}
		const choices = () => {
			const list = item.options;
			if (!Array.isArray(list) || list.length < 2) fail('needs at least two options');
			return list as unknown[];
		};
		const textChoices = () => {
			const list = choices();
			if (!list.every((o) => typeof o === 'string' || typeof o === 'number'))
				fail('options must be text');
			return list;
		};
		const index = (value: unknown, count: number) =>
			Number.isInteger(value) && (value as number) >= 0 && (value as number) < count;
		switch (kind) {
			case 'single': {
				const list = textChoices();
				if (!index(item.answer, list.length))
					fail(`answer must be the index (from 0) of one of the ${list.length} options`);
				return {
					kind,
					question,
					explain,
					options: list.map(String),
					answer: item.answer as number
				};
			}
			case 'multiple': {
				const list = textChoices();
				const answer = item.answer;
				if (
					!Array.isArray(answer) ||
					answer.length === 0 ||
					!answer.every((a) => index(a, list.length)) ||
					new Set(answer).size !== answer.length
				)
					fail('answer must list the indexes (from 0) of the right options, each once');
				return {
					kind,
					question,
					explain,
					options: list.map(String),
					answer: [...(answer as number[])].sort((a, b) => a - b)
				};
			}
			case 'truefalse':
				if (typeof item.answer !== 'boolean') fail('answer must be true or false');
				return { kind, question, explain, answer: item.answer as boolean };
			case 'numeric': {
				const answer = item.answer;
				const tolerance = item.tolerance ?? 0;
				if (typeof answer !== 'number' || !Number.isFinite(answer)) fail('answer must be a number');
				if (typeof tolerance !== 'number' || tolerance < 0) fail('tolerance must be a number ≥ 0');
				return {
					kind,
					question,
					explain,
					answer: answer as number,
					tolerance: tolerance as number,
					unit: typeof item.unit === 'string' ? item.unit : ''
				};
			}
			case 'picture': {
				const list = choices();
				const pictures = list.map((o) => o as { image?: unknown; alt?: unknown });
				for (const o of pictures) {
					if (typeof o?.image !== 'string' || typeof o.alt !== 'string' || !o.alt.trim())
						fail('each option needs an image and alt text');
					if (!options.exists(o.image as string))
						fail(`the picture ${String(o.image)} is not in the lesson's folder`);
				}
				if (!index(item.answer, list.length))
					fail(`answer must be the index (from 0) of one of the ${list.length} pictures`);
				return {
					kind,
					question,
					explain,
					options: pictures.map((o) => ({
						image: o.image as string,
						alt: (o.alt as string).trim()
					})),
					answer: item.answer as number
				};
			}
		}
	});
}

/** The two languages of one lesson must teach and test the same thing. */
export function checkTranslation(zh: LessonFile, en: LessonFile, enFile: string): void {
	const a = zh.lesson;
	const b = en.lesson;
	const fail = (reason: string): never => {
		throw new LessonError(enFile, 1, `${reason} (it must match zh-CN.md)`);
	};
	for (const key of ['id', 'track', 'order', 'minutes', 'version', 'credits'] as const)
		if (a[key] !== b[key]) fail(`\`${key}\` is ${String(b[key])}, not ${String(a[key])}`);
	if (a.mastery.correct !== b.mastery.correct || a.mastery.of !== b.mastery.of)
		fail('`mastery` differs');
	if (a.task.href !== b.task.href) fail('`task.href` differs');
	if (a.sections.length !== b.sections.length)
		fail(`it has ${b.sections.length} sections, not ${a.sections.length}`);
	if (a.quiz.length !== b.quiz.length)
		fail(`it has ${b.quiz.length} quiz questions, not ${a.quiz.length}`);
	a.quiz.forEach((q, i) => {
		const r = b.quiz[i]!;
		const same =
			q.kind === r.kind &&
			JSON.stringify('answer' in q ? q.answer : null) ===
				JSON.stringify('answer' in r ? r.answer : null) &&
			('options' in q ? q.options.length : 0) === ('options' in r ? r.options.length : 0) &&
			(q.kind !== 'numeric' || (r.kind === 'numeric' && q.tolerance === r.tolerance));
		if (!same)
			fail(`quiz question ${i + 1} has a different kind, answer, tolerance or number of options`);
	});
	const chinese = /[\u4e00-\u9fff]/;
	const english = JSON.stringify({ ...b, sources: [] })
		// Chinese may stay where it is named: in brackets or in quotes ("the words “承诺达标合格证”")
		.replace(/\([^()]*[\u4e00-\u9fff][^()]*\)/g, '')
		.replace(/（[^（）]*）/g, '')
		.replace(/“[^”]*”|‘[^’]*’|&quot;.*?&quot;|\\"[^"\\]*\\"/g, '');
	const left = chinese.exec(english);
	if (left) {
		const around = english.slice(Math.max(0, left.index - 30), left.index + 10);
		fail(`it still has Chinese outside brackets: “…${around}…”`);
	}
}
