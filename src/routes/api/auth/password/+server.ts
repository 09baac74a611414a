import { json } from '@sveltejs/kit';
import { apiError, readJson } from '$lib/server/api';
import { AccountError } from '$lib/server/auth/accounts';
import { limitFor, tooMany } from '$lib/server/auth/limits';
import { passwordChangeSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * A new password for the signed-in account, given the current one. Every other session ends; this one stays.
 * A wrong current password counts against the login lockout like a wrong password at sign-in.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	if (!locals.user || !locals.sessionToken)
		return apiError(401, { error: 'unauthenticated', message: 'Not signed in.' });
	const body = await readJson(request, passwordChangeSchema, 4096);
	if (!body.ok) return body.response;
	const { login, id } = locals.user;
	const { limits } = services();
	// counted before the secret is checked, like a password at sign-in (limits.ts); taken back when right
	const guess = [limitFor.login(login), limitFor.wrongGuesses(getClientAddress())];
	const attempt = await limits.attempt(guess);
	if (!attempt.allowed)
		return tooMany(attempt, 'too_many_attempts', 'Too many wrong passwords. Try again later.');
	try {
		const changed = await services().accounts.changePassword(
			id,
			locals.sessionToken,
			body.value.currentPassword,
			body.value.newPassword
		);
		if (!changed) {
			return apiError(401, {
				error: 'wrong_password',
				field: 'currentPassword',
				message: 'The current password is wrong.'
			});
		}
	} catch (error) {
		// a new password too short or too long is a typing slip, not a guess: it does not count
		if (error instanceof AccountError) {
			await limits.forgive(guess);
			return apiError(400, { error: error.code, field: error.field, message: error.message });
		}
		throw error;
	}
	await limits.clear(guess[0]!);
	await limits.forgive(guess.slice(1));
	return json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
};
