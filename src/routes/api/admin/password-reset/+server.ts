import { readJson } from '$lib/server/api';
import { groupAnswer } from '$lib/server/groups/route';
import { loginSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Admins only: a one-time code for a user who forgot the password, answered once and never again. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await readJson(request, loginSchema, 4096);
	if (!body.ok) return body.response;
	return groupAnswer(locals.user, (user) => services().admin.resetPassword(user, body.value.login));
};
