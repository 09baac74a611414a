import { readJson } from '$lib/server/api';
import { groupAnswer } from '$lib/server/groups/route';
import { membershipSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** A member changes what they share. */
export const PUT: RequestHandler = async ({ request, locals, params }) => {
	const body = await readJson(request, membershipSchema, 4096);
	if (!body.ok) return body.response;
	return groupAnswer(locals.user, (user) =>
		services().groups.setSharing(user, params.id, body.value.sharing)
	);
};

/** A member leaves: everything they shared is taken back. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	groupAnswer(locals.user, (user) => services().groups.leave(user, params.id));
