import { apiError } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** Any address under /api/ that is not a route: a JSON answer that says so, like every other API error. */
export const fallback: RequestHandler = ({ params }) =>
	apiError(404, {
		error: 'not_found',
		field: 'path',
		message: `There is no API at /api/${params.path}.`
	});
