import { json } from '@sveltejs/kit';
import { apiError } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	if (!locals.user) return apiError(401, { error: 'unauthenticated', message: 'Not signed in.' });
	return json({ user: locals.user }, { headers: { 'cache-control': 'no-store' } });
};
