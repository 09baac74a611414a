import { groupAnswer } from '$lib/server/groups/route';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Admins only: counts and means per group. */
export const GET: RequestHandler = ({ locals }) =>
	groupAnswer(locals.user, (user) => services().admin.overview(user));
