import { getServerDb } from '$lib/server/db/instance';
import { publicTrace } from '$lib/server/trace/public-trace';
import {
	renderTraceNotFound,
	renderTracePage,
	type TraceLocale
} from '$lib/server/trace/trace-page';
import type { RequestHandler } from './$types';

/**
 * The public trace page of a batch (the QR on its label points here): no login, HTML and CSS only, Chinese
 * unless `?lang=en` (or the browser asks for English first). Unknown or unpublished: the same friendly 404.
 */
export const GET: RequestHandler = async ({ params, url, request }) => {
	const asked = url.searchParams.get('lang');
	const locale: TraceLocale =
		asked === 'en' || asked === 'zh-CN'
			? asked
			: /^en\b/i.test(request.headers.get('accept-language') ?? '')
				? 'en'
				: 'zh-CN';
	const server = getServerDb();
	const view = server ? await publicTrace(server.db, params.code) : null;
	const html = view
		? renderTracePage(view, locale, url.pathname)
		: renderTraceNotFound(params.code, locale, url.pathname);
	return new Response(html, {
		status: view ? 200 : 404,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			// a farmer may unpublish at any time: nobody keeps a copy without asking again (the page is small)
			'cache-control': 'no-cache',
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
		}
	});
};
