import { apiError, readJson } from '$lib/server/api';
import { LoginThrottle } from '$lib/server/auth/login-throttle';
import { groupAnswer } from '$lib/server/groups/route';
import { joinSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Wrong codes are counted like wrong passwords, so codes cannot be guessed by trying (login-throttle.ts). */
const throttle = new LoginThrottle();

export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const body = await readJson(request, joinSchema, 4096);
	if (!body.ok) return body.response;
	const key = `join:${locals.user?.id ?? ''}`;
	const address = getClientAddress();
	const wait = throttle.waitFor(LoginThrottle.keys(key, address));
	if (wait > 0) {
		const response = apiError(429, {
			error: 'too_many_attempts',
			message: 'Too many wrong invitation codes. Try again later.'
		});
		response.headers.set('Retry-After', String(Math.ceil(wait / 1000)));
		return response;
	}
	const response = await groupAnswer(locals.user, (user) =>
		services().groups.join(user, body.value.code, body.value.sharing)
	);
	if (response.status === 404) throttle.failed(key, address);
	return response;
};
