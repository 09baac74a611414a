import { getServerDb } from '$lib/server/db/instance';
import { services } from '$lib/server/services';
import { publicTrace } from '$lib/server/trace/public-trace';
import type { RequestHandler } from './$types';

/** The picture type from its first bytes (photos are stored as bytes, by hash). */
function imageType(bytes: Uint8Array): string | null {
	if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
	if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
	if (bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50)
		return 'image/webp';
	return null;
}

/**
 * A photo of a published batch's trace: only the ones its page shows (named in the batch's own chain and
 * uploaded by the batch's owner, public-trace.ts), so no other photo can be fetched here.
 */
export const GET: RequestHandler = async ({ params }) => {
	const server = getServerDb();
	const view = server ? await publicTrace(server.db, params.code) : null;
	const allowed = view?.photos.some((p) => p.hash === params.hash) ?? false;
	const bytes = allowed ? await services().blobs.read(params.hash) : null;
	const type = bytes ? imageType(bytes) : null;
	if (!bytes || !type) return new Response('Not found', { status: 404 });
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': type,
			'cache-control': 'no-cache',
			'x-content-type-options': 'nosniff'
		}
	});
};
