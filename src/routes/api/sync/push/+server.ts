import { json } from '@sveltejs/kit';
import { PUSH_MAX_BYTES } from '$lib/domain/sync-protocol';
import { apiError, readJson } from '$lib/server/api';
import { pushSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import { syncGuard } from '$lib/server/sync/guard';
import { SyncError } from '$lib/server/sync/sync-service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await readJson(request, pushSchema, PUSH_MAX_BYTES);
	if (!body.ok) return body.response;
	const refused = syncGuard(locals.user, body.value.schemaVersion);
	if (refused || !locals.user) return refused!;
	try {
		return json(await services().sync.push(locals.user.id, body.value.ops, body.value.since));
	} catch (error) {
		if (error instanceof SyncError) {
			return apiError(error.status, {
				error: error.code,
				field: error.field,
				message: error.message
			});
		}
		throw error;
	}
};
