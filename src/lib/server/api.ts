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
	const text = await request.text();
	if (Buffer.byteLength(text) > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
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

function tooLarge(maxBytes: number): Response {
	return apiError(413, {
		error: 'too_large',
		field: 'body',
		message: `The request is larger than ${maxBytes} bytes: send fewer changes at a time.`
	});
}
