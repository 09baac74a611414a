import { describe, expect, it } from 'vitest';
import { preloadFor } from './preload';

describe('preloading a lesson with its shell', () => {
	it('names the lesson file for a lesson that exists, and nothing otherwise', () => {
		expect(preloadFor('/learn/soil-testing')).toBe(
			'<link rel="preload" href="/lessons/soil-testing/zh-CN.json" as="fetch" crossorigin>'
		);
		expect(preloadFor('/learn/no-such-lesson')).toBe('');
		expect(preloadFor('/learn/record')).toBe('');
		expect(preloadFor('/learn/soil-testing/x')).toBe('');
		expect(preloadFor('/learn/"><script>')).toBe('');
	});
});
