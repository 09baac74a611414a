import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import type { ErrorBody } from '$lib/domain/sync-protocol';

/** A JSON error in the shape every API route answers with (docs/sync-protocol.md, Errors). */
export function apiError(status: number, body: ErrorBody): Response {
	return json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/** Reads a JSON body no bigger than `maxBytes`, checked against `schema`; or the error response to send. */
export async function readJson<T>(
	request: Request,
	schema: z.ZodType<T>,
	maxBytes: number
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
	const body = await readBody(request, maxBytes);
	if (typeof body !== 'string') return { ok: false, response: body };
	const text = body;
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return {
			ok: false,
			response: apiError(400, {
				error: 'invalid',
				field: 'body',
				message: 'The body is not valid JSON.'
			})
		};
	}
	if (depthOver(raw, JSON_MAX_DEPTH)) {
		return {
			ok: false,
			response: apiError(400, {
				error: 'invalid',
				field: 'body',
				message: `The body is nested more than ${JSON_MAX_DEPTH} levels deep.`
			})
		};
	}
	const nul = pathOfNul(raw);
	if (nul !== null) {
		return {
			ok: false,
			response: apiError(400, {
				error: 'invalid',
				field: nul || 'body',
				message: 'The text has a NUL character (\\u0000) in it, which cannot be stored.'
			})
		};
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return {
			ok: false,
			response: apiError(400, {
				error: 'invalid',
				field: issue?.path.join('.') || 'body',
				message: issue?.message ?? 'Invalid request.'
			})
		};
	}
	return { ok: true, value: parsed.data };
}

/**
 * How deep a request body may nest objects and arrays. The deepest real one is a push of a field boundary
 * (body, ops, op, patch, boundary, coordinates, ring, point: 8 levels; a seedling survey is about as deep), so
 * 32 refuses only bodies made to be deep, before a reader that recurses (the schemas, JSON.stringify) meets them.
 */
export const JSON_MAX_DEPTH = 32;

/** Whether a parsed value nests objects or arrays more than `max` levels deep (the value itself is level 1). */
export function depthOver(value: unknown, max: number): boolean {
	const stack: [unknown, number][] = [[value, 1]];
	for (let next = stack.pop(); next; next = stack.pop()) {
		const [item, depth] = next;
		if (typeof item !== 'object' || item === null) continue;
		if (depth > max) return true;
		for (const child of Object.values(item)) stack.push([child, depth + 1]);
	}
	return false;
}

/**
 * Where in a parsed body a string (a value or a key) holds U+0000, as a dotted path ('' for the body itself);
 * null when none does. PostgreSQL can't store that character in text, and no screen of ours makes it. It walks
 * with its own stack, depth first in key order, so no nesting overflows the call stack.
 */
export function pathOfNul(value: unknown): string | null {
	type At = { key: string; parent: At } | null;
	const pathOf = (at: At, key?: string): string => {
		const keys = key === undefined ? [] : [key];
		for (let node = at; node; node = node.parent) keys.push(node.key);
		return keys.reverse().join('.');
	};
	const stack: [unknown, At][] = [[value, null]];
	for (let next = stack.pop(); next; next = stack.pop()) {
		const [item, at] = next;
		if (typeof item === 'string') {
			if (item.includes('\u0000')) return pathOf(at);
			continue;
		}
		if (typeof item !== 'object' || item === null) continue;
		const entries: [string, unknown][] = Object.entries(item);
		for (const [key] of entries) if (key.includes('\u0000')) return pathOf(at, key);
		for (let i = entries.length - 1; i >= 0; i--) {
			const [key, child] = entries[i]!;
			stack.push([child, { key, parent: at }]);
		}
	}
	return null;
}

const gunzipAsync = promisify(gunzip);

/**
 * The body as text: plain, or gzip (`content-encoding: gzip`, as devices send pushes). The limit applies
 * to the unpacked size too, so a small gzip bomb is refused without being unpacked in full.
 */
async function readBody(request: Request, maxBytes: number): Promise<string | Response> {
	const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
	if (encoding !== 'identity' && encoding !== 'gzip') {
		return apiError(415, {
			error: 'invalid',
			field: 'content-encoding',
			message: 'Send the body as plain JSON or gzip.'
		});
	}
	let bytes: Buffer;
	try {
		bytes = Buffer.from(await request.arrayBuffer());
	} catch (error) {
		// adapter-node stops reading a body over its BODY_SIZE_LIMIT (set lower than ours on this server)
		if ((error as { status?: number }).status === 413) return tooLarge();
		throw error;
	}
	if (bytes.length > maxBytes) return tooLarge(maxBytes);
	if (encoding === 'identity') return bytes.toString('utf8');
	try {
		return (await gunzipAsync(bytes, { maxOutputLength: maxBytes })).toString('utf8');
	} catch (error) {
		if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge(maxBytes);
		return apiError(400, {
			error: 'invalid',
			field: 'body',
			message: 'The body says it is gzip but is not.'
		});
	}
}

function tooLarge(maxBytes?: number): Response {
	const limit = maxBytes === undefined ? 'this server takes' : `${maxBytes} bytes`;
	return apiError(413, {
		error: 'too_large',
		field: 'body',
		message: `The request is larger than ${limit}: send fewer changes at a time.`
	});
}

/** A whole-number query value (at most 15 digits), `fallback` when absent; null when it is not one. */
export function intParam(url: URL, name: string, fallback: number): number | null {
	const raw = url.searchParams.get(name);
	if (raw === null) return fallback;
	return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}
