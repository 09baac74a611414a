import { groupAnswer } from '$lib/server/groups/route';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Agents and experts: the open questions they may answer now, urgent and newest first, with every answer. */
export const GET: RequestHandler = ({ locals }) =>
	groupAnswer(locals.user, (user) => services().questions.queue(user));
