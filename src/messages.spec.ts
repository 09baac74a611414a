import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const load = (locale: string) =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
const zh = load('zh-CN');
const en = load('en');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
	it('has every Chinese message in English too, and nothing extra', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
	});

	it('uses the same placeholders in both languages, and no empty text', () => {
		for (const key of Object.keys(zh)) {
			if (key === '$schema') continue;
			expect(zh[key]?.trim(), key).not.toBe('');
			expect(en[key]?.trim(), key).not.toBe('');
			expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(zh[key] ?? ''));
		}
	});

	it('has no untranslated Chinese left in the English catalogue', () => {
		const chinese = Object.entries(en).filter(([, text]) => /[\u4e00-\u9fff]/.test(text));
		expect(chinese).toEqual([]);
	});
});
