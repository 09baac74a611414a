import { json } from '@sveltejs/kit';
import { apiError, readJson } from '$lib/server/api';
import { limitFor, tooMany } from '$lib/server/auth/limits';
import { credentialsSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import { setSessionCookie } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
	const body = await readJson(request, credentialsSchema, 4096);
	if (!body.ok) return body.response;
	const { accounts, limits } = services();
	// counted before the password is checked (limits.ts); the login key is the normalised login
	const login = limitFor.login(body.value.login);
	const address = limitFor.wrongGuesses(getClientAddress());
	const attempt = await limits.attempt([login, address]);
	if (!attempt.allowed)
		return tooMany(attempt, 'too_many_attempts', 'Too many wrong passwords. Try again later.');
	const user = await accounts.authenticate(body.value.login, body.value.password);
	if (!user)
		return apiError(401, {
			error: 'wrong_credentials',
			field: 'password',
			message: 'The login or the password is wrong.'
		});
	await limits.clear(login);
	await limits.forgive([address]);
	const session = await accounts.startSession(user.id);
	setSessionCookie(cookies, request, session.token, session.expiresAt);
	return json({ user });
};
