import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'heitu_session';

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure over https. */
export function setSessionCookie(
	cookies: Cookies,
	url: URL,
	token: string,
	expiresAt: number
): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}
