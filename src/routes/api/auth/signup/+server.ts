import { json } from '@sveltejs/kit';
import { apiError, readJson } from '$lib/server/api';
import { AccountError } from '$lib/server/auth/accounts';
import { limitFor, tooMany } from '$lib/server/auth/limits';
import { credentialsSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import { setSessionCookie } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
	const body = await readJson(request, credentialsSchema, 4096);
	if (!body.ok) return body.response;
	const { accounts, limits } = services();
	// every sign-up that is made or finds its login taken counts against the address (MAX_SIGNUPS)
	const signups = limitFor.signups(getClientAddress());
	const attempt = await limits.attempt([signups]);
	if (!attempt.allowed)
		return tooMany(
			attempt,
			'too_many_signups',
			'Too many new accounts from this network. Try again later.'
		);
	try {
		const user = await accounts.createUser(body.value.login, body.value.password);
		const session = await accounts.startSession(user.id);
		setSessionCookie(cookies, request, session.token, session.expiresAt);
		return json({ user }, { status: 201 });
	} catch (error) {
		if (error instanceof AccountError) {
			// a mistyped login or password tells nothing about other accounts: not counted
			if (error.code !== 'login_taken') await limits.forgive([signups]);
			return apiError(error.code === 'login_taken' ? 409 : 400, {
				error: error.code,
				field: error.field,
				message: error.message
			});
		}
		throw error;
	}
};
