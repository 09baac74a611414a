import type { Handle, ServerInit } from '@sveltejs/kit';
import { building, dev, version } from '$app/environment';
import { env } from '$env/dynamic/private';
import { createServerDb, migrateToLatest } from '$lib/server/db/database';
import { setServerDb, getServerDb } from '$lib/server/db/instance';
import { apiError } from '$lib/server/api';
import { gzipJsonResponse } from '$lib/server/compress';
import { log } from '$lib/server/log';
import { auditIfRulesChanged } from '$lib/server/records/record-audit';
import { preloadFor } from '$lib/server/preload';
import { services } from '$lib/server/services';
import {
	HSTS,
	SESSION_COOKIE,
	servedOverHttps,
	setSessionCookie
} from '$lib/server/session-cookie';

/** How often unneeded photos and given-up uploads are looked for (blob-store.ts cleanup). */
const BLOB_UPKEEP_MS = 6 * 3600_000;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF: a state-changing request (API or not) must come from our own pages. Browsers send Origin on every such request
 * (and Sec-Fetch-Site); another site's page can't fake either. Together with SameSite=Lax cookies.
 */
function isCrossSite(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	// hosts, not origins: without ORIGIN set, adapter-node can't know whether a proxy terminated https
	if (origin !== null && hostOf(origin) !== url.host) return true;
	return request.headers.get('sec-fetch-site') === 'cross-site';
}

function hostOf(origin: string): string | null {
	try {
		return new URL(origin).host;
	} catch {
		return null;
	}
}

/**
 * Headers on every answer of the app and the API (the page CSP itself comes from svelte.config.js): no MIME
 * sniffing, no referrer to other sites, camera and location only for our own pages, no framing, and a
 * browsing context of our own.
 */
const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'permissions-policy': 'camera=(self), geolocation=(self), microphone=(), payment=(), usb=()',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin'
};

/** Over https (servedOverHttps), HSTS too: the browser then never tries plain http for this host again. */
function withSecurityHeaders(response: Response, https: boolean): Response {
	const headers = https
		? { ...SECURITY_HEADERS, 'strict-transport-security': HSTS }
		: SECURITY_HEADERS;
	try {
		for (const [name, value] of Object.entries(headers))
			if (!response.headers.has(name)) response.headers.set(name, value);
		return response;
	} catch {
		// immutable headers (a response passed through as it came): copy it
		const copy = new Response(response.body, response);
		for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
		return copy;
	}
}

/**
 * A path with a control character in it (`%00` … `%1F`, `%7F`): no link of ours makes one, and PostgreSQL
 * refuses a NUL in text, so it is answered 400 here rather than reaching a route as an id.
 */
function hasControlCharacter(pathname: string): boolean {
	return /%(?:[01][0-9a-f]|7f)/i.test(pathname);
}

/**
 * SvelteKit's own answers under /api/ in the API's JSON shape: its HTML 404 page for an address that is no
 * route, its plain-text 405 for a route called with a method it lacks, and its HTML error page for an address
 * it could not even decode (`/api/%FF`: 400). Every JSON answer, and every success, passes as it is.
 */
function asApiError(method: string, pathname: string, response: Response): Response {
	const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
	if (isJson || response.status < 400) return response;
	if (response.status === 405) {
		const allow = response.headers.get('allow') ?? '';
		const answer = apiError(405, {
			error: 'method_not_allowed',
			field: 'method',
			message: `${method} is not allowed here${allow ? `; use ${allow}` : ''}.`
		});
		if (allow) answer.headers.set('allow', allow);
		return answer;
	}
	if (response.status === 400)
		return apiError(400, {
			error: 'invalid',
			field: 'path',
			message: 'The address could not be read: it has a broken %-escape.'
		});
	if (response.status === 404)
		return apiError(404, {
			error: 'not_found',
			field: 'path',
			message: `There is no API at ${pathname}.`
		});
	return apiError(response.status, {
		error: 'failed',
		message: `The server could not answer this request (${response.status}).`
	});
}

export const init: ServerInit = async () => {
	if (building) return;
	const server = createServerDb({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
	const applied = await migrateToLatest(server.db);
	setServerDb(server);
	if (!dev && !env.ORIGIN)
		log.warn(
			'ORIGIN is not set: the session cookie goes without Secure and no HSTS is sent unless PROTOCOL_HEADER names a trusted proxy header. In production set ORIGIN to the public address, e.g. ORIGIN=https://heitu.example.cn (README, Configuration).'
		);
	log.info('database ready', { kind: server.kind, location: server.location, applied, version });
	// stored records checked against the schemas once per rules version, after the start, not before it
	void auditIfRulesChanged(server.db).catch((error: unknown) =>
		log.error('stored records could not be checked', { error: String(error) })
	);
	// photos: those stored before uploaders were kept are matched to them, then what no one needs is let go
	// (at the start and every few hours; safe beside other server processes on the same database)
	const blobUpkeep = async () => {
		const removed = await services().blobs.cleanup();
		if (removed.uploads || removed.blobs) log.info('photos no one needs let go', removed);
	};
	const blobFailed = (error: unknown) => log.error('photo upkeep failed', { error: String(error) });
	void services()
		.blobs.adoptLegacy()
		.then((adopted) => adopted && log.info('photos matched to their uploaders', { adopted }))
		.then(blobUpkeep)
		.catch(blobFailed);
	setInterval(() => void blobUpkeep().catch(blobFailed), BLOB_UPKEEP_MS).unref();
	// adapter-node emits this after it stops taking requests on SIGTERM/SIGINT
	process.once('sveltekit:shutdown', (reason: string) => {
		log.info('shutting down', { reason });
		void getServerDb()
			?.db.destroy()
			.then(() => log.info('database closed'));
	});
};

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.user = null;
	event.locals.sessionToken = null;
	const isApi = event.url.pathname.startsWith('/api/');
	let response: Response;
	if (UNSAFE.has(event.request.method) && isCrossSite(event.request, event.url)) {
		response = apiError(403, { error: 'csrf', message: 'Requests must come from the app itself.' });
	} else if (hasControlCharacter(event.url.pathname)) {
		const message = 'The address has a character that is not allowed in it.';
		response = isApi
			? apiError(400, { error: 'invalid', field: 'path', message })
			: new Response(`网址里有不允许的字符。\n${message}\n`, {
					status: 400,
					headers: { 'content-type': 'text/plain; charset=utf-8' }
				});
	} else {
		const token = isApi ? event.cookies.get(SESSION_COOKIE) : undefined;
		if (token) {
			const session = await services().accounts.resumeSession(token);
			if (session) {
				event.locals.user = session.user;
				event.locals.sessionToken = token;
				setSessionCookie(event.cookies, event.request, token, session.expiresAt);
			}
		}
		const preload = preloadFor(event.url.pathname);
		response = await resolve(
			event,
			preload
				? { transformPageChunk: ({ html }) => html.replace('</head>', `${preload}</head>`) }
				: undefined
		);
	}
	if (isApi) response = asApiError(event.request.method, event.url.pathname, response);
	if (isApi) response = await gzipJsonResponse(event.request, response);
	response = withSecurityHeaders(response, servedOverHttps(event.request));
	log.info('request', {
		method: event.request.method,
		path: event.url.pathname,
		status: response.status,
		ms: Math.round(performance.now() - started)
	});
	return response;
};
