import { json } from '@sveltejs/kit';
import { normalizeLogin } from '$lib/domain/account';
import { apiError, readJson } from '$lib/server/api';
import { AccountError } from '$lib/server/auth/accounts';
import { countFailure, countSuccess, lockedOut } from '$lib/server/auth/lockout';
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
	const address = getClientAddress();
	const locked = await lockedOut(login, address);
	if (locked) return locked;
	const { accounts } = services();
	let user;
	try {
		user = await accounts.resetWithCode(login, body.value.code, body.value.newPassword);
	} catch (error) {
		if (error instanceof AccountError)
			return apiError(400, { error: error.code, field: error.field, message: error.message });
		throw error;
	}
	if (!user) {
		await countFailure(login, address);
		return apiError(401, {
			error: 'wrong_code',
			field: 'code',
			message: 'The one-time code is wrong, used or expired. Ask the administrator for a new one.'
		});
	}
	await countSuccess(login);
	const session = await accounts.startSession(user.id);
	setSessionCookie(cookies, request, session.token, session.expiresAt);
	return json({ user });
};
