import type { Cookies } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

export const SESSION_COOKIE = 'heitu_session';

/**
 * Whether the user reached us over https. adapter-node assumes https unless ORIGIN says otherwise, so ask
 * the browser: its Origin header carries the scheme of the page. ORIGIN, when set, decides.
 */
function overHttps(request: Request): boolean {
	if (env.ORIGIN) return env.ORIGIN.startsWith('https:');
	return (request.headers.get('origin') ?? '').startsWith('https:');
}

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure over https. */
export function setSessionCookie(
	cookies: Cookies,
	request: Request,
	token: string,
	expiresAt: number
): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: overHttps(request),
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, request: Request): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: overHttps(request) });
}
