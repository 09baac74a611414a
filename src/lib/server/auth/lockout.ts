import { apiError } from '../api';
import { LoginThrottle } from './login-throttle';

/**
 * The one login lockout of this server, shared by everything that checks a secret of an account: signing in,
 * the current password when changing it, and an admin's one-time code. A wrong guess at any of them counts
 * against the same login (and address), so none is a way round the others.
 */
const throttle = new LoginThrottle();

/** A 429 answer with Retry-After when this login or address is locked now, else null. */
export function lockedOut(login: string, address: string): Promise<Response | null> {
	const wait = throttle.waitFor(LoginThrottle.keys(login, address));
	if (wait <= 0) return Promise.resolve(null);
	const response = apiError(429, {
		error: 'too_many_attempts',
		message: 'Too many wrong passwords. Try again later.'
	});
	response.headers.set('Retry-After', String(Math.ceil(wait / 1000)));
	return Promise.resolve(response);
}

/** A wrong password or code for this login from this address. */
export function countFailure(login: string, address: string): Promise<void> {
	throttle.failed(login, address);
	return Promise.resolve();
}

/** The right secret: the login's count starts again. */
export function countSuccess(login: string): Promise<void> {
	throttle.succeeded(login);
	return Promise.resolve();
}
