import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
/** Smaller answers go as they are: the gzip header and the work would not pay off. */
const GZIP_FROM_BYTES = 1024;

/**
 * Gzips a JSON answer for a client that accepts it. Pulled records repeat the same keys and clock stamps,
 * so a page shrinks several times: what a 2G link cares about most.
 */
export async function gzipJsonResponse(request: Request, response: Response): Promise<Response> {
	if (
		!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') ||
		!(response.headers.get('content-type') ?? '').startsWith('application/json') ||
		response.headers.has('content-encoding') ||
		!response.body
	) {
		return response;
	}
	const bytes = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'accept-encoding');
	if (bytes.length < GZIP_FROM_BYTES) {
		return new Response(bytes, { status: response.status, headers });
	}
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	return new Response(await gzipAsync(bytes, { level: 6 }), { status: response.status, headers });
}
