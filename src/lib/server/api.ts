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
 * Where in a parsed body a string (a value or a key) holds U+0000, as a dotted path ('' for the body itself);
 * null when none does. PostgreSQL can't store that character in text, and no screen of ours makes it.
 */
export function pathOfNul(value: unknown, path = ''): string | null {
	if (typeof value === 'string') return value.includes('\u0000') ? path : null;
	if (typeof value !== 'object' || value === null) return null;
	for (const [key, item] of Object.entries(value)) {
		const at = path ? `${path}.${key}` : key;
		if (key.includes('\u0000')) return at;
		const found = pathOfNul(item, at);
		if (found !== null) return found;
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
	const bytes = Buffer.from(await request.arrayBuffer());
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

function tooLarge(maxBytes: number): Response {
	return apiError(413, {
		error: 'too_large',
		field: 'body',
		message: `The request is larger than ${maxBytes} bytes: send fewer changes at a time.`
	});
}
