import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { TRACE_RESERVE_MAX } from '$lib/domain/trace-code';
import { apiError, readJson } from '$lib/server/api';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

const reserveSchema = z.object({
	count: z
		.number({ message: `count must be a whole number from 1 to ${TRACE_RESERVE_MAX}.` })
		.int({ message: `count must be a whole number from 1 to ${TRACE_RESERVE_MAX}.` })
		.min(1, { message: `count must be a whole number from 1 to ${TRACE_RESERVE_MAX}.` })
		.max(TRACE_RESERVE_MAX, {
			message: `count must be a whole number from 1 to ${TRACE_RESERVE_MAX}.`
		})
});

/**
 * Trace codes kept for the signed-in account (server/trace/reservations.ts): a phone takes a few while it
 * has signal and gives them to batches it makes offline, so no other account can claim them first.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (!locals.user) return apiError(401, { error: 'unauthenticated', message: 'Not signed in.' });
	const body = await readJson(request, reserveSchema, 1024);
	if (!body.ok) return body.response;
	const codes = await services().traceCodes.reserve(locals.user.id, body.value.count);
	return json({ codes }, { headers: { 'cache-control': 'no-store' } });
};
