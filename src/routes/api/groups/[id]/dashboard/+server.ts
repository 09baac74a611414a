import { groupAnswer } from '$lib/server/groups/route';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The group's agent only: what each member shares now. */
export const GET: RequestHandler = ({ locals, params }) =>
	groupAnswer(locals.user, (user) => services().groups.dashboard(user, params.id));
