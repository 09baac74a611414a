import { json } from '@sveltejs/kit';
import { normalizeLogin } from '$lib/domain/account';
import { apiError, readJson } from '$lib/server/api';
import { AccountError } from '$lib/server/auth/accounts';
import { limitFor, tooMany } from '$lib/server/auth/limits';
import { passwordResetSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import { setSessionCookie } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

/**
 * A new password with the one-time code an admin gave (POST /api/admin/password-reset): signs in, as login
 * does. A wrong, expired or used code counts against the login lockout like a wrong password.
 */
export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
	const body = await readJson(request, passwordResetSchema, 4096);
	if (!body.ok) return body.response;
	const login = normalizeLogin(body.value.login);
	const { limits } = services();
	// counted before the secret is checked, like a password at sign-in (limits.ts); taken back when right
	const guess = [limitFor.login(login), limitFor.wrongGuesses(getClientAddress())];
	const attempt = await limits.attempt(guess);
	if (!attempt.allowed)
		return tooMany(attempt, 'too_many_attempts', 'Too many wrong passwords. Try again later.');
	const { accounts } = services();
	let user;
	try {
		user = await accounts.resetWithCode(login, body.value.code, body.value.newPassword);
	} catch (error) {
		// a new password too short or too long is a typing slip, not a guess: it does not count
		if (error instanceof AccountError) {
			await limits.forgive(guess);
			return apiError(400, { error: error.code, field: error.field, message: error.message });
		}
		throw error;
	}
	if (!user) {
		return apiError(401, {
			error: 'wrong_code',
			field: 'code',
			message: 'The one-time code is wrong, used or expired. Ask the administrator for a new one.'
		});
	}
	await limits.clear(guess[0]!);
	await limits.forgive(guess.slice(1));
	const session = await accounts.startSession(user.id);
	setSessionCookie(cookies, request, session.token, session.expiresAt);
	return json({ user });
};
