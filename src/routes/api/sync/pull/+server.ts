import { json } from '@sveltejs/kit';
import { PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT } from '$lib/domain/sync-protocol';
import { apiError, intParam } from '$lib/server/api';
import { services } from '$lib/server/services';
import { syncGuard } from '$lib/server/sync/guard';
import { SyncError } from '$lib/server/sync/sync-service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const schemaVersion = intParam(url, 'schemaVersion', -1);
	const since = intParam(url, 'since', 0);
	const limit = intParam(url, 'limit', PULL_DEFAULT_LIMIT);
	for (const [field, value] of [
		['schemaVersion', schemaVersion],
		['since', since],
		['limit', limit]
	] as const) {
		if (value === null) {
			return apiError(400, {
				error: 'invalid',
				field,
				message: `${field} must be a whole number.`
			});
		}
	}
	if (limit! < 1 || limit! > PULL_MAX_LIMIT)
		return apiError(400, {
			error: 'invalid',
			field: 'limit',
			message: `limit must be from 1 to ${PULL_MAX_LIMIT}.`
		});
	const refused = syncGuard(locals.user, schemaVersion!);
	if (refused || !locals.user) return refused!;
	try {
		return json(await services().sync.pull(locals.user.id, since!, limit!), {
			headers: { 'cache-control': 'no-store' }
		});
	} catch (error) {
		if (error instanceof SyncError)
			return apiError(error.status, {
				error: error.code,
				field: error.field,
				message: error.message
			});
		throw error;
	}
};
