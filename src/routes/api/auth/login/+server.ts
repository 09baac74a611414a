import { json } from '@sveltejs/kit';
import { apiError, readJson } from '$lib/server/api';
import { countFailure, countSuccess, lockedOut } from '$lib/server/auth/lockout';
import { credentialsSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import { setSessionCookie } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
	const body = await readJson(request, credentialsSchema, 4096);
	if (!body.ok) return body.response;
	const login = body.value.login.trim().toLowerCase();
	const address = getClientAddress();
	const locked = await lockedOut(login, address);
	if (locked) return locked;
	const { accounts } = services();
	const user = await accounts.authenticate(body.value.login, body.value.password);
	if (!user) {
		await countFailure(login, address);
		return apiError(401, {
			error: 'wrong_credentials',
			field: 'password',
			message: 'The login or the password is wrong.'
		});
	}
	await countSuccess(login);
	const session = await accounts.startSession(user.id);
	setSessionCookie(cookies, request, session.token, session.expiresAt);
	return json({ user });
};
