import type { Cookies } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

export const SESSION_COOKIE = 'heitu_session';

/**
 * Whether this answer goes out over https, by what the server is told, never by what a client claims:
 * ORIGIN when it is set (the production setting); else, behind a trusted proxy (PROTOCOL_HEADER set), the
 * scheme that proxy puts in that header; else plain http, as `npm start` on a laptop serves. adapter-node's
 * own guess (event.url) says https when it knows nothing, and a browser's Origin header is missing on GETs,
 * so neither is asked.
 */
export function servedOverHttps(request: Request): boolean {
	if (env.ORIGIN) return env.ORIGIN.trim().toLowerCase().startsWith('https:');
	const header = env.PROTOCOL_HEADER?.trim();
	if (header) return (request.headers.get(header) ?? '').trim().toLowerCase() === 'https';
	return false;
}

/** Strict-Transport-Security for answers over https: a year, this host only (see README, Security). */
export const HSTS = 'max-age=31536000';

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
		secure: servedOverHttps(request),
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, request: Request): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: servedOverHttps(request) });
}
