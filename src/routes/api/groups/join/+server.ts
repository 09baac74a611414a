import { apiError, readJson } from '$lib/server/api';
import { limitFor, tooMany } from '$lib/server/auth/limits';
import { groupAnswer } from '$lib/server/groups/route';
import { joinSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * Wrong codes are counted like wrong passwords (per user, and against the address's wrong guesses), so
 * codes cannot be guessed by trying (limits.ts). Only a wrong code (404) stays counted.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const body = await readJson(request, joinSchema, 4096);
	if (!body.ok) return body.response;
	const user = locals.user;
	if (!user) return apiError(401, { error: 'unauthenticated', message: 'Sign in first.' });
	const { groups, limits } = services();
	const tries = [limitFor.joins(user.id), limitFor.wrongGuesses(getClientAddress())];
	const attempt = await limits.attempt(tries);
	if (!attempt.allowed)
		return tooMany(
			attempt,
			'too_many_attempts',
			'Too many wrong invitation codes. Try again later.'
		);
	const response = await groupAnswer(user, (u) =>
		groups.join(u, body.value.code, body.value.sharing)
	);
	if (response.status !== 404) await limits.forgive(tries);
	return response;
};
