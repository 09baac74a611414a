import { json } from '@sveltejs/kit';
import { apiError, readJson } from '$lib/server/api';
import { LoginThrottle } from '$lib/server/auth/login-throttle';
import { credentialsSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import { setSessionCookie } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

/** One per server process (see login-throttle.ts). */
const throttle = new LoginThrottle();

export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
	const body = await readJson(request, credentialsSchema, 4096);
	if (!body.ok) return body.response;
	const login = body.value.login.trim().toLowerCase();
	const address = getClientAddress();
	const wait = throttle.waitFor(LoginThrottle.keys(login, address));
	if (wait > 0) {
		const response = apiError(429, {
			error: 'too_many_attempts',
			message: 'Too many wrong passwords. Try again later.'
		});
		response.headers.set('Retry-After', String(Math.ceil(wait / 1000)));
		return response;
	}
	const { accounts } = services();
	const user = await accounts.authenticate(body.value.login, body.value.password);
	if (!user) {
		throttle.failed(login, address);
		return apiError(401, {
			error: 'wrong_credentials',
			field: 'password',
			message: 'The login or the password is wrong.'
		});
	}
	throttle.succeeded(login);
	const session = await accounts.startSession(user.id);
	setSessionCookie(cookies, request, session.token, session.expiresAt);
	return json({ user });
};
