import { PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT } from '$lib/domain/sync-protocol';
import { apiError, intParam } from '$lib/server/api';
import { groupAnswer } from '$lib/server/groups/route';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The asker: changes to the answers to their own questions after revision `since`. */
export const GET: RequestHandler = ({ url, locals }) => {
	const since = intParam(url, 'since', 0);
	const limit = intParam(url, 'limit', PULL_DEFAULT_LIMIT);
	if (since === null)
		return apiError(400, {
			error: 'invalid',
			field: 'since',
			message: 'since must be a whole number.'
		});
	if (limit === null || limit < 1 || limit > PULL_MAX_LIMIT)
		return apiError(400, {
			error: 'invalid',
			field: 'limit',
			message: `limit must be a whole number from 1 to ${PULL_MAX_LIMIT}.`
		});
	return groupAnswer(locals.user, (user) => services().questions.answersToMine(user, since, limit));
};
