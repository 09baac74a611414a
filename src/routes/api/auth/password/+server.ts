import { json } from '@sveltejs/kit';
import { apiError, readJson } from '$lib/server/api';
import { AccountError } from '$lib/server/auth/accounts';
import { countFailure, countSuccess, lockedOut } from '$lib/server/auth/lockout';
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
	const address = getClientAddress();
	const locked = await lockedOut(login, address);
	if (locked) return locked;
	try {
		const changed = await services().accounts.changePassword(
			id,
			locals.sessionToken,
			body.value.currentPassword,
			body.value.newPassword
		);
		if (!changed) {
			await countFailure(login, address);
			return apiError(401, {
				error: 'wrong_password',
				field: 'currentPassword',
				message: 'The current password is wrong.'
			});
		}
	} catch (error) {
		if (error instanceof AccountError)
			return apiError(400, { error: error.code, field: error.field, message: error.message });
		throw error;
	}
	await countSuccess(login);
	return json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
};
