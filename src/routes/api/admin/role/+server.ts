import { readJson } from '$lib/server/api';
import { groupAnswer } from '$lib/server/groups/route';
import { roleSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Admins only: make an account a farmer, agent, expert (with a scope) or admin. */
export const PUT: RequestHandler = async ({ request, locals }) => {
	const body = await readJson(request, roleSchema, 4096);
	if (!body.ok) return body.response;
	return groupAnswer(locals.user, (user) =>
		services().admin.setRole(user, body.value.login, body.value.role, body.value.scope)
	);
};
