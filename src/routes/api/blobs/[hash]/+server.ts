import { json } from '@sveltejs/kit';
import { BLOB_MAX_BYTES, isSha256, parseContentRange } from '$lib/domain/blobs';
import { apiError } from '$lib/server/api';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

function refuseUnlessSignedIn(locals: App.Locals, hash: string): Response | null {
	if (!locals.user)
		return apiError(401, { error: 'unauthenticated', message: 'Sign in to sync photos.' });
	if (!isSha256(hash)) {
		return apiError(400, {
			error: 'invalid',
			field: 'hash',
			message: 'The address must be a sha256 in lower-case hex.'
		});
	}
	return null;
}

/**
 * The bytes of a complete blob, for an account that uploaded it or an agent it is shared with (blob-store.ts
 * access); to anyone else as if it did not exist, whatever their records name. Content-addressed, so they
 * never change: the uploader's browser caches them for a year, an agent's not at all.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const refused = refuseUnlessSignedIn(locals, params.hash);
	if (refused || !locals.user) return refused!;
	const { blobs } = services();
	const access = await blobs.access(locals.user.id, params.hash);
	const bytes = access ? await blobs.read(params.hash) : null;
	if (!bytes)
		return apiError(404, { error: 'not_found', message: 'No such photo on the server yet.' });
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/octet-stream',
			// a photo shared with an agent is theirs only while the member shares: never kept in their cache
			'cache-control':
				access === 'uploader' ? 'private, max-age=31536000, immutable' : 'private, no-store'
		}
	});
};

/**
 * One chunk of an upload: `Content-Range: bytes START-END/TOTAL`. 202 with `received` while more is
 * expected (also for a chunk the server already holds, sent again), 200 when the blob is complete and its
 * sha256 matches, 409 with `received` when START is not where the server is (resume from there), 400
 * `hash_mismatch` when the bytes do not match the hash, 413 `quota_exceeded` past the account's quota.
 */
export const PUT: RequestHandler = async ({ params, locals, request }) => {
	const refused = refuseUnlessSignedIn(locals, params.hash);
	if (refused || !locals.user) return refused!;
	const range = parseContentRange(request.headers.get('content-range'));
	if (!range) {
		return apiError(400, {
			error: 'invalid',
			field: 'content-range',
			message: 'Send Content-Range: bytes START-END/TOTAL.'
		});
	}
	if (range.total > BLOB_MAX_BYTES) {
		return apiError(413, {
			error: 'too_large',
			field: 'body',
			message: `Photos are limited to ${BLOB_MAX_BYTES} bytes.`
		});
	}
	const bytes = new Uint8Array(await request.arrayBuffer());
	if (bytes.length !== range.end - range.start + 1) {
		return apiError(400, {
			error: 'invalid',
			field: 'content-range',
			message: 'The body length does not match Content-Range.'
		});
	}
	const result = await services().blobs.append(
		locals.user.id,
		params.hash,
		range.start,
		bytes,
		range.total
	);
	switch (result.kind) {
		case 'partial':
			return json({ complete: false, received: result.received }, { status: 202 });
		case 'complete':
			return json({ complete: true, size: result.size });
		case 'wrong-offset':
			return json(
				{ error: 'wrong_offset', message: 'Carry on from received.', received: result.received },
				{ status: 409 }
			);
		case 'hash-mismatch':
			return apiError(400, {
				error: 'hash_mismatch',
				field: 'body',
				message: 'The bytes do not match their sha256: send the photo again.'
			});
		case 'quota-exceeded':
			return apiError(413, {
				error: 'quota_exceeded',
				field: 'body',
				message: `This account's photos would pass ${Math.round(result.quotaBytes / 1024 / 1024)} MB on the server: delete some, or ask the administrator.`
			});
	}
};
