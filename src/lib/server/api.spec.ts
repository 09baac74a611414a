import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JSON_MAX_DEPTH, pathOfNul, readJson } from './api';

const post = (body: string) =>
	new Request('http://localhost/api/x', {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/json' }
	});

describe('request bodies', () => {
	it('with a NUL in any text are refused, naming where it is', async () => {
		const schema = z.object({
			ops: z.array(z.object({ patch: z.record(z.string(), z.string()) }))
		});
		const body = JSON.stringify({
			ops: [{ patch: { notes: 'ok' } }, { patch: { notes: 'a\u0000b' } }]
		});
		const read = await readJson(post(body), schema, 4096);
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.response.status).toBe(400);
		expect(await read.response.json()).toEqual({
			error: 'invalid',
			field: 'ops.1.patch.notes',
			message: 'The text has a NUL character (\\u0000) in it, which cannot be stored.'
		});
	});

	it('with none are read as they came, other control characters and Chinese included', async () => {
		const schema = z.object({ notes: z.string() });
		const notes = '第一行\n第二行\t\u0001 \\u0000';
		const read = await readJson(post(JSON.stringify({ notes })), schema, 4096);
		expect(read).toEqual({ ok: true, value: { notes } });
	});

	it('find NULs in keys and at the top as well', () => {
		expect(pathOfNul({ a: { 'b\u0000': 1 } })).toBe('a.b\u0000');
		expect(pathOfNul('\u0000')).toBe('');
		expect(pathOfNul([1, 'x', ['y', 'z\u0000']])).toBe('2.1');
		expect(pathOfNul({ a: [1, null, true], b: 'fine' })).toBeNull();
	});
});

describe('deeply nested bodies', () => {
	const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
	const schema = z.object({ patch: z.record(z.string(), z.unknown()) });

	it('over the depth limit are refused 400 in plain words, not a stack overflow', async () => {
		const body = `{"patch":{"notes":${nested(5000)}}}`;
		expect(body.length).toBeLessThan(11_000);
		const read = await readJson(post(body), schema, 1 << 20);
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.response.status).toBe(400);
		expect(await read.response.json()).toEqual({
			error: 'invalid',
			field: 'body',
			message: `The body is nested more than ${JSON_MAX_DEPTH} levels deep.`
		});
	});

	it('as deep as the limit are read', async () => {
		// the body object and patch are two levels, the array the rest
		const body = `{"patch":{"notes":${nested(JSON_MAX_DEPTH - 2)}}}`;
		const read = await readJson(post(body), schema, 1 << 20);
		expect(read.ok).toBe(true);
	});

	it('of any depth the size limit lets through are searched for NULs without overflowing', () => {
		let deep: unknown = 'a\u0000';
		for (let i = 0; i < 300_000; i++) deep = [deep];
		expect(pathOfNul(deep)).toBe(Array(300_000).fill('0').join('.'));
	});
});
