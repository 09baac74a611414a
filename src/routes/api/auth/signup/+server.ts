import { json } from '@sveltejs/kit';
import { apiError, readJson } from '$lib/server/api';
import { AccountError } from '$lib/server/auth/accounts';
import { credentialsSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import { setSessionCookie } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies }) => {
	const body = await readJson(request, credentialsSchema, 4096);
	if (!body.ok) return body.response;
	const { accounts } = services();
	try {
		const user = await accounts.createUser(body.value.login, body.value.password);
		const session = await accounts.startSession(user.id);
		setSessionCookie(cookies, request, session.token, session.expiresAt);
		return json({ user }, { status: 201 });
	} catch (error) {
		if (error instanceof AccountError) {
			return apiError(error.code === 'login_taken' ? 409 : 400, {
				error: error.code,
				field: error.field,
				message: error.message
			});
		}
		throw error;
	}
};
