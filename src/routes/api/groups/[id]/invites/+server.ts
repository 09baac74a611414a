import { readJson } from '$lib/server/api';
import { groupAnswer } from '$lib/server/groups/route';
import { inviteSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The agent makes a new invitation code; the old one stops working. */
export const POST: RequestHandler = async ({ request, locals, params }) => {
	const body = await readJson(request, inviteSchema, 4096);
	if (!body.ok) return body.response;
	return groupAnswer(
		locals.user,
		(user) => services().groups.invite(user, params.id, body.value.days),
		201
	);
};
