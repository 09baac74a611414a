import { json } from '@sveltejs/kit';
import { apiError } from '$lib/server/api';
import { services } from '$lib/server/services';
import { clearSessionCookie } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

/** Ends every session of the signed-in account, this one too (在所有手机上退出). */
export const POST: RequestHandler = async ({ locals, cookies, request }) => {
	if (!locals.user) return apiError(401, { error: 'unauthenticated', message: 'Not signed in.' });
	await services().accounts.endAllSessions(locals.user.id);
	clearSessionCookie(cookies, request);
	return json({ ok: true });
};
