import { json } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { clearSessionCookie } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies, request }) => {
	if (locals.sessionToken) await services().accounts.endSession(locals.sessionToken);
	clearSessionCookie(cookies, request);
	return json({ ok: true });
};
