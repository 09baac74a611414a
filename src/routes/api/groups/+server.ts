import { readJson } from '$lib/server/api';
import { groupAnswer } from '$lib/server/groups/route';
import { groupNameSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The groups the user leads or belongs to. */
export const GET: RequestHandler = ({ locals }) =>
	groupAnswer(locals.user, (user) => services().groups.mine(user));

/** An agent makes a group; it comes with an invitation code. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await readJson(request, groupNameSchema, 4096);
	if (!body.ok) return body.response;
	return groupAnswer(locals.user, (user) => services().groups.create(user, body.value.name), 201);
};
