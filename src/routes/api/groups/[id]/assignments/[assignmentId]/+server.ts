import { groupAnswer } from '$lib/server/groups/route';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	groupAnswer(locals.user, (user) =>
		services().groups.unassign(user, params.id, params.assignmentId)
	);
