import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * A message is a text, or (inlang message format) a list of variants chosen by plural rules:
 * `[{ declarations, selectors, match: { "countPlural=one": "…", "countPlural=other": "…" } }]`.
 */
type Message = string | { declarations?: string[]; match: Record<string, string> }[];

const load = (locale: string) =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, Message>;
const zh = load('zh-CN');
const en = load('en');
/** Every text a message can show. */
const texts = (m: Message | undefined): string[] =>
	m === undefined ? [] : typeof m === 'string' ? [m] : m.flatMap((v) => Object.values(v.match));
/** The inputs a message uses, in all its variants. */
const placeholders = (m: Message | undefined) =>
	[...new Set(texts(m).flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();

describe('message catalogue', () => {
	it('has every Chinese message in English too, and nothing extra', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
	});

	it('uses the same placeholders in both languages, and no empty text', () => {
		for (const key of Object.keys(zh)) {
			if (key === '$schema') continue;
			for (const text of [...texts(zh[key]), ...texts(en[key])])
				expect(text.trim(), key).not.toBe('');
			expect(texts(en[key]).length, key).toBeGreaterThan(0);
			expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
		}
	});

	it('has no untranslated Chinese left in the English catalogue', () => {
		const chinese = Object.entries(en).filter(([, m]) =>
			texts(m).some((text) => /[\u4e00-\u9fff]/.test(text))
		);
		expect(chinese).toEqual([]);
	});
});
