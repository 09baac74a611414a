import { json } from '@sveltejs/kit';
import { isSha256 } from '$lib/domain/blobs';
import { apiError } from '$lib/server/api';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** How much of a blob the server holds: where a resumed upload carries on. */
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
	return json(await services().blobs.status(params.hash), {
		headers: { 'cache-control': 'no-store' }
	});
};
