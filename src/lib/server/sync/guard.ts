import { SCHEMA_VERSION } from '$lib/domain/records';
import type { User } from '../auth/accounts';
import { apiError } from '../api';

/** The checks every sync request passes first: signed in, same schema version. */
export function syncGuard(user: User | null, schemaVersion: number): Response | null {
	if (!user) {
		return apiError(401, { error: 'unauthenticated', message: 'Sign in to sync.' });
	}
	if (schemaVersion !== SCHEMA_VERSION) {
		return apiError(409, {
			error: 'schema_mismatch',
			serverSchemaVersion: SCHEMA_VERSION,
			message:
				schemaVersion < SCHEMA_VERSION
					? 'This app is older than the server: update the app, then sync again.'
					: 'The server is older than this app: try again later.'
		});
	}
	return null;
}
