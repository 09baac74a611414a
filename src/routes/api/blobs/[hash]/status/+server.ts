import { json } from '@sveltejs/kit';
import { isSha256 } from '$lib/domain/blobs';
import { apiError } from '$lib/server/api';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * How much of this blob the caller has uploaded: where a resumed upload carries on. Only the caller's own
 * uploads: another account's photo answers as absent (received 0, complete false).
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.user)
		return apiError(401, { error: 'unauthenticated', message: 'Sign in to sync photos.' });
	if (!isSha256(params.hash)) {
		return apiError(400, {
			error: 'invalid',
			field: 'hash',
			message: 'The address must be a sha256 in lower-case hex.'
		});
	}
	return json(await services().blobs.status(locals.user.id, params.hash), {
		headers: { 'cache-control': 'no-store' }
	});
};
