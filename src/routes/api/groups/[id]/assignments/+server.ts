import { readJson } from '$lib/server/api';
import { groupAnswer } from '$lib/server/groups/route';
import { assignSchema } from '$lib/server/schemas';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The agent sets a lesson for the group, due on a day. */
export const POST: RequestHandler = async ({ request, locals, params }) => {
	const body = await readJson(request, assignSchema, 4096);
	if (!body.ok) return body.response;
	return groupAnswer(
		locals.user,
		(user) => services().groups.assign(user, params.id, body.value.lessonId, body.value.dueAt),
		201
	);
};
