import { json } from '@sveltejs/kit';
import type { User } from '../auth/accounts';
import { apiError } from '../api';
import { GroupError } from './groups';

/**
 * Runs a group or admin action for the signed-in user and answers with its result as JSON, or with the
 * error in the API's shape (docs/sync-protocol.md, Groups). Nothing here is cached: it is per person.
 */
export async function groupAnswer(
	user: User | null,
	work: (user: User) => Promise<unknown>,
	status = 200
): Promise<Response> {
	if (!user) return apiError(401, { error: 'unauthenticated', message: 'Sign in first.' });
	try {
		const result = await work(user);
		if (result === undefined) return new Response(null, { status: 204 });
		return json(result, { status, headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		if (error instanceof GroupError)
			return apiError(error.status, {
				error: error.code,
				message: error.message,
				...(error.field ? { field: error.field } : {})
			});
		throw error;
	}
}
